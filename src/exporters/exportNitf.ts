import type { Article, BodyMark, BodyNode } from '../shared/article';
import { articleParts, type ExportHtmlOptions } from './exportHtml';
import { withoutForbiddenCodePoints } from './markup';

/** Options for {@link exportNitf}. */
export type ExportNitfOptions = Pick<ExportHtmlOptions, 'publishedAt'>;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML element content or a quoted attribute; drops code points XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return withoutForbiddenCodePoints(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** NITF's `norm` date form: ISO 8601 basic, UTC ("20250304T093000Z"). */
function nitfDate(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function inline(nodes: BodyNode[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '<br/>';
      let text = escapeXml(node.text ?? '');
      const marks: BodyMark[] = node.marks ?? [];
      // NITF has no <strong>/<b>: emphasis is <em> with a class naming the kind.
      if (marks.some((m) => m.type === 'italic')) text = `<em class="italic">${text}</em>`;
      if (marks.some((m) => m.type === 'bold')) text = `<em class="bold">${text}</em>`;
      const link = marks.find((m) => m.type === 'link');
      if (link && typeof link.attrs?.href === 'string')
        text = `<a href="${escapeXml(link.attrs.href)}">${text}</a>`;
      return text;
    })
    .join('');
}

function blocks(nodes: BodyNode[] = [], indent: string): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push(`${indent}<p>${inline(node.content)}</p>`);
        break;
      case 'heading':
        // <hl2> is NITF's subheadline; level 3 keeps its rank in a class.
        out.push(
          `${indent}<hl2${node.attrs?.level === 3 ? ' class="level-3"' : ''}>${inline(node.content)}</hl2>`,
        );
        break;
      case 'horizontalRule':
        out.push(`${indent}<hr/>`);
        break;
      case 'blockquote':
        out.push(
          `${indent}<bq>`,
          `${indent}  <block>`,
          ...blocks(node.content, `${indent}    `),
          `${indent}  </block>`,
          `${indent}</bq>`,
        );
        break;
      case 'bulletList':
      case 'orderedList': {
        const tag = node.type === 'bulletList' ? 'ul' : 'ol';
        out.push(`${indent}<${tag}>`);
        for (const item of node.content ?? []) {
          // An NITF <li> holds inline text; a nested list or a second paragraph follows in the item.
          const [first, ...rest] = item.content ?? [];
          const lead = first?.type === 'paragraph' ? inline(first.content) : '';
          const more = first?.type === 'paragraph' ? rest : (item.content ?? []);
          const nested = more.flatMap((child) =>
            child.type === 'paragraph'
              ? [`<br/>${inline(child.content)}`]
              : blocks([child], '').map((b) => b),
          );
          out.push(`${indent}  <li>${lead}${nested.join('')}</li>`);
        }
        out.push(`${indent}</${tag}>`);
        break;
      }
      default:
        out.push(...blocks(node.content, indent));
    }
  }
  return out;
}

/**
 * Exports an article as NITF 3.6 XML for wire partners: `<head>` with the title, `<docdata>`
 * (document id, issue and release dates, keywords) and `<pubdata>`; `<body.head>` with the
 * headline (`hedline/hl1`), byline, dateline (location and story date) and the Content Highlight
 * as `<abstract>`; `<body.content>` with paragraphs, `hl2` subheadings, lists, block quotes
 * (`bq`) and links. UTF-8, well-formed, deterministic. The DTD is not referenced by a DOCTYPE
 * (partners load their own copy; an external DTD reference would make parsers fetch it).
 */
export function exportNitf(article: Article, options: ExportNitfOptions = {}): string {
  const parts = articleParts(article, options);
  const issued = nitfDate(parts.publishedAt);
  const modified = nitfDate(parts.modifiedAt);
  const lang = escapeXml(parts.language);
  const head = [
    '  <head>',
    `    <title>${escapeXml(parts.headline)}</title>`,
    '    <docdata management-status="usable">',
    `      <doc-id id-string="${escapeXml(article.id)}"/>`,
    `      <date.issue norm="${issued}"/>`,
    `      <date.release norm="${issued}"/>`,
    ...(parts.tags.length > 0
      ? [
          '      <key-list>',
          ...parts.tags.map((t) => `        <keyword key="${escapeXml(t)}"/>`),
          '      </key-list>',
        ]
      : []),
    '    </docdata>',
    `    <pubdata type="web" date.publication="${issued}"${parts.wordCount > 0 ? ` item-length="${parts.wordCount}" unit-of-measure="word"` : ''}/>`,
    '  </head>',
  ];
  const bodyHead = [
    '    <body.head>',
    '      <hedline>',
    `        <hl1>${escapeXml(parts.headline)}</hl1>`,
    '      </hedline>',
    ...(parts.byline ? [`      <byline>${escapeXml(parts.byline)}</byline>`] : []),
    '      <dateline>',
    ...(parts.dateline ? [`        <location>${escapeXml(parts.dateline)}</location>`] : []),
    `        <story.date norm="${issued}">${escapeXml(parts.displayDate)}</story.date>`,
    '      </dateline>',
    ...(parts.highlight
      ? ['      <abstract>', `        <p>${escapeXml(parts.highlight)}</p>`, '      </abstract>']
      : []),
    '    </body.head>',
  ];
  const content = blocks(parts.body.content, '      ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<nitf version="-//IPTC//DTD NITF 3.6//EN" change.date="${modified.slice(0, 8)}" change.time="${modified.slice(9, 13)}" xml:lang="${lang}">`,
    ...head,
    '  <body>',
    ...bodyHead,
    content.length > 0
      ? ['    <body.content>', ...content, '    </body.content>'].join('\n')
      : '    <body.content/>',
    '    <body.end/>',
    '  </body>',
    '</nitf>',
    '',
  ].join('\n');
}
