import { runCliIn, type CliResult } from '../helpers/cli';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { importReviewPackage, writeReviewPackage } from '../../src/services/reviewPackage';
import { importFilesInto } from '../../src/services/importFiles';
import type { Article, ArticleContent, BodyNode } from '../../src/shared/article';
import { listSuggestions, resolveAllSuggestions } from '../../src/shared/review/forExport';
import { bodyText } from '../../src/shared/text';
import { makeTempDir } from '../helpers/tempLibrary';
import { paragraph, text } from '../helpers/testArticle';

const REPORTER = { name: 'Jane Reporter', initials: 'JR' };
const EDITOR = { name: 'Sam Editor', initials: 'SE' };

let dir: string;
let cleanup: () => Promise<void>;
let a: LibraryStore;
let b: LibraryStore;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  a = await LibraryStore.open(join(dir, 'a'), { owner: 'cli', create: true });
  b = await LibraryStore.open(join(dir, 'b'), { owner: 'cli', create: true });
});
afterEach(async () => {
  await a.close();
  await b.close();
  await cleanup();
});

const PARAS = ['The council met on Tuesday.', 'Flood defences were discussed.', 'The vote was 31-4.'];

function content(article: Article, paragraphs: (string | BodyNode)[]): ArticleContent {
  const { headline, contentHighlight, byline, dateline, section, tags, comments, fieldSuggestions, related } =
    article;
  return {
    headline,
    contentHighlight,
    byline,
    dateline,
    section,
    tags,
    ...(comments && { comments }),
    ...(fieldSuggestions && { fieldSuggestions }),
    ...(related && { related }),
    body: { type: 'doc', content: paragraphs.map((p) => (typeof p === 'string' ? paragraph(p) : p)) },
  };
}

const paragraphs = (x: Article) => (x.body.content ?? []).map((n) => bodyText({ type: 'doc', content: [n] }));

