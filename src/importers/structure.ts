import type { BodyNode, ImportNote } from '../shared/article';
import { normaliseForComparison, similarity } from './similarity';

/**
 * Structure detection shared by the plain-text and HTML importers. Both hand over the article as
 * a list of top-level body blocks (TipTap JSON); this module decides which of them are really
 * the headline, the byline, the dateline, the Content Highlight or web-page furniture, and says
 * so in the report. It never edits the words it keeps.
 */

/** The article fields found in a list of blocks, the blocks left for the body, and what moved. */
export interface ArticleStructure {
  headline: string;
  byline: string;
  dateline: string;
  contentHighlight: string;
  blocks: BodyNode[];
  report: ImportNote[];
}

/** How many blocks after the headline may still be page header (byline, repeated headline, date). */
const HEADER_ZONE = 6;
/** How many short "teaser" blocks (related-article headlines) may follow a "You may also like". */
const MAX_TEASERS = 15;
const MAX_TITLE_CHARS = 200;
const MAX_TITLE_WORDS = 30;
/** The longest line that can be page furniture (a cookie notice); anything longer is article text. */
const MAX_FURNITURE_CHARS = 600;

// Closing quotes and brackets do not end a sentence: `…said: “This ends that.”` ends with a full stop.
const TRAILING_CLOSERS = /[\s'"’”»›)\]]+$/u;

/** The text of a block as a reader sees it; hard breaks and list items become line breaks. */
export function blockText(node: BodyNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const children = node.content ?? [];
  if (node.type === 'paragraph' || node.type === 'heading') return children.map(blockText).join('');
  return children
    .map(blockText)
    .filter((t) => t.trim() !== '')
    .join('\n');
}

function isTextBlock(node: BodyNode): boolean {
  return node.type === 'paragraph' || node.type === 'heading';
}

/** A field is one line: line breaks inside it become spaces, the ends are trimmed. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/**
 * Whether a line reads like a title rather than a sentence: short, one line, with letters, and
 * not ended by a full stop, colon, semicolon or comma. Question and exclamation marks are fine:
 * headlines use them.
 */
export function looksLikeTitle(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.includes('\n') || trimmed.length > MAX_TITLE_CHARS) return false;
  if (wordCount(trimmed) > MAX_TITLE_WORDS || !/[\p{L}\p{N}]/u.test(trimmed)) return false;
  const end = trimmed.replace(TRAILING_CLOSERS, '');
  if (end.endsWith('...') || end.endsWith('…')) return true;
  return !/[.。;,:]$/u.test(end);
}

// Lower-case words after "by" that start a phrase ("by the way", "by far"), not a name like "staff reporter".
const NOT_NAMES =
  /^(?:the|a|an|this|that|these|those|then|now|far|all|any|some|no|my|his|her|their|its|way|means|default|contrast|comparison|which|what|when|how|who|and|or|[a-z]+ing)\b/iu;
const BYLINE = /^(?:(?:words|written|reporting|story|text)\s+)?by(?:\s*:\s*|\s+)(\S.*)$/iu;

/**
 * The name in a byline line ("By Hannah Cole", "by Riverside Gazette", "Words by …"), without
 * the word "by"; null when the line is not a byline. "By the time firefighters arrived, …" is
 * a sentence, not a byline: a byline is short, names start with a capital, and it has no final
 * full stop (except after an initial or "Jr.").
 */
export function parseByline(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.includes('\n') || trimmed.length > 160) return null;
  const match = BYLINE.exec(trimmed);
  if (!match) return null;
  const name = match[1].trim();
  const words = wordCount(name);
  if (words === 0 || words > 12 || !/\p{L}/u.test(name)) return null;
  const end = name.replace(TRAILING_CLOSERS, '');
  if (/[!?;:,]$/u.test(end)) return null;
  if (end.endsWith('.') && !/(?:^|\s)\p{Lu}\p{L}{0,2}\.$/u.test(end)) return null;
  if (!/^\p{Lu}/u.test(name) && (words > 4 || NOT_NAMES.test(name))) return null;
  return name;
}

