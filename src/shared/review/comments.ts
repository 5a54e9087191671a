import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import {
  AddMarkStep,
  AddNodeMarkStep,
  RemoveMarkStep,
  RemoveNodeMarkStep,
  ReplaceAroundStep,
  ReplaceStep,
  type Transform,
} from '@tiptap/pm/transform';
import {
  REVIEW_FIELDS,
  type Article,
  type CommentMessage,
  type CommentThread,
  type Person,
  type ReviewField,
} from '../article';
import { CopydeskError } from '../errors';

/**
 * Comment threads as pure data: made, replied to, edited, deleted, resolved and reopened here,
 * by the renderer and the CLI alike. A body thread is anchored by `comment` marks carrying its id
 * (so it moves with the text, and comes back with it on undo); a thread on the headline, Content
 * Highlight or byline by a character range that `updateFieldAnchors` keeps in step with the
 * field. A thread whose text is gone is *orphaned*: kept and listed, with the text it was on.
 */

export type CommentAnchor = CommentThread['anchor'];
export type FieldRange = NonNullable<CommentThread['range']>;
export type FieldValues = Record<ReviewField, string>;

const QUOTE_MAX = 5000;
const TEXT_MAX = 20_000;

/** A short random id for a thread or a message (`c` + time + random, base 36). */
export function newCommentId(now = new Date(), random = Math.random): string {
  const rand = Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `c${now.getTime().toString(36)}${rand}`;
}

/** Whether `message` was written by `person` (their name as set in Settings). */
export function isOwnMessage(message: CommentMessage, person: Person): boolean {
  return message.author.name.trim() === person.name.trim();
}

function cleanText(text: string): string {
  const t = text.trim();
  if (!t) throw new CopydeskError('invalid-input', 'A comment needs some text. Type it, then save.');
  if (t.length > TEXT_MAX)
    throw new CopydeskError('invalid-input', `A comment can be at most ${TEXT_MAX} characters; shorten it.`);
  return t;
}

function person(p: Person): Person {
  return { name: p.name.trim(), ...(p.initials?.trim() && { initials: p.initials.trim() }) };
}

function message(author: Person, text: string, at: string): CommentMessage {
  return { id: newCommentId(new Date(at)), author: person(author), at, text: cleanText(text) };
}

export interface NewThread {
  anchor: CommentAnchor;
  /** For a field anchor: the commented characters. */
  range?: FieldRange;
  /** The commented text. */
  quote: string;
  author: Person;
  text: string;
  id?: string;
  at?: string;
}

/** A new thread with its first message. */
export function createThread(input: NewThread): CommentThread {
  const at = input.at ?? new Date().toISOString();
  if (input.anchor !== 'body') {
    const r = input.range;
    if (!r || r.to <= r.from)
      throw new CopydeskError('invalid-input', 'Select the words to comment on first.');
  }
  return {
    id: input.id ?? newCommentId(new Date(at)),
    anchor: input.anchor,
    ...(input.anchor !== 'body' && input.range && { range: { ...input.range } }),
    quote: input.quote.slice(0, QUOTE_MAX),
    resolved: false,
    messages: [message(input.author, input.text, at)],
  };
}

function withThread(
  threads: readonly CommentThread[],
  threadId: string,
  change: (t: CommentThread) => CommentThread | null,
): CommentThread[] {
  const index = threads.findIndex((t) => t.id === threadId);
  if (index < 0)
    throw new CopydeskError(
      'not-found',
      'That comment is no longer in this article; it may have been deleted.',
    );
  const next = change(threads[index]!);
  const out = [...threads];
  if (next) out[index] = next;
  else out.splice(index, 1);
  return out;
}

/** Adds a reply at the end of a thread. */
export function replyToThread(
  threads: readonly CommentThread[],
  threadId: string,
  author: Person,
  text: string,
  at = new Date().toISOString(),
): CommentThread[] {
  return withThread(threads, threadId, (t) => {
    if (t.messages.length >= 500)
      throw new CopydeskError(
        'invalid-input',
        'This thread has 500 messages, the most it can hold. Start a new one.',
      );
    return { ...t, messages: [...t.messages, message(author, text, at)] };
  });
}

