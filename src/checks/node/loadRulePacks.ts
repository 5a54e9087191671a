import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRulePack } from '../style/defaultPack';
import { parseRulePack, type RulePack } from '../style/rulePack';
import type { RulePackProblem } from '../config';

export type { RulePackProblem } from '../config';

/** Where a library keeps its own style rule packs. */
export const STYLE_DIR = 'style';

/**
 * The default pack plus every `<library>/style/*.json` pack. A library pack with the id
 * `default` replaces the shipped one (that is how a newsroom edits the house rules). A file
 * that does not parse or validate is reported in `problems` and left untouched.
 */
export async function loadRulePacks(
  libraryDir: string,
): Promise<{ packs: RulePack[]; problems: RulePackProblem[] }> {
  const dir = join(libraryDir, STYLE_DIR);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  const packs = new Map<string, RulePack>([['default', defaultRulePack()]]);
  const problems: RulePackProblem[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = join(STYLE_DIR, name);
    try {
      const pack = parseRulePack(
        JSON.parse(await readFile(join(dir, name), 'utf8')),
        `The style pack ${file}`,
      );
      packs.set(pack.id, pack);
    } catch (e) {
      problems.push({
        file,
        message:
          e instanceof SyntaxError
            ? `The style pack ${file} is not valid JSON: ${e.message}.`
            : (e as Error).message,
      });
    }
  }
  return { packs: [...packs.values()], problems };
}
