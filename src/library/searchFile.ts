import MiniSearch, { type Options } from 'minisearch';
import { internals, type FieldTermData } from './searchRank';

/**
 * The search index's file, read and written without stalling the main process (which also
 * answers the app: autosave, opening articles).
 *
 * MiniSearch saves an index as one JSON document. At 10,000 articles that is 88 MB: one
 * `JSON.stringify` of it took 6–11 s and one `JSON.parse` 1.5–2.5 s on a 2-core machine, with
 * nothing else running meanwhile. Here the same serialisation is cut into lines, each parsed or
 * built in its own turn of the event loop:
 *
 * 1. a header: the format and its version, the article versions the index covers (`covers`) and
 *    MiniSearch's serialisation without its postings (document ids, field lengths: small);
 * 2. lines of postings, each a JSON array of `[word, {fieldId: {shortDocId: tf}}]` entries (the
 *    shape of MiniSearch's own `index`), about `LINE_CHARS` long;
 * 3. a trailer with the number of postings lines and words, so a file cut short (a crash before
 *    the rename cannot do it, a copy or a full disk elsewhere can) is told from a whole one.
 *
 * Every line ends with `\n`; the postings lines of a file, concatenated, are MiniSearch's
 * `index` array (a unit test compares them).
 */

const FORMAT = 'copydesk-search-index';

/**
 * Characters of postings per line. A line is parsed and put into the word tree in one turn of the
 * event loop (about 2 ms here), and built in one when writing (under 1 ms); a word whose postings
 * are longer (a common word at 10,000 articles: 100 KB) makes a longer line.
 */
export const LINE_CHARS = 64 * 1024;

/** The trailer is short; anything longer at the end of a file is not one (the file was cut). */
const TRAILER_MAX = 4096;

/** MiniSearch's serialisation (`toJSON`) without the postings: what `loadJS` reads besides them. */
interface IndexParts {
  documentCount: number;
  nextId: number;
  documentIds: Record<string, string>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  storedFields: Record<string, unknown>;
  dirtCount: number;
  serializationVersion: number;
}

interface Header {
  format: typeof FORMAT;
  formatVersion: number;
  /** For each article indexed: the `rev:size:mtime` key of the file version the index holds. */
  covers: Record<string, string>;
  miniSearch: IndexParts;
}

interface Trailer {
  end: typeof FORMAT;
  formatVersion: number;
  /** Postings lines between the header and the trailer. */
  lines: number;
  words: number;
}

/** One saved word: field id → (short document id → term frequency), as MiniSearch serialises it. */
type SavedPostings = Record<string, Record<string, number>>;

/** Lets the event loop run (IPC, timers, file callbacks) before the next line. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The index as it was at one moment, to be written line by line while it goes on changing. */
export interface IndexSnapshot {
  header: Header;
  /** The live word tree, walked while the lines are written (see `snapshotIndex`). */
  tree: Map<string, unknown>;
  /** Postings of this short id and above were added after the snapshot and are left out. */
  nextId: number;
}

/**
 * Takes what the file needs of `ms` now, in a few milliseconds: copies of the small parts, and
 * `nextId`. The postings (ten million at 10,000 articles) are not copied; they are read while the
 * lines are written, and what changes meanwhile does not reach the file:
 *
 * - MiniSearch never changes a posting once it is added. A saved article is `replace`d: its old
 *   version is discarded (its postings stay until a vacuum) and the new one added under a new
 *   short id, at `nextId` or above, which the writer leaves out. A removal is a `discard`.
 * - Adding a word may split an edge of the word tree; the walk (`walkWords`) holds the nodes
 *   themselves, which a split moves under a new node but never drops, so every word there at the
 *   snapshot is reached exactly once.
 * - Only a vacuum (and MiniSearch's own `search`, which Copydesk calls in tests only) deletes
 *   postings and words: the caller must not vacuum until the lines are written.
 *
 * So the file holds the index as it was here, whatever is saved meanwhile, and nothing waits for
 * the write: not saves, not searches.
 */
export function snapshotIndex(
  ms: object,
  covers: ReadonlyMap<string, string>,
  formatVersion: number,
): IndexSnapshot {
  const ix = internals(ms);
  return {
    header: {
      format: FORMAT,
      formatVersion,
      covers: Object.fromEntries(covers),
      miniSearch: {
        documentCount: ix._documentCount,
        nextId: ix._nextId,
        documentIds: Object.fromEntries(ix._documentIds),
        fieldIds: ix._fieldIds,
        fieldLength: Object.fromEntries(ix._fieldLength),
        // Updated in place by every add and discard.
        averageFieldLength: [...ix._avgFieldLength],
        storedFields: Object.fromEntries(ix._storedFields),
        dirtCount: ix._dirtCount,
        serializationVersion: 2,
      },
    },
    tree: ix._index._tree,
    nextId: ix._nextId,
  };
}

/**
 * The lines of the file for `snapshot`, each built in its own turn of the event loop. The words
 * come in the order MiniSearch's `toJSON` lists them, so the index loaded back has the same tree.
 */
export async function* indexFileLines(snapshot: IndexSnapshot): AsyncGenerator<string> {
  yield `${JSON.stringify(snapshot.header)}\n`;
  let lines = 0;
  let words = 0;
  let line = '';
  for (const [word, data] of walkWords(snapshot.tree)) {
    if (!line) await nextTurn();
    const entry = postingsJson(word, data, snapshot.nextId);
    if (!entry) continue;
    words++;
    line = line ? `${line},${entry}` : entry;
    if (line.length >= LINE_CHARS) {
      yield `[${line}]\n`;
      lines++;
      line = '';
    }
  }
  if (line) {
    yield `[${line}]\n`;
    lines++;
  }
  const trailer: Trailer = { end: FORMAT, formatVersion: snapshot.header.formatVersion, lines, words };
  yield `${JSON.stringify(trailer)}\n`;
}