function ownMessage(t: CommentThread, messageId: string, author: Person, what: string): number {
  const index = t.messages.findIndex((m) => m.id === messageId);
  if (index < 0) throw new CopydeskError('not-found', 'That message is no longer in the thread.');
  if (!isOwnMessage(t.messages[index]!, author))
    throw new CopydeskError('invalid-input', `Only the person who wrote a comment can ${what} it.`);
  return index;
}

/** Changes the text of one of the author's own messages (marked as edited). */
export function editMessage(
  threads: readonly CommentThread[],
  threadId: string,
  messageId: string,
  author: Person,
  text: string,
  at = new Date().toISOString(),
): CommentThread[] {
  return withThread(threads, threadId, (t) => {
    const index = ownMessage(t, messageId, author, 'edit');
    const messages = [...t.messages];
    messages[index] = { ...messages[index]!, text: cleanText(text), editedAt: at };
    return { ...t, messages };
  });
}

/**
 * Deletes one of the author's own messages. Deleting a thread's first message deletes the
 * thread, replies and all (as in Google Docs): the replies answer it.
 */
export function deleteMessage(
  threads: readonly CommentThread[],
  threadId: string,
  messageId: string,
  author: Person,
): CommentThread[] {
  return withThread(threads, threadId, (t) => {
    const index = ownMessage(t, messageId, author, 'delete');
    if (index === 0) return null;
    return { ...t, messages: t.messages.filter((m) => m.id !== messageId) };
  });
}

/** Deletes a whole thread; only its first author may. */
export function deleteThread(
  threads: readonly CommentThread[],
  threadId: string,
  author: Person,
): CommentThread[] {
  return withThread(threads, threadId, (t) => {
    ownMessage(t, t.messages[0]!.id, author, 'delete');
    return null;
  });
}

/** Resolves (done with) or reopens a thread; anyone may. */
export function setThreadResolved(
  threads: readonly CommentThread[],
  threadId: string,
  resolved: boolean,
  by: Person,
  at = new Date().toISOString(),
): CommentThread[] {
  return withThread(threads, threadId, (t) => {
    const { resolvedBy: _b, resolvedAt: _a, ...rest } = t;
    return resolved
      ? { ...rest, resolved: true, resolvedBy: person(by), resolvedAt: at }
      : { ...rest, resolved: false };
  });
}

// ── Body anchors: comment marks ───────────────────────────────────────────────────────────────

/** Where a body thread is in the document now. */
export interface BodyAnchor {
  id: string;
  /** First and last position its marks cover (document order). */
  from: number;
  to: number;
  /** The marked text, as it reads now. */
  text: string;
}

/** Every comment mark's thread id with where it is, in one pass over the document. */
export function commentAnchors(doc: PMNode): Map<string, BodyAnchor> {
  const anchors = new Map<string, BodyAnchor>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'comment' || typeof mark.attrs.id !== 'string') continue;
      const id = mark.attrs.id;
      const end = pos + node.nodeSize;
      const a = anchors.get(id);
      if (!a) anchors.set(id, { id, from: pos, to: end, text: node.text ?? '' });
      else {
        // Text in another block reads as a new line of the quote.
        a.text += (pos > a.to ? ' ' : '') + (node.text ?? '');
        a.to = end;
      }
    }
    return false;
  });
  return anchors;
}

/**
 * Marks `from`–`to` as commented by thread `id`. False (and nothing changed) when the range holds
 * no text: a picture or an empty paragraph cannot carry a comment.
 */
export function addCommentMark(tr: Transform, from: number, to: number, id: string): boolean {
  const type = tr.doc.type.schema.marks.comment!;
  let hasText = false;
  tr.doc.nodesBetween(from, to, (node) => {
    if (node.isText) hasText = true;
    return !hasText;
  });
  if (!hasText || to <= from) return false;
  tr.addMark(from, to, type.create({ id }));
  return true;
}

/** Removes every comment mark of thread `id` (the thread is gone). True when there were some. */
export function removeCommentMarks(tr: Transform, id: string): boolean {
  const type = tr.doc.type.schema.marks.comment!;
  const ranges: { from: number; to: number }[] = [];
  tr.doc.descendants((node, pos) => {
    if (node.isText && node.marks.some((m) => m.type === type && m.attrs.id === id))
      ranges.push({ from: pos, to: pos + node.nodeSize });
    return true;
  });
  for (const r of ranges) tr.removeMark(r.from, r.to, type.create({ id }));
  return ranges.length > 0;
}