describe('the review round trip between two libraries', () => {
  it('creates the article in the reviewer’s library, then merges the reviewer’s work back without losing the reporter’s', async () => {
    const created = await a.create({
      headline: 'Council backs barrier',
      body: content({} as Article, PARAS).body,
    });
    const id = created.id;
    const pkg1 = join(dir, 'out.copydesk-review');
    const sent = await writeReviewPackage(a, id, pkg1, REPORTER);
    expect(sent.revisions).toBeGreaterThan(0);

    // The reviewer opens it: the same id, the same text, the reporter's revisions.
    const opened = await importReviewPackage(b, pkg1, EDITOR);
    expect(opened.outcome).toBe('created');
    const atB = await b.get(id);
    expect(paragraphs(atB)).toEqual(PARAS);
    expect((await b.listRevisions(id)).map((r) => r.reason)).toEqual(
      expect.arrayContaining(['review-sent', 'review-received']),
    );

    // Meanwhile: the reviewer suggests a word in paragraph 3, comments on paragraph 1 and
    // rewrites paragraph 2; the reporter rewrites paragraph 2 differently and paragraph 1's end.
    const sid = 's.m7abc.000001.SE.Sam%20Editor';
    const thread = {
      id: 'thread-1',
      anchor: 'body' as const,
      quote: 'council',
      resolved: false,
      messages: [{ id: 'msg-1', author: EDITOR, at: '2025-03-06T09:00:00.000Z', text: 'Which council?' }],
    };
    await b.save(
      id,
      {
        ...content(atB, [
          paragraph(
            'The ',
            text('council', { type: 'comment', attrs: { id: 'thread-1' } }),
            ' met on Tuesday.',
          ),
          'Flood defences were debated.',
          paragraph(
            'The vote was ',
            text('comfortably ', { type: 'insertion', attrs: { id: sid } }),
            '31-4.',
          ),
        ]),
        comments: [thread],
      },
      atB.rev,
      'explicit',
    );
    const atA = await a.get(id);
    await a.save(
      id,
      content(atA, [PARAS[0]!, 'Flood barriers were discussed.', PARAS[2]!, 'A new last paragraph.']),
      atA.rev,
      'explicit',
    );

    const pkg2 = join(dir, 'back.copydesk-review');
    await writeReviewPackage(b, id, pkg2, EDITOR);
    const merged = await importReviewPackage(a, pkg2, REPORTER);
    expect(merged.outcome).toBe('merged');
    const after = await a.get(id);
    // The reporter's own edits stay; the reviewer's comment and suggestion arrive; the paragraph
    // both rewrote is the reviewer's suggestion, with the reporter's text kept until decided.
    const rejected = paragraphs({ ...after, body: resolveAllSuggestions(after.body, 'reject') });
    expect(rejected).toEqual([PARAS[0], 'Flood barriers were discussed.', PARAS[2], 'A new last paragraph.']);
    const accepted = paragraphs({ ...after, body: resolveAllSuggestions(after.body, 'accept') });
    expect(accepted).toEqual([
      PARAS[0],
      'Flood defences were debated.',
      'The vote was comfortably 31-4.',
      'A new last paragraph.',
    ]);
    expect(after.comments?.map((t) => t.id)).toEqual(['thread-1']);
    expect(JSON.stringify(after.body)).toContain('"thread-1"');
    expect(listSuggestions(after.body).map((s) => s.author?.name)).toEqual(['Sam Editor', 'Sam Editor']);
    expect(merged.conflicts).toHaveLength(1);
    expect(merged.merge).toMatchObject({ suggestionsAdded: 2, commentsAdded: 1 });
    expect((await a.listRevisions(id))[0]!).toMatchObject({
      reason: 'review-merged',
      author: 'Jane Reporter',
    });

    // Opening the same package again changes nothing and adds nothing.
    const again = await importReviewPackage(a, pkg2, REPORTER);
    expect(again.merge?.changed).toBe(false);
    expect((await a.get(id)).body).toEqual(after.body);

    // Second round: the reporter sends the merge; the reviewer, who kept editing, merges it.
    const atB2 = await b.get(id);
    await b.save(
      id,
      {
        ...content(atB2, []),
        body: atB2.body,
        comments: atB2.comments,
        headline: 'Council approves barrier',
      },
      atB2.rev,
      'explicit',
    );
    const pkg3 = join(dir, 'round2.copydesk-review');
    await writeReviewPackage(a, id, pkg3, REPORTER);
    const round2 = await importReviewPackage(b, pkg3, EDITOR);
    expect(round2.outcome).toBe('merged');
    expect(round2.conflicts).toEqual([]);
    const atB3 = await b.get(id);
    expect(atB3.headline).toBe('Council approves barrier');
    // The reporter's new paragraph reached the reviewer; the conflict suggestion too.
    expect(paragraphs({ ...atB3, body: resolveAllSuggestions(atB3.body, 'reject') })).toContain(
      'A new last paragraph.',
    );
    expect(listSuggestions(atB3.body)).toHaveLength(2);
  });

  it('refuses a damaged, foreign or hostile package and leaves the library as it was', async () => {
    const before = await readdir(join(dir, 'a', 'articles'));
    const cases: [string, string, RegExp][] = [
      ['not-json.copydesk-review', '{"format": "copydesk-rev', /not JSON/],
      ['other.copydesk-review', '{"format":"something-else"}', /not a Copydesk review package/],
      ['newer.copydesk-review', '{"format":"copydesk-review","version":7}', /newer Copydesk/],
    ];
    const good = await a.create({ headline: 'Good' });
    const pkg = join(dir, 'good.copydesk-review');
    await writeReviewPackage(a, good.id, pkg, REPORTER);
    const json = JSON.parse(await readFile(pkg, 'utf8'));
    // An article whose body does not fit the schema, and a revision id that climbs out of its folder.
    cases.push([
      'bad-body.copydesk-review',
      JSON.stringify({
        ...json,
        article: { ...json.article, body: { type: 'doc', content: [{ type: 'script' }] } },
      }),
      /not a valid article|Unknown node type|script/,
    ]);
    cases.push([
      'traversal.copydesk-review',
      JSON.stringify({ ...json, revisions: [{ ...json.revisions[0], revisionId: '../../articles/x' }] }),
      /damaged/,
    ]);
    for (const [name, body, message] of cases) {
      await writeFile(join(dir, name), body);
      await expect(importReviewPackage(b, join(dir, name), EDITOR)).rejects.toThrow(message);
    }
    expect(b.list()).toEqual([]);
    expect(await readdir(join(dir, 'b', 'articles'))).toEqual([]);
    expect((await readdir(join(dir, 'a', 'articles'))).length).toBe(before.length + 1);
  });

  it('opens a package through the ordinary import, as a dropped file would be', async () => {
    const article = await a.create({ headline: 'Dropped' });
    const pkg = join(dir, 'dropped.package');
    await writeReviewPackage(a, article.id, pkg, REPORTER);
    const result = await importFilesInto(b, [pkg], undefined, EDITOR);
    expect(result.failed).toEqual([]);
    expect(result.reviews?.[0]?.outcome).toBe('created');
    expect(result.imported[0]).toMatchObject({ id: article.id, headline: 'Dropped' });
  });
});

describe('copydesk package and import', () => {
  async function cli(...argv: string[]): Promise<CliResult> {
    return runCliIn(dir, argv);
  }

  it('writes a package from one library and opens it in another, then merges it back', async () => {
    const article = await a.create({ headline: 'CLI story', body: content({} as Article, PARAS).body });
    await a.close();
    await b.close();
    const libA = join(dir, 'a');
    const libB = join(dir, 'b');
    const pkg = join(dir, 'cli.copydesk-review');
    const sent = await cli(
      'package',
      article.id.slice(0, 8),
      '--out',
      pkg,
      '--by',
      'Jane Reporter',
      '--library',
      libA,
    );
    expect(sent.err).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.out).toContain(pkg);

    const opened = await cli('import', pkg, '--library', libB, '--by', 'Sam Editor');
    expect(opened.code).toBe(0);
    expect(opened.out).toMatch(/Opened “CLI story” from Jane Reporter’s review package/);

    const back = join(dir, 'back.copydesk-review');
    expect(
      (await cli('package', article.id, '--out', back, '--by', 'Sam Editor', '--library', libB)).code,
    ).toBe(0);
    const merged = await cli('import', back, '--library', libA, '--json');
    expect(merged.code).toBe(0);
    const rows = JSON.parse(merged.out) as { id: string; review: { outcome: string } }[];
    expect(rows[0]).toMatchObject({ id: article.id, review: { outcome: 'merged' } });

    const bad = join(dir, 'bad.copydesk-review');
    await writeFile(bad, 'nonsense');
    const refused = await cli('import', bad, '--library', libA);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot be opened as a review package/);
    expect((await cli('package', article.id, '--library', libA)).code).toBe(2);
    // Reopen so afterEach can close them.
    a = await LibraryStore.open(libA, { owner: null });
    b = await LibraryStore.open(libB, { owner: null });
  });
});