const CONTENT_HIGHLIGHT = /^content[\s-]*highlights?\s*[:：—–-]\s*(\S[\s\S]*)$/iu;

/** The text after "Content Highlight:" on a line, or null. */
export function parseContentHighlight(text: string): string | null {
  const match = CONTENT_HIGHLIGHT.exec(text.trim());
  return match ? oneLine(match[1]) : null;
}

/**
 * Whether `candidate` is the page repeating `headline`: the same words up to quotes, case,
 * punctuation and small typos (similarity ≥ 0.85 after normalising), or a shortened form of it
 * that a page uses as its social or SEO title: its opening words match the headline's opening
 * words that closely, and that matching part is at least half of the candidate and 40% of the
 * headline. "‘Riverside council aproves £12m flood barrier’; residents welcome decision" repeats
 * "Riverside council approves £12m flood barrier after third winter of flooding"; a paragraph
 * that merely opens with the same three words does not.
 */
export function isHeadlineRepeat(candidate: string, headline: string): boolean {
  // Long blocks are paragraphs, and the comparison is quadratic: keep it to lines of headline size.
  if (candidate.length > 2 * headline.length + 100 || Math.max(candidate.length, headline.length) > 600) {
    return false;
  }
  const line = normaliseForComparison(candidate);
  const title = normaliseForComparison(headline);
  if (line === '' || title === '') return false;
  if (line.length > 2 * title.length + 40 || line.length > 400) return false;
  if (similarity(line, title) >= 0.85) return true;

  const lineWords = line.split(' ');
  const titleWords = title.split(' ');
  let matched = 0;
  const most = Math.min(lineWords.length, titleWords.length);
  for (let k = 3; k <= most; k++) {
    const linePrefix = lineWords.slice(0, k).join(' ');
    const titlePrefix = titleWords.slice(0, k).join(' ');
    if (similarity(linePrefix, titlePrefix) >= 0.85) matched = linePrefix.length;
  }
  return matched > 0 && matched >= 0.5 * line.length && matched >= 0.4 * title.length;
}

// Words that open a first paragraph with a colon or dash but are not places.
const NOT_PLACES = new Set(
  [
    'breaking',
    'breaking news',
    'exclusive',
    'update',
    'updated',
    'last updated',
    'published',
    'posted',
    'filed',
    'analysis',
    'comment',
    'opinion',
    'live',
    'watch',
    'video',
    'photo',
    'photos',
    'picture',
    'pictures',
    'image',
    'credit',
    'source',
    'sources',
    'editorial',
    'review',
    'interview',
    'explainer',
    'note',
    'editors note',
    'editor’s note',
    "editor's note",
    'warning',
    'correction',
    'clarification',
    'listen',
    'podcast',
    'sponsored',
    'advertisement',
    'summary',
    'background',
    'context',
    'quote',
    'caption',
    'date',
    'time',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'today',
    'yesterday',
    'tonight',
    'q',
    'a',
  ].map((w) => w.toLowerCase()),
);
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'sir',
  'dame',
  'lord',
  'lady',
  'prof',
  'professor',
]);

