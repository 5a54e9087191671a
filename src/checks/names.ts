import type { RawIssue } from './spelling';
import { describeSegment, type Segment } from './segments';
import { fold, isAllCaps, isCapitalised, stripPossessive } from './tokens';

const HONORIFICS = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Professor',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Rev',
  'Councillor',
  'Cllr',
  'Judge',
  'Inspector',
  'Sergeant',
  'Captain',
  'President',
  'Senator',
]);

// Capitalised words that are never people, places or organisations in their own right.
const NOT_NAMES = new Set(
  `Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December
  The A An And But Or If In On At To Of For By With From As It Its This That These Those He She They We You I His Her Their Our
  Mr Mrs Ms Miss Dr St Sir`
    .split(/\s+/)
    .filter(Boolean),
);

/** One use of a capitalised word that looks like (part of) a proper name. */
export interface NameOccurrence {
  form: string;
  segment: Segment;
  start: number;
  end: number;
  /** How it appears: "David Feld", "Mr Field", "Okonjo". */
  context: string;
  /** Part of a first-reference full name (two or more capitalised words in a row). */
  inFullName: boolean;
  /** Preceded by a title such as Mr or Dr. */
  titled: boolean;
}

/**
 * The name-like words of the segments. `isWord(lower)` says whether the lower-case form is a
 * dictionary word: a capitalised dictionary word at the start of a sentence ("Construction
 * is expected…") is not a name.
 */
export function nameOccurrences(
  segments: readonly Segment[],
  isWord: (w: string) => boolean,
): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  for (const seg of segments) {
    const toks = seg.tokens;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      const form = stripPossessive(t.text);
      if (
        !isCapitalised(form) ||
        isAllCaps(form) ||
        form.length < 3 ||
        NOT_NAMES.has(form) ||
        HONORIFICS.has(form)
      )
        continue;
      const prev = toks[i - 1];
      const next = toks[i + 1];
      const adjacent = (a: { end: number } | undefined, b: { start: number } | undefined) =>
        !!a && !!b && /^\.? ?$/.test(seg.text.slice(a.end, b.start)) && a.end < b.start;
      const titled = !!prev && HONORIFICS.has(prev.text) && adjacent(prev, t);
      const prevName =
        !!prev &&
        !titled &&
        isCapitalised(prev.text) &&
        !NOT_NAMES.has(prev.text) &&
        seg.text.slice(prev.end, t.start) === ' ';
      const nextName =
        !!next &&
        isCapitalised(next.text) &&
        !NOT_NAMES.has(next.text) &&
        seg.text.slice(t.end, next.start) === ' ';
      const inFullName = prevName || nextName;
      if (t.sentenceStart && !inFullName && !titled && isWord(form.toLowerCase())) continue;
      const contextStart = titled ? prev!.start : prevName ? prev!.start : t.start;
      const contextEnd = nextName ? next!.end : t.start + form.length;
      out.push({
        form,
        segment: seg,
        start: t.start,
        end: t.start + form.length,
        context: seg.text.slice(contextStart, contextEnd),
        inFullName,
        titled,
      });
    }
  }
  return out;
}

/** Optimal-string-alignment distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Whether two spellings are close enough to be one name spelt two ways. */
function closeSpellings(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (fa === fb) return a !== b; // Only accents differ: "Wisniewski" / "Wiśniewski".
  if (fa[0] !== fb[0]) return false; // Different initials are different names (Hart / Bart).
  const [short, long] = fa.length <= fb.length ? [fa, fb] : [fb, fa];
  // Plurals and possessives of one word are not two spellings.
  if (long === `${short}s` || long === `${short}es`) return false;
  if (short.length < 4) return false;
  return editDistance(fa, fb, long.length >= 8 ? 2 : 1) <= (long.length >= 8 ? 2 : 1);
}

/** How one spelling is used across the article, aggregated without keeping every use. */
export interface NameForm {
  form: string;
  count: number;
  /** Used at least once inside a full name ("David Feld"). */
  inFullName: boolean;
  /** Used at least once with a title or inside a full name: certainly a name. */
  strong: boolean;
  /** Order of first use in the article (headline first). */
  first: number;
}