/**
 * The text the quote of a new body thread shows: the selection's text with blocks separated by a
 * space, at most 5,000 characters.
 */
export function quoteOf(doc: PMNode, from: number, to: number): string {
  return doc.textBetween(from, to, ' ', ' ').slice(0, QUOTE_MAX);
}

/**
 * Whether a transaction may have added, removed, moved or deleted marks named `names` (comments,
 * notes): only then does anything that lists them need to look at the whole document again. The
 * test costs the size of the change, not of the document. With `typingInside`, text typed inside
 * marked text (carrying exactly the marks already there) does not count: ranges that are mapped
 * through the edit stay right.
 */
export function touchesMarks(
  tr: Transform,
  names: readonly string[],
  options: { typingInside?: boolean } = {},
): boolean {
  const named = (marks: readonly Mark[]): Mark[] => marks.filter((m) => names.includes(m.type.name));
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]!;
    const before = tr.docs[i]!;
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      if (names.includes(step.mark.type.name)) return true;
    } else if (step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep) {
      if (names.includes(step.mark.type.name)) return true;
    } else if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
      const { from, to, slice } = step as unknown as {
        from: number;
        to: number;
        slice: { content: PMNode['content'] };
      };
      const around = options.typingInside && to === from ? named(before.resolve(from).marks()) : null;
      let found = false;
      slice.content.descendants((node) => {
        const marks = named(node.marks);
        if (marks.length > 0 && !(around && marks.every((m) => m.isInSet(around)))) found = true;
        return !found;
      });
      if (found) return true;
      if (to > from) {
        before.nodesBetween(from, to, (node) => {
          if (!found && named(node.marks).length > 0) found = true;
          return !found;
        });
        if (found) return true;
      }
    }
  }
  return false;
}

// ── Field anchors: character ranges ───────────────────────────────────────────────────────────

/**
 * Maps a range of a field through one edit, found as the common prefix and suffix of the old and
 * new value. Positions behave as in ProseMirror with a non-inclusive mark: text typed right at
 * either edge stays outside, text typed inside is inside, and a range whose text was deleted
 * collapses (`from === to`: orphaned).
 */
export function mapFieldRange(range: FieldRange, before: string, after: string): FieldRange {
  if (before === after) return range;
  const { mapFrom, mapTo } = fieldMapping(before, after);
  const from = mapFrom(range.from);
  const to = Math.max(from, mapTo(range.to));
  return { from, to };
}

/** How positions in a field move through a change of its value (`mapFrom` assoc +1, `mapTo` -1). */
function fieldMapping(
  before: string,
  after: string,
): { mapFrom: (pos: number) => number; mapTo: (pos: number) => number } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  const start = prefix;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const delta = newEnd - oldEnd;
  const inserted = oldEnd === start;
  // assoc +1 for the start, -1 for the end (ProseMirror's StepMap rules): text typed at an edge
  // stays outside; a start inside deleted text moves past the replacement, an end before it.
  return {
    mapFrom: (pos) => {
      if (inserted) return pos < start ? pos : pos + delta;
      if (pos <= start) return pos;
      return pos >= oldEnd ? pos + delta : newEnd;
    },
    mapTo: (pos) => {
      if (pos <= start) return pos;
      if (inserted) return pos + delta;
      return pos >= oldEnd ? pos + delta : start;
    },
  };
}

/**
 * An orphaned field thread (its range collapsed when its words were deleted) whose words come
 * back at the same place, by undo or typed again, is anchored on them again; null otherwise.
 * Only an occurrence touching the place where the words were counts, so a thread never jumps to
 * the same words elsewhere in the field.
 */
export function reanchorFieldRange(
  range: FieldRange,
  quote: string,
  before: string,
  after: string,
): FieldRange | null {
  if (range.to > range.from || quote.length === 0) return null;
  // The place the words were, on either side of what was typed there.
  const { mapFrom, mapTo } = fieldMapping(before, after);
  const lo = mapTo(range.from);
  const hi = mapFrom(range.from);
  for (let i = after.indexOf(quote); i !== -1 && i <= hi; i = after.indexOf(quote, i + 1)) {
    if (lo <= i + quote.length) return { from: i, to: i + quote.length };
  }
  return null;
}