// A place name: up to four capitalised words, with the small words of place names between them
// ("Newcastle upon Tyne", "Stratford-upon-Avon", "St Ives").
const PLACE_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`;
const PLACE_JOINER = String.raw`(?:upon|on|de|la|le|les|sur|am|an|der|del|di|da|do|du|en|of|y|el|al)`;
const PLACE = String.raw`${PLACE_WORD}(?: (?:${PLACE_JOINER} )?${PLACE_WORD}){0,3}`;
// "Riverside: Councillors voted…"
const DATELINE_COLON = new RegExp(String.raw`^(${PLACE})[ \t]?:[ \t]+(?=\S)`, 'u');
// "PORTHAVEN — The ferry…", "NEW YORK - …", "LONDON, England (Reuters) — …": capitals only,
// because a mixed-case word before a dash is usually the start of a sentence.
const UPPER_WORD = String.raw`\p{Lu}[\p{Lu}\p{M}'’.-]*`;
const DATELINE_DASH = new RegExp(
  String.raw`^(${UPPER_WORD}(?: ${UPPER_WORD}){0,3}(?:, [\p{L}\p{M}'’. ]{1,30}?)?(?: \([\p{L}\p{M} .&'’-]{1,30}\))?)(?:[ \t]*[—–][ \t]*|[ \t]+--?[ \t]+)(?=\S)`,
  'u',
);

/** A dateline opening a paragraph: the place, and how many characters the prefix takes. */
export interface DatelineMatch {
  dateline: string;
  length: number;
}

/** Finds a leading dateline ("Riverside: ", "PORTHAVEN — ") in a first paragraph's text. */
export function matchDateline(text: string): DatelineMatch | null {
  const match = DATELINE_COLON.exec(text) ?? DATELINE_DASH.exec(text);
  if (!match) return null;
  const place = match[1].trim();
  const lower = place.toLowerCase();
  const firstWord = lower.split(/[ .]/u)[0];
  if (NOT_PLACES.has(lower) || NOT_PLACES.has(firstWord) || HONORIFICS.has(firstWord)) return null;
  if ((place.match(/\p{L}/gu) ?? []).length < 2) return null;
  // Nothing may be left of the paragraph but the dateline.
  if (text.slice(match[0].length).trim() === '') return null;
  return { dateline: place, length: match[0].length };
}

/** Lower case, leading bullets and trailing arrows or colons removed: how furniture is compared. */
function normaliseFurniture(line: string): string {
  return line
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\s•·▪►▶→|>*+-]+/u, '')
    .replace(/[\s.:!›»→>…|]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

// Advert markers are dropped wherever they stand: a page puts them between paragraphs too.
const AD_MARKERS: RegExp[] = [
  /^(?:advertisement|advert|ad|sponsored|sponsored content|promoted|promoted content|paid (?:post|content))$/u,
  /^(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| advert| ad)?$/u,
  /^continue reading(?: below| the main story)?$/u,
];
const SOCIAL =
  '(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|reddit|pinterest|bluesky|threads|messenger|telegram|flipboard|mastodon)';
// Web-page furniture a copy from a browser drags along: sharing, comments, related articles,
// newsletters, adverts, cookie banners. Whole lines only, so a sentence that mentions them stays.
const FURNITURE: RegExp[] = [
  /^(?:you|we think you) (?:may|might|will|could|would) (?:also )?(?:like|enjoy|be interested in)(?: this| these| reading)?$/u,
  /^(?:related|recommended|suggested|popular|trending|latest|top)(?: articles?| stories| posts| reading| content| news| links| topics| videos| for you)?$/u,
  /^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)s?$/u,
  /^(?:show|view|hide|load|see|read|join the)(?: all)?(?: \d+)? (?:comments?|discussion|conversation)$/u,
  /^(?:comments?|replies)(?: \(\d+\))?$/u,
  /^(?:\d+|no) (?:comments?|replies|responses)(?: yet)?$/u,
  new RegExp(
    `^share(?: this| the| on| via| to| with)?(?: article| story| page| post)?(?: on| via| to)?(?: ${SOCIAL})?$`,
    'u',
  ),
  new RegExp(
    `^(?:tweet|print|copy link|link copied|save|bookmark|${SOCIAL})(?: this)?(?: article| story)?$`,
    'u',
  ),
  /^(?:subscribe|sign up|signup|register|log in|login|sign in)(?: now| today| here| for free| free)?$/u,
  /^newsletter(?: sign-?up)?$/u,
  ...AD_MARKERS,
  /^back to top$/u,
  /^(?:skip to (?:main )?(?:content|navigation|article|menu)|accessibility links|menu|main menu|search)$/u,
  /^(?:was this (?:article|story) (?:helpful|useful)\??)$/u,
  /^(?:©|copyright ©|all rights reserved).{0,100}$/u,
];
// Furniture that runs on into free text ("Read more: …", "Subscribe to our newsletter for …").
// A line like that which ends as a sentence does is the article's own text.
const OPEN_FURNITURE: RegExp[] = [
  /^(?:more|most) (?:from|on|in|read|popular|viewed|shared|watched|stories|news|like this)\b.{0,50}$/u,
  /^(?:read|see) (?:more|next|also|the full story|full article)\b.{0,60}$/u,
  /^(?:subscribe|sign up|signup|register)(?: now| today| here| for free| free)? (?:to|for) (?:our|the|a|my) .{0,80}$/u,
  /^(?:get|join) (?:our|the) .{0,40}newsletter.{0,80}$/u,
  /^follow us(?: on .{1,40})?$/u,
  /^(?:topics|tags|filed under)\b.{0,100}$/u,
];
const COOKIE =
  /\b(?:we use cookies|(?:site|website|page) uses cookies|accept (?:all )?cookies|manage cookies|use of cookies|cookie (?:policy|settings|preferences|notice|consent))\b/u;

