import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../src/importers/importMarkdown';
import { ArticleContentSchema, emptyBody, type ArticleDraft, type BodyNode } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { CopydeskError } from '../../src/shared/errors';
import { bodyText } from '../../src/shared/text';

function imported(text: string): ArticleDraft {
  const draft = importMarkdown(text, { sourceName: 'draft.md' });
  expect(() => checkBody(draft.body)).not.toThrow();
  expect(() => ArticleContentSchema.parse(draft)).not.toThrow();
  return draft;
}

function blocks(draft: ArticleDraft): Array<[string, string]> {
  return (draft.body.content ?? []).map((node: BodyNode) => [node.type, bodyText(node)]);
}

function thrown(action: () => unknown): CopydeskError {
  try {
    action();
  } catch (error) {
    if (error instanceof CopydeskError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('Markdown front matter', () => {
  it('fills every article field', () => {
    const draft = imported(
      [
        '---',
        'headline: Ferry returns',
        'contentHighlight: The ferry is back',
        'byline: By Hannah Cole',
        'dateline: PORTHAVEN',
        'section: News',
        'tags: ferries, transport , ',
        '---',
        '',
        'Body text.',
      ].join('\n'),
    );
    expect(draft).toMatchObject({
      headline: 'Ferry returns',
      contentHighlight: 'The ferry is back',
      byline: 'Hannah Cole',
      dateline: 'PORTHAVEN',
      section: 'News',
      tags: ['ferries', 'transport'],
    });
    expect(blocks(draft)).toEqual([['paragraph', 'Body text.']]);
    expect(draft.report).toEqual([]);
  });

  it.each(['content_highlight', 'summary', 'description', 'standfirst'])(
    'accepts “%s” for the Content Highlight and says so',
    (key) => {
      const draft = imported(`---\nheadline: H\n${key}: The summary\n---\nText.`);
      expect(draft.contentHighlight).toBe('The summary');
      expect(draft.report).toEqual([
        expect.objectContaining({ kind: 'moved', message: expect.stringContaining(`“${key}”`) }),
      ]);
    },
  );

  it('accepts “title” for the headline, but “headline” wins when both are there', () => {
    expect(imported('---\ntitle: From title\n---\nText.').headline).toBe('From title');
    const both = imported('---\ntitle: From title\nheadline: From headline\n---\nText.');
    expect(both.headline).toBe('From headline');
    expect(both.report).toContainEqual(
      expect.objectContaining({ kind: 'dropped', text: 'title: From title' }),
    );
  });

  it('reports fields that are not article fields instead of dropping them silently', () => {
    const draft = imported('---\nheadline: H\nslug: ferry-returns\ndraft: true\n---\nText.');
    expect(draft.report.filter((n) => n.kind === 'dropped').map((n) => n.text)).toEqual([
      'slug: ferry-returns',
      'draft: true',
    ]);
  });

  it('reads tags written as a list and numbers as text', () => {
    const draft = imported('---\nheadline: 2025\ntags:\n  - ferries\n  - 42\n---\nText.');
    expect(draft.headline).toBe('2025');
    expect(draft.tags).toEqual(['ferries', '42']);
  });

  it('refuses a field that is not text, with a note', () => {
    const draft = imported('---\nheadline: H\nbyline:\n  name: Hannah\n---\nText.');
    expect(draft.byline).toBe('');
    expect(draft.report).toContainEqual(
      expect.objectContaining({ kind: 'dropped', text: 'byline:\n  name: Hannah' }),
    );
  });

  it('fails with a clear message when the YAML is invalid', () => {
    const error = thrown(() =>
      importMarkdown('---\nheadline: "unclosed\nbyline: [a\n---\nText.', { sourceName: 'draft.md' }),
    );
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/front matter at the top of draft\.md .*not valid YAML/);
  });

  it('fails when a field appears twice', () => {
    const error = thrown(() => importMarkdown('---\nheadline: A\nheadline: B\n---\nText.'));
    expect(error.code).toBe('import-failed');
  });

  it('reads a file that opens with --- but never closes it as text, and warns', () => {
    const draft = imported('---\nJust some text after a rule.');
    expect(blocks(draft)).toEqual([
      ['horizontalRule', ''],
      ['paragraph', 'Just some text after a rule.'],
    ]);
    expect(draft.report.some((n) => n.kind === 'warning' && /no second ---/.test(n.message))).toBe(true);
  });

  it('cuts a headline longer than an article allows, keeping the whole text in a note', () => {
    const long = 'x'.repeat(2500);
    const draft = imported(`---\nheadline: ${long}\n---\nText.`);
    expect(draft.headline).toHaveLength(2000);
    expect(draft.report).toContainEqual(expect.objectContaining({ kind: 'warning', text: long }));
  });
});

describe('Markdown headings', () => {
  it('take a leading # heading as the headline when the front matter has none', () => {
    const draft = imported('# Ferry *returns* &amp; sails\n\nText.\n\n# Second part\n\nMore.');
    expect(draft.headline).toBe('Ferry returns & sails');
    expect(blocks(draft)).toEqual([
      ['paragraph', 'Text.'],
      ['heading', 'Second part'],
      ['paragraph', 'More.'],
    ]);
    expect(draft.body.content?.[1].attrs?.level).toBe(2);
  });

  it('drop a leading # heading that repeats the front-matter headline, with a note', () => {
    const draft = imported('---\nheadline: Ferry returns\n---\n# Ferry returns\n\nText.');
    expect(blocks(draft)).toEqual([['paragraph', 'Text.']]);
    expect(draft.report).toContainEqual(expect.objectContaining({ kind: 'dropped', text: 'Ferry returns' }));
  });

  it('keep a different leading # heading, as a subheading', () => {
    const draft = imported('---\nheadline: Ferry returns\n---\n# Background\n\nText.');
    expect(blocks(draft)).toEqual([
      ['heading', 'Background'],
      ['paragraph', 'Text.'],
    ]);
  });

  it('turn ####–###### into level-three subheadings', () => {
    const draft = imported('# H\n\n#### Four\n\n###### Six');
    expect(draft.body.content?.map((n) => n.attrs?.level)).toEqual([3, 3]);
  });

  it('warn when there is no headline anywhere', () => {
    const draft = imported('Just a paragraph.');
    expect(draft.headline).toBe('');
    expect(draft.report.some((n) => n.kind === 'warning' && /No headline/.test(n.message))).toBe(true);
  });
});

describe('Markdown body', () => {
  it('keeps no active content from raw HTML or links', () => {
    const draft = imported(
      [
        '# H',
        '',
        '<script>alert(1)</script>',
        '',
        '<p onclick="steal()">Clicked</p>',
        '',
        '[bad](javascript:alert(1)) and [good](https://example.com) and <a href="data:text/html,x">data</a>',
      ].join('\n'),
    );
    const json = JSON.stringify(draft.body);
    const hrefs = [...json.matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.com']);
    expect(json).not.toMatch(/steal|onclick|data:text/);
    // The script's text is gone; markdown-it refuses the javascript: destination and leaves the
    // Markdown source as plain words, which is harmless.
    expect(blocks(draft)).toEqual([
      ['paragraph', 'Clicked'],
      ['paragraph', '[bad](javascript:alert(1)) and good and data'],
    ]);
  });

  it('keeps a GFM table as a table with its header row', () => {
    const draft = imported('# H\n\n| Route | Trains |\n| --- | --- |\n| Liverpool | 1 |\n| Preston | 2 |\n');
    expect(blocks(draft)).toEqual([['table', 'Route\n\nTrains\n\nLiverpool\n\n1\n\nPreston\n\n2']]);
    const rows = draft.body.content![0]!.content!;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.content!.map((c) => c.type)).toEqual(['tableHeader', 'tableHeader']);
  });

  it('reports pictures it cannot keep', () => {
    const draft = imported('# H\n\nText ![The new ferry](ferry.jpg) here.');
    expect(bodyText(draft.body)).toBe('Text here.');
    expect(draft.report).toContainEqual(expect.objectContaining({ kind: 'dropped', text: 'The new ferry' }));
  });

  it('gives an empty article for an empty file', () => {
    const draft = imported('');
    expect(draft.body).toEqual(emptyBody());
  });

  it('reads Windows line endings and a byte-order mark', () => {
    const draft = imported('\uFEFF---\r\nheadline: Ferry returns\r\n---\r\n\r\nOne\r\ntwo.\r\n');
    expect(draft.headline).toBe('Ferry returns');
    expect(blocks(draft)).toEqual([['paragraph', 'One two.']]);
  });
});
