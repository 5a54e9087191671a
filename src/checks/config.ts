import { isPackEnabled, isRuleEnabled, type RuleToggles } from './style/engine';
import type { RulePack } from './style/rulePack';

/** A pack file that could not be used, and why: shown to the user, never silently skipped. */
export interface RulePackProblem {
  file: string;
  message: string;
}

/**
 * What a checker needs from the library, as main sends it to the renderer's checks worker:
 * the newsroom dictionary, every rule pack (the shipped default, or the library's replacement,
 * plus the library's own) and which packs and rules the library switched on or off.
 */
export interface CheckConfig {
  /** The newsroom dictionary's words (`<library>/dictionary.txt`). */
  words: string[];
  packs: RulePack[];
  /** The library's switches over the packs' own `enabled` flags (kept in `library.json`). */
  toggles: StyleToggles;
  /** Pack files that could not be used. */
  problems: RulePackProblem[];
}

/** The switches as the library keeps them: lists of pack ids and `pack/rule` keys. */
export interface StyleToggles {
  disabledPacks: string[];
  enabledPacks: string[];
  disabledRules: string[];
  enabledRules: string[];
}

export const NO_TOGGLES: StyleToggles = {
  disabledPacks: [],
  enabledPacks: [],
  disabledRules: [],
  enabledRules: [],
};

/** Fills in the lists a stored value lacks. */
export function normaliseToggles(t: Partial<RuleToggles> | undefined): StyleToggles {
  return {
    disabledPacks: [...(t?.disabledPacks ?? [])],
    enabledPacks: [...(t?.enabledPacks ?? [])],
    disabledRules: [...(t?.disabledRules ?? [])],
    enabledRules: [...(t?.enabledRules ?? [])],
  };
}

/**
 * The toggles after switching a pack (no `rule`) or one rule on or off. Only differences from
 * the pack file are recorded: switching a rule back to what its file says removes its entry,
 * so a later edit of the file is not hidden by a stale switch.
 */
export function setStyleEnabled(
  toggles: StyleToggles,
  pack: RulePack,
  rule: string | undefined,
  enabled: boolean,
): StyleToggles {
  const without = (list: string[], key: string) => list.filter((k) => k !== key);
  if (rule === undefined) {
    const disabledPacks = without(toggles.disabledPacks, pack.id);
    const enabledPacks = without(toggles.enabledPacks, pack.id);
    if (enabled && !pack.enabled) enabledPacks.push(pack.id);
    if (!enabled && pack.enabled) disabledPacks.push(pack.id);
    return { ...toggles, disabledPacks, enabledPacks };
  }
  const r = pack.rules.find((x) => x.id === rule);
  if (!r) return toggles;
  const key = `${pack.id}/${rule}`;
  const disabledRules = without(toggles.disabledRules, key);
  const enabledRules = without(toggles.enabledRules, key);
  if (enabled && !r.enabled) enabledRules.push(key);
  if (!enabled && r.enabled) disabledRules.push(key);
  return { ...toggles, disabledRules, enabledRules };
}

/** Whether the pack, and each of its rules, runs under these toggles (for the settings view). */
export function packState(
  pack: RulePack,
  toggles: StyleToggles,
): { enabled: boolean; rules: Record<string, boolean> } {
  const rules: Record<string, boolean> = {};
  for (const r of pack.rules) rules[r.id] = isRuleEnabled(pack, r, toggles);
  return { enabled: isPackEnabled(pack, toggles), rules };
}