/** Whether a line is web-page furniture: "You may also like", "Leave a Comment", "Share on X", a cookie notice… */
export function isFurnitureLine(line: string): boolean {
  // Furniture is short; a long paragraph is not worth normalising to find that out.
  if (line.length > MAX_FURNITURE_CHARS) return false;
  const text = normaliseFurniture(line);
  if (text === '') return false;
  if (text.length <= 400 && COOKIE.test(text)) return true;
  if (text.length > 160) return false;
  if (FURNITURE.some((pattern) => pattern.test(text))) return true;
  const endsSentence = /[.。]$/u.test(line.trim().replace(TRAILING_CLOSERS, ''));
  return !endsSentence && OPEN_FURNITURE.some((pattern) => pattern.test(text));
}

function isAdMarker(line: string): boolean {
  if (line.length > MAX_FURNITURE_CHARS) return false;
  const text = normaliseFurniture(line);
  return AD_MARKERS.some((pattern) => pattern.test(text));
}

/** A related-article headline or a date under "You may also like": a short line without a full stop. */
function isTeaserLine(line: string): boolean {
  return looksLikeTitle(line) && wordCount(line) <= 20;
}

/**
 * Whether a single line of a page header is one this module would take out of the body; the
 * plain-text importer uses it to split a page header whose lines have no blank lines between them.
 */
export function isHeaderLine(line: string, headline: string): boolean {
  return (
    parseByline(line) !== null ||
    parseContentHighlight(line) !== null ||
    isFurnitureLine(line) ||
    (headline !== '' && isHeadlineRepeat(line, headline))
  );
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

type TrailingKind = 'furniture' | 'teaser' | 'article';

/** How a block at the end of the article reads: page furniture, a teaser list, or article text. */
function trailingKind(node: BodyNode): TrailingKind {
  if (node.type === 'horizontalRule') return 'teaser';
  let parts: string[];
  // Fifteen teaser headlines in one block stay well under this; a longer block is article text.
  if (isTextBlock(node)) {
    const text = blockText(node);
    if (text.length > MAX_TEASERS * MAX_TITLE_CHARS) return 'article';
    parts = lines(text);
  } else if (node.type === 'bulletList' || node.type === 'orderedList')
    parts = (node.content ?? []).map((item) => oneLine(blockText(item)));
  else return 'article';
  if (parts.length === 0) return 'teaser';
  // "You may also like" followed, in the same block, by the teasers it introduces.
  if (isFurnitureLine(parts[0]) && parts.every((p) => isFurnitureLine(p) || isTeaserLine(p)))
    return 'furniture';
  if (parts.every((p) => isFurnitureLine(p))) return 'furniture';
  if (parts.every((p) => isFurnitureLine(p) || isTeaserLine(p))) return 'teaser';
  return 'article';
}

/** Removes the first `count` characters (as counted by blockText) from a paragraph, keeping marks. */
function dropLeadingText(node: BodyNode, count: number): BodyNode {
  let remaining = count;
  const content: BodyNode[] = [];
  for (const child of node.content ?? []) {
    if (remaining <= 0) {
      content.push(child);
    } else if (child.type === 'text') {
      const text = child.text ?? '';
      if (text.length <= remaining) {
        remaining -= text.length;
      } else {
        content.push({ ...child, text: text.slice(remaining) });
        remaining = 0;
      }
    } else {
      remaining -= blockText(child).length || 1;
    }
  }
  return content.length > 0
    ? { ...node, content }
    : { type: node.type, ...(node.attrs ? { attrs: node.attrs } : {}) };
}

/** A text block cut at its hard breaks: one inline run per line, marks kept. */
function splitLines(node: BodyNode): BodyNode[][] {
  const lines: BodyNode[][] = [[]];
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') lines.push([]);
    else lines[lines.length - 1].push(child);
  }
  return lines;
}

