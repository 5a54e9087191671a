import {
  DESK_STATUS_LABELS,
  type Article,
  type BodyDoc,
  type BodyMark,
  type BodyNode,
  type CommentMessage,
  type CommentThread,
  type FieldSuggestion,
  type Person,
  type StatusChange,
} from '../article';
import { SUGGESTION_MARKS } from '../editor/ReviewMarks';
import { resolveAllSuggestions } from './forExport';
import { makeSuggestionId } from './suggestionIds';

/**
 * The three-way merge behind the review round trip (issue 5): the article as it is here
 * (`ours`), as it came back in a review package (`theirs`) and as both last agreed (`base`, the
 * newest revision both libraries hold). What only one side changed is taken from that side;
 * what both changed the same way is kept; what both changed differently is never decided here:
 * ours stays and theirs is added as a suggestion (body, headline, Content Highlight, byline) or
 * as a comment (dateline, section, status) for the reporter to decide. Pure: no clock, no
 * randomness, so merging the same package twice gives the same article.
 */

export interface MergeConflict {
  /** Where: `body` or a field name. */
  where: string;
  /** What happened, in words a reporter reads in the merge summary. */
  message: string;
}

export interface MergeReport {
  /** Body blocks taken from theirs (changed only there). */
  blocksFromTheirs: number;
  /** Fields taken from theirs (changed only there). */
  fieldsFromTheirs: string[];
  /** Body suggestions in the result that ours did not have (theirs' own and those made for conflicts). */
  suggestionsAdded: number;
  fieldSuggestionsAdded: number;
  /** New comment threads plus new replies in threads ours had. */
  commentsAdded: number;
  conflicts: MergeConflict[];
  /** Whether the result differs from ours at all. */
  changed: boolean;
}

export interface MergeInput {
  base: Article | null;
  ours: Article;
  theirs: Article;
  /** Who made `theirs`' changes: conflicts are attributed to them. */
  reviewer: Person;
  /** When the merge happens (ISO): the time of the suggestions made for conflicts. */
  at: string;
}

