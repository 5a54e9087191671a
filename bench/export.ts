import { performance } from 'node:perf_hooks';
import type { BodyNode } from '../src/shared/article';
import { ArticleSchema, type Article } from '../src/shared/article';
import { ExportFormatSchema, type ExportFormat } from '../src/shared/contract';
import { exportHtml } from '../src/exporters/exportHtml';
import { renderExport } from '../src/services/exportArticle';
import { median, seededRandom, type BenchRow, type BenchSuite } from './harness';

const WORDS = [
  'council',
  'barrier',
  'river',
  'flood',
  'vote',
  'million',
  'residents',
  'said',
  'the',
  'a',
  'plan',
  'would',
  'cost',
  'wall',
  'upstream',
];

/** A 20,000-word article with subheadings, lists, links, 5 tables as row paragraphs and 20 figure placeholders. */
function bigArticle(): Article {
  const random = seededRandom(7);
  const sentence = (n: number): string =>
    Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
  const content: BodyNode[] = [];
  let words = 0;
  let i = 0;
  while (words < 20_000) {
    i++;
    if (i % 25 === 0)
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: sentence(5) }] });
    if (i % 60 === 0 && content.filter((n) => n.attrs?.table).length < 5) {
      // A table as the importers store one today: a paragraph per row.
      for (let r = 0; r < 6; r++)
        content.push({
          type: 'paragraph',
          attrs: { table: true },
          content: [{ type: 'text', text: `${sentence(3)} | ${sentence(3)} | ${sentence(3)}` }],
        });
      words += 54;
    }
    if (i % 17 === 0 && content.filter((n) => n.attrs?.figure).length < 20) {
      content.push({
        type: 'paragraph',
        attrs: { figure: true },
        content: [{ type: 'text', text: `[Figure: ${sentence(8)}]`, marks: [{ type: 'italic' }] }],
      });
      words += 9;
    }
    content.push({
      type: 'paragraph',
      content: [
        { type: 'text', text: `${sentence(30)} ` },
        {
          type: 'text',
          text: sentence(3),
          marks: [{ type: 'link', attrs: { href: `https://example.com/${i}` } }],
        },
        { type: 'text', text: ` ${sentence(10)}.`, marks: i % 3 === 0 ? [{ type: 'bold' }] : undefined },
      ],
    });
    words += 43;
  }
  return ArticleSchema.parse({
    schemaVersion: 1,
    id: 'bench-article',
    headline: 'Riverside council approves £12m flood barrier',
    contentHighlight: 'Councillors vote 31-4.',
    byline: 'Jane Doe',
    dateline: 'Riverside',
    body: { type: 'doc', content },
    status: 'draft',
    createdAt: '2025-03-04T09:30:00.000Z',
    updatedAt: '2025-03-05T17:45:12.000Z',
    rev: 1,
  });
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const exportSuite: BenchSuite = {
  name: 'export',
  description:
    'each export format on a 20,000-word article; the 1,000th export vs the 10th; HTML export vs @tiptap/html',
  async run({ quick }) {
    const article = bigArticle();
    const rows: BenchRow[] = [];
    const rounds = quick ? 2 : 5;
    for (const format of ExportFormatSchema.options.filter(
      (f): f is Exclude<ExportFormat, 'pdf'> => f !== 'pdf',
    )) {
      await renderExport(article, format);
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) times.push(await time(() => renderExport(article, format)));
      rows.push({
        name: `${format} export, 20,000 words (median of ${rounds})`,
        value: median(times),
        unit: 'ms',
      });
    }

    // A leak shows as later exports getting slower in the same process.
    const total = quick ? 200 : 1000;
    const small = ArticleSchema.parse({
      ...article,
      body: { type: 'doc', content: article.body.content!.slice(0, 40) },
    });
    let tenth = 0;
    let last = 0;
    const window: number[] = [];
    for (let n = 1; n <= total; n++) {
      window.push(await time(() => exportHtml(small)));
      if (window.length > 10) window.shift();
      if (n === 10) tenth = median(window);
      if (n === total) last = median(window);
    }
    rows.push({
      name: `HTML export #${total} vs #10 (median of 10 around each, ~2,000 words)`,
      value: last,
      unit: 'ms',
      baseline: { name: '#10', value: tenth },
      goal: 'ratio ≤ 1.1',
      met: last <= tenth * 1.1,
    });

    let generateHtmlMs: number | undefined;
    try {
      // Optional: only when the lead has installed @tiptap/html and happy-dom.
      const { generateHTML } = (await import(/* @vite-ignore */ '@tiptap/html' as string)) as {
        generateHTML: (doc: unknown, ext: unknown[]) => string;
      };
      const { articleExtensions } = await import('../src/shared/editor/articleExtensions');
      generateHTML(article.body, articleExtensions);
      const times: number[] = [];
      for (let r = 0; r < rounds; r++)
        times.push(await time(() => generateHTML(article.body, articleExtensions)));
      generateHtmlMs = median(times);
    } catch {
      generateHtmlMs = undefined;
    }
    const html = rows.find((r) => r.name.startsWith('html export'))!;
    rows.push(
      generateHtmlMs === undefined
        ? {
            name: 'HTML export vs @tiptap/html generateHTML: not measured (@tiptap/html and happy-dom are not installed)',
            value: html.value,
            unit: 'ms',
            goal: '≥ 3× faster',
          }
        : {
            name: 'HTML export (whole page) vs @tiptap/html generateHTML on happy-dom (body only)',
            value: html.value,
            unit: 'ms',
            baseline: { name: 'generateHTML', value: generateHtmlMs },
            goal: 'ratio ≤ 0.33',
            met: html.value * 3 <= generateHtmlMs,
          },
    );
    return rows;
  },
};
