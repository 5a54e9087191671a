import MiniSearch from 'minisearch';

/**
 * Ranking a query against MiniSearch's index without MiniSearch's own `search`.
 *
 * MiniSearch keeps the index (tokenising, the radix tree, typo-tolerant lookup, one-article
 * updates, vacuuming, persistence); this module only walks the postings it holds. MiniSearch's
 * `search` builds a result object with a `match` record for every article matched by every
 * expanded word, then sorts them all: at 10,000 articles a common word expanded as a prefix
 * costs 15–20 ms, and a short prefix that starts hundreds of words most of a second. Here the
 * scores go into a typed array, only articles still matching every earlier word are scored for
 * the next, and which words matched (for highlighting) is worked out for the page of hits shown.
 *
 * The scores are MiniSearch's: BM25 per field with the same parameters, field boosts, prefix and
 * typo weights and "quality" factor (tests compare the two rankings on random queries).
 *
 * It reads MiniSearch 7's index fields, which its TypeScript types mark private; `internals`
 * checks they are there, so a MiniSearch upgrade that renames them fails the tests at once.
 */

/** Field id → (short document id → term frequency). */
export type FieldTermData = Map<number, Map<number, number>>;

interface Internals {
  _index: {
    get(term: string): FieldTermData | undefined;
    set(term: string, data: FieldTermData): unknown;
    atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
    /** The radix tree itself: a `Map` per node, a word's data under the key `''` (read by searchFile.ts). */
    _tree: Map<string, unknown>;
  };
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _documentCount: number;
  _dirtCount: number;
  _nextId: number;
}

/** How a query's words expand, the same choices as MiniSearch's `searchOptions` in searchIndex.ts. */
export interface RankOptions {
  boost: Record<string, number>;
  fields: readonly string[];
  /** Whether word `i` of `terms` also matches as a prefix. */
  prefix: (term: string, i: number, terms: string[]) => boolean;
  /** Typo tolerance of a word: false, or a fraction of its length. */
  fuzzy: (term: string, i: number, terms: string[]) => number | false;
  maxFuzzy: number;
  processTerm: (term: string) => string | null;
  /**
   * A prefix that starts very many words (the 4 letters "cons" start hundreds in a newsroom
   * archive) is expanded to its commonest words until their postings reach this many (at least
   * one word), as Lucene's `max_expansions` does. 0: no limit (MiniSearch's behaviour).
   */
  prefixPostingsBudget: number;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/** One word of the index that a query word stands for, and how much a match on it counts. */
interface Expansion {
  term: string;
  weight: number;
  data: FieldTermData;
}

export interface RankedHit {
  id: string;
  score: number;
}

export interface MatchDetails {
  terms: string[];
  queryTerms: string[];
  match: Record<string, string[]>;
}

export interface Ranking {
  hits: RankedHit[];
  details(id: string): MatchDetails;
  /** Set when a prefix was expanded to only some of the words it starts. */
  narrowed?: { prefix: string; used: number; of: number };
}

/** MiniSearch's internals, or an error naming what is missing (a MiniSearch upgrade changed them). */
export function internals(ms: object): Internals {
  const m = ms as unknown as Partial<Internals>;
  const missing = (
    [
      '_index',
      '_documentIds',
      '_idToShortId',
      '_fieldIds',
      '_fieldLength',
      '_avgFieldLength',
      '_storedFields',
      '_documentCount',
      '_dirtCount',
      '_nextId',
    ] as const
  ).filter((k) => m[k] === undefined);
  if (
    missing.length > 0 ||
    typeof m._index?.atPrefix !== 'function' ||
    typeof m._index?.fuzzyGet !== 'function' ||
    typeof m._index?.set !== 'function' ||
    !(m._index?._tree instanceof Map)
  ) {
    throw new Error(
      `MiniSearch's index no longer has ${missing.join(', ') || 'atPrefix/fuzzyGet/set/_tree'}`,
    );
  }
  return m as Internals;
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Reused between queries: one slot per short document id. */
let scores = new Float64Array(0);
let matched = new Uint32Array(0);

/**
 * Field lengths by short id (-1: discarded), one array per field, rebuilt when the index changed:
 * a typed-array read per posting instead of a Map lookup. Every add, replace and discard moves
 * `_nextId` or `_documentCount`, so the pair tells whether the arrays still hold.
 */
const lengthCache = new WeakMap<object, { key: string; byField: Float64Array[] }>();

function fieldLengths(ms: object, ix: Internals): Float64Array[] {
  const key = `${ix._nextId}:${ix._documentCount}`;
  const cached = lengthCache.get(ms);
  if (cached?.key === key) return cached.byField;
  const fields = Object.keys(ix._fieldIds).length;
  const byField = Array.from({ length: fields }, () => new Float64Array(ix._nextId).fill(-1));
  ix._fieldLength.forEach((lengths, docId) => {
    for (let f = 0; f < fields; f++) byField[f]![docId] = lengths[f] ?? 0;
  });
  lengthCache.set(ms, { key, byField });
  return byField;
}

export function rankQuery(
  ms: object,
  query: string,
  options: RankOptions,
  keep?: (id: string) => boolean,
): Ranking {
  const ix = internals(ms);
  const terms = tokenize(query)
    .map((t) => options.processTerm(t))
    .filter((t): t is string => !!t);
  const none: Ranking = { hits: [], details: () => ({ terms: [], queryTerms: [], match: {} }) };
  if (terms.length === 0) return none;

  let narrowed: Ranking['narrowed'];
  const expansions = terms.map((term, i): Expansion[] => {
    const out: Expansion[] = [];
    const exact = ix._index.get(term);
    if (exact) out.push({ term, weight: 1, data: exact });
    const fuzzyFraction = options.fuzzy(term, i, terms);
    let fuzzy: Map<string, [FieldTermData, number]> | undefined;
    if (fuzzyFraction) {
      const maxDistance =
        fuzzyFraction < 1
          ? Math.min(options.maxFuzzy, Math.round(term.length * fuzzyFraction))
          : fuzzyFraction;
      if (maxDistance) fuzzy = ix._index.fuzzyGet(term, maxDistance);
    }
    if (options.prefix(term, i, terms)) {
      const starts: Expansion[] = [];
      for (const [word, data] of ix._index.atPrefix(term)) {
        const distance = word.length - term.length;
        if (!distance) continue;
        fuzzy?.delete(word); // scored as a prefix match, as MiniSearch does
        starts.push({
          term: word,
          weight: (WEIGHTS.prefix * word.length) / (word.length + 0.3 * distance),
          data,
        });
      }
      out.push(...budgetPrefix(term, starts, options.prefixPostingsBudget, (n) => (narrowed = n)));
    }
    if (fuzzy) {
      for (const [word, [data, distance]] of fuzzy) {
        if (!distance) continue;
        out.push({ term: word, weight: (WEIGHTS.fuzzy * word.length) / (word.length + distance), data });
      }
    }
    return out;
  });

  // Scores per short id; `matched[id]` counts the query words an article has matched so far.
  // Only articles that matched every earlier word are scored for the next (the words are ANDed).
  const size = ix._nextId;
  if (scores.length < size) {
    scores = new Float64Array(Math.max(size, scores.length * 2));
    matched = new Uint32Array(scores.length);
  }
  const touched: number[] = [];
  const fieldBoosts = options.fields.map((f) => [ix._fieldIds[f]!, options.boost[f] ?? 1] as const);
  const docCount = ix._documentCount;
  const lengths = fieldLengths(ms, ix);
  for (let i = 0; i < terms.length; i++) {
    for (const { weight, data } of expansions[i]!) {
      for (const [fieldId, boost] of fieldBoosts) {
        const postings = data.get(fieldId);
        if (!postings) continue;
        const idf = Math.log(1 + (docCount - postings.size + 0.5) / (postings.size + 0.5));
        const avg = ix._avgFieldLength[fieldId]!;
        const w = weight * boost * idf;
        const fieldLength = lengths[fieldId]!;
        postings.forEach((tf, docId) => {
          const seen = matched[docId]!;
          if (seen < i || seen > i + 1) return;
          // Postings of discarded versions stay until a vacuum: skip them.
          const length = fieldLength[docId]!;
          if (length < 0) return;
          const bm25 = BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avg));
          if (seen === i) {
            matched[docId] = i + 1;
            if (i === 0) {
              touched.push(docId);
              scores[docId] = w * bm25;
              return;
            }
          }
          scores[docId]! += w * bm25;
        });
      }
    }
  }

