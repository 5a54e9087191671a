import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import type { CommentThread, ReviewField } from '../../../shared/article';
import {
  addCommentMark,
  commentAnchors,
  createThread,
  deleteMessage,
  deleteThread,
  editMessage,
  mapFieldRange,
  newCommentId,
  quoteOf,
  removeCommentMarks,
  replyToThread,
  setThreadResolved,
  threadsInDocumentOrder,
  touchesMarks,
  updateFieldAnchors,
  type BodyAnchor,
  type CommentAnchor,
  type FieldRange,
  type FieldValues,
  type ThreadPlace,
} from '../../../shared/review/comments';
import { fieldInput } from '../checks/checkSession';
import { hasModifier } from '../platform';
import { currentReviewer, startReviewer } from './reviewer';

/** A comment being written: its text is chosen (and, in the body, already marked), its words not yet typed. */
export interface CommentDraft {
  id: string;
  anchor: CommentAnchor;
  range?: FieldRange;
  quote: string;
}

const COMMENT_FIELDS: ReviewField[] = ['headline', 'contentHighlight', 'byline'];

/** What the highlight in the body shows: threads still open, and the one the panel is on. */
export interface CommentHighlight {
  open: ReadonlySet<string>;
  active: string | null;
}

export interface CommentSessionOptions {
  articleId: string;
  threads: readonly CommentThread[];
  /** The fields as typed now. */
  fields: () => FieldValues;
  /** Told whenever the threads change, so the article is saved. */
  onChange: () => void;
}

/**
 * The comments of the open article: the threads (saved with the article), the one being
 * written, which one is active, and where each is now. The body's anchors are read again only
 * when an edit touched comment marks; a field's ranges move with each change to the field. The
 * panel, the highlight in the body and the keyboard shortcuts all go through here.
 */
export class CommentSession {
  readonly articleId: string;
  private editor: Editor | null = null;
  private list: readonly CommentThread[];
  /** The body's anchors, read for one document (again only when someone asks after a change). */
  private anchors: { doc: PMNode; map: Map<string, BodyAnchor> } | null = null;
  private readonly opts: CommentSessionOptions;
  private draftValue: CommentDraft | null = null;
  private active: string | null = null;
  private version = 0;
  private cachedPlaces: {
    version: number;
    doc: PMNode | null;
    fields: FieldValues;
    places: ThreadPlace[];
  } | null = null;
  private readonly listeners = new Set<() => void>();
  /** The field or the body the user was last in, for the panel's "Comment" button. */
  private lastTarget: ReviewField | 'body' | null = null;
  /** Why the last request could not be done, shown in the panel. */
  notice: string | null = null;
  /** Asks the body to redraw its highlight (set by the Comments extension). */
  onHighlightChanged: (() => void) | null = null;

  constructor(options: CommentSessionOptions) {
    this.opts = options;
    this.articleId = options.articleId;
    this.list = options.threads;
  }

  attach(editor: Editor): void {
    this.editor = editor;
    // Know who is reviewing before the first comment or note is signed.
    startReviewer();
    document.addEventListener('keydown', this.onKey, true);
    document.addEventListener('focusin', this.onFocus, true);
  }

