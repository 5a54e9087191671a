/// <reference lib="webworker" />
import {
  createChecker,
  createSpellChecker,
  defaultRulePack,
  type Checker,
  type SpellChecker,
} from '../../../checks';
// Bundled into the worker as text: no fetch, so nothing for the page's CSP to allow.
import aff from '../../../../node_modules/dictionary-en/index.aff?raw';
import dic from '../../../../node_modules/dictionary-en/index.dic?raw';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * The copy desk's checker, off the UI thread. One checker for the window: it caches results per
 * body block (keyed by the block's text), so a check after typing a word redoes only the block
 * that changed plus the cheap article-wide passes.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;

let ready: Promise<{ checker: Checker; spell: SpellChecker }> | null = null;
const pendingWords: string[] = [];

function setUp(): Promise<{ checker: Checker; spell: SpellChecker }> {
  ready ??= (async () => {
    const spell = createSpellChecker({ aff, dic }, pendingWords);
    const checker = createChecker({ spell, packs: [defaultRulePack()] });
    return { checker, spell };
  })();
  return ready;
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'addWords') {
    pendingWords.push(...msg.words);
    // The checker caches each block's spelling results: start a fresh one, so blocks that
    // held the word are checked again with it known.
    if (ready) {
      ready = ready.then(({ spell }) => {
        spell.addWords(msg.words);
        return { spell, checker: createChecker({ spell, packs: [defaultRulePack()] }) };
      });
    }
    return;
  }
  void setUp()
    .then(({ checker }) => {
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
