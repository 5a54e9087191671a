import type { Editor } from '@tiptap/core';
import { Mapping } from '@tiptap/pm/transform';
import type { Transaction } from '@tiptap/pm/state';
import type {
  CheckableArticle,
  CheckResult,
  CheckedField,
  Finding,
  FindingKind,
} from '../../../checks/types';
import type { CheckConfig } from '../../../checks/config';
import type { DroppedTextFinding } from '../../../checks/droppedText';
import type { BodyDoc, ImportNote } from '../../../shared/article';
import { api, errorMessage, subscribe } from '../api';
import { openSavers } from '../autosave';
import { fixTransaction } from '../../../checks/fixTransaction';
import { afterPaint } from '../afterPaint';
import type { BodyBlock, WorkerRequest, WorkerResponse } from './protocol';

/** Quiet time after the last keystroke before the article is rechecked. */
const CHECK_DELAY_MS = 400;

/**
 * `?checks=off` in the page's address opens the editor without the copy desk (no worker, no
 * underlines). Nothing in the app sets it: the typing benchmark (bench/checksTyping.ts) uses it
 * to time the same editor with and without the checks.
 */
export function checksSwitchedOff(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('checks') === 'off';
}

let worker: Worker | null = null;
const waiting = new Map<number, (r: WorkerResponse) => void>();
let nextSeq = 1;

function checksWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./checker.worker.ts', import.meta.url), {
      type: 'module',
      name: 'copy desk checks',
    });
    worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const done = waiting.get(e.data.seq);
      waiting.delete(e.data.seq);
      done?.(e.data);
    };
    // The worker waits for the library's dictionary and rule packs before its first check.
    void reloadCheckConfig();
    subscribe('checkConfigChanged', () => void reloadCheckConfig());
    subscribe('libraryChanged', ({ reason }) => {
      if (reason === 'switched') void reloadCheckConfig();
    });
  }
  return worker;
}

/**
 * Spelling and names in the text an import left out (`checkDroppedText` in the worker, with
 * the library's dictionary): the import report lists them under the note that dropped the text.
 */
export function checkDroppedImportText(
  article: CheckableArticle,
  notes: ImportNote[],
): Promise<DroppedTextFinding[]> {
  const seq = nextSeq++;
  return new Promise((ok, fail) => {
    waiting.set(seq, (r) => {
      if (r.type === 'dropped') ok(r.findings);
      else fail(new Error(r.type === 'error' ? r.message : 'The checks answered something else.'));
    });
    post({ type: 'checkDropped', seq, article, notes });
  });
}

// ---- The library's dictionary, rule packs and switches, as the worker last received them ----

let configLoads = 0;
let configSent = false;
let config: CheckConfig | null = null;
/** Why the library's configuration could not be had (the checks then run with the defaults). */
let configError: string | null = null;
const configListeners = new Set<() => void>();

/**
 * Asks main for the library's check configuration and hands it to the worker; every open
 * article is then checked again. Called when the worker starts, on `checkConfigChanged` and
 * when the library is switched.
 */
export async function reloadCheckConfig(): Promise<void> {
  const load = ++configLoads;
  try {
    const c = await api.getCheckConfig();
    if (load !== configLoads) return;
    config = c;
    configError = null;
    post({ type: 'config', words: c.words, packs: c.packs, toggles: c.toggles });
  } catch (e) {
    if (load !== configLoads) return;
    configError = `The newsroom dictionary and the library's style packs could not be read, so the checks use the shipped rules only: ${errorMessage(e)}`;
    // Never leave the worker waiting: without the library's words it still checks.
    if (!configSent) post({ type: 'config', words: [], packs: null, toggles: NO_TOGGLES_FOR_WORKER });
  }
  configSent = true;
  active?.schedule(0);
  for (const l of configListeners) l();
}

const NO_TOGGLES_FOR_WORKER = { disabledPacks: [], enabledPacks: [], disabledRules: [], enabledRules: [] };

/** The configuration the worker checks with now (null until main answered). */
export function currentCheckConfig(): { config: CheckConfig | null; error: string | null } {
  return { config, error: configError };
}

export function subscribeCheckConfig(l: () => void): () => void {
  configListeners.add(l);
  return () => configListeners.delete(l);
}

/** The body blocks the last check sent, in order (the worker keeps the same list). */
let lastBlocks: BodyBlock[] = [];

/**
 * The body's blocks for a check: blocks the last check sent as well (the same objects: see
 * shared/editor/bodyJson.ts) go as their index in that list, the rest as JSON.
 */
