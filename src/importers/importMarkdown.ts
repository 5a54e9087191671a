import MarkdownIt, { type Token } from 'markdown-it';
import { parse as parseYaml, stringify as stringifyYaml, YAMLError } from 'yaml';
import type { ArticleDraft, ImportNote } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { sanitiseToBody } from '../html/purify';
import { cleanInputText, finishDraft, type DraftFields, type ImportOptions } from './draft';
import { htmlToBlocks } from './htmlToBody';
import { isHeadlineRepeat } from './structure';

// CommonMark plus GFM tables. Raw HTML is allowed because drafts contain it (`<br>`, `<sup>`),
// and it is safe to: everything goes through the sanitiser in htmlToBlocks.
const markdown = new MarkdownIt('commonmark', { html: true }).enable('table');

type Field = keyof DraftFields;

const FIELD_LABELS: Record<Field, string> = {
  headline: 'headline',
  contentHighlight: 'Content Highlight',
  byline: 'byline',
  dateline: 'dateline',
  section: 'section',
  tags: 'tags',
};

/** Front-matter keys, lower-cased, and the field each fills. Only the first name of a field is canonical. */
const FRONT_MATTER_KEYS: Record<string, Field> = {
  headline: 'headline',
  title: 'headline',
  contenthighlight: 'contentHighlight',
  content_highlight: 'contentHighlight',
  'content-highlight': 'contentHighlight',
  summary: 'contentHighlight',
  description: 'contentHighlight',
  standfirst: 'contentHighlight',
  byline: 'byline',
  author: 'byline',
  dateline: 'dateline',
  section: 'section',
  tags: 'tags',
};
const CANONICAL_KEYS = new Set(['headline', 'contenthighlight', 'byline', 'dateline', 'section', 'tags']);

interface SplitSource {
  yaml: string | null;
  body: string;
}

/**
 * Separates a `---` front-matter block from the Markdown. Done by hand rather than by a front-matter
 * library so that a file starting with a thematic break and no closing fence is still read.
 */
function splitFrontMatter(text: string, report: ImportNote[]): SplitSource {
  const lines = text.split('\n');
  if (lines[0].trimEnd() !== '---') return { yaml: null, body: text };
  for (let i = 1; i < lines.length; i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) {
      return { yaml: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') };
    }
  }
  report.push({
    kind: 'warning',
    message:
      'The file starts with --- but no second --- line closes the front matter, so it was all read as article text.',
  });
  return { yaml: null, body: text };
}

function readFrontMatter(yaml: string, sourceName: string): unknown {
  try {
    return parseYaml(yaml, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // +1: the numbering starts after the opening --- line, a person counts from the top of the file.
    const line = error.linePos ? ` (line ${error.linePos[0].line + 1})` : '';
    throw new CopydeskError(
      'import-failed',
      `The front matter at the top of ${sourceName} (between the --- lines) is not valid YAML${line}: ${reason}. Correct it in a text editor and import again.`,
      { detail: error.message, cause: error },
    );
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (isScalar(value)) return String(value);
  // Several authors, say: a list of names reads as one line.
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String).join(', ');
  return null;
}

function asTags(value: unknown): string[] | null {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.split(',');
  if (isScalar(value)) return [String(value)];
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String);
  return null;
}

function asYaml(key: string, value: unknown): string {
  return stringifyYaml({ [key]: value }).trim();
}

