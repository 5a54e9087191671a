import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32, deflateSync } from 'node:zlib';
import { Node as PMNode } from '@tiptap/pm/model';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { JSDOM } from 'jsdom';
import type { BodyNode } from '../src/shared/article';
import { ArticleSchema, type Article } from '../src/shared/article';
import { ExportFormatSchema, type ExportFormat } from '../src/shared/contract';
import { exportHtml } from '../src/exporters/exportHtml';
import { BODY_HTML_ATTRS, BODY_HTML_TAGS, prepareBodyForExport } from '../src/exporters/renderBody';
import { sanitiseHtml } from '../src/html/purify';
import { renderExport } from '../src/services/exportArticle';
import { articleExtensions } from '../src/shared/editor/articleExtensions';
import { articleSchema } from '../src/shared/editor/schema';
import { collectGarbage, median, nextTurn, seededRandom, type BenchRow, type BenchSuite } from './harness';

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

/** A 20,000-word article with subheadings, links, 5 tables (a header row and 5 body rows) and 20 figures. */
export function bigArticle(): Article {
  const random = seededRandom(7);
  const sentence = (n: number): string =>
    Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
  const cell = (type: 'tableHeader' | 'tableCell', text: string): BodyNode => ({
    type,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });
  const content: BodyNode[] = [];
  let words = 0;
  let tables = 0;
  let figures = 0;
  let i = 0;
  while (words < 20_000) {
    i++;
    if (i % 25 === 0)
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: sentence(5) }] });
    if (i % 60 === 0 && tables < 5) {
      tables++;
      const rows: BodyNode[] = [
        { type: 'tableRow', content: [0, 1, 2].map(() => cell('tableHeader', sentence(2))) },
      ];
      for (let r = 0; r < 5; r++)
        rows.push({ type: 'tableRow', content: [0, 1, 2].map(() => cell('tableCell', sentence(3))) });
      content.push({ type: 'table', content: rows });
      words += 51;
    }
    if (i % 17 === 0 && figures < 20) {
      // Twenty figures over two pictures: the file names are what the library would store.
      const file = `${(figures % 2 === 0 ? 'a' : 'b').repeat(16)}.png`;
      figures++;
      content.push({
        type: 'figure',
        attrs: { src: `asset:${file}`, alt: sentence(6), caption: sentence(10), credit: 'Photo: Jo Bloggs' },
      });
      words += 12;
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

/** A solid-colour PNG of `width` × `height`, made here so the benchmark needs no picture files. */
function solidPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A library folder holding the two pictures the big article's 20 figures show, as the app stores them. */
async function libraryWithPictures(article: Article): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-bench-export-'));
  const assets = join(dir, 'assets', article.id);
  await mkdir(assets, { recursive: true });
  await writeFile(join(assets, `${'a'.repeat(16)}.png`), solidPng(1600, 1200));
  await writeFile(join(assets, `${'b'.repeat(16)}.png`), solidPng(800, 1000));
  return dir;
}

export const exportSuite: BenchSuite = {
  name: 'export',
  description:
    'each export format on a 20,000-word article with 20 figures and 5 tables; the 1,000th export vs the 10th; HTML export vs @tiptap/html',
  async run({ quick }) {
    const article = bigArticle();
    const libraryDir = await libraryWithPictures(article);
    const context = { libraryDir };
    const rows: BenchRow[] = [];
    const rounds = quick ? 2 : 5;
    try {
      for (const format of ExportFormatSchema.options.filter(
        (f): f is Exclude<ExportFormat, 'pdf'> => f !== 'pdf',
      )) {
        await renderExport(article, format, {}, context);
        const times: number[] = [];
        for (let r = 0; r < rounds; r++)
          times.push(await time(() => renderExport(article, format, {}, context)));
        rows.push({
          name: `${format} export, 20,000 words, 20 figures, 5 tables (median of ${rounds})`,
          value: median(times),
          unit: 'ms',
        });
      }
    } finally {
      await rm(libraryDir, { recursive: true, force: true });
    }

    // A leak shows as later exports getting slower, and the heap growing, in the same process.
    // The event loop turns between exports, as it does for every real caller (an IPC call per
    // export, a batch export writing each file, the CLI): jsdom keeps its nodes in WeakRefs,
    // and V8 holds every WeakRef target read during one task until that task ends, so a
    // thousand exports in one uninterrupted task would hold ~0.4 MB each until it finished.
    const total = quick ? 200 : 1000;
    const small = ArticleSchema.parse({
      ...article,
      body: { type: 'doc', content: article.body.content!.slice(0, 40) },
    });
    let tenth = 0;
    let last = 0;
    let heapAtTenth = 0;
    const window: number[] = [];
    const loopStart = performance.now();
    for (let n = 1; n <= total; n++) {
      await nextTurn();
      window.push(await time(() => exportHtml(small)));
      if (window.length > 10) window.shift();
      if (n === 10) {
        tenth = median(window);
        await collectGarbage();
        heapAtTenth = process.memoryUsage().heapUsed;
      }
      if (n === total) last = median(window);
    }
    const loopSeconds = (performance.now() - loopStart) / 1000;
    await collectGarbage();
    const heapAtLast = process.memoryUsage().heapUsed;
    rows.push({
      name: `HTML export #${total} vs #10 (median of 10 around each, ~2,000 words; ${total} exports took ${loopSeconds.toFixed(0)} s)`,
      value: last,
      unit: 'ms',
      baseline: { name: '#10', value: tenth },
      goal: 'ratio ≤ 1.1',
      met: last <= tenth * 1.1,
    });
    rows.push({
      name: `heap after export #${total} vs after #10 (after a full GC)`,
      value: heapAtLast / 1e6,
      unit: 'MB',
      baseline: { name: '#10', value: heapAtTenth / 1e6 },
    });

    // Where an HTML export's time goes: the body rendered by the editor's preset with no DOM,
    // then DOMPurify on jsdom, whose floor is jsdom parsing the markup at all.
    const prepared = prepareBodyForExport(article.body);
    const render = (): string =>
      renderToHTMLString({
        content: PMNode.fromJSON(articleSchema(), prepared),
        extensions: articleExtensions,
      });
    const markup = render();
    const parser = new new JSDOM('').window.DOMParser();
    const parts: Record<string, () => unknown> = {
      'static render of the body (no DOM)': render,
      'DOMPurify on jsdom, body markup only': () =>
        sanitiseHtml(markup, 'export', { tags: [...BODY_HTML_TAGS], attrs: [...BODY_HTML_ATTRS] }),
      'jsdom parsing the body markup, nothing else (the floor)': () =>
        parser.parseFromString(markup, 'text/html'),
    };
    for (const [name, fn] of Object.entries(parts)) {
      fn();
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) times.push(await time(fn));
      rows.push({ name: `  of which: ${name}`, value: median(times), unit: 'ms' });
    }

    let generateHtmlMs: number | undefined;
    try {
      // Optional: only when the lead has installed @tiptap/html and happy-dom.
      const { generateHTML } = (await import(/* @vite-ignore */ '@tiptap/html' as string)) as {
        generateHTML: (doc: unknown, ext: unknown[]) => string;
      };
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
