import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Article, BodyDoc, CommentThread, Person } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { makeSuggestionId } from '../../src/shared/review/suggestionIds';
import { articleForExport } from '../../src/shared/review/forExport';
import { renderExport } from '../../src/services/exportArticle';
import { exportDocx } from '../../src/exporters/exportDocx';
import { ExportFormatSchema } from '../../src/shared/contract';
import { CopydeskError } from '../../src/shared/errors';
import { runCli } from '../../src/cli/run';
import { LibraryStore } from '../../src/library/store';
import { makeTempDir } from '../helpers/tempLibrary';

const jane = { name: 'Jane O’Neil', initials: 'JO' };
const sam = { name: 'Sam.Dot %' };
const kim = { name: 'Kim Lee', initials: 'KL' };
const insId = makeSuggestionId(jane, new Date('2026-11-28T09:00:00Z'), () => 0.5);
const delId = makeSuggestionId(sam, new Date('2026-11-28T10:00:00Z'), () => 0.25);
const kimId = makeSuggestionId(kim, new Date('2026-11-28T11:00:00Z'), () => 0.75);
const NOTE = 'Check the figure with the council press office.';

/**
 * A body edited in suggesting mode by the suggest-changes library itself: Jane inserts "finally "
 * and a new paragraph, Sam deletes "the ", Kim makes "council" bold and the subheading an H3.
 * "approved" and "welcomed" carry comments; a note sits in the first paragraph.
 */
function suggestedBody(): BodyDoc {
  const original = checkBody({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Council meets' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The council quickly ' },
          { type: 'text', text: 'approved', marks: [{ type: 'comment', attrs: { id: 'thread-1' } }] },
          { type: 'text', text: ' the plan.' },
          { type: 'text', text: ` ${NOTE}`, marks: [{ type: 'note', attrs: { author: 'Ed', at: '' } }] },
        ],
      },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Residents ' },
          { type: 'text', text: 'welcomed', marks: [{ type: 'comment', attrs: { id: 'thread-2' } }] },
          { type: 'text', text: ' it.' },
        ],
      },
    ],
  });
  let state = EditorState.create({ doc: original });
  const suggest = (id: string, edit: (tr: Transaction) => void) => {
    const tr = state.tr;
    edit(tr);
    state = state.apply(transformToSuggestionTransaction(tr, state, () => id));
  };
  const at = (text: string) => {
    let found = -1;
    state.doc.descendants((node, pos) => {
      if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    });
    return found;
  };
  suggest(insId, (tr) => tr.insertText('finally ', at('quickly')));
  suggest(delId, (tr) => tr.delete(at(' the plan') + 1, at(' the plan') + ' the '.length));
  suggest(kimId, (tr) =>
    tr.addMark(at('council'), at('council') + 'council'.length, state.schema.marks.bold!.create()),
  );
  suggest(kimId, (tr) => tr.setNodeAttribute(0, 'level', 3));
  const end = state.doc.content.size - 1;
  suggest(insId, (tr) => {
    tr.split(end);
    tr.insertText('A new paragraph.', end + 2);
  });
  return state.doc.toJSON() as BodyDoc;
}

const thread = (id: string, over: Partial<CommentThread>, ...texts: [Person, string][]): CommentThread => ({
  id,
  anchor: 'body',
  quote: '',
  resolved: false,
  messages: texts.map(([author, text], i) => ({
    id: `${id}-m${i}`,
    author,
    at: `2026-11-28T1${i}:30:00.000Z`,
    text,
  })),
  ...over,
});

