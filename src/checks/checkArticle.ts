import { bodyBlocks, type TextBlock } from './blocks';
import { articleAgreement } from './grammar';
import { stableHash } from './hash';
import {
  countNameForms,
  mergeNameForms,
  nameOccurrences,
  nameVariants,
  type NameForm,
  type NameOccurrence,
} from './names';
import {
  blockReadability,
  DEFAULT_READABILITY,
  fleschReadingEase,
  type BlockReadability,
  type ReadabilityOptions,
} from './readability';
import { DEFAULT_READINESS, readinessReport, type ReadinessHooks, type ReadinessOptions } from './readiness';
import { describeSegment, type Segment } from './segments';
import { spellText, type RawIssue, type SpellChecker } from './spelling';
import { compileRulePacks, styleIssues, type CompiledRule, type RuleToggles } from './style/engine';
import type { RulePack } from './style/rulePack';
import { indexBodyFacts, readFacts, unsupportedClaims, type BodyFacts } from './support';
import { isAllCaps, isCapitalised, stripPossessive, words, type Token } from './tokens';
import {
  FINDING_KINDS,
  type CheckableArticle,
  type CheckedField,
  type CheckResult,
  type Finding,
  type FindingKind,
} from './types';

/** What to check and how. Everything is optional except what the caller cannot do without. */
export interface CheckOptions {
  /** The dictionary; without one there are no spelling findings (and names use a weaker test). */
  spell?: SpellChecker;
  /** Style rule packs (the default pack and the library's); none means no style findings. */
  packs?: readonly RulePack[];
  toggles?: RuleToggles;
  /** Which kinds to run; default all. */
  kinds?: readonly FindingKind[];
  readiness?: Partial<ReadinessOptions>;
  readability?: Partial<ReadabilityOptions>;
  hooks?: ReadinessHooks;
  /** "Ignore here": finding ids. */
  ignoredFindings?: readonly string[];
  /** "Ignore everywhere in this article": a rule and the exact text it fired on. */
  ignoredEverywhere?: readonly { rule: string; text: string }[];
  /** The date the weekday check reasons from when a date has no year. Default: now. */
  now?: Date;
}

/** What is kept per body block between checks: everything that depends only on its text. */
interface BlockEntry {
  tokens: Token[];
  spelling: RawIssue[];
  unknownCapitalised: Token[];
  grammar: RawIssue[];
  style: RawIssue[];
  readability: BlockReadability;
  facts: BodyFacts;
  capitalised: Map<string, number>;
  names: { uses: Omit<NameOccurrence, 'segment'>[]; forms: Map<string, NameForm> } | null;
  lastUsed: number;
}

/** A checker that keeps per-block results, so rechecking after an edit redoes only the edited blocks. */
export interface Checker {
  /** Checks the whole article, reusing the results of unchanged body blocks. */
  check(
    article: CheckableArticle,
    overrides?: Pick<CheckOptions, 'ignoredFindings' | 'ignoredEverywhere' | 'readiness' | 'hooks' | 'now'>,
  ): CheckResult;
  /** How many body blocks are cached. */
  readonly cacheSize: number;
}

/**
 * Creates a checker. Keep one per open article (in the renderer, inside the checks worker) and
 * call `check` after each edit: a block whose text did not change is not checked again, so
 * typing a word in a 20,000-word article rechecks one paragraph plus the cheap article-wide
 * passes (names, headline support, readiness).
 */
