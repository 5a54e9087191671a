import type { Person } from '../article';

/**
 * Body suggestions are marks whose only attribute is an id (the suggest-changes library's
 * design). Copydesk makes that id carry who made the suggestion and when, so a suggestion stays
 * attributed wherever its text goes (copy and paste, a review package, a merge) with no side
 * table to keep in step: `s.<time base36>.<random>.<initials>.<name>`, name and initials
 * percent-encoded.
 */
export interface SuggestionAuthorship {
  author: Person;
  /** ISO time the suggestion was started. */
  at: string;
}

export function makeSuggestionId(author: Person, now = new Date(), random = Math.random): string {
  const rand = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  const initials = encodeIdPart(author.initials ?? '');
  const name = encodeIdPart(author.name || 'Unknown');
  return `s.${now.getTime().toString(36)}.${rand}.${initials}.${name}`;
}

/** Percent-encoding that also encodes the dot, the id's separator. */
function encodeIdPart(text: string): string {
  return encodeURIComponent(text).replace(/\./g, '%2E');
}

/** Who made a suggestion and when; null for ids Copydesk did not make (numbers, foreign ids). */
export function parseSuggestionId(id: unknown): SuggestionAuthorship | null {
  if (typeof id !== 'string') return null;
  const parts = id.split('.');
  if (parts.length !== 5 || parts[0] !== 's') return null;
  const time = parseInt(parts[1]!, 36);
  if (!Number.isFinite(time)) return null;
  try {
    const initials = decodeURIComponent(parts[3]!);
    return {
      author: { name: decodeURIComponent(parts[4]!), ...(initials && { initials }) },
      at: new Date(time).toISOString(),
    };
  } catch {
    return null;
  }
}