function blocksToSend(body: BodyDoc): (number | BodyBlock)[] {
  const blocks = body.content ?? [];
  const previous = new Map<BodyBlock, number>();
  lastBlocks.forEach((b, i) => previous.set(b, i));
  lastBlocks = blocks;
  return blocks.map((b) => previous.get(b) ?? b);
}

function post(msg: WorkerRequest): void {
  checksWorker().postMessage(msg);
}

/** Where a squiggle's menu opens, and for which finding. */
export interface CheckMenuRequest {
  finding: Finding;
  x: number;
  y: number;
}

/** Budgets the readiness checklist measures against (the library settings). */
export interface CheckBudgets {
  headlineBudget: number;
  contentHighlightBudget: number;
}

/**
 * Whether long sentences and paragraphs (readability findings) are underlined in the body. Only
 * on request, as copy editors expect: a long sentence is not an error, and a sentence-long
 * underline under the caret made ProseMirror redraw it on every keystroke. They are always listed
 * in the findings panel, where the switch is; one switch for every open article.
 */
let underlineReadability = false;

/**
 * The copy desk for one open article: asks the worker to check after typing pauses, keeps the
 * findings (with their positions mapped through edits made since the check started), the
 * ignores, and which squiggle's menu is open. Components subscribe to it like a tiny store.
 */
export class CheckSession {
  readonly articleId: string;
  private editor: Editor | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: { result: CheckResult; mapping: Mapping } | null = null;
  /** Mappings of checks in flight and of the shown result, appended on every edit. */
  private readonly mappings = new Map<number, Mapping>();
  private shownSeq = 0;
  private requestedSeq = 0;
  private readonly ignoredFindings = new Set<string>();
  private readonly ignoredEverywhere: { rule: string; text: string }[] = [];
  private menu: CheckMenuRequest | null = null;
  /** The headline's, Content Highlight's, byline's and dateline's findings: a new array only when they change. */
  private fieldList: Finding[] = [];
  private fieldKey = '';
  private readonly listeners = new Set<() => void>();
  private version = 0;
  budgets: CheckBudgets = { headlineBudget: 70, contentHighlightBudget: 160 };
  /** Why the last check failed, to show where the findings would be. */
  error: string | null = null;
  /** Called with the result's body findings, already mapped to the current document. */
  onDecorations: ((findings: Finding[]) => void) | null = null;

  private cancelFirst: (() => void) | null = null;

  constructor(articleId: string) {
    this.articleId = articleId;
  }

  attach(editor: Editor): void {
    this.editor = editor;
    // The first check (serialising the story for the worker, which then keeps a core busy) waits
    // until the opened story is on screen.
    this.cancelFirst = afterPaint(() => {
      this.cancelFirst = null;
      this.schedule(0);
    });
  }