function joinLines(type: string, lines: BodyNode[][], attrs?: Record<string, unknown>): BodyNode {
  const content = lines.flatMap((line, i) => (i === 0 ? line : [{ type: 'hardBreak' }, ...line]));
  return { type, ...(attrs ? { attrs } : {}), ...(content.length > 0 ? { content } : {}) };
}

/**
 * A page header pasted as one paragraph with line breaks ("Headline<br>By Jane Doe<br>LONDON — …")
 * is split into one block per header line, so each can be recognised like a paragraph of its own.
 */
function splitHeaderBlock(input: readonly BodyNode[]): BodyNode[] {
  const index = input.findIndex((node) => blockText(node).trim() !== '');
  const first = input[index];
  if (!first || !isTextBlock(first) || !(first.content ?? []).some((c) => c.type === 'hardBreak')) {
    return input.slice();
  }
  const lines = splitLines(first).filter((line) => line.map(blockText).join('').trim() !== '');
  const texts = lines.map((line) => line.map(blockText).join('').trim());
  if (lines.length < 2 || !looksLikeTitle(texts[0])) return input.slice();
  let k = 1;
  while (k < lines.length && isHeaderLine(texts[k], texts[0])) k++;
  if (k === 1) return input.slice();
  const header = lines.slice(0, k).map((line) => joinLines(first.type, [line], first.attrs));
  const rest = lines.length > k ? [joinLines('paragraph', lines.slice(k))] : [];
  return [...input.slice(0, index), ...header, ...rest, ...input.slice(index + 1)];
}

