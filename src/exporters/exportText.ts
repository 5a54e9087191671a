import type { Article, BodyNode } from '../shared/article';
import { displayByline } from './byline';
import { isBlank, singleLine, withoutForbiddenCodePoints } from './markup';
import { prepareBodyForExport } from './renderBody';

/** Options for {@link exportText}. */
export interface ExportTextOptions {
  /** Wrap lines at this many characters (72 is the wire-copy habit); `false` (default) keeps one line per paragraph. */
  wrap?: number | false;
}

/** Greedy word wrap; a word longer than the line (a URL) stays whole on a line of its own. */
function wrapLine(text: string, width: number, firstPrefix: string, restPrefix: string): string {
  const words = text.split(/ +/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of words) {
    if (!empty && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = restPrefix + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

function inlineText(nodes: BodyNode[] = []): string {
  return withoutForbiddenCodePoints(
    nodes.map((n) => (n.type === 'hardBreak' ? '\n' : (n.text ?? ''))).join(''),
  );
}

function render(nodes: BodyNode[] = [], wrap: number | false, prefix = ''): string[] {
  const out: string[] = [];
  const para = (text: string, first = prefix, rest = prefix): string =>
    text
      .split('\n')
      .map((line, i) =>
        wrap ? wrapLine(line, wrap, i === 0 ? first : rest, rest) : (i === 0 ? first : rest) + line,
      )
      .join('\n');
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(para(inlineText(node.content)));
        break;
      case 'heading':
        // Subheadings in capitals, as wire copy marks them, with no markup to read around.
        out.push(para(inlineText(node.content).toUpperCase()));
        break;
      case 'horizontalRule':
        out.push(`${prefix}* * *`);
        break;
      case 'blockquote':
      case 'pullQuote':
        out.push(...render(node.content, wrap, `${prefix}    `));
        break;
      case 'table':
        for (const row of node.content ?? []) {
          out.push(
            para((row.content ?? []).map((cell) => render(cell.content, false).join(' ')).join(' | ')),
          );
        }
        break;
      case 'figure': {
        const attr = (k: string) => (typeof node.attrs?.[k] === 'string' ? (node.attrs[k] as string) : '');
        const words = [attr('caption'), attr('credit') && `(${attr('credit')})`].filter(Boolean).join(' ');
        out.push(para(withoutForbiddenCodePoints(`[Picture${words ? `: ${words}` : ''}]`)));
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const start = Number(node.attrs?.start ?? 1) || 1;
        (node.content ?? []).forEach((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${start + i}. `;
          const [first, ...rest] = item.content ?? [];
          if (first?.type === 'paragraph') {
            out.push(para(inlineText(first.content), prefix + marker, prefix + ' '.repeat(marker.length)));
            out.push(...render(rest, wrap, prefix + ' '.repeat(marker.length)));
          } else out.push(...render(item.content, wrap, prefix + ' '.repeat(marker.length)));
        });
        break;
      }
      default:
        out.push(...render(node.content, wrap, prefix));
    }
  }
  return out;
}

/**
 * Exports an article as plain UTF-8 text: headline, Content Highlight, byline, dateline, then
 * the body with subheadings in capitals, "- " and "1. " lists, quotes indented and rules as
 * "* * *". Unwrapped by default (one line per paragraph, what a CMS text box wants); with
 * `wrap: 72` lines are wrapped for wire copy and e-mail.
 */
export function exportText(article: Article, options: ExportTextOptions = {}): string {
  const wrap = options.wrap === undefined || options.wrap === false ? false : Math.max(20, options.wrap);
  const fit = (text: string): string => (wrap ? wrapLine(text, wrap, '', '') : text);
  const header: string[] = [];
  const headline = singleLine(article.headline);
  if (!isBlank(headline)) header.push(fit(headline));
  const highlight = singleLine(article.contentHighlight);
  if (!isBlank(highlight)) header.push(fit(highlight));
  const byline = displayByline(article.byline);
  const dateline = singleLine(article.dateline);
  const credit = [byline, isBlank(dateline) ? '' : dateline.toUpperCase()].filter(Boolean).join('\n');
  if (credit) header.push(credit);
  const body = render(prepareBodyForExport(article.body).content, wrap);
  return `${[...header, ...body].join('\n\n')}\n`;
}