/** The merged article: ours with what came from theirs. `rev` and dates are still ours'. */
export function mergeArticles({ base, ours, theirs, reviewer, at }: MergeInput): {
  article: Article;
  report: MergeReport;
} {
  const report: MergeReport = {
    blocksFromTheirs: 0,
    fieldsFromTheirs: [],
    suggestionsAdded: 0,
    fieldSuggestionsAdded: 0,
    commentsAdded: 0,
    conflicts: [],
    changed: false,
  };
  const ids = new IdMaker(reviewer, at);
  const extraThreads: CommentThread[] = [];
  const extraFieldSuggestions: FieldSuggestion[] = [];
  const name = reviewer.name.trim() || 'The reviewer';

  const body = mergeBody(base?.body ?? null, ours.body, theirs.body, ids, report);

  const merged: Article = { ...ours, body };

  for (const field of ['headline', 'contentHighlight', 'byline'] as const) {
    const r = three(base?.[field], ours[field], theirs[field]);
    if (r.from === 'theirs') {
      merged[field] = theirs[field];
      report.fieldsFromTheirs.push(field);
    } else if (r.from === 'conflict') {
      const suggestion: FieldSuggestion = {
        id: ids.make(`field:${field}:${ours[field]}:${theirs[field]}`, 'f'),
        field,
        author: reviewer,
        at,
        from: ours[field].slice(0, 5000),
        to: theirs[field].slice(0, 5000),
      };
      extraFieldSuggestions.push(suggestion);
      report.conflicts.push({
        where: field,
        message: `${FIELD_NAMES[field]}: both of you changed it. Yours is kept; ${name}’s is a suggestion to accept or reject.`,
      });
    }
  }

  // Fields that take no suggestion: a conflict keeps ours and leaves a comment saying what theirs was.
  const noted = (field: 'dateline' | 'section' | 'status', oursText: string, theirsText: string) => {
    extraThreads.push({
      id: ids.make(`note:${field}:${oursText}:${theirsText}`, 'c'),
      anchor: 'body',
      quote: '',
      resolved: false,
      messages: [
        {
          id: ids.make(`note-message:${field}:${oursText}:${theirsText}`, 'm'),
          author: reviewer,
          at,
          text: `${FIELD_NAMES[field]}: ${name} had “${theirsText}”; yours, “${oursText}”, was kept when the review was merged. Change it if theirs is right, then resolve this comment.`,
        },
      ],
    });
    report.conflicts.push({
      where: field,
      message: `${FIELD_NAMES[field]}: both of you changed it. Yours (“${oursText}”) is kept; ${name}’s (“${theirsText}”) is in a comment.`,
    });
  };
  for (const field of ['dateline', 'section'] as const) {
    const r = three(base?.[field], ours[field], theirs[field]);
    if (r.from === 'theirs') {
      merged[field] = theirs[field];
      report.fieldsFromTheirs.push(field);
    } else if (r.from === 'conflict') noted(field, ours[field], theirs[field]);
  }
  const status = three(base?.status, ours.status, theirs.status);
  if (status.from === 'theirs') {
    merged.status = theirs.status;
    report.fieldsFromTheirs.push('status');
  } else if (status.from === 'conflict') {
    noted('status', DESK_STATUS_LABELS[ours.status], DESK_STATUS_LABELS[theirs.status]);
  }

  merged.tags = mergeSet(base?.tags ?? null, ours.tags, theirs.tags);
  if (!sameList(merged.tags, ours.tags)) report.fieldsFromTheirs.push('tags');
  const related = three(
    base ? json(base.related ?? []) : undefined,
    json(ours.related ?? []),
    json(theirs.related ?? []),
  );
  if (related.from === 'theirs') setOptional(merged, 'related', theirs.related);
  else if (related.from === 'conflict') {
    const union = [...new Set([...(ours.related ?? []), ...(theirs.related ?? [])])].slice(0, 20);
    setOptional(merged, 'related', union);
  }

  const comments = mergeThreads(base?.comments ?? null, ours.comments ?? [], theirs.comments ?? [], report);
  setOptional(merged, 'comments', [
    ...comments,
    ...extraThreads.filter((t) => !comments.some((c) => c.id === t.id)),
  ]);

  const fieldSuggestions = mergeById(
    base?.fieldSuggestions ?? null,
    ours.fieldSuggestions ?? [],
    theirs.fieldSuggestions ?? [],
  );
  const oursSuggestionIds = new Set((ours.fieldSuggestions ?? []).map((s) => s.id));
  for (const s of extraFieldSuggestions)
    if (!fieldSuggestions.some((f) => f.id === s.id)) fieldSuggestions.push(s);
  report.fieldSuggestionsAdded = fieldSuggestions.filter((s) => !oursSuggestionIds.has(s.id)).length;
  setOptional(merged, 'fieldSuggestions', fieldSuggestions.slice(0, 500));

  setOptional(
    merged,
    'statusHistory',
    mergeStatusHistory(ours.statusHistory ?? [], theirs.statusHistory ?? []),
  );

  const oursBodyIds = suggestionIds(ours.body);
  report.suggestionsAdded = [...suggestionIds(merged.body)].filter((id) => !oursBodyIds.has(id)).length;
  report.changed = json(contentKey(merged)) !== json(contentKey(ours));
  return { article: merged, report };
}

const FIELD_NAMES = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  dateline: 'Dateline',
  section: 'Section',
  status: 'Desk status',
} as const;

function contentKey(a: Article): unknown[] {
  return [
    a.headline,
    a.contentHighlight,
    a.byline,
    a.dateline,
    a.section,
    a.tags,
    a.status,
    a.body,
    a.related ?? [],
    a.comments ?? [],
    a.fieldSuggestions ?? [],
    a.statusHistory ?? [],
  ];
}

/** Sets an optional array field, leaving it out when empty (as files that never had any). */
function setOptional<K extends 'related' | 'comments' | 'fieldSuggestions' | 'statusHistory'>(
  article: Article,
  key: K,
  value: Article[K],
): void {
  if (value && value.length > 0) article[key] = value;
  else delete article[key];
}

// ── Three-way decisions ──────────────────────────────────────────────────────────────────────

type Side = 'ours' | 'theirs' | 'conflict';

/** Which side a value comes from: the one that changed it, ours when both agree, or a conflict. */
function three<T>(base: T | undefined, ours: T, theirs: T): { from: Side } {
  const eq = (a: T | undefined, b: T | undefined) => json(a) === json(b);
  if (eq(ours, theirs)) return { from: 'ours' };
  if (base !== undefined && eq(base, ours)) return { from: 'theirs' };
  if (base !== undefined && eq(base, theirs)) return { from: 'ours' };
  return { from: 'conflict' };
}

