import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  HeadingLevel,
  InsertedTextRun,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import {
  REVIEW_FIELDS,
  type Article,
  type BodyDoc,
  type BodyMark,
  type BodyNode,
  type CommentThread,
  type Person,
  type ReviewField,
} from '../shared/article';
import { FIELD_LABELS } from '../shared/review/fieldSuggestions';
import { placeThread } from '../shared/review/comments';
import { parseSuggestionId } from '../shared/review/suggestionIds';
import { isSafeLinkUrl } from '../shared/urls';
import { isBlank, singleLine, withoutForbiddenCodePoints } from './markup';

/**
 * An article's open review as Word sees it, for {@link exportDocx}'s `review` option: body and
 * field suggestions as tracked changes (`w:ins`, `w:del`, `w:rPrChange`, `w:pPrChange`), comment
 * threads as Word comments with their replies threaded under them, notes left out. Built by
 * {@link docxReview}; exportDocx asks it for each run, paragraph and field as it writes them.
 */
export interface DocxReview {
  /** The body to write: the stored one, notes removed and block suggestions spelt out on their text. */
  readonly body: BodyDoc;
  /** The run(s) for a text node or hard break: tracked when suggested, inside its comments' ranges. */
  run(node: BodyNode, options: IRunOptions): ParagraphChild[];
  /** A paragraph's tracked paragraph mark (a suggested break or block) and heading level change. */
  paragraph(node: BodyNode): Pick<IParagraphOptions, 'run' | 'revision'> | undefined;
  /** A field's runs with its suggestion and comments; undefined when it has none (written as usual). */
  field(field: ReviewField, shown: string): ParagraphChild[] | undefined;
  /** The document's comments part and Track Changes switched on, for the Document options. */
  documentOptions(): { comments: { children: ICommentOptions[] }; features: { trackRevisions: true } };
}

interface Change {
  id: number;
  author: string;
  date: string;
}

const SUGGESTED = new Set(['insertion', 'deletion']);
const ZWSP = /\u200B/g;

const suggestionOf = (node: BodyNode): BodyMark | undefined => node.marks?.find((m) => SUGGESTED.has(m.type));
const hasMark = (node: BodyNode, type: string): boolean => !!node.marks?.some((m) => m.type === type);
const linkOf = (node: BodyNode): unknown => node.marks?.find((m) => m.type === 'link')?.attrs?.href;

/** Word wants a date and time without fractions of a second. */
const wordDate = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

/**
 * The review layer of a Word export of `article` (the stored article, not `articleForExport`'s).
 *
 * - Body insertions and deletions become `w:ins`/`w:del` runs signed with the name and time the
 *   suggestion id carries; a suggested paragraph break (the suggest-changes library's zero-width
 *   space at a paragraph's end) or a whole suggested block becomes a tracked paragraph mark, so
 *   Word's Accept and Reject give the same text as Copydesk's.
 * - Formatting: the library records bold/italic added in suggesting mode as the old text deleted
 *   and the new inserted; such a pair (same id, same words) is written as one run with the new
 *   formatting and a `w:rPrChange` holding the old. A heading level change is a `w:pPrChange`.
 *   Any other suggested attribute change (a list's start, a picture's caption) is written with
 *   its new value and listed in a comment on the headline, by its author.
 * - A suggested picture or rule is written as its text (`[Picture] caption (credit)`, `* * *`),
 *   tracked: Word cannot track a drawing here.
 * - Field suggestions: the field's text with the suggested change tracked (the first person's;
 *   other people's suggestions on the same field are comments on it).
 * - Comment threads: a Word comment over the commented words, each reply a threaded reply
 *   (Word 2013+ shows them as one conversation), resolved threads marked resolved. A thread
 *   whose words were deleted is a comment on the headline saying so.
 * - Notes are never written: their text is removed from the body first.
 */
export function docxReview(article: Article): DocxReview {
  return new ReviewBuilder(article);
}

class ReviewBuilder implements DocxReview {
  readonly body: BodyDoc;
  private nextId = 0;
  private readonly comments: ICommentOptions[] = [];
  /** Word comment ids of each thread (the thread, then its replies), by thread id. */
  private readonly wordIds = new Map<string, number[]>();
  private readonly startsAt = new Map<BodyNode, string[]>();
  private readonly endsAt = new Map<BodyNode, string[]>();
  /** Runs whose formatting is a suggestion: the marks they had before, and whose suggestion. */
  private readonly formatChanges = new Map<BodyNode, { before: BodyNode; id: unknown }>();
  /** Comments on a field's whole text (the headline's: orphans and attribute changes). */
  private readonly wholeField = new Map<ReviewField, number[][]>();

