import type { RawIssue } from '../spelling';
import type { RulePack, StyleRule } from './rulePack';
import { weekdayDateIssues } from './weekdayDate';

/** A rule ready to run: compiled once per set of packs, not per keystroke. */
export interface CompiledRule {
  /** `pack/rule`, as findings report it. */
  key: string;
  run(text: string, now: Date): RawIssue[];
}

/** Which packs and rules are switched off, beyond each pack's and rule's own `enabled`. */
export interface RuleToggles {
  /** Pack ids switched off. */
  disabledPacks?: readonly string[];
  /** Pack ids switched on even though the pack file says `enabled: false`. */
  enabledPacks?: readonly string[];
  /** `pack/rule` keys switched off. */
  disabledRules?: readonly string[];
  /** `pack/rule` keys switched on even though the pack file says `enabled: false` (a house choice). */
  enabledRules?: readonly string[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function keepCase(found: string, replacement: string): string {
  if (/^\p{Lu}/u.test(found) && /^\p{Ll}/u.test(replacement))
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

function expand(template: string, m: RegExpMatchArray, map?: Record<string, string>): string {
  return template.replace(/\$(m|\d)/g, (_, g: string) => {
    if (g === 'm') return map?.[m[1] ?? ''] ?? m[1] ?? '';
    return m[Number(g)] ?? '';
  });
}

function message(rule: StyleRule, fix: string | undefined, found: string): string {
  const example = rule.example ? ` (${rule.example.wrong} → ${rule.example.right})` : '';
  return fix !== undefined && fix !== found
    ? `${rule.explanation} Write “${fix}”${example}.`
    : `${rule.explanation}${example}`;
}

function compileRule(pack: RulePack, rule: StyleRule): CompiledRule {
  const key = `${pack.id}/${rule.id}`;
  const severity = rule.severity;
  if (rule.type === 'builtin') {
    return { key, run: (text, now) => weekdayDateIssues(text, key, now) };
  }
  if (rule.type === 'words') {
    const table = new Map(
      Object.entries(rule.words).map(([k, v]) => [rule.caseSensitive ? k : k.toLowerCase(), v]),
    );
    const alternatives = [...table.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`,
      rule.caseSensitive ? 'gu' : 'giu',
    );
    return {
      key,
      run(text) {
        const out: RawIssue[] = [];
        for (const m of text.matchAll(re)) {
          const right = table.get(rule.caseSensitive ? m[0] : m[0].toLowerCase());
          if (right === undefined) continue;
          const fix = keepCase(m[0], right);
          if (fix === m[0]) continue;
          out.push({
            rule: key,
            start: m.index,
            end: m.index + m[0].length,
            text: m[0],
            message: message(rule, fix, m[0]),
            suggestions: [fix],
            severity,
          });
        }
        return out;
      },
    };
  }
  const re = new RegExp(rule.pattern, `gu${rule.flags}`);
  return {
    key,
    run(text) {
      const out: RawIssue[] = [];
      for (const m of text.matchAll(re)) {
        if (m[0].length === 0) continue;
        const fix =
          rule.replacement === undefined ? undefined : keepCase(m[0], expand(rule.replacement, m, rule.map));
        // A pattern that also matches the house form (7am) must not flag it.
        if (fix === m[0]) continue;
        out.push({
          rule: key,
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          message: message(rule, fix, m[0]),
          suggestions: fix === undefined ? [] : [fix],
          severity,
        });
      }
      return out;
    },
  };
}

/** Whether a pack runs: its file's `enabled`, unless a toggle says otherwise. */
export function isPackEnabled(pack: RulePack, toggles: RuleToggles = {}): boolean {
  if (toggles.disabledPacks?.includes(pack.id)) return false;
  return pack.enabled || (toggles.enabledPacks?.includes(pack.id) ?? false);
}

/** Whether a rule of an enabled pack runs: its own `enabled`, unless a toggle says otherwise. */
export function isRuleEnabled(pack: RulePack, rule: StyleRule, toggles: RuleToggles = {}): boolean {
  const key = `${pack.id}/${rule.id}`;
  if (toggles.enabledRules?.includes(key)) return true;
  return rule.enabled && !(toggles.disabledRules?.includes(key) ?? false);
}

/** Compiles the enabled rules of the enabled packs, honouring the toggles. */
export function compileRulePacks(packs: readonly RulePack[], toggles: RuleToggles = {}): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const pack of packs) {
    if (!isPackEnabled(pack, toggles)) continue;
    for (const rule of pack.rules) if (isRuleEnabled(pack, rule, toggles)) out.push(compileRule(pack, rule));
  }
  return out;
}

/** Runs the compiled rules over one text. */
export function styleIssues(text: string, rules: readonly CompiledRule[], now: Date): RawIssue[] {
  return rules.flatMap((r) => r.run(text, now));
}