  detach(): void {
    this.editor = null;
    document.removeEventListener('keydown', this.onKey, true);
    document.removeEventListener('focusin', this.onFocus, true);
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly getVersion = (): number => this.version;

  get threads(): readonly CommentThread[] {
    return this.list;
  }

  get draft(): CommentDraft | null {
    return this.draftValue;
  }

  get activeId(): string | null {
    return this.active;
  }

  /** Every thread where it is now, in reading order. */
  places(): ThreadPlace[] {
    const fields = this.opts.fields();
    const doc = this.editor?.state.doc ?? null;
    const c = this.cachedPlaces;
    const same = c && c.version === this.version && c.doc === doc;
    if (same && COMMENT_FIELDS.every((f) => c.fields[f] === fields[f])) return c.places;
    const places = threadsInDocumentOrder(this.list, this.bodyAnchors(), fields);
    this.cachedPlaces = { version: this.version, doc, fields, places };
    return places;
  }

  /** Where each body thread is now; the document is read only when it changed since the last read. */
  private bodyAnchors(): Map<string, BodyAnchor> {
    const doc = this.editor?.state.doc;
    if (!doc) return this.anchors?.map ?? new Map<string, BodyAnchor>();
    if (this.anchors?.doc !== doc) this.anchors = { doc, map: commentAnchors(doc) };
    return this.anchors.map;
  }

  /** A field's value as its threads' ranges count it: the accepted one, in suggesting mode too. */
  fieldValue(field: ReviewField): string {
    return this.opts.fields()[field];
  }

  highlight(): CommentHighlight {
    const open = new Set(this.list.filter((t) => !t.resolved).map((t) => t.id));
    if (this.draftValue) open.add(this.draftValue.id);
    return { open, active: this.draftValue?.id ?? this.active };
  }

  /**
   * Every body edit. Listeners (the panel) hear only of edits that touched commented text; the
   * document is read again only when they then ask, so with the panel closed typing costs nothing.
   */
  docChanged(tr: Transaction): void {
    if (touchesMarks(tr, ['comment'])) this.changed();
  }

  /** A field changed from `before` to `after`: its threads' ranges follow the text. */
  fieldChanged(field: string, before: string, after: string): void {
    if (!COMMENT_FIELDS.includes(field as ReviewField)) return;
    const f = field as ReviewField;
    const next = updateFieldAnchors(this.list, f, before, after);
    const d = this.draftValue;
    if (d?.anchor === f && d.range) this.draftValue = { ...d, range: mapFieldRange(d.range, before, after) };
    if (next !== this.list) {
      this.list = next;
      this.opts.onChange();
    }
    if (this.list.some((t) => t.anchor === f) || d) this.changed();
  }

  /**
   * Starts a comment on what is selected: in the headline, Content Highlight or byline when the
   * selection is there, else in the body. Says why not (in the panel) when nothing is selected.
   */
  startComment(): boolean {
    this.notice = null;
    if (this.draftValue) this.cancelDraft();
    const target = this.currentTarget();
    if (target && target !== 'body') {
      const input = fieldInput(target);
      const from = input?.selectionStart ?? 0;
      const to = input?.selectionEnd ?? 0;
      if (input && to > from) {
        this.draftValue = {
          id: newCommentId(),
          anchor: target,
          range: { from, to },
          quote: input.value.slice(from, to),
        };
        this.active = this.draftValue.id;
        this.changed();
        requestCommentsPanel();
        return true;
      }
    } else if (this.editor) {
      const { state, view } = this.editor;
      const { from, to } = state.selection;
      const id = newCommentId();
      const tr = state.tr;
      if (to > from && addCommentMark(tr, from, to, id)) {
        // Comments are not edits to the copy: undo takes back typing, not the comment.
        view.dispatch(tr.setMeta('addToHistory', false));
        this.draftValue = { id, anchor: 'body', quote: quoteOf(state.doc, from, to) };
        this.active = id;
        this.changed();
        requestCommentsPanel();
        return true;
      }
    }
    this.notice =
      'Select the words to comment on (in the body, headline, Content Highlight or byline), then choose Comment.';
    this.changed();
    requestCommentsPanel();
    return false;
  }

  /** Saves the comment being written with its first message. */
  submitDraft(text: string): void {
    const d = this.draftValue;
    if (!d) return;
    const quote = d.anchor === 'body' ? (this.bodyAnchors().get(d.id)?.text ?? d.quote) : d.quote;
    const thread = createThread({
      id: d.id,
      anchor: d.anchor,
      range: d.range,
      quote,
      author: currentReviewer(),
      text,
    });
    this.draftValue = null;
    this.setThreads([...this.list, thread]);
    this.active = thread.id;
    this.redrawHighlight();
  }

  /** Drops the comment being written, and its mark in the body. */
  cancelDraft(): void {
    const d = this.draftValue;
    if (!d) return;
    this.draftValue = null;
    if (d.anchor === 'body') this.removeMarks(d.id);
    if (this.active === d.id) this.active = null;
    this.changed();
    this.redrawHighlight();
  }

  reply(threadId: string, text: string): void {
    this.setThreads(replyToThread(this.list, threadId, currentReviewer(), text));
  }

  edit(threadId: string, messageId: string, text: string): void {
    this.setThreads(editMessage(this.list, threadId, messageId, currentReviewer(), text));
  }

  /** Deletes one of the user's messages; the first one takes the thread (and its anchor) with it. */
  deleteMessage(threadId: string, messageId: string): void {
    const next = deleteMessage(this.list, threadId, messageId, currentReviewer());
    this.dropAnchorIfGone(threadId, next);
    this.setThreads(next);
  }

  deleteThread(threadId: string): void {
    const next = deleteThread(this.list, threadId, currentReviewer());
    this.dropAnchorIfGone(threadId, next);
    this.setThreads(next);
  }

  setResolved(threadId: string, resolved: boolean): void {
    this.setThreads(setThreadResolved(this.list, threadId, resolved, currentReviewer()));
    this.redrawHighlight();
  }

  /** Makes a thread the active one (the panel shows it, the body highlights it more strongly). */
  setActive(threadId: string | null): void {
    if (this.active === threadId) return;
    this.active = threadId;
    this.changed();
    this.redrawHighlight();
  }

  /**
   * A click on commented words (`ids`: the threads on them) makes one of them active; clicking
   * again on overlapping comments steps through them. The same in the body and in a field.
   */
  activateAmong(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const current = this.active ? ids.indexOf(this.active) : -1;
    this.setActive(ids[(current + 1) % ids.length] ?? null);
  }

  /** Selects a thread's text, in the body or in its field. */
  select(threadId: string): void {
    this.setActive(threadId);
    const place = this.places().find((p) => p.thread.id === threadId);
    if (!place || place.from === null || place.to === null) return;
    if (place.thread.anchor === 'body') {
      this.editor
        ?.chain()
        .focus()
        .setTextSelection({ from: place.from, to: place.to })
        .scrollIntoView()
        .run();
      return;
    }
    const input = fieldInput(place.thread.anchor);
    if (!input) return;
    input.focus();
    input.setSelectionRange(place.from, place.to);
  }

  /** Turns the selection (or what is typed next) into a note, or back into copy. */
  toggleNote(): boolean {
    const editor = this.editor;
    if (!editor) return false;
    const me = currentReviewer();
    return editor.chain().focus().toggleNote({ author: me.name, at: new Date().toISOString() }).run();
  }

  private setThreads(next: CommentThread[]): void {
    this.notice = null;
    this.list = next;
    this.opts.onChange();
    this.changed();
  }

  private dropAnchorIfGone(threadId: string, next: readonly CommentThread[]): void {
    if (next.some((t) => t.id === threadId)) return;
    this.removeMarks(threadId);
    if (this.active === threadId) this.active = null;
  }

  private removeMarks(id: string): void {
    const editor = this.editor;
    if (!editor || editor.isDestroyed) return;
    const tr = editor.state.tr;
    if (removeCommentMarks(tr, id)) editor.view.dispatch(tr.setMeta('addToHistory', false));
  }

  private redrawHighlight(): void {
    this.onHighlightChanged?.();
  }

  private currentTarget(): ReviewField | 'body' | null {
    return targetOf(document.activeElement, this.editor) ?? this.lastTarget;
  }

  private readonly onFocus = (e: FocusEvent): void => {
    const t = targetOf(e.target as Element | null, this.editor);
    if (t) this.lastTarget = t;
  };

  /** Comment (Mod+Alt+M, as in Google Docs and Word) and note (Mod+Alt+N), wherever the focus is. */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (!hasModifier(e) || !e.altKey || e.shiftKey || e.repeat) return;
    // `code`, not `key`: Option+M types "µ" on a Mac.
    if (e.code === 'KeyM') {
      e.preventDefault();
      // Typing a comment in the panel: the shortcut must not throw the half-written one away.
      if (this.draftValue && (e.target as Element | null)?.closest?.('.comments-panel')) return;
      this.startComment();
    } else if (e.code === 'KeyN' && this.editor?.view.hasFocus()) {
      e.preventDefault();
      this.toggleNote();
    }
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/** Which commentable place an element is: a field's input or the body. */
function targetOf(el: Element | null, editor: Editor | null): ReviewField | 'body' | null {
  if (!el) return null;
  if (editor && !editor.isDestroyed && editor.view.dom.contains(el)) return 'body';
  for (const f of COMMENT_FIELDS) if (fieldInput(f) === el) return f;
  return null;
}

// ---- The session of the article open now, for the panel and the menu ----

let activeSession: CommentSession | null = null;
const activeListeners = new Set<() => void>();
const panelListeners = new Set<() => void>();

export function activeCommentSession(): CommentSession | null {
  return activeSession;
}

export function subscribeActiveCommentSession(l: () => void): () => void {
  activeListeners.add(l);
  return () => activeListeners.delete(l);
}

export function setActiveCommentSession(s: CommentSession | null): void {
  if (activeSession === s) return;
  activeSession = s;
  for (const l of activeListeners) l();
}

/** Asks the window to show the comments panel (a comment was started). */
export function requestCommentsPanel(): void {
  for (const l of panelListeners) l();
}

export function onCommentsPanelRequested(l: () => void): () => void {
  panelListeners.add(l);
  return () => panelListeners.delete(l);
}