  constructor(private readonly article: Article) {
    const modifications: { id: unknown; text: string }[] = [];
    this.body = {
      type: 'doc',
      content: (article.body.content ?? []).flatMap((n) => this.clean(n, undefined, modifications)),
    };

    // Body anchors: the first and last text node of each thread, in the order Word will meet them.
    const threads = new Map((article.comments ?? []).map((t) => [t.id, t]));
    const first = new Map<string, BodyNode>();
    const last = new Map<string, BodyNode>();
    const walk = (node: BodyNode): void => {
      for (const mark of node.marks ?? []) {
        const id = mark.attrs?.id;
        if (mark.type !== 'comment' || typeof id !== 'string' || threads.get(id)?.anchor !== 'body') continue;
        if (!first.has(id)) first.set(id, node);
        last.set(id, node);
      }
      node.content?.forEach(walk);
    };
    this.body.content?.forEach(walk);

    const fields = {
      headline: article.headline,
      contentHighlight: article.contentHighlight,
      byline: article.byline,
    };
    const orphans: CommentThread[] = [];
    for (const thread of article.comments ?? []) {
      if (thread.anchor === 'body') {
        const [a, b] = [first.get(thread.id), last.get(thread.id)];
        if (!a || !b) orphans.push(thread);
        else {
          this.wordIds.set(thread.id, this.addThread(thread));
          push(this.startsAt, a, thread.id);
          push(this.endsAt, b, thread.id);
        }
      } else if (placeThread(thread, new Map(), fields).orphaned) orphans.push(thread);
      else this.wordIds.set(thread.id, this.addThread(thread));
    }
    for (const thread of orphans) {
      const where = thread.anchor === 'body' ? 'the body' : `the ${FIELD_LABELS[thread.anchor]}`;
      const note = `The text this comment was on was deleted from ${where}: “${thread.quote}”.`;
      push(this.wholeField, 'headline', this.addThread(thread, note));
    }
    for (const m of modifications) {
      push(this.wholeField, 'headline', [this.addNote(m.id, `Suggested change: ${m.text}.`)]);
    }
    // One tracked change per field: a second person's suggestion for it is a comment on it.
    for (const field of REVIEW_FIELDS) {
      for (const s of this.fieldSuggestions(field).slice(1)) {
        const id = this.newId();
        this.comments.push({
          id,
          ...person(s.author),
          date: new Date(s.at),
          children: paragraphs(`Also suggested for the ${FIELD_LABELS[field]}: “${s.to}”`),
        });
        push(this.wholeField, field, [id]);
      }
    }
  }

  private newId(): number {
    return this.nextId++;
  }

  private change(suggestionId: unknown): Change {
    const who = parseSuggestionId(suggestionId);
    return {
      id: this.newId(),
      author: who?.author.name || 'Unknown reviewer',
      date: wordDate(who?.at ?? this.article.updatedAt),
    };
  }

  private fieldSuggestions(field: ReviewField) {
    return (this.article.fieldSuggestions ?? []).filter((s) => s.field === field);
  }

  /** A thread as a Word comment and one threaded reply per further message; their Word ids. */
  private addThread(thread: CommentThread, preface?: string): number[] {
    const ids: number[] = [];
    thread.messages.forEach((message, i) => {
      const id = this.newId();
      this.comments.push({
        id,
        ...person(message.author),
        date: new Date(message.at),
        children: paragraphs(i === 0 && preface ? `${preface}\n${message.text}` : message.text),
        ...(i > 0 && { parentId: ids[0] }),
        ...(i === 0 && thread.resolved && { resolved: true }),
      });
      ids.push(id);
    });
    return ids;
  }

  /** A comment Copydesk writes on a suggestion's behalf, signed by the suggestion's author. */
  private addNote(suggestionId: unknown, text: string): number {
    const id = this.newId();
    const who = parseSuggestionId(suggestionId);
    this.comments.push({
      id,
      ...person(who?.author ?? { name: 'Unknown reviewer' }),
      date: new Date(who?.at ?? this.article.updatedAt),
      children: paragraphs(text),
    });
    return id;
  }