function quoted(text: string, max = 80): string {
  const line = oneLine(text);
  return `“${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
}

/**
 * Finds the article fields in a list of top-level body blocks and returns them with the blocks
 * that remain for the body. In order: a "Content Highlight:" paragraph anywhere; the first block
 * as the headline when it reads like one; in the few blocks after it, the byline, the page's
 * repeat of the headline and share buttons; a dateline opening the first paragraph; advert
 * markers; and the page furniture after the end of the article. Every block moved or dropped gets
 * a note in `report`.
 */
export function detectStructure(input: readonly BodyNode[]): ArticleStructure {
  const blocks = splitHeaderBlock(input);
  const removed = blocks.map(() => false);
  const notes: Array<{ at: number; note: ImportNote }> = [];
  const note = (at: number, kind: ImportNote['kind'], message: string, text?: string): void => {
    notes.push({ at, note: text === undefined ? { kind, message } : { kind, message, text } });
  };
  const found = { headline: '', byline: '', dateline: '', contentHighlight: '' };

  for (let i = 0; i < blocks.length; i++) {
    if (!isTextBlock(blocks[i])) continue;
    const text = blockText(blocks[i]);
    const highlight = parseContentHighlight(text);
    if (highlight === null) continue;
    if (found.contentHighlight === '') {
      found.contentHighlight = highlight;
      removed[i] = true;
      note(i, 'moved', 'The “Content Highlight:” line became the Content Highlight.', oneLine(text));
    } else {
      note(
        i,
        'warning',
        'A second “Content Highlight:” line was left in the body: only the first one is used.',
        oneLine(text),
      );
    }
  }

  let next = blocks.findIndex((_, i) => !removed[i]);
  if (next === -1) next = blocks.length;
  // A copy of a whole page starts with its navigation ("Skip to content", "Menu") before the headline.
  for (let skipped = 0; next < blocks.length && skipped < HEADER_ZONE; skipped++) {
    if (!removed[next] && trailingKind(blocks[next]) !== 'furniture') break;
    if (!removed[next]) {
      removed[next] = true;
      const text = blockText(blocks[next]);
      note(
        next,
        'dropped',
        `Web-page text ${quoted(text)} is not part of the article and was left out.`,
        text,
      );
    }
    next++;
  }
  if (next < blocks.length) {
    const first = blocks[next];
    const text = oneLine(blockText(first));
    // A headline may wrap onto a second line; three lines or more are an address or a list.
    const breaks = (first.content ?? []).filter((c) => c.type === 'hardBreak').length;
    if (isTextBlock(first) && breaks <= 1 && looksLikeTitle(text) && parseByline(text) === null) {
      found.headline = text;
      removed[next] = true;
      note(next, 'moved', 'The first line became the headline.', text);
      next++;
    } else {
      note(
        next,
        'warning',
        'No headline was recognised: the text does not start with a line that reads like one. Add the headline before filing.',
      );
    }
  }

  let scanned = 0;
  for (let i = next; i < blocks.length && scanned < HEADER_ZONE; i++) {
    if (removed[i]) continue;
    scanned++;
    const node = blocks[i];
    if (!isTextBlock(node)) break;
    const text = blockText(node);
    const name = found.byline === '' ? parseByline(text) : null;
    if (name !== null) {
      found.byline = name;
      removed[i] = true;
      note(i, 'moved', `${quoted(text)} became the byline, without the word “by”.`, oneLine(text));
      continue;
    }
    if (found.headline !== '' && isHeadlineRepeat(text, found.headline)) {
      removed[i] = true;
      note(i, 'dropped', 'The page repeated its headline here; the repeat was left out.', oneLine(text));
      continue;
    }
    if (trailingKind(node) === 'furniture') {
      removed[i] = true;
      note(i, 'dropped', `Web-page text ${quoted(text)} is not part of the article and was left out.`, text);
      continue;
    }
    const dateline = node.type === 'paragraph' ? matchDateline(text) : null;
    if (dateline) {
      found.dateline = dateline.dateline;
      blocks[i] = dropLeadingText(node, dateline.length);
      note(
        i,
        'moved',
        `${quoted(dateline.dateline)} at the start of the first paragraph became the dateline.`,
        text.slice(0, dateline.length).trim(),
      );
      break;
    }
    // A short unrecognised line (a date, a kicker) stays in the body but may still precede the
    // byline; the first real paragraph ends the page header.
    if (!looksLikeTitle(text)) break;
  }

  for (let i = 0; i < blocks.length; i++) {
    if (removed[i] || !isTextBlock(blocks[i])) continue;
    const text = blockText(blocks[i]);
    if (isAdMarker(text)) {
      removed[i] = true;
      note(i, 'dropped', `The advertisement marker ${quoted(text)} was left out.`, text);
    }
  }

  // Walk back from the end: the trailing furniture starts at the earliest furniture block that
  // only furniture and teasers follow. Teasers count only below a furniture block, so an
  // article's own short last line stays.
  let start = blocks.length;
  let teasers = 0;
  for (let i = blocks.length - 1; i >= 0; i--) {
    if (removed[i]) continue;
    const kind = trailingKind(blocks[i]);
    if (kind === 'furniture') {
      start = i;
      teasers = 0;
    } else if (kind === 'teaser' && teasers < MAX_TEASERS) {
      teasers++;
    } else {
      break;
    }
  }
  // A rule drawn between the article and the page furniture belongs to the page.
  while (start < blocks.length && start > 0 && blocks[start - 1].type === 'horizontalRule') start--;
  for (let i = start; i < blocks.length; i++) {
    if (removed[i]) continue;
    removed[i] = true;
    const text = blockText(blocks[i]);
    if (text.trim() !== '')
      note(i, 'dropped', `Web-page text after the article, ${quoted(text)}, was left out.`, text);
  }

  return {
    ...found,
    blocks: blocks.filter((_, i) => !removed[i]),
    report: notes.sort((a, b) => a.at - b.at).map((n) => n.note),
  };
}
