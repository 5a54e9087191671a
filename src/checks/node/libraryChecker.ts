import { createChecker, type CheckOptions, type Checker } from '../checkArticle';
import { normaliseToggles, type CheckConfig, type RulePackProblem } from '../config';
import { createSpellChecker, type SpellChecker } from '../spelling';
import type { CheckableArticle, ReadinessItemId, ReadinessReport } from '../types';
import type { RuleToggles } from '../style/engine';
import { loadEnglishDictionary, readNewsroomDictionary } from './dictionary';
import { loadRulePacks } from './loadRulePacks';

/** Budgets the library settings give the readiness check, and its style switches. */
export interface LibraryBudgets {
  headlineBudget: number;
  contentHighlightBudget: number;
  /** The library's style switches (`LibrarySettings.styleToggles`). */
  styleToggles?: Partial<RuleToggles>;
}

/**
 * The library's check configuration: newsroom dictionary, rule packs and switches. Main sends it
 * to the renderer's checks worker (`getCheckConfig`), so the app checks as the CLI does.
 */
export async function readCheckConfig(
  libraryDir: string | null,
  toggles?: Partial<RuleToggles>,
): Promise<CheckConfig> {
  const [words, loaded] = await Promise.all([
    libraryDir ? readNewsroomDictionary(libraryDir) : Promise.resolve([]),
    loadRulePacks(libraryDir ?? '/nonexistent-copydesk-library'),
  ]);
  return { words, packs: loaded.packs, toggles: normaliseToggles(toggles), problems: loaded.problems };
}

/**
 * A checker set up from a library folder for main and the CLI: English dictionary plus the
 * library's newsroom words, the default style pack plus the library's packs with the library's
 * switches, and the library's headline and Content Highlight budgets.
 */
export async function createLibraryChecker(
  libraryDir: string | null,
  budgets?: LibraryBudgets,
  extra: CheckOptions = {},
): Promise<{ checker: Checker; spell: SpellChecker; problems: RulePackProblem[] }> {
  const [files, config] = await Promise.all([
    loadEnglishDictionary(),
    readCheckConfig(libraryDir, budgets?.styleToggles),
  ]);
  const spell = createSpellChecker(files, config.words);
  const checker = createChecker({
    spell,
    packs: config.packs,
    toggles: config.toggles,
    ...extra,
    readiness: {
      ...(budgets && {
        headlineBudget: budgets.headlineBudget,
        contentHighlightBudget: budgets.contentHighlightBudget,
      }),
      ...extra.readiness,
    },
  });
  return { checker, spell, problems: config.problems };
}

/**
 * The library's publish-readiness check as main and the CLI run it (dictionary, packs, switches
 * and budgets from the library), with some items counted as overridden. The checker is set up on
 * first use, so a command that never needs it does not load the dictionary; rule-pack problems go
 * to `onProblem` once.
 */
export function libraryReadiness(
  library: { dir: string; settings: LibraryBudgets },
  onProblem?: (problem: RulePackProblem) => void,
): (article: CheckableArticle, overrides: ReadinessItemId[]) => Promise<ReadinessReport> {
  let ready: Promise<Checker> | undefined;
  return async (article, overrides) => {
    ready ??= createLibraryChecker(library.dir, library.settings).then(({ checker, problems }) => {
      for (const p of problems) onProblem?.(p);
      return checker;
    });
    const { headlineBudget, contentHighlightBudget } = library.settings;
    return (await ready).check(article, { readiness: { headlineBudget, contentHighlightBudget, overrides } })
      .readiness;
  };
}