/** The article fields of a front-matter mapping; aliases and unknown keys are reported. */
function frontMatterFields(data: Record<string, unknown>, report: ImportNote[]): DraftFields {
  const fields: DraftFields = {};
  const setBy: Partial<Record<Field, string>> = {};
  // Canonical keys first, so `headline` wins over `title` whatever their order in the file.
  const entries = Object.entries(data).sort(
    ([a], [b]) => Number(CANONICAL_KEYS.has(b.toLowerCase())) - Number(CANONICAL_KEYS.has(a.toLowerCase())),
  );
  for (const [key, value] of entries) {
    const field = FRONT_MATTER_KEYS[key.toLowerCase()];
    if (!field) {
      report.push({
        kind: 'dropped',
        message: `The front-matter field “${key}” is not an article field and was left out.`,
        text: asYaml(key, value),
      });
      continue;
    }
    if (setBy[field] !== undefined) {
      report.push({
        kind: 'dropped',
        message: `The front-matter field “${key}” was left out: the ${FIELD_LABELS[field]} comes from “${setBy[field]}”.`,
        text: asYaml(key, value),
      });
      continue;
    }
    const converted = field === 'tags' ? asTags(value) : asText(value);
    if (converted === null) {
      report.push({
        kind: 'dropped',
        message: `The front-matter field “${key}” was left out: it should be ${field === 'tags' ? 'a list of words' : 'plain text'}.`,
        text: asYaml(key, value),
      });
      continue;
    }
    setBy[field] = key;
    if (Array.isArray(converted)) fields.tags = converted;
    else fields[field as Exclude<Field, 'tags'>] = converted;
    if (!CANONICAL_KEYS.has(key.toLowerCase())) {
      report.push({
        kind: 'moved',
        message: `The front-matter field “${key}” was used as the ${FIELD_LABELS[field]}.`,
        text: asYaml(key, value),
      });
    }
  }
  // The byline field holds the name only: "By Tomasz Wiśniewski" is shown as "By …" by the layout.
  if (fields.byline) fields.byline = fields.byline.replace(/^\s*by\s+/i, '');
  return fields;
}

/** The plain text of a heading's inline tokens, entities decoded and markup removed. */
function inlineText(token: Token, env: Record<string, unknown>): string {
  const html = markdown.renderer.renderInline(token.children ?? [], markdown.options, env);
  const body = sanitiseToBody(html, 'import') as HTMLElement | null;
  return (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Imports a Markdown draft with optional YAML front matter (`headline` or `title`,
 * `contentHighlight` and its aliases, `byline`, `dateline`, `section`, `tags`). Without a
 * headline in the front matter, a leading `# Heading` is the headline; other level-one headings
 * become subheadings. Throws a CopydeskError ('import-failed') when the front matter is not valid
 * YAML.
 */
export function importMarkdown(text: string, options: ImportOptions = {}): ArticleDraft {
  const report: ImportNote[] = [];
  const source = splitFrontMatter(cleanInputText(text, report), report);

  let fields: DraftFields = {};
  if (source.yaml !== null) {
    const data = readFrontMatter(source.yaml, options.sourceName ?? 'the Markdown');
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      fields = frontMatterFields(data as Record<string, unknown>, report);
    } else if (data !== null && data !== undefined) {
      report.push({
        kind: 'dropped',
        message:
          'The front matter was left out: it should be a list of fields such as “headline: …”, one per line.',
        text: source.yaml,
      });
    }
  }

  const env: Record<string, unknown> = {};
  const tokens = markdown.parse(source.body, env);
  const [open, inline] = tokens;
  if (open?.type === 'heading_open' && open.tag === 'h1' && inline?.type === 'inline') {
    const heading = inlineText(inline, env);
    if (!fields.headline?.trim() && heading !== '') {
      fields.headline = heading;
      tokens.splice(0, 3);
      report.push({ kind: 'moved', message: 'The first heading became the headline.', text: heading });
    } else if (fields.headline && isHeadlineRepeat(heading, fields.headline)) {
      tokens.splice(0, 3);
      report.push({
        kind: 'dropped',
        message: 'The first heading repeated the headline from the front matter and was left out.',
        text: heading,
      });
    }
  }
  if (!fields.headline?.trim()) {
    report.push({
      kind: 'warning',
      message:
        'No headline was found: add “headline:” to the front matter or start the text with a “# Headline” line.',
    });
  }

  const html = markdown.renderer.render(tokens, markdown.options, env);
  const blocks = htmlToBlocks(html, report);
  return finishDraft(fields, blocks, report);
}
