import type { Article } from '../shared/article';
import { articleParts, type ExportHtmlOptions } from './exportHtml';
import { exportText } from './exportText';

/** Options for {@link exportNinjs}. */
export interface ExportNinjsOptions extends Pick<ExportHtmlOptions, 'publishedAt'> {
  /** The ninjs version: 3.1 (default) or 2.2 for partners still on the 2.x property names. */
  version?: '3.1' | '2.2';
  /** The base of the item's `uri`; the article id is appended. Default `urn:copydesk:article:`. */
  uriBase?: string;
}

/** The schema ids the exports declare, as published by the IPTC. */
export const NINJS_SCHEMA_IDS = {
  '3.1': 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
  '2.2': 'http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#',
} as const;

const PUB_STATUS = { published: 'usable', spiked: 'canceled' } as const;

/**
 * Exports an article as IPTC ninjs JSON (3.1, or 2.2 on request): uri, type "text", dates,
 * language, `headlines`, the Content Highlight as a description, `by` and `people`/`organisations`
 * from the byline, `located` from the dateline, the section as a genre-free subject, tags as
 * keyword subjects, and two bodies: the sanitised HTML (`text/html`) and plain text. Validated in
 * the tests against the official schema.
 */
export function exportNinjs(article: Article, options: ExportNinjsOptions = {}): string {
  const version = options.version ?? '3.1';
  const parts = articleParts(article, options);
  const v2 = version === '2.2';
  // 2.x spells every property in lower case ("versioncreated", "contenttype").
  const key = (name: string): string => (v2 ? name.toLowerCase() : name);
  const text = exportText({
    ...article,
    headline: '',
    contentHighlight: '',
    byline: '',
    dateline: '',
  }).trim();
  const people = parts.authors.filter((a) => a.kind === 'person');
  const organisations = parts.authors.filter((a) => a.kind === 'organization');
  const subjects = [
    ...(parts.section ? [{ name: parts.section, rel: 'section' }] : []),
    ...parts.tags.map((t) => ({ name: t, rel: 'keyword' })),
  ];
  const item: Record<string, unknown> = {
    uri: `${options.uriBase ?? 'urn:copydesk:article:'}${encodeURIComponent(article.id)}`,
    type: 'text',
    [key('representationType')]: 'full',
    version: String(article.rev),
    [key('firstCreated')]: article.createdAt,
    [key('versionCreated')]: parts.modifiedAt,
    [key('contentCreated')]: parts.publishedAt,
    [key('pubStatus')]: PUB_STATUS[article.status as keyof typeof PUB_STATUS] ?? 'withheld',
    language: parts.language,
    headlines: [{ role: 'main', value: parts.headline }],
    ...(parts.highlight
      ? { descriptions: [{ role: 'summary', [key('contentType')]: 'text/plain', value: parts.highlight }] }
      : {}),
    ...(parts.byline ? { by: parts.byline } : {}),
    ...(people.length > 0 ? { people: people.map((p) => ({ name: p.name, rel: 'author' })) } : {}),
    ...(organisations.length > 0
      ? { organisations: organisations.map((o) => ({ name: o.name, rel: 'author' })) }
      : {}),
    ...(parts.dateline ? { located: parts.dateline } : {}),
    ...(subjects.length > 0 ? { subjects } : {}),
    bodies: [
      {
        role: 'main',
        [key('contentType')]: 'text/html',
        value: parts.bodyHtml,
        [key('wordCount')]: parts.wordCount,
      },
      {
        role: 'plain',
        [key('contentType')]: 'text/plain',
        value: text,
        [key('charCount')]: [...text].length,
      },
    ],
    [key('altIds')]: [{ role: 'copydesk', value: article.id }],
    standard: { name: 'ninjs', version, schema: NINJS_SCHEMA_IDS[version] },
  };
  return `${JSON.stringify(item, null, 2)}\n`;
}