/** JSON with sorted keys, so two equal values compare equal whatever order their keys were written in. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Tags: each side's additions and removals since base both apply (ours' order first). */
function mergeSet(
  base: readonly string[] | null,
  ours: readonly string[],
  theirs: readonly string[],
): string[] {
  if (!base) return [...new Set([...ours, ...theirs])].slice(0, 100);
  const removedByTheirs = new Set(base.filter((t) => !theirs.includes(t)));
  const addedByTheirs = theirs.filter((t) => !base.includes(t));
  return [...new Set([...ours.filter((t) => !removedByTheirs.has(t)), ...addedByTheirs])].slice(0, 100);
}

/**
 * Items with ids (field suggestions): everything either side has, except what one side removed
 * (accepted or rejected) since base while the other left it as it was.
 */
function mergeById<T extends { id: string }>(
  base: readonly T[] | null,
  ours: readonly T[],
  theirs: readonly T[],
): T[] {
  const inBase = new Map((base ?? []).map((x) => [x.id, x]));
  const oursById = new Map(ours.map((x) => [x.id, x]));
  const theirsById = new Map(theirs.map((x) => [x.id, x]));
  const out: T[] = [];
  for (const item of ours) {
    const b = inBase.get(item.id);
    const t = theirsById.get(item.id);
    if (!t && b && json(b) === json(item)) continue; // theirs removed it, ours did not touch it
    out.push(t && b && json(b) === json(item) ? t : item);
  }
  for (const item of theirs) {
    if (oursById.has(item.id)) continue;
    const b = inBase.get(item.id);
    if (b && json(b) === json(item)) continue; // ours removed it, theirs did not touch it
    out.push(item);
  }
  return out;
}

