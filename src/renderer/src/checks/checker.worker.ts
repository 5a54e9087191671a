/// <reference lib="webworker" />
import {
  checkDroppedText,
  createChecker,
  createSpellChecker,
  defaultRulePack,
  type Checker,
  type SpellChecker,
} from '../../../checks';
// Bundled into the worker as text: no fetch, so nothing for the page's CSP to allow.
import aff from '../../../../node_modules/dictionary-en/index.aff?raw';
import dic from '../../../../node_modules/dictionary-en/index.dic?raw';
import type { BodyBlock, WorkerRequest, WorkerResponse } from './protocol';

/**
 * The copy desk's checker, off the UI thread. One checker for the window: it caches results per
 * body block (keyed by the block's text), so a check after typing a word redoes only the block
 * that changed plus the cheap article-wide passes. It checks with the library's newsroom
 * dictionary, rule packs and switches, which the window sends (`config`) before the first check
 * and whenever they change.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

type Config = Extract<WorkerRequest, { type: 'config' }>;

interface State {
  spell: SpellChecker;
  /** Words the spell checker was built with or taught. */
  words: Set<string>;
  checker: Checker;
}

let gotConfig: (c: Config) => void = () => {};
/** Every change goes through this chain, so checks always see the latest configuration. */
let state: Promise<State> = new Promise<Config>((ok) => (gotConfig = ok)).then((c) => build(null, c));
let configured = false;

/**
 * A checker for the configuration. The spell checker (about half a second to build) is kept when
 * the newsroom dictionary only grew; a word taken out of the file needs a fresh one. A fresh
 * `Checker` either way: its cache holds each block's findings under the old words and rules.
 */
function build(prev: State | null, c: Config): State {
  let spell = prev?.spell;
  let words = prev?.words;
  if (!spell || !words || [...words].some((w) => !c.words.includes(w))) {
    spell = createSpellChecker({ aff, dic }, c.words);
    words = new Set(c.words);
  } else {
    const fresh = c.words.filter((w) => !words!.has(w));
    if (fresh.length) spell.addWords(fresh);
    for (const w of fresh) words.add(w);
  }
  const checker = createChecker({ spell, packs: c.packs ?? [defaultRulePack()], toggles: c.toggles });
  return { spell, words, checker };
}

const NO_CONFIG: Config = {
  type: 'config',
  words: [],
  packs: null,
  toggles: { disabledPacks: [], enabledPacks: [], disabledRules: [], enabledRules: [] },
};
let lastConfig: Config = NO_CONFIG;

/** The next state; a failed build before it does not stop later ones. */
function then(next: (s: State | null) => State): void {
  state = state.catch(() => null).then(next);
}

/** The body blocks of the last check, which the next check's indexes refer to (see protocol.ts). */
let lastBlocks: BodyBlock[] = [];

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'check') {
    // Rebuilt now, in the order the checks were sent: the next check refers to this list.
    const previous = lastBlocks;
    const blocks = msg.blocks.map((b) => (typeof b === 'number' ? previous[b]! : b));
    lastBlocks = blocks;
    msg.article = { ...msg.article, body: { ...msg.article.body, content: blocks } };
  }
  if (msg.type === 'config') {
    lastConfig = msg;
    if (!configured) {
      configured = true;
      gotConfig(msg);
    } else then((s) => build(s, msg));
    return;
  }
  if (msg.type === 'addWords') {
    // "Add to dictionary" in this window: known at once, before main's new config arrives.
    lastConfig = { ...lastConfig, words: [...new Set([...lastConfig.words, ...msg.words])] };
    const c = lastConfig;
    if (configured) then((s) => build(s, c));
    return;
  }
  void state
    .then(({ checker }) => {
      if (msg.type === 'checkDropped') {
        const findings = checkDroppedText(checker, msg.article, msg.notes);
        scope.postMessage({ type: 'dropped', seq: msg.seq, findings } satisfies WorkerResponse);
        return;
      }
      const result = checker.check(msg.article, {
        ignoredFindings: msg.ignoredFindings,
        ignoredEverywhere: msg.ignoredEverywhere,
        readiness: msg.budgets,
      });
      scope.postMessage({ type: 'result', seq: msg.seq, result } satisfies WorkerResponse);
    })
    .catch((err: unknown) => {
      scope.postMessage({
        type: 'error',
        seq: msg.seq,
        message: err instanceof Error ? err.message : String(err),
      } satisfies WorkerResponse);
    });
};
