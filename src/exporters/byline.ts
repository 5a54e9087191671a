import { isBlank, singleLine } from './markup';

/** One author named in a byline, as structured-data formats (JSON-LD, ninjs, NITF) want it. */
export interface BylineAuthor {
  kind: 'person' | 'organization';
  name: string;
  /** "Transport Correspondent" in "Tomasz Wiśniewski, Transport Correspondent". */
  jobTitle?: string;
}

const BY_PREFIX = /^\s*by\s+/i;

/** The byline as printed: "By " added unless the byline already starts with it. Empty stays empty. */
export function displayByline(byline: string): string {
  const text = singleLine(byline);
  if (isBlank(text)) return '';
  if (!BY_PREFIX.test(text)) return `By ${text}`;
  // Importers keep a pasted "by Riverside Gazette" as it was; the page prints it capitalised.
  return text.replace(/^(\s*)by(\s)/, '$1By$2');
}

// A segment naming a job rather than a person: it becomes the previous person's jobTitle.
const ROLE =
  /\b(?:correspondent|editor|reporter|writer|columnist|critic|contributor|analyst|photographer|producer|journalist|presenter)s?\b/i;

// Bylines credit a publication or agency rather than a person ("by Riverside Gazette",
// "Reuters", "Gazette staff"). Checked on the last word, or the first for "Daily Mirror"-like
// names, so that a surname such as "Post" or "Mail" alone does not turn a person into a paper.
const ORGANISATION_LAST_WORD = new Set([
  'gazette',
  'times',
  'news',
  'press',
  'herald',
  'tribune',
  'telegraph',
  'journal',
  'chronicle',
  'courier',
  'guardian',
  'observer',
  'express',
  'mirror',
  'echo',
  'agency',
  'agencies',
  'staff',
  'bureau',
  'desk',
  'newsroom',
  'wire',
  'wires',
  'media',
  'radio',
  'television',
  'broadcasting',
]);
const ORGANISATION_FIRST_WORD = new Set(['the', 'daily', 'evening', 'sunday', 'weekly', 'morning']);
const AGENCIES = new Set([
  'reuters',
  'afp',
  'ap',
  'pa',
  'bloomberg',
  'bbc',
  'itv',
  'cnn',
  'dpa',
  'ansa',
  'efe',
]);

function isOrganisation(name: string): boolean {
  const words = name.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  if (words.length === 1) return AGENCIES.has(words[0]!) || ORGANISATION_LAST_WORD.has(words[0]!);
  return ORGANISATION_LAST_WORD.has(words.at(-1)!) || ORGANISATION_FIRST_WORD.has(words[0]!);
}

/**
 * Reads the authors out of a byline: "By Jane Doe and John Smith" → two people;
 * "Tomasz Wiśniewski, Transport Correspondent" → one person with a job title;
 * "Riverside Gazette" or "Reuters" → an organisation. A heuristic, kept small on purpose:
 * anything it cannot place becomes a person named by the text as written, so no credit is lost.
 */
export function parseByline(byline: string): BylineAuthor[] {
  const text = singleLine(byline).replace(BY_PREFIX, '').trim();
  if (isBlank(text)) return [];
  const authors: BylineAuthor[] = [];
  for (const raw of text.split(/\s*(?:[,;&]|\band\b)\s*/i)) {
    const segment = raw.trim();
    if (isBlank(segment)) continue;
    const previous = authors.at(-1);
    if (ROLE.test(segment) && !isOrganisation(segment) && previous?.kind === 'person' && !previous.jobTitle) {
      previous.jobTitle = segment;
      continue;
    }
    authors.push({ kind: isOrganisation(segment) ? 'organization' : 'person', name: segment });
  }
  return authors;
}