function mergeStatusHistory(ours: readonly StatusChange[], theirs: readonly StatusChange[]): StatusChange[] {
  const seen = new Map<string, StatusChange>();
  for (const c of [...ours, ...theirs]) seen.set(json(c), c);
  return [...seen.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(-5000);
}

// ── Comments ────────────────────────────────────────────────────────────────────────────────

/**
 * Comment threads by id: new threads and new replies from either side are all kept; a thread
 * one side deleted goes only when the other side did not add to it; the resolved state follows
 * the side that changed it (ours when both did); an edited message keeps its latest edit.
 */
function mergeThreads(
  base: readonly CommentThread[] | null,
  ours: readonly CommentThread[],
  theirs: readonly CommentThread[],
  report: MergeReport,
): CommentThread[] {
  const inBase = new Map((base ?? []).map((t) => [t.id, t]));
  const theirsById = new Map(theirs.map((t) => [t.id, t]));
  const oursIds = new Set(ours.map((t) => t.id));
  const out: CommentThread[] = [];
  for (const o of ours) {
    const t = theirsById.get(o.id);
    const b = inBase.get(o.id);
    if (!t) {
      if (b && json(b) === json(o)) continue; // theirs deleted it; ours left it alone
      out.push(o);
      continue;
    }
    const messages = mergeMessages(o.messages, t.messages);
    report.commentsAdded += messages.filter((m) => !o.messages.some((x) => x.id === m.id)).length;
    const resolvedFrom = three(b ? b.resolved : undefined, o.resolved, t.resolved).from;
    const resolution = resolvedFrom === 'theirs' ? t : o;
    const thread: CommentThread = {
      ...o,
      resolved: resolution.resolved,
      messages: messages.slice(0, 500),
    };
    delete thread.resolvedBy;
    delete thread.resolvedAt;
    if (resolution.resolved && resolution.resolvedBy) thread.resolvedBy = resolution.resolvedBy;
    if (resolution.resolved && resolution.resolvedAt) thread.resolvedAt = resolution.resolvedAt;
    out.push(thread);
  }
  for (const t of theirs) {
    if (oursIds.has(t.id)) continue;
    const b = inBase.get(t.id);
    if (b && json(b) === json(t)) continue; // ours deleted it; theirs left it alone
    out.push(t);
    report.commentsAdded += b
      ? t.messages.filter((m) => !b.messages.some((x) => x.id === m.id)).length
      : t.messages.length;
  }
  return out.slice(0, 2000);
}

function mergeMessages(ours: readonly CommentMessage[], theirs: readonly CommentMessage[]): CommentMessage[] {
  const byId = new Map<string, CommentMessage>();
  for (const m of ours) byId.set(m.id, m);
  for (const m of theirs) {
    const o = byId.get(m.id);
    if (!o || (m.editedAt ?? m.at) > (o.editedAt ?? o.at)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ── The body ────────────────────────────────────────────────────────────────────────────────

/** Merges the top-level blocks (paragraphs, headings, lists, tables, figures) three ways. */
function mergeBody(
  base: BodyDoc | null,
  ours: BodyDoc,
  theirs: BodyDoc,
  ids: IdMaker,
  report: MergeReport,
): BodyDoc {
  const o = base?.content ?? [];
  const a = ours.content ?? [];
  const b = theirs.content ?? [];
  const ok = o.map(json);
  const ak = a.map(json);
  const bk = b.map(json);
  const out: BodyNode[] = [];
  /** A run of blocks as it reads with every suggestion in it taken. */
  const accepted = (keys: string[]): string => {
    const nodes = keys.map((k) => JSON.parse(k) as BodyNode);
    if (!nodes.some(hasSuggestions)) return json(nodes);
    // A sentinel paragraph keeps the document valid when accepting removes every block.
    const sentinel: BodyNode = { type: 'paragraph', content: [{ type: 'text', text: 'sentinel' }] };
    const content =
      resolveAllSuggestions({ type: 'doc', content: [...nodes, sentinel] }, 'accept').content ?? [];
    return json(content.slice(0, -1));
  };

  const resolveChunk = (os: number, oe: number, as: number, ae: number, bs: number, be: number) => {
    const O = ok.slice(os, oe);
    const A = ak.slice(as, ae);
    const B = bk.slice(bs, be);
    const oursBlocks = a.slice(as, ae);
    const theirsBlocks = b.slice(bs, be);
    if (sameList(A, B) || (base && sameList(B, O))) {
      out.push(...oursBlocks);
      return;
    }
    if (base && sameList(A, O)) {
      out.push(...theirsBlocks);
      report.blocksFromTheirs += theirsBlocks.length;
      return;
    }
    // Ours already offers theirs' version as a suggestion (an earlier merge of the same review),
    // or already took every suggestion theirs makes here: nothing new to add.
    if (B.length > 0 && accepted(A) === accepted(B)) {
      out.push(...oursBlocks);
      return;
    }
    // Both sides added blocks where there were none: keep both, ours first.
    if (base && O.length === 0) {
      out.push(...oursBlocks, ...theirsBlocks);
      report.blocksFromTheirs += theirsBlocks.length;
      return;
    }
    // Without a common ancestor nothing tells an addition from a deletion: what ours lacks is offered.
    if (!base && B.length === 0) {
      out.push(...oursBlocks);
      return;
    }
    // Decide block by block: each of base's blocks is followed to its version on each side
    // (the same block, the block it became, or gone), so one paragraph both changed does not
    // drag its neighbours into the conflict.
    if (base && O.length > 0) {
      const alignA = alignChunk(o.slice(os, oe), O, a.slice(as, ae), A);
      const alignB = alignChunk(o.slice(os, oe), O, b.slice(bs, be), B);
      const emitInserted = (after: number) => {
        const ia = alignA.inserted.get(after) ?? [];
        const ib = alignB.inserted.get(after) ?? [];
        out.push(...ia.map((i) => a[as + i]!));
        const keysA = ia.map((i) => A[i]!);
        const keysB = ib.map((i) => B[i]!);
        if (ib.length > 0 && !sameList(keysA, keysB) && accepted(keysA) !== accepted(keysB)) {
          out.push(...ib.map((i) => b[bs + i]!));
          report.blocksFromTheirs += ib.length;
        }
      };
      emitInserted(-1);
      for (let k = 0; k < O.length; k++) {
        const va = alignA.version[k];
        const vb = alignB.version[k];
        const keyA = va === null ? null : A[va]!;
        const keyB = vb === null ? null : B[vb]!;
        if (keyA === keyB || keyB === O[k]) {
          if (va !== null) out.push(a[as + va]!);
        } else if (keyA === O[k]) {
          if (vb !== null) {
            out.push(b[bs + vb]!);
            report.blocksFromTheirs++;
          }
        } else if (keyA !== null && keyB !== null && accepted([keyA]) === accepted([keyB])) {
          out.push(a[as + va!]!);
        } else {
          conflict(
            va === null ? [] : [a[as + va]!],
            vb === null ? [] : [b[bs + vb]!],
            keyA === null ? [] : [keyA],
            keyB === null ? [] : [keyB],
          );
        }
        emitInserted(k);
      }
      return;
    }
    conflict(oursBlocks, theirsBlocks, A, B);
  };

  /** Keeps ours and offers theirs: ours marked for deletion, theirs (its suggestions taken) for insertion, one suggestion. */
  const conflict = (oursBlocks: BodyNode[], theirsBlocks: BodyNode[], A: string[], B: string[]) => {
    const key = `body:${A.join('')}:${B.join('')}`;
    const id = ids.make(key, 's');
    out.push(...oursBlocks.map((n) => markBlock(n, 'deletion', id)));
    out.push(...theirsBlocks.map((n) => markBlock(acceptSuggestionsIn(n), 'insertion', id)));
    const words = (nodes: BodyNode[]) => nodes.map(plainText).join(' ').trim();
    const theirsText = words(theirsBlocks);
    const oursText = words(oursBlocks);
    report.conflicts.push({
      where: 'body',
      message: !oursText
        ? `A passage you removed was changed by the reviewer: their version is a suggestion to accept or reject (“${clip(theirsText)}”).`
        : !theirsText
          ? `A passage you changed was removed by the reviewer: its removal is a suggestion to accept or reject (“${clip(oursText)}”).`
          : `A passage both of you changed: yours is kept, the reviewer’s is a suggestion to accept or reject (“${clip(theirsText)}”).`,
    });
  };

  if (!base) {
    const pairs = lcs(ak, bk);
    let i = 0;
    let j = 0;
    for (const [x, y] of [...pairs, [a.length, b.length] as const]) {
      if (x > i || y > j) resolveChunk(0, 0, i, x, j, y);
      if (x < a.length) out.push(a[x]!);
      i = x + 1;
      j = y + 1;
    }
  } else {
    const toA = new Map(lcs(ok, ak));
    const toB = new Map(lcs(ok, bk));
    let oi = 0;
    let ai = 0;
    let bi = 0;
    for (let k = 0; k <= o.length; k++) {
      const end = k === o.length;
      const ka = toA.get(k);
      const kb = toB.get(k);
      if (!end && (ka === undefined || kb === undefined)) continue;
      const ae = end ? a.length : ka!;
      const be = end ? b.length : kb!;
      if (k > oi || ae > ai || be > bi) resolveChunk(oi, k, ai, ae, bi, be);
      if (!end) out.push(a[ae]!);
      oi = k + 1;
      ai = ae + 1;
      bi = be + 1;
    }
  }
  return { type: 'doc', content: out.length > 0 ? out : [{ type: 'paragraph' }] };
}

/**
 * Follows a run of base blocks to one side: `version[k]` is the index of the side's block that
 * base block k is or became (null: deleted there); `inserted` lists the side's new blocks by the
 * base block they follow (-1: before the first). Identical blocks are matched first (LCS); in a
 * gap with as many blocks on both sides each replaces the other in order; in other gaps a side
 * block is taken as a base block's new version when they share enough words.
 */
function alignChunk(
  baseNodes: BodyNode[],
  baseKeys: string[],
  sideNodes: BodyNode[],
  sideKeys: string[],
): { version: (number | null)[]; inserted: Map<number, number[]> } {
  const version: (number | null)[] = baseNodes.map(() => null);
  const inserted = new Map<number, number[]>();
  const insert = (after: number, index: number) =>
    inserted.set(after, [...(inserted.get(after) ?? []), index]);
  let bi = 0;
  let si = 0;
  const gap = (be: number, se: number) => {
    // As many blocks gone as came: each one replaced, in order (a rewrite shares few words).
    if (be - bi === se - si) {
      for (let i = bi; i < be; i++) version[i] = si + (i - bi);
      return;
    }
    let j = si;
    for (let i = bi; i < be; i++) {
      let found = -1;
      for (let t = j; t < se; t++) {
        if (similar(baseNodes[i]!, sideNodes[t]!)) {
          found = t;
          break;
        }
      }
      if (found < 0) continue;
      for (let t = j; t < found; t++) insert(i - 1, t);
      version[i] = found;
      j = found + 1;
    }
    for (let t = j; t < se; t++) insert(be - 1, t);
  };
  for (const [x, y] of lcs(baseKeys, sideKeys)) {
    gap(x, y);
    version[x] = y;
    bi = x + 1;
    si = y + 1;
  }
  gap(baseNodes.length, sideNodes.length);
  return { version, inserted };
}

/** Whether a side's block is plausibly a base block edited: a third of their words shared. */
function similar(x: BodyNode, y: BodyNode): boolean {
  const words = (n: BodyNode) =>
    new Set(
      plainText(n)
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    );
  const wx = words(x);
  const wy = words(y);
  if (wx.size === 0 || wy.size === 0) return wx.size === wy.size && x.type === y.type;
  let shared = 0;
  for (const w of wx) if (wy.has(w)) shared++;
  return shared / (wx.size + wy.size - shared) >= 1 / 3;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function plainText(node: BodyNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainText).join(node.type === 'paragraph' ? '' : ' ');
}

const isSuggestionMark = (m: BodyMark) => (SUGGESTION_MARKS as readonly string[]).includes(m.type);

/**
 * A top-level block marked as a suggestion: the block itself (so accepting or rejecting takes or
 * removes the whole paragraph) and its text (so the editor shows it struck or underlined). Text
 * already in someone's suggestion keeps that suggestion: the marks exclude each other.
 */
function markBlock(node: BodyNode, type: 'insertion' | 'deletion', id: string): BodyNode {
  const mark: BodyMark = { type, attrs: { id } };
  const markText = (n: BodyNode): BodyNode => {
    if (n.type === 'text') {
      return (n.marks ?? []).some(isSuggestionMark) ? n : { ...n, marks: [...(n.marks ?? []), mark] };
    }
    return n.content ? { ...n, content: n.content.map(markText) } : n;
  };
  const marked = markText(node);
  if ((node.marks ?? []).some(isSuggestionMark)) return marked;
  return { ...marked, marks: [...(node.marks ?? []), mark] };
}

/** Theirs' block as the reviewer meant it: their own suggestions in it taken. */
function acceptSuggestionsIn(node: BodyNode): BodyNode {
  if (!hasSuggestions(node)) return node;
  const doc = resolveAllSuggestions({ type: 'doc', content: [node] }, 'accept');
  return doc.content?.[0] ?? { type: 'paragraph' };
}

function hasSuggestions(node: BodyNode): boolean {
  return (node.marks ?? []).some(isSuggestionMark) || (node.content ?? []).some(hasSuggestions);
}

function suggestionIds(body: BodyDoc): Set<string> {
  const out = new Set<string>();
  const walk = (n: BodyNode): void => {
    for (const m of n.marks ?? [])
      if (isSuggestionMark(m) && m.attrs?.id != null) out.add(String(m.attrs.id));
    n.content?.forEach(walk);
  };
  body.content?.forEach(walk);
  return out;
}

/**
 * The longest common subsequence of two lists of keys, as index pairs in order. The common
 * start and end are matched first, so the table covers only the changed middle.
 */
export function lcs(x: readonly string[], y: readonly string[]): [number, number][] {
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endX - start;
  const m = endY - start;
  if (n > 0 && m > 0) {
    const table = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[at(i, j)] =
          x[start + i] === y[start + j]
            ? table[at(i + 1, j + 1)]! + 1
            : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[start + i] === y[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) i++;
      else j++;
    }
  }
  for (let k = 0; k < x.length - endX; k++) pairs.push([endX + k, endY + k]);
  return pairs;
}

/**
 * Ids for what the merge adds, made from what they are about: merging the same package again
 * makes the same ids, so nothing is added twice. Suggestion ids keep Copydesk's form (author and
 * time readable, see suggestionIds.ts).
 */
class IdMaker {
  constructor(
    private readonly reviewer: Person,
    private readonly at: string,
  ) {}

  make(key: string, kind: 's' | 'f' | 'c' | 'm'): string {
    const h = hash(key);
    if (kind === 's') {
      const fraction = (parseInt(h.slice(0, 8), 16) % 36 ** 6) / 36 ** 6;
      return makeSuggestionId(this.reviewer, new Date(this.at), () => fraction);
    }
    return `merge-${kind}-${h}`;
  }
}

/** FNV-1a, 64 bits as two 32-bit halves: a short stable hash with no Node or DOM. */
function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