  /**
   * A body node as written for review: note text dropped, unsafe links made plain text, a
   * suggested block's mark spelt out on its text and paragraphs, a suggested picture or rule
   * turned into a paragraph of its text, and formatting suggestions paired up.
   */
  private clean(
    node: BodyNode,
    block: BodyMark | undefined,
    modifications: { id: unknown; text: string }[],
  ): BodyNode[] {
    if (node.type === 'text' || node.type === 'hardBreak') {
      if (hasMark(node, 'note')) return [];
      const marks = (node.marks ?? []).filter(
        (m) =>
          m.type !== 'link' || isSafeLinkUrl(typeof m.attrs?.href === 'string' ? m.attrs.href.trim() : ''),
      );
      if (block && !marks.some((m) => SUGGESTED.has(m.type))) marks.push(block);
      return [{ ...node, marks }];
    }
    const own = suggestionOf(node);
    const mark = own ?? block;
    for (const m of node.marks ?? []) {
      if (m.type !== 'modification' || (node.type === 'heading' && m.attrs?.attrName === 'level')) continue;
      const what =
        m.attrs?.type === 'attr'
          ? `${String(m.attrs.attrName)} of a ${node.type}`
          : `formatting of a ${node.type}`;
      modifications.push({
        id: m.attrs?.id,
        text: `${what} from ${JSON.stringify(m.attrs?.previousValue ?? null)} to ${JSON.stringify(m.attrs?.newValue ?? null)}`,
      });
    }
    if (mark && (node.type === 'figure' || node.type === 'horizontalRule')) {
      const a = node.attrs ?? {};
      const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
      const text =
        node.type === 'figure'
          ? ['[Picture]', str('caption'), str('credit') && `(${str('credit')})`].filter(Boolean).join(' ')
          : '* * *';
      return [{ type: 'paragraph', marks: [mark], content: [{ type: 'text', text, marks: [mark] }] }];
    }
    let content = (node.content ?? []).flatMap((c) => this.clean(c, mark, modifications));
    if (node.type === 'paragraph' || node.type === 'heading') content = this.pairFormatChanges(content);
    const marks = [...(node.marks ?? [])];
    if (mark && !own && (node.type === 'paragraph' || node.type === 'heading')) marks.push(mark);
    return [{ ...node, ...(node.content && { content }), marks }];
  }

  /** Deleted words followed by the same words inserted under the same suggestion: a formatting change. */
  private pairFormatChanges(content: BodyNode[]): BodyNode[] {
    const out: BodyNode[] = [];
    for (let i = 0; i < content.length; i++) {
      const [del, ins] = [content[i]!, content[i + 1]];
      const d = suggestionOf(del);
      const n = ins && suggestionOf(ins);
      if (
        ins &&
        d?.type === 'deletion' &&
        n?.type === 'insertion' &&
        d.attrs?.id === n.attrs?.id &&
        del.type === 'text' &&
        ins.type === 'text' &&
        del.text === ins.text &&
        linkOf(del) === linkOf(ins)
      ) {
        const comments = (del.marks ?? []).filter(
          (m) =>
            m.type === 'comment' &&
            !ins.marks?.some((x) => x.type === 'comment' && x.attrs?.id === m.attrs?.id),
        );
        const merged: BodyNode = {
          ...ins,
          marks: [...(ins.marks ?? []).filter((m) => m !== n), ...comments],
        };
        this.formatChanges.set(merged, { before: del, id: n.attrs?.id });
        out.push(merged);
        i++;
      } else out.push(del);
    }
    return out;
  }