/** Adds the uses in `occurrences` to `forms` (kept per body block, so a keystroke merges small maps). */
export function countNameForms(
  occurrences: readonly Omit<NameOccurrence, 'segment'>[],
  forms = new Map<string, NameForm>(),
  order = 0,
): Map<string, NameForm> {
  for (const o of occurrences) {
    let f = forms.get(o.form);
    if (!f)
      forms.set(o.form, (f = { form: o.form, count: 0, inFullName: false, strong: false, first: order }));
    f.count++;
    f.inFullName ||= o.inFullName;
    f.strong ||= o.inFullName || o.titled;
  }
  return forms;
}

/** Merges per-block form counts in document order. */
export function mergeNameForms(parts: readonly Map<string, NameForm>[]): Map<string, NameForm> {
  const out = new Map<string, NameForm>();
  parts.forEach((part, i) => {
    for (const f of part.values()) {
      const m = out.get(f.form);
      if (!m) out.set(f.form, { ...f, first: i });
      else {
        m.count += f.count;
        m.inFullName ||= f.inFullName;
        m.strong ||= f.strong;
      }
    }
  });
  return out;
}

/**
 * Names spelt two ways in one article ("David Feld" … "Mr Field"): every use of the rarer
 * spelling is returned, suggesting the more frequent one. Full names and later title-and-
 * surname references count together, because they are compared word by word; the headline
 * and Content Highlight count too. On a tie, the spelling of the first full-name reference wins,
 * because that is the one a reporter takes from a card or a press release. `usesOf` lists the
 * uses of a spelling; it is called only for spellings that are flagged.
 */
export function nameVariants(
  forms: ReadonlyMap<string, NameForm>,
  usesOf: (form: string) => NameOccurrence[],
  isWord: (w: string) => boolean,
): { segment: Segment; issue: RawIssue }[] {
  // Bucket by folded initial so a long article does not compare every name with every other.
  const byInitial = new Map<string, NameForm[]>();
  for (const s of forms.values()) {
    const k = fold(s.form)[0] ?? '';
    const bucket = byInitial.get(k);
    if (bucket) bucket.push(s);
    else byInitial.set(k, [s]);
  }
  const rank = (s: NameForm) => [s.count, s.inFullName ? 1 : 0, -s.first];
  const better = (a: NameForm, b: NameForm) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
    return false;
  };
  const out: { segment: Segment; issue: RawIssue }[] = [];
  const flagged = new Set<string>();
  for (const group of byInitial.values()) {
    if (group.length < 2) continue;
    for (const a of group) {
      for (const b of group) {
        if (a === b || flagged.has(a.form) || !better(b, a) || !closeSpellings(a.form, b.form)) continue;
        // Two dictionary words (Hall / Hill) are only one name spelt two ways when both are
        // used as names with a title or a first name.
        const bothWords = isWord(a.form.toLowerCase()) && isWord(b.form.toLowerCase());
        if (bothWords || !(a.strong || b.strong)) continue;
        // Each spelling with its own first-reference full name, used more than once: two people
        // (Colin Hart and Colin Harte), not one spelt two ways.
        if (a.inFullName && b.inFullName && a.count >= 2) continue;
        flagged.add(a.form);
        const usesA = usesOf(a.form);
        const usesB = usesOf(b.form);
        const where = (uses: NameOccurrence[]) =>
          uses.map((u) => `${u.context} (${describeSegment(u.segment)})`).join(', ');
        for (const u of usesA) {
          out.push({
            segment: u.segment,
            issue: {
              rule: 'name-spelt-two-ways',
              start: u.start,
              end: u.end,
              text: u.form,
              message: `“${a.form}” and “${b.form}” look like one name spelt two ways. “${b.form}” is used ${times(b.count)}: ${where(usesB)}; “${a.form}” ${times(a.count)}: ${where(usesA)}. Check which is right and use it throughout.`,
              suggestions: [b.form],
              severity: 'error',
            },
          });
        }
      }
    }
  }
  return out;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
