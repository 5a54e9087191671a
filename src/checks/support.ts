import type { RawIssue } from './spelling';
import { describeSegment, type Segment } from './segments';
import { fold, isCapitalised, isAllCaps, stripPossessive, words } from './tokens';

/** A figure in a text, normalised so "£12m" and "£12 million" compare equal. */
export interface Figure {
  value: number;
  currency: string | null;
  percent: boolean;
  /** As written: "£12m", "4,000", "three". */
  raw: string;
  /** The word after the figure ("homes" in "400 homes"), lower case, for messages. */
  noun: string | null;
  start: number;
  end: number;
}

/** The facts of a text that a headline or Content Highlight may claim. */
export interface Facts {
  figures: Figure[];
  /** Scores and votes: "31-4" and "31 to 4" are both "31:4". */
  pairs: { key: string; raw: string; start: number; end: number }[];
  /** Clock times as "07:00". */
  times: { key: string; raw: string; start: number; end: number }[];
  /** Day and month as "12-14". */
  dates: { key: string; raw: string; start: number; end: number }[];
}

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
// Ordinals claim the same number: "third winter" is backed by "three consecutive winters".
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  twentieth: 20,
  hundredth: 100,
};
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
  tn: 1e12,
  trillion: 1e12,
};
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_RE =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** The month number (1–12) of a month name or abbreviation. */
export function monthNumber(name: string): number {
  const n = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

const NUMBER_RE = new RegExp(
  String.raw`([£$€])?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(k|m|mn|bn|tn|million|billion|thousand|trillion)\b)?(\s?(?:%|per\s?cent\b|percent\b))?`,
  'gi',
);

/** Reads the figures, scores, times and dates of a text. */
export function readFacts(text: string): Facts {
  const facts: Facts = { figures: [], pairs: [], times: [], dates: [] };
  const taken: [number, number][] = [];
  const take = (a: number, b: number) => taken.push([a, b]);
  const isTaken = (a: number) => taken.some(([x, y]) => a >= x && a < y);

  for (const m of text.matchAll(/\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\.?(?![\p{L}])/giu)) {
    const h = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === 'p' ? 12 : 0);
    facts.times.push({
      key: `${String(h).padStart(2, '0')}:${m[2] ?? '00'}`,
      raw: m[0],
      start: m.index,
      end: m.index + m[0].length,
    });
    take(m.index, m.index + m[0].length);
  }
  const dayMonth = new RegExp(
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_RE})(?![\p{L}])|\b(${MONTH_RE})\s+(\d{1,2})(?:st|nd|rd|th)?\b`,
    'giu',
  );
  for (const m of text.matchAll(dayMonth)) {
    const day = Number(m[1] ?? m[4]);
    const month = monthNumber(m[2] ?? m[3]!);
    if (!month || day < 1 || day > 31) continue;
    facts.dates.push({ key: `${month}-${day}`, raw: m[0], start: m.index, end: m.index + m[0].length });
    take(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(
    /(?<![\d.,£$€])(\d{1,3})\s?(?:-|–|to)\s?(\d{1,3})(?![\d.,%]|\s?(?:per\b|%|[ap]\.?m\b)|-\p{L}|\p{L})/giu,
  )) {
    if (isTaken(m.index)) continue;
    facts.pairs.push({
      key: `${Number(m[1])}:${Number(m[2])}`,
      raw: m[0],
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(NUMBER_RE)) {
    const numStart = m.index + (m[0].length - m[0].trimStart().length);
    const digitsStart = m.index + m[0].indexOf(m[2]!);
    if (isTaken(digitsStart)) continue;
    if (/[\p{L}]/u.test(text[digitsStart - 1] ?? '')) continue; // "A1", "M6": road and product names.
    const value = Number(m[2]!.replace(/,/g, '')) * (m[3] ? MULTIPLIERS[m[3].toLowerCase()]! : 1);
    const end = m.index + m[0].length;
    facts.figures.push({
      value,
      currency: m[1] ?? null,
      percent: !!m[4],
      raw: m[0].trim(),
      noun: nounAfter(text, end),
      start: numStart,
      end,
    });
  }
  for (const t of words(text)) {
    const w = t.text.toLowerCase();
    const head = w.split('-')[0]!;
    const value = UNITS[head] ?? ORDINALS[head];
    if (value === undefined) continue;
    let mult = 1;
    const after = text.slice(t.end).match(/^\s(million|billion|thousand|hundred)\b/i);
    if (after) mult = MULTIPLIERS[after[1]!.toLowerCase()] ?? 100;
    facts.figures.push({
      value: value * mult,
      currency: null,
      percent: false,
      raw: t.text,
      noun: w.includes('-') ? w.split('-').slice(1).join('-') : nounAfter(text, t.end),
      start: t.start,
      end: t.end,
    });
  }
  return facts;
}

function nounAfter(text: string, end: number): string | null {
  const m = text
    .slice(end)
    .match(/^[\s-]*(?:(?:more|than|of|more than|consecutive|new|extra|additional)\s+)*([\p{L}]+)/u);
  return m ? m[1]!.toLowerCase() : null;
}

const stem = (w: string | null) => (w ?? '').replace(/(?:es|s)$/, '');

/** The body's facts gathered across blocks (each block's facts are cached with the block). */
export interface BodyFacts {
  values: Map<number, Figure[]>;
  pairs: Set<string>;
  times: Set<string>;
  dates: Set<string>;
  words: Set<string>;
  figuresByNoun: Map<string, Figure[]>;
}

/** Merges the facts and words of the body blocks into one index. */
export function indexBodyFacts(blocks: readonly { facts: Facts; tokens: { text: string }[] }[]): BodyFacts {
  const idx: BodyFacts = {
    values: new Map(),
    pairs: new Set(),
    times: new Set(),
    dates: new Set(),
    words: new Set(),
    figuresByNoun: new Map(),
  };
  for (const b of blocks) {
    for (const f of b.facts.figures) {
      // push, not spread: a long article has hundreds of figures with the same value.
      const same = idx.values.get(f.value);
      if (same) same.push(f);
      else idx.values.set(f.value, [f]);
      const n = stem(f.noun);
      if (!n) continue;
      const byNoun = idx.figuresByNoun.get(n);
      if (byNoun) byNoun.push(f);
      else idx.figuresByNoun.set(n, [f]);
    }
    for (const p of b.facts.pairs) idx.pairs.add(p.key);
    for (const t of b.facts.times) idx.times.add(t.key);
    for (const d of b.facts.dates) idx.dates.add(d.key);
    for (const t of b.tokens) {
      const w = fold(stripPossessive(t.text));
      idx.words.add(w);
      for (const part of w.split('-')) idx.words.add(part);
    }
  }
  return idx;
}

/** Small capitalised words that are not claims about anyone. */
const NOT_CLAIMS = new Set([
  'the',
  'a',
  'an',
  'and',
  'but',
  'or',
  'in',
  'on',
  'at',
  'to',
  'of',
  'for',
  'by',
  'with',
  'from',
  'as',
  'after',
  'over',
  'new',
]);

/**
 * What a headline or Content Highlight claims that the body does not back: numbers, amounts,
 * scores, times, dates, weekdays and proper names. Each must appear in the body in a
 * compatible form ("£12m" ~ "£12 million", "31-4" ~ "31 to 4", "4,000" ~ "4000",
 * "third" ~ "three").
 */
export function unsupportedClaims(
  seg: Segment,
  bodyParts: readonly BodyFacts[],
  isWord: (w: string) => boolean,
): RawIssue[] {
  // Each body block keeps its own index (built once, with the block's cache entry); a claim is
  // looked up in each, which is far cheaper than merging 20,000 words into one index per keystroke.
  const body = {
    pairs: { has: (k: string) => bodyParts.some((b) => b.pairs.has(k)) },
    times: { has: (k: string) => bodyParts.some((b) => b.times.has(k)) },
    dates: { has: (k: string) => bodyParts.some((b) => b.dates.has(k)) },
    words: { has: (k: string) => bodyParts.some((b) => b.words.has(k)) },
    values: { get: (v: number) => bodyParts.flatMap((b) => b.values.get(v) ?? []) },
    figuresByNoun: { get: (n: string) => bodyParts.flatMap((b) => b.figuresByNoun.get(n) ?? []) },
  };
  const where = describeSegment(seg).replace(/^the /, '');
  const facts = readFacts(seg.text);
  const out: RawIssue[] = [];
  const flag = (start: number, end: number, message: string, suggestions: string[] = []) =>
    out.push({
      rule: 'not-in-body',
      start,
      end,
      text: seg.text.slice(start, end),
      message,
      suggestions,
      severity: 'error',
    });

  const covered: [number, number][] = [];
  for (const p of facts.pairs) {
    covered.push([p.start, p.end]);
    if (!body.pairs.has(p.key))
      flag(
        p.start,
        p.end,
        `The ${where} says ${p.raw}; the body never gives ${p.raw.replace(/\s?(?:-|–|to)\s?/, ' to ')}.`,
      );
  }
  for (const t of facts.times) {
    if (!body.times.has(t.key))
      flag(t.start, t.end, `The ${where} says ${t.raw}; the body gives no such time.`);
  }
  for (const d of facts.dates) {
    if (!body.dates.has(d.key))
      flag(d.start, d.end, `The ${where} says ${d.raw}; the body gives no such date.`);
  }
  for (const f of facts.figures) {
    if (covered.some(([a, b]) => f.start >= a && f.start < b)) continue;
    const same = body.values.get(f.value) ?? [];
    const ok = same.some(
      (g) => (!f.currency || !g.currency || g.currency === f.currency) && g.percent === f.percent,
    );
    if (ok) continue;
    const claim = f.noun && !f.raw.toLowerCase().endsWith(f.noun) ? `${f.raw} ${f.noun}` : f.raw;
    const others = f.noun
      ? (body.figuresByNoun.get(stem(f.noun)) ?? []).filter((g) => g.value !== f.value)
      : [];
    const bodySays = others.length
      ? `the body says ${[...new Set(others.map((g) => `${g.raw} ${g.noun}`))].join(', ')}`
      : 'the body never gives this figure';
    flag(f.start, f.end, `The ${where} says ${claim}; ${bodySays}.`, others.length ? [others[0]!.raw] : []);
  }
  // Proper names and weekdays. In a title-case headline every word is capitalised, so there a
  // capitalised dictionary word is not taken for a name.
  const toks = words(seg.text);
  const long = toks.filter((t) => t.text.length >= 4);
  const titleCase = long.length >= 3 && long.filter((t) => isCapitalised(t.text)).length / long.length > 0.6;
  for (const t of toks) {
    const w = stripPossessive(t.text);
    const lower = w.toLowerCase();
    if (WEEKDAYS.includes(lower)) {
      if (!body.words.has(lower))
        flag(t.start, t.start + w.length, `The ${where} says ${w}; the body never mentions ${w}.`);
      continue;
    }
    if (!isCapitalised(w) || isAllCaps(w) || NOT_CLAIMS.has(lower) || MONTHS.includes(lower)) continue;
    if ((t.sentenceStart || titleCase) && isWord(lower)) continue;
    if (body.words.has(fold(w))) continue;
    flag(t.start, t.start + w.length, `The ${where} names “${w}”, but the body never does.`);
  }
  return out;
}
