import { createChecker, type CheckOptions, type Checker } from '../checkArticle';
import { createSpellChecker, type SpellChecker } from '../spelling';
import type { RulePackProblem } from './loadRulePacks';
import { loadEnglishDictionary, readNewsroomDictionary } from './dictionary';
import { loadRulePacks } from './loadRulePacks';

/** Budgets the library settings give the readiness check. */
export interface LibraryBudgets {
  headlineBudget: number;
  contentHighlightBudget: number;
}

/**
 * A checker set up from a library folder for main and the CLI: English dictionary plus the
 * library's newsroom words, the default style pack plus the library's packs, and the library's
 * headline and Content Highlight budgets.
 */
export async function createLibraryChecker(
  libraryDir: string | null,
  budgets?: LibraryBudgets,
  extra: CheckOptions = {},
): Promise<{ checker: Checker; spell: SpellChecker; problems: RulePackProblem[] }> {
  const [files, newsroom, loaded] = await Promise.all([
    loadEnglishDictionary(),
    libraryDir ? readNewsroomDictionary(libraryDir) : Promise.resolve([]),
    libraryDir ? loadRulePacks(libraryDir) : loadRulePacks('/nonexistent-copydesk-library'),
  ]);
  const spell = createSpellChecker(files, newsroom);
  const checker = createChecker({
    spell,
    packs: loaded.packs,
    ...extra,
    readiness: { ...budgets, ...extra.readiness },
  });
  return { checker, spell, problems: loaded.problems };
}