export function createChecker(options: CheckOptions = {}): Checker {
  const kinds = new Set(options.kinds ?? FINDING_KINDS);
  const rules: CompiledRule[] = kinds.has('style')
    ? compileRulePacks(options.packs ?? [], options.toggles)
    : [];
  const readabilityOptions = { ...DEFAULT_READABILITY, ...options.readability };
  const spell = options.spell;
  const isWord = (w: string) => (spell ? spell.correct(w) : !/^\p{Lu}/u.test(w));
  const cache = new Map<string, BlockEntry>();
  let generation = 0;

  const analyse = (text: string, paragraph: boolean): BlockEntry => {
    const spelled =
      spell && kinds.has('spelling')
        ? spellText(text, spell)
        : { issues: [], unknownCapitalised: [], tokens: words(text) };
    const capitalised = new Map<string, number>();
    for (const t of spelled.tokens) {
      const w = stripPossessive(t.text);
      if (isCapitalised(w) && !isAllCaps(w)) capitalised.set(w, (capitalised.get(w) ?? 0) + 1);
    }
    return {
      tokens: spelled.tokens,
      spelling: spelled.issues,
      unknownCapitalised: spelled.unknownCapitalised,
      grammar: kinds.has('grammar') ? articleAgreement(text) : [],
      style: rules.length ? styleIssues(text, rules, options.now ?? new Date()) : [],
      readability: blockReadability(text, readabilityOptions, paragraph),
      facts: indexBodyFacts([
        {
          facts: kinds.has('support') ? readFacts(text) : { figures: [], pairs: [], times: [], dates: [] },
          tokens: spelled.tokens,
        },
      ]),
      capitalised,
      names: null,
      lastUsed: generation,
    };
  };

  return {
    get cacheSize() {
      return cache.size;
    },
    check(article, overrides = {}) {
      const started = performance.now();
      generation++;
      const now = overrides.now ?? options.now ?? new Date();
      const { blocks, leaves } = bodyBlocks(article.body);
      let checked = 0;
      const entries: BlockEntry[] = blocks.map((b) => {
        const key = stableHash(`${b.type}\u0000${b.text}`) + b.text.length.toString(36);
        let e = cache.get(key);
        if (!e) {
          e = analyse(b.text, b.type === 'paragraph');
          cache.set(key, e);
          checked++;
        }
        e.lastUsed = generation;
        return e;
      });
      // Drop what the document no longer holds, so the cache stays the size of the article.
      if (cache.size > entries.length * 2 + 16)
        for (const [k, e] of cache) if (e.lastUsed !== generation) cache.delete(k);

      const fieldNames: Exclude<CheckedField, 'body'>[] = [
        'headline',
        'contentHighlight',
        'byline',
        'dateline',
      ];
      const fieldEntries = fieldNames.map((field) => ({
        field,
        text: article[field] ?? '',
        entry: analyse(article[field] ?? '', false),
      }));
      const fieldSegments: Segment[] = fieldEntries.map((f) => ({
        field: f.field,
        text: f.text,
        tokens: f.entry.tokens,
      }));
      const bodySegments: Segment[] = blocks.map((b, i) => ({
        field: 'body',
        text: b.text,
        tokens: entries[i]!.tokens,
        block: b,
      }));

      const raw: { seg: Segment; kind: FindingKind; issue: RawIssue }[] = [];
      const push = (seg: Segment, kind: FindingKind, issues: readonly RawIssue[]) => {
        for (const issue of issues) raw.push({ seg, kind, issue });
      };

      // Spelling: a capitalised word the dictionary lacks is the article's own name when it is
      // used at least twice (Okonjo), or is in the newsroom dictionary; used once it is a note.
      if (spell && kinds.has('spelling')) {
        const capCount = new Map<string, number>();
        for (const e of [...entries, ...fieldEntries.map((f) => f.entry)])
          for (const [w, n] of e.capitalised) capCount.set(w, (capCount.get(w) ?? 0) + n);
        const spellingOf = (seg: Segment, e: BlockEntry) => {
          push(seg, 'spelling', e.spelling);
          push(
            seg,
            'spelling',
            e.unknownCapitalised
              .filter((t) => (capCount.get(t.text) ?? 0) < 2 && !spell.isNewsroomWord(t.text))
              .map((t) => ({
                rule: 'unknown-name',
                start: t.start,
                end: t.end,
                text: t.text,
                message: `“${t.text}” is not in the dictionary and appears only once. If it is a name, check it against your notes, then add it to the newsroom dictionary.`,
                suggestions: [],
                severity: 'info' as const,
              })),
          );
        };
        entries.forEach((e, i) => spellingOf(bodySegments[i]!, e));
        fieldEntries.forEach((f, i) => {
          // Datelines and bylines are names and places: only flag what is certainly a typo there.
          if (f.field === 'byline' || f.field === 'dateline')
            push(
              fieldSegments[i]!,
              'spelling',
              f.entry.spelling.filter((s) => s.rule === 'repeated-word'),
            );
          else spellingOf(fieldSegments[i]!, f.entry);
        });
      }
      if (kinds.has('grammar')) {
        entries.forEach((e, i) => push(bodySegments[i]!, 'grammar', e.grammar));
        fieldEntries.slice(0, 2).forEach((f, i) => push(fieldSegments[i]!, 'grammar', f.entry.grammar));
      }
      if (kinds.has('style')) {
        entries.forEach((e, i) => push(bodySegments[i]!, 'style', e.style));
        fieldEntries.slice(0, 2).forEach((f, i) => push(fieldSegments[i]!, 'style', f.entry.style));
      }
      if (kinds.has('names')) {
        // Per-block uses and counts are cached with the block; only the merge runs per keystroke.
        const nameSegments = [fieldSegments[0]!, fieldSegments[1]!, ...bodySegments];
        const perSegment = nameSegments.map((seg) => {
          const e = seg.block ? entries[seg.block.index]! : null;
          if (!e) {
            const uses = nameOccurrences([seg], isWord);
            return { seg, uses, forms: countNameForms(uses) };
          }
          if (!e.names) {
            const uses = nameOccurrences([seg], isWord).map(({ segment: _s, ...o }) => o);
            e.names = { uses, forms: countNameForms(uses) };
          }
          return { seg, uses: e.names.uses, forms: e.names.forms };
        });
        const usesOf = (form: string) =>
          perSegment.flatMap((p) =>
            p.forms.has(form)
              ? p.uses.filter((u) => u.form === form).map((u) => ({ ...u, segment: p.seg }))
              : [],
          );
        const forms = mergeNameForms(perSegment.map((p) => p.forms));
        for (const { segment, issue } of nameVariants(forms, usesOf, isWord)) push(segment, 'names', [issue]);
      }
      if (kinds.has('support')) {
        const facts = entries.map((e) => e.facts);
        for (const seg of fieldSegments.slice(0, 2))
          push(seg, 'support', unsupportedClaims(seg, facts, isWord));
      }
      let wordsTotal = 0;
      let sentencesTotal = 0;
      let syllablesTotal = 0;
      entries.forEach((e, i) => {
        wordsTotal += e.readability.words;
        sentencesTotal += e.readability.sentences;
        syllablesTotal += e.readability.syllables;
        if (kinds.has('readability')) push(bodySegments[i]!, 'readability', e.readability.issues);
      });
      void now;

      const findings = finalise(raw, {
        ignoredFindings: new Set(overrides.ignoredFindings ?? options.ignoredFindings ?? []),
        ignoredEverywhere: overrides.ignoredEverywhere ?? options.ignoredEverywhere ?? [],
      });
      const readiness = readinessReport(
        article,
        { findings, blocks, leaves, bodyWords: wordsTotal },
        { ...DEFAULT_READINESS, ...options.readiness, ...overrides.readiness },
        overrides.hooks ?? options.hooks,
      );
      const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
      for (const f of findings) counts[f.kind]++;
      counts.readiness = readiness.items.filter((i) => i.status === 'fail').length;
      return {
        findings,
        readiness,
        stats: {
          words: wordsTotal,
          sentences: sentencesTotal,
          paragraphs: blocks.filter((b) => b.type === 'paragraph' && b.text.trim()).length,
          fleschReadingEase: fleschReadingEase(wordsTotal, sentencesTotal, syllablesTotal),
          averageSentenceWords: sentencesTotal ? Math.round((wordsTotal / sentencesTotal) * 10) / 10 : 0,
          counts,
          blocksChecked: checked,
          blocksCached: blocks.length - checked,
          elapsedMs: performance.now() - started,
        },
      };
    },
  };
}

