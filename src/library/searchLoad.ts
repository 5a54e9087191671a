import MiniSearch, { type Options } from 'minisearch';
import { internals } from './searchRank';

/** MiniSearch's serialised index (`JSON.stringify(miniSearch)`), as far as loading reads it. */
interface SerialisedIndex {
  serializationVersion: number;
  /** Per word: field id → (short document id → term frequency). */
  index: [string, Record<string, Record<string, number>>][];
}

/** How long the loader works before letting the main process answer other things (ms). */
const SLICE_MS = 8;

/**
 * Loads a saved MiniSearch index without stalling the main process, several times faster than
 * MiniSearch's own `loadJSAsync`.
 *
 * `loadJSAsync` pauses with `setTimeout(0)` after every thousand postings; in Node a timeout is at
 * least a millisecond, and a 10,000-article library has about ten million postings, so loading
 * took 6–8 s, most of it waiting (a search asked for meanwhile waits too). Here MiniSearch's
 * public `loadJS` reads everything but the postings (document ids, field lengths: small), and the
 * postings are put into its word tree in slices of about 8 ms with `setImmediate` between them.
 * The result is the same index (a unit test compares the two serialisations).
 */
export async function loadIndexInSlices<T>(js: unknown, options: Options<T>): Promise<MiniSearch<T>> {
  const saved = js as SerialisedIndex;
  // An older serialisation (MiniSearch 6's nested entries) is left to MiniSearch.
  if (saved.serializationVersion !== 2 || !Array.isArray(saved.index)) {
    return MiniSearch.loadJSAsync(js as Parameters<typeof MiniSearch.loadJS>[0], options);
  }
  const ms = MiniSearch.loadJS({ ...(js as Parameters<typeof MiniSearch.loadJS>[0]), index: [] }, options);
  const words = internals(ms)._index;
  let slice = performance.now();
  for (const [term, data] of saved.index) {
    const fields = new Map<number, Map<number, number>>();
    for (const fieldId of Object.keys(data)) {
      const entry = data[fieldId]!;
      const postings = new Map<number, number>();
      for (const docId in entry) postings.set(Number(docId), entry[docId]!);
      fields.set(Number(fieldId), postings);
    }
    words.set(term, fields);
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return ms;
}
