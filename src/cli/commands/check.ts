import { stat } from 'node:fs/promises';
import { describeFinding } from '../../checks/checkArticle';
import { createLibraryChecker, type LibraryBudgets } from '../../checks/node/libraryChecker';
import { checkDroppedText, type DroppedTextFinding } from '../../checks/droppedText';
import type { CheckResult, Finding } from '../../checks/types';
import { importFile } from '../../importers/index';
import type { ArticleDraft, Article } from '../../shared/article';
import { LibraryStore } from '../../library/store';
import { absolute, exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * `copydesk check ID|FILE`: every finding, then the readiness checklist. A path to an existing
 * file is imported in memory only (nothing is written to the library); anything else is an
 * article id in the library. Exit 1 when the article is not ready to publish.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: [
    `check ID|FILE [--library DIR] [--json]      check spelling, names, headline support, house style,
                                                     readability and publish readiness; exit 1 when not ready`,
  ],
  async run({ args, options, libraryDir, io }) {
    const target = exactlyOne(args, 'ID or FILE');
    let article: Article | ArticleDraft;
    let source: string;
    let libraryForRules: string | null = null;
    let budgets: LibraryBudgets | undefined;
    if (await isFile(target)) {
      article = await importFile(absolute(target));
      source = absolute(target);
      // A file is checked with the library's dictionary and style packs when there is a library.
      libraryForRules = await LibraryStore.open(libraryDir, { owner: null }).then(
        async (lib) => {
          budgets = lib.settings;
          await lib.close();
          return libraryDir;
        },
        () => null,
      );
    } else {
      ({ article, budgets } = await withReadOnly(libraryDir, async (lib) => ({
        article: await lib.get(resolveId(lib, target)),
        budgets: lib.settings,
      })));
      source = `article ${(article as Article).id}`;
      libraryForRules = libraryDir;
    }
    const { checker, problems } = await createLibraryChecker(libraryForRules, budgets);
    for (const p of problems) io.stderr(`copydesk: ${p.message} (the pack was not used)\n`);
    const result = checker.check(article);
    const notes = 'report' in article ? article.report : [];
    // Text the importer left out is not published, but a typo in it is worth a look.
    const dropped = checkDroppedText(checker, article, notes);
    if (options.json) {
      io.stdout(
        `${JSON.stringify({ source, ...result, importNotes: notes, droppedTextFindings: dropped }, null, 2)}\n`,
      );
    } else {
      io.stdout(describe(source, article.headline, result, notes, dropped));
    }
    return result.readiness.ready ? 0 : 1;
  },
};

function describe(
  source: string,
  headline: string,
  r: CheckResult,
  notes: ArticleDraft['report'],
  dropped: DroppedTextFinding[],
): string {
  const lines = [`${headline || '(no headline)'}  [${source}]`, ''];
  if (r.findings.length === 0 && dropped.length === 0) lines.push('No findings.');
  const finding = (f: Pick<Finding, 'severity' | 'kind' | 'rule' | 'text' | 'message' | 'suggestions'>, at: string) => {
    lines.push(`${f.severity.toUpperCase().padEnd(7)} ${f.kind}/${f.rule}  “${oneLine(f.text)}”  at ${at}`);
    lines.push(`        ${f.message}`);
    if (f.suggestions.length) lines.push(`        fix: ${f.suggestions.map((s) => `“${s}”`).join(' or ')}`);
  };
  for (const f of r.findings) finding(f, describeFinding(f));
  for (const f of dropped)
    finding(f, `${f.where}, characters ${f.position.from + 1}–${f.position.to} (not in the article)`);
  lines.push(
    '',
    `Readability: Flesch ${r.stats.fleschReadingEase}, ${r.stats.words} words, ${r.stats.averageSentenceWords} words a sentence on average.`,
  );
  for (const n of notes)
    lines.push(`Import note (${n.kind}): ${n.message}${n.text ? ` “${oneLine(n.text)}”` : ''}`);
  lines.push('', `Publish readiness: ${r.readiness.ready ? 'READY' : 'NOT READY'}`);
  for (const i of r.readiness.items)
    lines.push(
      `  [${i.status === 'pass' ? 'x' : i.status === 'overridden' ? 'o' : ' '}] ${i.label}: ${i.detail}`,
    );
  return `${lines.join('\n')}\n`;
}

const oneLine = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s).replace(/\n/g, ' ');