/**
 * Checks an article once. For repeated checks of the same article (as the user types) keep a
 * `createChecker` instead: it reuses unchanged blocks.
 */
export function checkArticle(article: CheckableArticle, options: CheckOptions = {}): CheckResult {
  return createChecker(options).check(article);
}

function toFinding(seg: Segment, kind: FindingKind, issue: RawIssue): Finding {
  const block: TextBlock | undefined = seg.block;
  const from = block ? block.from + issue.start : issue.start;
  const to = block ? block.from + issue.end : issue.end;
  const position = block ? { from, to, block: block.index, offset: issue.start } : { from, to };
  return {
    id: stableHash(`${kind}\u0000${issue.rule}\u0000${seg.field}\u0000${issue.text}\u0000${from}`),
    kind,
    rule: issue.rule,
    message: issue.message,
    field: seg.field,
    text: issue.text,
    position,
    suggestions: issue.suggestions,
    severity: issue.severity,
  };
}

const FIELD_ORDER: CheckedField[] = ['headline', 'contentHighlight', 'byline', 'dateline', 'body'];

/**
 * Turns raw issues into findings: drops ignored ones, and where two kinds flag the very same
 * text (spelling's "the the" and the style pack's doubled word) keeps the more severe, then the
 * first kind in panel order, so one mistake is one finding.
 */
function finalise(
  raw: readonly { seg: Segment; kind: FindingKind; issue: RawIssue }[],
  ignore: { ignoredFindings: Set<string>; ignoredEverywhere: readonly { rule: string; text: string }[] },
): Finding[] {
  const byRange = new Map<string, Finding>();
  for (const r of raw) {
    const f = toFinding(r.seg, r.kind, r.issue);
    if (ignore.ignoredFindings.has(f.id)) continue;
    if (ignore.ignoredEverywhere.some((i) => i.rule === f.rule && i.text === f.text)) continue;
    const key = `${f.field}:${f.position.from}:${f.position.to}`;
    const prev = byRange.get(key);
    if (!prev || outranks(f, prev)) byRange.set(key, f);
  }
  return [...byRange.values()].sort(
    (a, b) =>
      FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
      a.position.from - b.position.from ||
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind),
  );
}

const SEVERITY_ORDER = ['error', 'warning', 'info'];
/** The more severe finding wins ("Whitfeld" as a name spelt two ways beats "unknown word"); then panel order. */
function outranks(a: Finding, b: Finding): boolean {
  const s = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  return s !== 0 ? s < 0 : FINDING_KINDS.indexOf(a.kind) < FINDING_KINDS.indexOf(b.kind);
}

/** Where a finding is, in words, for lists and the CLI ("paragraph 5, characters 12–16"). */
export function describeFinding(f: Finding): string {
  const seg = describeSegment({
    field: f.field,
    block:
      f.position.block === undefined
        ? undefined
        : ({ index: f.position.block, type: 'paragraph' } as TextBlock),
  });
  if (f.field === 'body')
    return `${seg.replace(/^the /, '')}, character ${(f.position.offset ?? 0) + 1} (position ${f.position.from}–${f.position.to})`;
  return `${seg.replace(/^the /, '')}, characters ${f.position.from + 1}–${f.position.to}`;
}