  detach(): void {
    this.editor = null;
    this.cancelFirst?.();
    this.cancelFirst = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Changes whenever the findings or the menu change (for `useSyncExternalStore`). */
  readonly getVersion = (): number => this.version;

  get result(): CheckResult | null {
    return this.latest?.result ?? null;
  }

  get openMenu(): CheckMenuRequest | null {
    return this.menu;
  }

  /** For `useSyncExternalStore`: the open menu, the same object until it changes. */
  readonly getOpenMenu = (): CheckMenuRequest | null => this.menu;

  /**
   * The fields' findings (not the body's), the same array until they change: what shows them
   * (FieldSquiggles) does not re-render when only the body's findings moved.
   */
  readonly getFieldFindings = (): Finding[] => this.fieldList;

  private updateFieldFindings(): void {
    const list = (this.latest?.result.findings ?? []).filter((f) => f.field !== 'body');
    const key = list.map((f) => `${f.id}:${f.position.from}:${f.position.to}`).join(',');
    if (key === this.fieldKey) return;
    this.fieldKey = key;
    this.fieldList = list;
  }

  /** Every edit: positions of pending and shown findings follow the text; a recheck waits for a pause. */
  docChanged(tr: Transaction): void {
    for (const m of this.mappings.values()) m.appendMapping(tr.mapping);
    this.schedule();
  }

  /** A field (headline, Content Highlight, byline, dateline) changed. */
  fieldChanged(): void {
    this.schedule();
  }

  schedule(delay = CHECK_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runCheck();
    }, delay);
  }

  private runCheck(): void {
    const saver = openSavers.get(this.articleId);
    if (!this.editor || !saver || checksSwitchedOff()) return;
    const { body, ...content } = saver.currentContent();
    const seq = nextSeq++;
    this.requestedSeq = seq;
    this.mappings.set(seq, new Mapping());
    waiting.set(seq, (r) => this.receive(seq, r));
    post({
      type: 'check',
      seq,
      article: { ...content, body: { ...body, content: [] } },
      blocks: blocksToSend(body),
      ignoredFindings: [...this.ignoredFindings],
      ignoredEverywhere: [...this.ignoredEverywhere],
      budgets: this.budgets,
    });
  }

  private receive(seq: number, r: WorkerResponse): void {
    const mapping = this.mappings.get(seq);
    // Older checks than the one shown are of no use any more.
    for (const k of [...this.mappings.keys()]) if (k < seq && k !== this.shownSeq) this.mappings.delete(k);
    if (r.type === 'error') {
      this.error = `The copy desk could not check this article: ${r.message}`;
      this.changed();
      return;
    }
    if (r.type !== 'result' || !mapping || seq < this.shownSeq || !this.editor) return;
    this.error = null;
    if (this.shownSeq) this.mappings.delete(this.shownSeq);
    this.shownSeq = seq;
    this.latest = { result: r.result, mapping };
    this.updateFieldFindings();
    this.onDecorations?.(this.underlined());
    this.changed();
  }

  /** Whether a newer check than the one shown has been asked for. */
  get checking(): boolean {
    return this.requestedSeq > this.shownSeq;
  }

  /** Body findings with positions in the current document; findings whose text was edited away are left out. */
  bodyFindings(): Finding[] {
    if (!this.latest) return [];
    const out: Finding[] = [];
    for (const f of this.latest.result.findings) {
      if (f.field !== 'body') continue;
      const mapped = this.mapFinding(f);
      if (mapped) out.push(mapped);
    }
    return out;
  }

  /** The body findings drawn as underlines: all of them but readability, unless asked for. */
  private underlined(): Finding[] {
    const all = this.bodyFindings();
    return underlineReadability ? all : all.filter((f) => f.kind !== 'readability');
  }

  get underliningReadability(): boolean {
    return underlineReadability;
  }

  /** Underlines long sentences and paragraphs in the body, or stops. */
  setUnderlineReadability(on: boolean): void {
    underlineReadability = on;
    this.onDecorations?.(this.underlined());
    this.changed();
  }

  /** The finding with its body position mapped through the edits since the check; null when its text is gone. */
  mapFinding(f: Finding): Finding | null {
    if (f.field !== 'body' || !this.latest) return f;
    const m = this.latest.mapping;
    const from = m.mapResult(f.position.from, 1);
    const to = m.mapResult(f.position.to, -1);
    if (from.deleted || to.deleted || to.pos <= from.pos) return null;
    return { ...f, position: { ...f.position, from: from.pos, to: to.pos } };
  }

  findings(kind?: FindingKind): Finding[] {
    const all = this.latest?.result.findings ?? [];
    return kind ? all.filter((f) => f.kind === kind) : all;
  }

  /**
   * The body finding under a document position (the smallest, if they nest). The underlines do
   * not carry finding ids: an underline kept across checks outlives the id of the check that drew
   * it (ids include the position), so a click finds its finding by where it is.
   */
  bodyFindingAt(pos: number): Finding | null {
    let best: Finding | null = null;
    for (const f of this.underlined()) {
      if (f.position.from > pos || f.position.to <= pos) continue;
      if (!best || f.position.to - f.position.from < best.position.to - best.position.from) best = f;
    }
    if (!best || !this.latest) return best;
    return this.latest.result.findings.find((f) => f.id === best.id) ?? null;
  }

  showMenu(findingId: string, x: number, y: number): void {
    const f = this.findings().find((x) => x.id === findingId);
    if (!f) return;
    this.menu = { finding: f, x, y };
    this.changed();
  }

  closeMenu(): void {
    if (!this.menu) return;
    this.menu = null;
    this.changed();
  }

  /** Selects the finding's text, in the body or in its field. */
  select(f: Finding): void {
    if (f.field === 'body') {
      const m = this.mapFinding(f);
      if (!m || !this.editor) return;
      this.editor
        .chain()
        .focus()
        .setTextSelection({ from: m.position.from, to: m.position.to })
        .scrollIntoView()
        .run();
      return;
    }
    const input = fieldInput(f.field);
    if (!input) return;
    input.focus();
    input.setSelectionRange(f.position.from, f.position.to);
  }

  /** Replaces the finding's text with `replacement` (its first suggestion by default). */
  fix(f: Finding, replacement = f.suggestions[0]): boolean {
    if (replacement === undefined) return false;
    if (f.field === 'body') {
      const m = this.mapFinding(f);
      if (!m || !this.editor) return false;
      const { state, view } = this.editor;
      // An ordinary edit: in suggesting mode it becomes a suggestion (see fixTransaction).
      view.dispatch(
        fixTransaction(state, [{ from: m.position.from, to: m.position.to, text: replacement }]).tr,
      );
      this.dropFinding(f.id);
      return true;
    }
    const input = fieldInput(f.field);
    if (!input || input.value.slice(f.position.from, f.position.to) !== f.text) return false;
    setInputValue(
      input,
      input.value.slice(0, f.position.from) + replacement + input.value.slice(f.position.to),
    );
    this.dropFinding(f.id);
    return true;
  }

  /** Fixes every finding of this kind that has a suggestion, last first so earlier positions stay true. */
  fixAll(kind: FindingKind): number {
    const list = this.findings(kind).filter((f) => f.suggestions.length > 0);
    const body = list
      .filter((f) => f.field === 'body')
      .map((f) => this.mapFinding(f))
      .filter((f): f is Finding => f !== null)
      .sort((a, b) => b.position.from - a.position.from);
    let fixed = 0;
    if (this.editor && body.length) {
      const { state, view } = this.editor;
      const fixes = body.map((f) => ({ from: f.position.from, to: f.position.to, text: f.suggestions[0]! }));
      const done = fixTransaction(state, fixes);
      view.dispatch(done.tr);
      fixed = done.fixed;
    }
    const fields = list.filter((f) => f.field !== 'body').sort((a, b) => b.position.from - a.position.from);
    for (const f of fields) if (this.fix(f)) fixed++;
    for (const f of list) this.dropFinding(f.id);
    return fixed;
  }

  ignoreHere(f: Finding): void {
    this.ignoredFindings.add(f.id);
    this.dropFinding(f.id);
    this.schedule(0);
  }

  ignoreEverywhere(f: Finding): void {
    this.ignoredEverywhere.push({ rule: f.rule, text: f.text });
    if (this.latest) {
      for (const x of this.latest.result.findings)
        if (x.rule === f.rule && x.text === f.text) this.dropFinding(x.id);
    }
    this.schedule(0);
  }

  /** Teaches the live checker a word the newsroom added to its dictionary, and rechecks. */
  learnWord(word: string): void {
    post({ type: 'addWords', words: [word] });
    if (this.latest) {
      for (const x of this.latest.result.findings)
        if (x.kind === 'spelling' && x.text === word) this.dropFinding(x.id);
    }
    this.schedule(0);
  }

  /** Takes a finding off the screen at once (fixed or ignored), before the recheck confirms it. */
  private dropFinding(id: string): void {
    if (!this.latest) return;
    const findings = this.latest.result.findings.filter((f) => f.id !== id);
    this.latest = { ...this.latest, result: { ...this.latest.result, findings } };
    if (this.menu?.finding.id === id) this.menu = null;
    this.updateFieldFindings();
    this.onDecorations?.(this.underlined());
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

const FIELD_LABELS: Record<Exclude<CheckedField, 'body'>, string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  dateline: 'Dateline',
};