function article(): Article {
  return {
    schemaVersion: 1,
    id: 'review-docx',
    headline: 'Council approves plan',
    contentHighlight: 'The plan passed.',
    byline: 'Jane O’Neil',
    dateline: 'Leeds',
    body: suggestedBody(),
    status: 'in-edit',
    section: '',
    tags: [],
    language: 'en-GB',
    createdAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T12:00:00.000Z',
    rev: 3,
    comments: [
      thread('thread-1', { quote: 'approved' }, [sam, 'Source for this?'], [jane, 'The minutes, page 4.']),
      thread('thread-2', { quote: 'welcomed', resolved: true, resolvedBy: jane }, [kim, 'Some did not.']),
      thread('thread-3', { quote: 'a deleted sentence' }, [kim, 'Is this right?']),
      thread('thread-4', { anchor: 'byline', quote: 'Jane', range: { from: 0, to: 4 } }, [
        sam,
        'Add her job title.',
      ]),
    ],
    fieldSuggestions: [
      {
        id: 'fs-1',
        field: 'headline',
        author: sam,
        at: '2026-11-28T10:30:00.000Z',
        from: 'Council approves plan',
        to: 'Council backs plan',
      },
    ],
  };
}

async function unzip(data: string | Uint8Array) {
  const zip = await JSZip.loadAsync(data as Uint8Array);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? null;
  const parse = (xml: string) => {
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    return doc;
  };
  return { zip, part, parse };
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const all = (doc: XmlDocument | XmlElement, name: string): XmlElement[] =>
  Array.from(doc.getElementsByTagNameNS(W, name));
const parentName = (e: XmlElement): string | undefined =>
  (e.parentNode as XmlElement | null)?.localName ?? undefined;

/**
 * What Word's "Accept all changes" or "Reject all changes" leaves, paragraph by paragraph:
 * insertions kept or dropped, deletions dropped or kept, and a paragraph whose mark is removed
 * joined to the next one. Empty paragraphs are left out, as Copydesk's exports leave them out.
 */
function wordResolves(doc: XmlDocument, how: 'accept' | 'reject'): string[] {
  const gone = how === 'accept' ? 'del' : 'ins';
  const out: string[] = [];
  let carry = '';
  for (const p of all(doc, 'p')) {
    let text = carry;
    const walk = (node: XmlElement, inGone: boolean): void => {
      for (const child of Array.from(node.childNodes)) {
        const el = child as XmlElement;
        if (el.nodeType !== 1) continue;
        if (el.localName === 'pPr') continue;
        const here = inGone || el.localName === gone;
        if ((el.localName === 't' || el.localName === 'delText') && !here) text += el.textContent ?? '';
        else walk(el, here);
      }
    };
    walk(p, false);
    const pPr = Array.from(p.childNodes).find((n) => (n as XmlElement).localName === 'pPr') as
      XmlElement | undefined;
    const markGone = !!pPr && all(pPr, gone).some((e) => parentName(e) === 'rPr');
    if (markGone) carry = text;
    else {
      carry = '';
      if (text.trim()) out.push(text);
    }
  }
  if (carry.trim()) out.push(carry);
  return out;
}

async function paragraphTexts(data: string | Uint8Array): Promise<string[]> {
  const { part, parse } = await unzip(data);
  return wordResolves(parse((await part('word/document.xml'))!), 'accept');
}

describe('Word export with tracked changes and comments', () => {
  it('writes body suggestions as w:ins and w:del signed with the name and time in the suggestion id', async () => {
    const { data } = await renderExport(article(), 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    const ins = all(doc, 'ins').filter((e) => parentName(e) !== 'rPr');
    const del = all(doc, 'del').filter((e) => parentName(e) !== 'rPr');
    const inserted = ins.map((e) => [
      e.getAttributeNS(W, 'author'),
      e.getAttributeNS(W, 'date'),
      e.textContent,
    ]);
    expect(inserted).toContainEqual(['Jane O’Neil', '2026-11-28T09:00:00Z', 'finally ']);
    expect(inserted).toContainEqual(['Jane O’Neil', '2026-11-28T09:00:00Z', 'A new paragraph.']);
    expect(inserted).toContainEqual(['Sam.Dot %', '2026-11-28T10:30:00Z', 'backs']);
    const deleted = del.map((e) => [
      e.getAttributeNS(W, 'author'),
      e.getAttributeNS(W, 'date'),
      e.textContent,
    ]);
    expect(deleted).toContainEqual(['Sam.Dot %', '2026-11-28T10:00:00Z', 'the ']);
    expect(deleted).toContainEqual(['Sam.Dot %', '2026-11-28T10:30:00Z', 'approves']);
    // The deleted words are w:delText, as Word requires.
    expect(all(doc, 'delText').map((e) => e.textContent)).toContain('the ');
    // Every change has its own id; the library's zero-width spaces are not written.
    const ids = [...ins, ...del].map((e) => e.getAttributeNS(W, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await part('word/document.xml')).not.toContain('\u200B');
    // The new paragraph's break is a tracked paragraph mark, signed by Jane.
    const marks = all(doc, 'ins').filter((e) => parentName(e) === 'rPr');
    expect(marks.map((e) => e.getAttributeNS(W, 'author'))).toEqual(['Jane O’Neil']);
    // Word opens it with Track Changes on.
    expect(await part('word/settings.xml')).toContain('<w:trackRevisions/>');
  });

  it('writes a formatting suggestion as w:rPrChange and a heading level change as w:pPrChange', async () => {
    const { data } = await renderExport(article(), 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    const [rPrChange] = all(doc, 'rPrChange');
    expect(rPrChange?.getAttributeNS(W, 'author')).toBe('Kim Lee');
    const run = rPrChange!.parentNode!.parentNode as XmlElement;
    expect(run.textContent).toBe('council');
    expect(all(run, 'b').length).toBeGreaterThan(0);
    // The old formatting (not bold) is what the change keeps.
    expect(all(rPrChange!, 'b').every((b) => b.getAttributeNS(W, 'val') === 'false')).toBe(true);
    const [pPrChange] = all(doc, 'pPrChange');
    expect(pPrChange?.getAttributeNS(W, 'author')).toBe('Kim Lee');
    expect(all(pPrChange!, 'pStyle')[0]?.getAttributeNS(W, 'val')).toBe('Heading2');
    expect(all(pPrChange!.parentNode as XmlElement, 'pStyle')[0]?.getAttributeNS(W, 'val')).toBe('Heading3');
  });

  it("Word's Accept all and Reject all give the text Copydesk's accept and reject exports give", async () => {
    const { data } = await renderExport(article(), 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    for (const how of ['accept', 'reject'] as const) {
      const expected = await paragraphTexts(
        (await renderExport(article(), 'docx', { suggestions: how })).data,
      );
      expect(wordResolves(doc, how)).toEqual(expected);
    }
    expect(wordResolves(doc, 'reject')).toContain('Residents welcomed it.');
    expect(wordResolves(doc, 'accept')).toContain('A new paragraph.');
  });

  it('writes comment threads as Word comments on their words, replies threaded, resolved marked', async () => {
    const { data } = await renderExport(article(), 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    const comments = parse((await part('word/comments.xml'))!);
    const byId = new Map(
      all(comments, 'comment').map((c) => [
        c.getAttributeNS(W, 'id')!,
        {
          author: c.getAttributeNS(W, 'author'),
          text: c.textContent ?? '',
          initials: c.getAttributeNS(W, 'initials'),
        },
      ]),
    );
    const texts = [...byId.values()].map((c): [string, string] => [c.author ?? '', c.text]);
    expect(texts).toContainEqual(['Sam.Dot %', 'Source for this?']);
    expect(texts).toContainEqual(['Jane O’Neil', 'The minutes, page 4.']);
    expect(texts).toContainEqual(['Kim Lee', 'Some did not.']);
    expect(texts).toContainEqual(['Sam.Dot %', 'Add her job title.']);
    expect(texts.find(([, t]) => t.includes('Is this right?'))?.[1]).toContain(
      'was deleted from the body: “a deleted sentence”',
    );

    // The text between each comment's range start and end, in document order.
    const xml = (await part('word/document.xml'))!;
    const covered = (text: string) => {
      const id = [...byId].find(([, c]) => c.text === text)![0];
      const inside = xml.slice(
        xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`),
        xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`),
      );
      expect(inside).not.toBe('');
      expect(xml).toContain(`<w:commentReference w:id="${id}"/>`);
      return [...inside.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => m[1]).join('');
    };
    expect(covered('Source for this?')).toBe('approved');
    expect(covered('The minutes, page 4.')).toBe('approved');
    expect(covered('Some did not.')).toBe('welcomed');
    expect(covered('Add her job title.')).toBe('Jane');
    expect(covered(texts.find(([, t]) => t.includes('Is this right?'))![1])).toBe(
      'Council approvesbacks plan',
    );
    expect(all(doc, 'commentRangeStart')).toHaveLength(byId.size);

    // Replies point at their thread; the resolved thread is done.
    const extended = (await part('word/commentsExtended.xml'))!;
    expect(extended).toContain('w15:paraIdParent=');
    expect(extended).toContain('w15:done="1"');
  });

  it('never writes a note, in any part of the file', async () => {
    for (const options of [{ review: true }, {}, { suggestions: 'accept' as const }]) {
      const { data } = await renderExport(article(), 'docx', options);
      const { zip } = await unzip(data);
      for (const name of Object.keys(zip.files)) {
        const text = await zip.file(name)!.async('string');
        expect(text, name).not.toContain('press office');
      }
    }
  });

  it('the ordinary Word export is unchanged: no tracked changes, no comments', async () => {
    const { data } = await renderExport(article(), 'docx');
    const { part } = await unzip(data);
    const xml = (await part('word/document.xml'))!;
    for (const banned of [
      '<w:ins',
      '<w:del',
      'commentRange',
      'rPrChange',
      'pPrChange',
      'finally',
      'Source for this?',
    ]) {
      expect(xml).not.toContain(banned);
    }
    expect(await part('word/comments.xml')).toBeNull();
    expect(await part('word/settings.xml')).not.toContain('trackRevisions');
    // The same document the exporter made before the review option existed: the article made
    // ready for export, then written (hyperlink ids and zip dates are random in the docx library).
    const before = await exportDocx(articleForExport(article()));
    const parts = async (bytes: string | Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes as Uint8Array);
      return Promise.all(
        Object.keys(zip.files)
          .sort()
          .map(async (n) => [
            n,
            (await zip.file(n)!.async('string')).replace(
              /<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g,
              '',
            ),
          ]),
      );
    };
    expect(await parts(data)).toEqual(await parts(before));
  });

  it('an article without review items exports with review as it would without, plus Track Changes on', async () => {
    const plain = { ...articleForExport(article()), comments: [], fieldSuggestions: [] };
    const { data } = await renderExport(plain, 'docx', { review: true });
    const { part } = await unzip(data);
    expect(await part('word/comments.xml')).toBeNull();
    expect(await paragraphTexts(data)).toEqual(
      await paragraphTexts((await renderExport(plain, 'docx')).data),
    );
  });

  it('refuses the review option for every other format, and changes nothing', async () => {
    for (const format of ExportFormatSchema.options.filter((f) => f !== 'docx')) {
      const error = await renderExport(article(), format, { review: true }).catch((e: unknown) => e);
      expect(error, format).toBeInstanceOf(CopydeskError);
      expect((error as CopydeskError).code).toBe('invalid-input');
      expect((error as CopydeskError).message).toMatch(/only be exported as Word tracked changes/);
    }
  });

  it('a suggested paragraph split and join are tracked paragraph marks: Reject all joins and splits them back', async () => {
    let state = EditorState.create({
      doc: checkBody({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'One. Two.' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Three.' }] },
        ],
      }),
    });
    const suggest = (id: string, edit: (tr: Transaction) => void) => {
      const tr = state.tr;
      edit(tr);
      state = state.apply(transformToSuggestionTransaction(tr, state, () => id));
    };
    suggest(insId, (tr) => tr.split(1 + 'One. '.length));
    // The break between "Two." and "Three." deleted: the paragraphs joined.
    let end = -1;
    state.doc.descendants((node, pos) => {
      if (node.isText && node.text!.startsWith('Two.')) end = pos + 'Two.'.length;
    });
    suggest(delId, (tr) => tr.delete(end, end + 2));
    const a = { ...article(), comments: [], fieldSuggestions: [], body: state.doc.toJSON() as BodyDoc };
    const { data } = await renderExport(a, 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    expect(wordResolves(doc, 'accept').slice(-2)).toEqual(['One. ', 'Two.Three.']);
    expect(wordResolves(doc, 'reject').slice(-2)).toEqual(['One. Two.', 'Three.']);
    for (const how of ['accept', 'reject'] as const) {
      const expected = await paragraphTexts((await renderExport(a, 'docx', { suggestions: how })).data);
      expect(wordResolves(doc, how)).toEqual(expected);
    }
  });

  it('a suggested block (a merge conflict) is a tracked paragraph, its mark included', async () => {
    const id = makeSuggestionId(kim, new Date('2026-11-29T09:00:00Z'));
    const a = article();
    a.comments = [];
    a.fieldSuggestions = [];
    a.body = checkBody({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Kept.' }] },
        {
          type: 'paragraph',
          marks: [{ type: 'deletion', attrs: { id } }],
          content: [{ type: 'text', text: 'Ours.' }],
        },
        {
          type: 'paragraph',
          marks: [{ type: 'insertion', attrs: { id } }],
          content: [{ type: 'text', text: 'Theirs.' }],
        },
        { type: 'horizontalRule', marks: [{ type: 'insertion', attrs: { id } }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'End.' }] },
      ],
    }).toJSON() as BodyDoc;
    const { data } = await renderExport(a, 'docx', { review: true });
    const { part, parse } = await unzip(data);
    const doc = parse((await part('word/document.xml'))!);
    expect(wordResolves(doc, 'accept').slice(-3)).toEqual(['Theirs.', '* * *', 'End.']);
    expect(wordResolves(doc, 'reject').slice(-3)).toEqual(['Kept.', 'Ours.', 'End.']);
    expect(all(doc, 'ins').every((e) => e.getAttributeNS(W, 'author') === 'Kim Lee')).toBe(true);
  });
});

describe('copydesk export --review', () => {
  it('writes Word with tracked changes from a stored article; refuses --review for other formats', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const lib = await LibraryStore.open(join(dir, 'lib'), { owner: 'app', create: true });
      const draft = await lib.create({ headline: 'Council approves plan' });
      const a = article();
      await lib.save(
        draft.id,
        {
          headline: a.headline,
          contentHighlight: a.contentHighlight,
          byline: a.byline,
          dateline: a.dateline,
          section: '',
          tags: [],
          body: a.body,
          comments: a.comments,
          fieldSuggestions: a.fieldSuggestions,
        },
        draft.rev,
      );
      const io = { out: '', err: '' };
      const cli = (...argv: string[]) =>
        runCli([...argv, '--library', join(dir, 'lib')], {
          stdout: (t) => (io.out += t),
          stderr: (t) => (io.err += t),
          env: { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') },
        });
      const file = join(dir, 'review.docx');
      expect(await cli('export', draft.id, '--format', 'docx', '--review', '--out', file)).toBe(0);
      expect(io.err).toContain('written as Word tracked changes and comments');
      const { part } = await unzip(await readFile(file));
      expect(await part('word/document.xml')).toMatch(/<w:ins [^>]*w:author="Jane O’Neil"/);
      expect(await part('word/comments.xml')).toContain('Source for this?');

      io.err = '';
      expect(await cli('export', draft.id, '--format', 'markdown', '--review')).toBe(2);
      expect(io.err).toContain('--review writes suggestions and comments as Word tracked changes');
    } finally {
      await cleanup();
    }
  });
});