/**
 * The field threads of `field` with their ranges moved through a change of its value; orphaned
 * ones come back when their words do ({@link reanchorFieldRange}).
 */
export function updateFieldAnchors(
  threads: readonly CommentThread[],
  field: ReviewField,
  before: string,
  after: string,
): readonly CommentThread[] {
  if (before === after || !threads.some((t) => t.anchor === field && t.range)) return threads;
  let changed = false;
  const out = threads.map((t) => {
    if (t.anchor !== field || !t.range) return t;
    const range =
      reanchorFieldRange(t.range, t.quote, before, after) ?? mapFieldRange(t.range, before, after);
    if (range.from === t.range.from && range.to === t.range.to) return t;
    changed = true;
    return { ...t, range };
  });
  return changed ? out : threads;
}

// ── Listing: document order, orphans ──────────────────────────────────────────────────────────

/** A thread as the panel and the CLI show it. */
export interface ThreadPlace {
  thread: CommentThread;
  /** Its text is gone: listed with the quote it was made on. */
  orphaned: boolean;
  /** The commented text as it reads now (the quote when orphaned). */
  text: string;
  /** Where it is: the field's character or the body position; null when orphaned. */
  from: number | null;
  to: number | null;
}

/** Where a thread is now, or that it is orphaned. */
export function placeThread(
  thread: CommentThread,
  anchors: ReadonlyMap<string, BodyAnchor>,
  fields: FieldValues,
): ThreadPlace {
  if (thread.anchor === 'body') {
    const a = anchors.get(thread.id);
    return a
      ? { thread, orphaned: false, text: a.text, from: a.from, to: a.to }
      : { thread, orphaned: true, text: thread.quote, from: null, to: null };
  }
  const value = fields[thread.anchor];
  const r = thread.range;
  if (!r || r.to <= r.from || r.to > value.length)
    return { thread, orphaned: true, text: thread.quote, from: null, to: null };
  return { thread, orphaned: false, text: value.slice(r.from, r.to), from: r.from, to: r.to };
}

const ANCHOR_ORDER: CommentAnchor[] = [...REVIEW_FIELDS, 'body'];

/**
 * Threads in reading order: the headline's, the Content Highlight's, the byline's, then the
 * body's, each by where its text starts; orphaned threads at the end of their part, oldest first.
 */
export function threadsInDocumentOrder(
  threads: readonly CommentThread[],
  anchors: ReadonlyMap<string, BodyAnchor>,
  fields: FieldValues,
): ThreadPlace[] {
  const firstAt = (t: CommentThread): string => t.messages[0]?.at ?? '';
  return threads
    .map((t) => placeThread(t, anchors, fields))
    .sort((a, b) => {
      const part = ANCHOR_ORDER.indexOf(a.thread.anchor) - ANCHOR_ORDER.indexOf(b.thread.anchor);
      if (part !== 0) return part;
      if (a.from !== null && b.from !== null) return a.from - b.from || (a.to ?? 0) - (b.to ?? 0);
      if (a.from !== null) return -1;
      if (b.from !== null) return 1;
      return firstAt(a.thread).localeCompare(firstAt(b.thread));
    });
}

/** One thread as `copydesk comments --json` prints it. */
export interface CommentReport {
  id: string;
  anchor: CommentAnchor;
  /** The commented text now, or the quote it was made on when orphaned. */
  quote: string;
  orphaned: boolean;
  resolved: boolean;
  resolvedBy?: Person;
  resolvedAt?: string;
  range?: FieldRange;
  messages: CommentMessage[];
}

/** Every thread of a stored article in document order, as the CLI reports them. */
export function commentReport(article: Article, body: PMNode): CommentReport[] {
  const fields: FieldValues = {
    headline: article.headline,
    contentHighlight: article.contentHighlight,
    byline: article.byline,
  };
  return threadsInDocumentOrder(article.comments ?? [], commentAnchors(body), fields).map((p) => ({
    id: p.thread.id,
    anchor: p.thread.anchor,
    quote: p.text,
    orphaned: p.orphaned,
    resolved: p.thread.resolved,
    ...(p.thread.resolvedBy && { resolvedBy: p.thread.resolvedBy }),
    ...(p.thread.resolvedAt && { resolvedAt: p.thread.resolvedAt }),
    ...(p.thread.range && { range: p.thread.range }),
    messages: p.thread.messages,
  }));
}