/**
 * The words of MiniSearch's radix tree (a `Map` per node, the word's data under the key `''`) in
 * the order its tree iterator yields them: keys last to first, depth first. The stack holds nodes,
 * not keys, so words added to the tree between two steps cannot throw the walk off (see
 * `snapshotIndex`).
 */
function* walkWords(tree: Map<string, unknown>): Generator<[string, FieldTermData]> {
  const stack: ({ word: string; data: FieldTermData } | { prefix: string; node: Map<string, unknown> })[] = [
    { prefix: '', node: tree },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ('word' in item) {
      yield [item.word, item.data];
      continue;
    }
    for (const [key, child] of item.node) {
      if (key === '') stack.push({ word: item.prefix, data: child as FieldTermData });
      else stack.push({ prefix: item.prefix + key, node: child as Map<string, unknown> });
    }
  }
}

/**
 * `[word, {fieldId: {shortDocId: tf}}]` as JSON, without the postings of short ids from `nextId`
 * on; null when none is left. Written by hand: building the objects and stringifying them, as
 * `toJSON` does, is five times slower.
 */
function postingsJson(word: string, data: FieldTermData, nextId: number): string | null {
  let fields = '';
  for (const [fieldId, postings] of data) {
    let docs = '';
    for (const [docId, tf] of postings) {
      if (docId < nextId) docs += `${docs ? ',' : ''}"${docId}":${tf}`;
    }
    if (docs) fields += `${fields ? ',' : ''}"${fieldId}":{${docs}}`;
  }
  return fields ? `[${JSON.stringify(word)},{${fields}}]` : null;
}

/** Why a search index file was not loaded (it is then rebuilt from the articles). */
export class UnreadableIndexError extends Error {
  constructor(reason: string) {
    super(`search index file: ${reason}`);
    this.name = 'UnreadableIndexError';
  }
}

/**
 * Loads a file written from `indexFileLines` into a new MiniSearch, one line per turn of the
 * event loop, putting the postings straight into MiniSearch's word tree: the same index as
 * MiniSearch's `loadJS` of the same serialisation (a unit test compares the two).
 *
 * The trailer is checked first, so a file cut short, of another version, or of another kind
 * altogether (the one-document `search-index.json` of version 1) is refused before anything
 * large is parsed. Throws {@link UnreadableIndexError}.
 */
export async function loadIndexFile<T>(
  bytes: Uint8Array,
  formatVersion: number,
  options: Options<T>,
): Promise<{ ms: MiniSearch<T>; covers: Map<string, string> }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends = lineEnds(buf);
  const trailer = parseTrailer(buf, ends);
  if (trailer.formatVersion !== formatVersion) {
    throw new UnreadableIndexError(`version ${trailer.formatVersion}, not ${formatVersion}`);
  }
  if (ends.length !== trailer.lines + 2) throw new UnreadableIndexError('lines are missing');
  const line = (i: number): string => buf.toString('utf8', i === 0 ? 0 : ends[i - 1]! + 1, ends[i]);

  // The header's parts each in a turn of their own: at 10,000 articles parsing it takes up to
  // 20 ms, MiniSearch's reading of it 15 ms and the covers 7 ms.
  await nextTurn();
  const header = JSON.parse(line(0)) as Header;
  if (header.format !== FORMAT || header.formatVersion !== formatVersion) {
    throw new UnreadableIndexError('the header does not match the trailer');
  }
  await nextTurn();
  const ms = MiniSearch.loadJS({ ...header.miniSearch, index: [] }, options);
  await nextTurn();
  const covers = new Map(Object.entries(header.covers));
  const tree = internals(ms)._index;
  let words = 0;
  for (let i = 1; i <= trailer.lines; i++) {
    await nextTurn();
    for (const [word, data] of JSON.parse(line(i)) as [string, SavedPostings][]) {
      const fields: FieldTermData = new Map();
      for (const fieldId of Object.keys(data)) {
        const entry = data[fieldId]!;
        const postings = new Map<number, number>();
        for (const docId in entry) postings.set(Number(docId), entry[docId]!);
        fields.set(Number(fieldId), postings);
      }
      tree.set(word, fields);
      words++;
    }
  }
  if (words !== trailer.words) throw new UnreadableIndexError(`${words} words, not ${trailer.words}`);
  return { ms, covers };
}

/** Where each line of `buf` ends (its `\n`). */
function lineEnds(buf: Buffer): number[] {
  const ends: number[] = [];
  for (let at = buf.indexOf(0x0a); at >= 0; at = buf.indexOf(0x0a, at + 1)) ends.push(at);
  return ends;
}

function parseTrailer(buf: Buffer, ends: number[]): Trailer {
  const last = ends.at(-1);
  if (last !== buf.length - 1 || ends.length < 2) throw new UnreadableIndexError('cut short');
  const from = ends.at(-2)! + 1;
  if (last - from > TRAILER_MAX) throw new UnreadableIndexError('cut short');
  let trailer: Partial<Trailer> | null = null;
  try {
    trailer = JSON.parse(buf.toString('utf8', from, last)) as Partial<Trailer>;
  } catch {
    // reported below
  }
  if (
    trailer?.end !== FORMAT ||
    typeof trailer.lines !== 'number' ||
    typeof trailer.words !== 'number' ||
    typeof trailer.formatVersion !== 'number'
  ) {
    throw new UnreadableIndexError('cut short, or not a search index');
  }
  return trailer as Trailer;
}
