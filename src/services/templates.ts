import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportTemplateInfo } from '../shared/contract';
import { CopydeskError } from '../shared/errors';
import { DEFAULT_TEMPLATE } from '../exporters/exportTemplate';

/** The folder inside a library that holds house templates. */
export const TEMPLATES_DIR = 'templates';
const TEMPLATE_NAME = /^[\w][\w .-]{0,150}\.njk$/;

/** The built-in template first, then every `templates/*.njk` file of the library, by name. */
export async function listTemplates(libraryDir: string): Promise<ExportTemplateInfo[]> {
  let names: string[] = [];
  try {
    names = (await readdir(join(libraryDir, TEMPLATES_DIR))).filter((n) => TEMPLATE_NAME.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return [{ name: DEFAULT_TEMPLATE.name, builtIn: true }, ...names.map((name) => ({ name, builtIn: false }))];
}

/**
 * The source of a template by the name {@link listTemplates} gave. Only a plain file name inside
 * `templates/` is accepted, so a name can never reach outside the library. A `NAME.css` beside
 * the template, if there is one, is its stylesheet.
 */
export async function loadTemplate(
  libraryDir: string,
  name: string,
): Promise<{ name: string; source: string; stylesheet?: string }> {
  if (name === DEFAULT_TEMPLATE.name) return DEFAULT_TEMPLATE;
  if (!TEMPLATE_NAME.test(name)) {
    throw new CopydeskError(
      'invalid-input',
      `“${name}” is not a template name: templates are .njk files in the library’s templates folder.`,
    );
  }
  const path = join(libraryDir, TEMPLATES_DIR, name);
  try {
    const source = await readFile(path, 'utf8');
    const stylesheet = await readFile(path.replace(/\.njk$/, '.css'), 'utf8').catch(() => undefined);
    return { name, source, ...(stylesheet === undefined ? {} : { stylesheet }) };
  } catch (cause) {
    throw new CopydeskError('not-found', `The template “${name}” is not in the library’s templates folder.`, {
      cause,
    });
  }
}
