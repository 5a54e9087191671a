import { assetFileOf } from '../shared/editor/Figure';
import { stringify as stringifyYaml } from 'yaml';
import type { Article, BodyMark, BodyNode } from '../shared/article';
import { prepareBodyForExport } from './renderBody';
import { isBlank, singleLine, withoutForbiddenCodePoints } from './markup';
import { cleanRelatedLinks, resolveRelated, type RelatedLink } from './related';

/** Options for {@link exportMarkdown}. */
export interface ExportMarkdownOptions {
  /** Write the YAML front matter (headline, Content Highlight, byline, dateline, section, tags, dates). Default `true`. */
  frontMatter?: boolean;
  /** "You may also like" links, written as a list under their own heading after the body. Default: the related web pages. */
  related?: RelatedLink[];
}

// Every ASCII punctuation character CommonMark lets a backslash escape and that could start
// markup somewhere in a line. Escaping all of them is wordy but never wrong, and `<`/`&` escaped
// means no raw HTML or entity in the text can come alive in a renderer that allows HTML.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&"'=:]/g;

/** Escapes text so a CommonMark renderer shows it literally. */
export function escapeMarkdown(text: string): string {
  // Only characters that can open markup are escaped mid-word: ".", "-", ":" and the quotes
  // matter only at the start of a line or next to a number ("1." starts a list), so they are
  // escaped there alone, to keep the file readable.
  return withoutForbiddenCodePoints(text).replace(MARKDOWN_SPECIAL, (c, offset: number, all: string) => {
    if ('.-:\'"='.includes(c)) {
      const before = all.slice(0, offset);
      const lineStart = /(?:^|\n)[ \t]*\d*$/.test(before);
      if (!lineStart) return c;
    }
    return `\\${c}`;
  });
}

/** A URL as a Markdown link destination: spaces, brackets and angle brackets percent-encoded. */
function destination(href: string): string {
  return href.replace(
    /[\s()<>\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function hrefOf(marks: BodyMark[] | undefined): { href: string; title?: string } | undefined {
  const link = marks?.find((m) => m.type === 'link');
  if (!link || typeof link.attrs?.href !== 'string') return undefined;
  return {
    href: link.attrs.href,
    title: typeof link.attrs.title === 'string' ? link.attrs.title : undefined,
  };
}

/** The inline content of a paragraph or heading as Markdown; a link spans adjacent text nodes. */
function inline(nodes: BodyNode[] = []): string {
  let out = '';
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i]!;
    if (node.type === 'hardBreak') {
      out += '\\\n';
      i++;
      continue;
    }
    const link = hrefOf(node.marks);
    if (link) {
      let label = '';
      while (i < nodes.length && hrefOf(nodes[i]!.marks)?.href === link.href && nodes[i]!.type === 'text') {
        label += styled(nodes[i]!);
        i++;
      }
      // A title that breaks the link syntax (a blank line in it, say) would leave its text to be
      // read as Markdown, raw HTML included: one line, every punctuation character escaped.
      const title = link.title
        ? ` "${link.title.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&')}"`
        : '';
      out += `[${label}](${destination(link.href)}${title})`;
      continue;
    }
    out += styled(node);
    i++;
  }
  return out;
}

function styled(node: BodyNode): string {
  const raw = node.text ?? '';
  // Emphasis cannot open or close on whitespace: keep the spaces outside the markers.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw) ?? [];
  if (core === '') return escapeMarkdown(raw);
  let text = escapeMarkdown(core);
  const types = new Set((node.marks ?? []).map((m) => m.type));
  if (types.has('italic')) text = `*${text}*`;
  if (types.has('bold')) text = `**${text}**`;
  return `${lead}${text}${trail}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line === '' ? '' : ' '.repeat(prefix.length) + line))
    .join('\n');
}

/** A GFM table; its first row is the header row, as GFM requires one. */
function table(node: BodyNode): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) =>
      // escapeMarkdown has already escaped `|`, so a cell's text cannot split the row.
      blocks(cell.content).join(' ').replace(/\n/g, ' '),
    ),
  );
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
}

function blocks(nodes: BodyNode[] = []): string[] {
  return nodes.map(block).filter((b) => b !== '');
}

function block(node: BodyNode): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      return `${node.attrs?.level === 3 ? '###' : '##'} ${inline(node.content).replace(/\\\n/g, ' ')}`;
    case 'horizontalRule':
      return '---';
    case 'table':
      return table(node);
    case 'figure': {
      // prepareBodyForExport has already turned `asset:<file>` into the exported `assets/<file>`.
      const src = typeof node.attrs?.src === 'string' ? node.attrs.src.replace(/^assets\//, 'asset:') : null;
      const file = assetFileOf(src);
      if (!file) return '';
      const attr = (k: string) => (typeof node.attrs?.[k] === 'string' ? (node.attrs[k] as string) : '');
      const alt = escapeMarkdown(attr('alt').replace(/\s+/g, ' '));
      const caption = [
        attr('caption') && `*${escapeMarkdown(attr('caption'))}*`,
        attr('credit') && `(${escapeMarkdown(attr('credit'))})`,
      ]
        .filter(Boolean)
        .join(' ');
      // The picture is written beside the Markdown file, in assets/, by the export.
      return `![${alt}](assets/${file})${caption ? `\n${caption}` : ''}`;
    }
    case 'blockquote':
    case 'pullQuote':
      return blocks(node.content)
        .join('\n\n')
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1) || 1;
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${start + i}. `;
          return marker + indent(blocks(item.content).join('\n\n'), marker);
        })
        .join('\n');
    }
    default:
      return blocks(node.content).join('\n\n');
  }
}

/**
 * Exports an article as Markdown (CommonMark): YAML front matter with the article's fields, then
 * the body with `##`/`###` subheadings, emphasis, links, lists, quotes and rules. The text is
 * escaped so that nothing in it turns into markup, HTML included, in any CommonMark renderer.
 * The front matter uses the same keys the Markdown importer reads, so a file round-trips.
 */
export function exportMarkdown(article: Article, options: ExportMarkdownOptions = {}): string {
  const related = options.related
    ? cleanRelatedLinks(options.related)
    : resolveRelated(article.related).links;
  const body = [
    blocks(prepareBodyForExport(article.body).content).join('\n\n'),
    related.length > 0
      ? `## You may also like\n\n${related.map((l) => `- [${escapeMarkdown(l.title)}](${destination(l.href)})`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  if (options.frontMatter === false) {
    const headline = singleLine(article.headline);
    return `${isBlank(headline) ? '' : `# ${escapeMarkdown(headline)}\n\n`}${body}\n`;
  }
  const front: Record<string, unknown> = {
    headline: singleLine(article.headline),
    contentHighlight: singleLine(article.contentHighlight),
    byline: singleLine(article.byline),
    dateline: singleLine(article.dateline),
    section: singleLine(article.section ?? ''),
    tags: (article.tags ?? []).map(singleLine),
    language: article.language,
    status: article.status,
    id: article.id,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
  };
  // Long lines are never folded: a folded headline is harder to read and to grep. Every value is
  // double-quoted so that `<`, `>` and `&` can be written as \u escapes: a CMS that does not know
  // front matter renders it as Markdown, and raw HTML in a headline must not come alive there.
  const yaml = stringifyYaml(front, {
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `---\n${yaml}---\n\n${body}\n`;
}