  run(node: BodyNode, options: IRunOptions): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const thread of this.startsAt.get(node) ?? []) {
      for (const id of this.wordIds.get(thread)!) out.push(new CommentRangeStart(id));
    }
    const suggestion = suggestionOf(node);
    const format = this.formatChanges.get(node);
    if (suggestion) {
      // The library's zero-width spaces stand for paragraph breaks: the paragraph mark carries them.
      const text = typeof options.text === 'string' ? options.text.replace(ZWSP, '') : options.text;
      if (text || options.break) {
        const change = this.change(suggestion.attrs?.id);
        out.push(
          suggestion.type === 'insertion'
            ? new InsertedTextRun({ ...options, text, ...change })
            : new DeletedTextRun({ ...options, text, ...change }),
        );
      }
    } else if (format) {
      const has = (type: string) => hasMark(format.before, type) || undefined;
      out.push(
        new TextRun({
          ...options,
          revision: {
            ...this.change(format.id),
            bold: has('bold'),
            italics: has('italic'),
            superScript: has('superscript'),
            subScript: has('subscript'),
            ...(options.style !== undefined && { style: options.style }),
          },
        }),
      );
    } else out.push(new TextRun(options));
    for (const thread of this.endsAt.get(node) ?? []) {
      const ids = this.wordIds.get(thread)!;
      for (const id of ids) out.push(new CommentRangeEnd(id));
      for (const id of ids) out.push(new TextRun({ children: [new CommentReference(id)] }));
    }
    return out;
  }

  paragraph(node: BodyNode): Pick<IParagraphOptions, 'run' | 'revision'> | undefined {
    let mark = suggestionOf(node);
    const last = node.content?.at(-1);
    if (!mark && last?.type === 'text' && last.text?.endsWith('\u200B')) mark = suggestionOf(last);
    const level = node.marks?.find((m) => m.type === 'modification' && m.attrs?.attrName === 'level');
    if (!mark && !(node.type === 'heading' && level)) return undefined;
    return {
      ...(mark && { run: { [mark.type]: this.change(mark.attrs?.id) } }),
      ...(node.type === 'heading' &&
        level && {
          revision: {
            ...this.change(level.attrs?.id),
            heading: level.attrs?.previousValue === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2,
          },
        }),
    };
  }

  field(field: ReviewField, shown: string): ParagraphChild[] | undefined {
    const value = this.article[field];
    const suggestion = this.fieldSuggestions(field)[0];
    const ranges = (this.article.comments ?? [])
      .filter((t) => t.anchor === field && t.range && this.wordIds.has(t.id))
      .map((t) => ({ ...t.range!, ids: this.wordIds.get(t.id)! }));
    const whole = this.wholeField.get(field) ?? [];
    if (!suggestion && ranges.length === 0 && whole.length === 0) return undefined;

    // The field as stored (positions of comments count in it); the byline keeps its "By ".
    let base = value.replace(/[\r\n]/g, ' ');
    const prefix = field === 'byline' && shown === `By ${singleLine(value)}` ? 'By ' : '';
    if (isBlank(base)) base = suggestion ? '' : shown;
    for (const ids of whole) ranges.push({ from: 0, to: base.length, ids });

    let diff:
      { start: number; end: number; inserted: string; deleted: Change; insertedBy: Change } | undefined;
    if (suggestion) {
      const to = singleLine(suggestion.to);
      let start = 0;
      while (start < Math.min(base.length, to.length) && base[start] === to[start]) start++;
      let tail = 0;
      while (
        tail < Math.min(base.length, to.length) - start &&
        base[base.length - 1 - tail] === to[to.length - 1 - tail]
      )
        tail++;
      // Whole words, as a person would mark the change: "approves" → "backs", not "approve" → "back".
      while (start > 0 && /\S/.test(base[start - 1]!)) start--;
      while (tail > 0 && /\S/.test(base[base.length - tail]!)) tail--;
      const who = { author: suggestion.author.name || 'Unknown reviewer', date: wordDate(suggestion.at) };
      diff = {
        start,
        end: base.length - tail,
        inserted: to.slice(start, to.length - tail),
        deleted: { id: this.newId(), ...who },
        insertedBy: { id: this.newId(), ...who },
      };
    }

    const points = [
      ...new Set([
        0,
        base.length,
        ...(diff ? [diff.start, diff.end] : []),
        ...ranges.flatMap((r) => [r.from, r.to]),
      ]),
    ].sort((a, b) => a - b);
    const out: ParagraphChild[] = prefix ? [new TextRun(prefix)] : [];
    points.forEach((p, i) => {
      if (diff && p === diff.end && diff.inserted) {
        out.push(
          new InsertedTextRun({ text: withoutForbiddenCodePoints(diff.inserted), ...diff.insertedBy }),
        );
      }
      for (const r of ranges) {
        if (r.to !== p) continue;
        if (r.from === p) out.push(...r.ids.map((id) => new CommentRangeStart(id)));
        out.push(...r.ids.map((id) => new CommentRangeEnd(id)));
        out.push(...r.ids.map((id) => new TextRun({ children: [new CommentReference(id)] })));
      }
      for (const r of ranges)
        if (r.from === p && r.to !== p) out.push(...r.ids.map((id) => new CommentRangeStart(id)));
      const next = points[i + 1];
      if (next === undefined) return;
      const text = withoutForbiddenCodePoints(base.slice(p, next));
      if (!text) return;
      out.push(
        diff && p >= diff.start && p < diff.end
          ? new DeletedTextRun({ text, ...diff.deleted })
          : new TextRun(text),
      );
    });
    return out;
  }

  documentOptions() {
    return { comments: { children: this.comments }, features: { trackRevisions: true as const } };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function person(p: Person): { author: string; initials?: string } {
  return { author: p.name || 'Unknown reviewer', ...(p.initials && { initials: p.initials }) };
}

/** A comment's text, one Word paragraph a line. */
function paragraphs(text: string): Paragraph[] {
  return withoutForbiddenCodePoints(text)
    .split(/\r?\n/)
    .map((line) => new Paragraph({ children: [new TextRun(line)] }));
}