  // The counts are cleared before anything else runs (`keep` is the caller's): the arrays are
  // shared by every query, and a count left behind would drop that article from the next one.
  const found: number[] = [];
  for (const docId of touched) {
    if (matched[docId] === terms.length) found.push(docId);
    matched[docId] = 0;
  }
  const hits: RankedHit[] = [];
  const quality = new Set(terms).size;
  for (const docId of found) {
    const id = ix._documentIds.get(docId);
    if (id === undefined || (keep && !keep(id))) continue;
    hits.push({ id, score: scores[docId]! * quality });
  }
  hits.sort((a, b) => b.score - a.score);

  const details = (id: string): MatchDetails => {
    const docId = ix._idToShortId.get(id);
    const match: Record<string, string[]> = {};
    const queryTerms: string[] = [];
    if (docId === undefined) return { terms: [], queryTerms, match };
    terms.forEach((term, i) => {
      for (const { term: word, data } of expansions[i]!) {
        for (const field of options.fields) {
          if (!data.get(ix._fieldIds[field]!)?.has(docId)) continue;
          const fields = (match[word] ??= []);
          if (!fields.includes(field)) fields.push(field);
          if (!queryTerms.includes(term)) queryTerms.push(term);
        }
      }
    });
    return { terms: Object.keys(match), queryTerms, match };
  };
  return { hits, details, narrowed };
}

/** The commonest of a prefix's words, up to the postings budget (see `prefixPostingsBudget`). */
function budgetPrefix(
  prefix: string,
  starts: Expansion[],
  budget: number,
  report: (n: NonNullable<Ranking['narrowed']>) => void,
): Expansion[] {
  if (!budget) return starts;
  const postings = (e: Expansion) => {
    let n = 0;
    for (const docs of e.data.values()) n += docs.size;
    return n;
  };
  let total = 0;
  const sized = starts.map((e) => {
    const n = postings(e);
    total += n;
    return { e, n };
  });
  if (total <= budget) return starts;
  sized.sort((a, b) => b.n - a.n);
  const used: Expansion[] = [];
  let spent = 0;
  for (const { e, n } of sized) {
    if (used.length > 0 && spent + n > budget) break;
    used.push(e);
    spent += n;
  }
  report({ prefix, used: used.length, of: starts.length });
  return used;
}
