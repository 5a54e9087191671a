import nspell from 'nspell';
import { fold, isAllCaps, isCapitalised, words, type Token } from './tokens';

/** What the spelling check needs from a dictionary; nspell provides it, tests may pass their own. */
export interface SpellChecker {
  /** Whether a word is spelt correctly (in the dictionary, a British variant of one, or the newsroom's words). */
  correct(word: string): boolean;
  /** Suggestions, best first (cached: nspell takes tens of milliseconds per word). */
  suggest(word: string): string[];
  /** Adds words for this session (the newsroom dictionary, "add to dictionary"). */
  addWords(words: Iterable<string>): void;
  /** Whether a word is one the newsroom added (case-insensitive). */
  isNewsroomWord(word: string): boolean;
}

/** Hunspell files as bytes or text: Node reads them from dictionary-en, the renderer fetches them. */
export interface HunspellFiles {
  aff: string | Uint8Array;
  dic: string | Uint8Array;
}

// British spellings of words whose American form the en-US Hunspell dictionary knows. A newsroom
// writing British English would otherwise see "harbour" and "councillor" underlined.
const BRITISH_TRANSFORMS: [RegExp, string][] = [
  [/our(s|ed|ing|ite|ites|able|er|ers|ful|less)?$/, 'or$1'],
  [/is(e|es|ed|ing|er|ers|ation|ations|able)$/, 'iz$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/tre(s|d)?$/, 'ter$1'],
  [/ll(ed|ing|er|ers|or|ors|ation|ations)$/, 'l$1'],
  [/ence(s)?$/, 'ense$1'],
  [/ogue(s)?$/, 'og$1'],
  [/mme(s)?$/, 'm$1'],
  [/ae/, 'e'],
  [/oe/, 'e'],
  [/yre(s)?$/, 'ire$1'],
];
const BRITISH_WORDS = new Set(
  'grey greys kerb kerbs cheque cheques judgement judgements aluminium whilst amongst storey storeys pyjamas plough ploughs sceptic sceptical scepticism ageing mould moulds moult smoulder manoeuvre manoeuvres enrol enrols fulfil fulfils instalment instalments draught draughts gaol gaoled tonne tonnes practise practised practising licence licences programme programmes learnt spelt burnt dreamt leapt towards afterwards artefact artefacts speciality specialities'.split(
    ' ',
  ),
);

/** A SpellChecker over Hunspell files, accepting British spellings of the words it knows. */
export function createSpellChecker(files: HunspellFiles, newsroomWords: Iterable<string> = []): SpellChecker {
  const toText = (d: string | Uint8Array): string =>
    typeof d === 'string' ? d : new TextDecoder().decode(d);
  const spell = nspell({ aff: toText(files.aff), dic: toText(files.dic) });
  const newsroom = new Set<string>();
  const known = new Map<string, boolean>();
  const suggestions = new Map<string, string[]>();

  const checkOne = (w: string): boolean => {
    if (spell.correct(w)) return true;
    const lower = w.toLowerCase();
    if (BRITISH_WORDS.has(lower)) return true;
    for (const [re, to] of BRITISH_TRANSFORMS) {
      if (!re.test(lower)) continue;
      const us = lower.replace(re, to);
      if (spell.correct(us) || spell.correct(us[0]!.toUpperCase() + us.slice(1))) return true;
    }
    return false;
  };

  const checker: SpellChecker = {
    correct(word) {
      const w = word.replace(/’/g, "'");
      if (newsroom.has(fold(w))) return true;
      let ok = known.get(w);
      if (ok === undefined) {
        // Hyphenated compounds ("north-west", "two-year") are right when each part is.
        ok = w.includes('-')
          ? w.split('-').every((p) => p === '' || checkOne(p)) || checkOne(w)
          : checkOne(w);
        known.set(w, ok);
      }
      return ok;
    },
    suggest(word) {
      const w = word.replace(/’/g, "'");
      let s = suggestions.get(w);
      if (!s) {
        s = spell.suggest(w).slice(0, 5);
        suggestions.set(w, s);
      }
      return s;
    },
    addWords(list) {
      for (const w of list) {
        const t = w.trim();
        if (t && !t.startsWith('#')) newsroom.add(fold(t));
      }
    },
    isNewsroomWord: (word) => newsroom.has(fold(word.replace(/’/g, "'"))),
  };
  checker.addWords(newsroomWords);
  return checker;
}

/** A spelling problem inside one piece of text, before it is placed in a field or block. */
export interface RawIssue {
  rule: string;
  start: number;
  end: number;
  text: string;
  message: string;
  suggestions: string[];
  severity: 'error' | 'warning' | 'info';
}

/**
 * Words of one text that the dictionary does not know. Capitalised words are returned as
 * `unknownCapitalised` rather than flagged: whether they are the article's own names can
 * only be told once the whole article is tokenised (see checkArticle).
 */
export function spellText(
  text: string,
  spell: SpellChecker,
): { issues: RawIssue[]; unknownCapitalised: Token[]; tokens: Token[] } {
  const tokens = words(text);
  const issues: RawIssue[] = [];
  const unknownCapitalised: Token[] = [];
  for (const t of tokens) {
    const w = t.text.replace(/['’]s$/u, '');
    if (w.length < 2 || isAllCaps(w)) continue;
    if (spell.correct(w)) continue;
    if (isCapitalised(w) && !(t.sentenceStart && spell.correct(w.toLowerCase()))) {
      unknownCapitalised.push({ ...t, text: w, end: t.start + w.length });
      continue;
    }
    issues.push({
      rule: 'misspelling',
      start: t.start,
      end: t.start + w.length,
      text: w,
      message: `“${w}” is not in the dictionary: check the spelling, or add it to the newsroom dictionary if it is right.`,
      suggestions: spell.suggest(w),
      severity: 'error',
    });
  }
  issues.push(...repeatedWords(text));
  return { issues, unknownCapitalised, tokens };
}

// "had had" and "that that" are often right; they are left to the reader.
const REPEAT_OK = new Set(['had', 'that', 'is', 'bye', 'no', 'very', 'knock']);

/** "the the": the same word twice in a row, ignoring case and the space between. */
export function repeatedWords(text: string): RawIssue[] {
  const out: RawIssue[] = [];
  // The second word is matched in a lookahead so that it can also be the first of the next pair.
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}'’-])(\p{L}+)(?=([ \t\u00a0]+)(\p{L}+)(?![\p{L}\p{N}'’-]))/gu,
  )) {
    const [, a, space, b] = m;
    if (a!.toLowerCase() !== b!.toLowerCase() || REPEAT_OK.has(a!.toLowerCase())) continue;
    const whole = `${a}${space}${b}`;
    out.push({
      rule: 'repeated-word',
      start: m.index,
      end: m.index + whole.length,
      text: whole,
      message: `“${a}” is written twice in a row.`,
      suggestions: [a!],
      severity: 'error',
    });
  }
  return out;
}