/** The article field's input, found the way a screen reader finds it (by its label). */
export function fieldInput(field: CheckedField): HTMLInputElement | HTMLTextAreaElement | null {
  if (field === 'body') return null;
  const label = FIELD_LABELS[field];
  const sheet = document.querySelector('.sheet');
  for (const el of sheet?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea') ?? []) {
    const name = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent;
    if (name?.trim() === label) return el;
  }
  return null;
}

/** Sets a React-controlled input's value the way typing would, so the field's own onChange runs. */
function setInputValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto =
    el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

// ---- The session of the article open now, for the panels around the editor ----

let active: CheckSession | null = null;
const activeListeners = new Set<() => void>();

export function activeCheckSession(): CheckSession | null {
  return active;
}

export function subscribeActiveCheckSession(l: () => void): () => void {
  activeListeners.add(l);
  return () => activeListeners.delete(l);
}

export function setActiveCheckSession(s: CheckSession | null): void {
  if (active === s) return;
  active = s;
  for (const l of activeListeners) l();
}

// The headline, Content Highlight, byline and dateline are inputs outside the editor: their
// edits reach the checker through one delegated listener rather than through each field.
if (typeof document !== 'undefined') {
  document.addEventListener('input', (e) => {
    const t = e.target as HTMLElement | null;
    if (t && (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.closest('.sheet')) {
      active?.fieldChanged();
    }
  });
}
