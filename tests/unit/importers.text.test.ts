import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/importers/importText';
import { isHeadlineRepeat, matchDateline, parseByline } from '../../src/importers/structure';
import { normaliseForComparison, similarity } from '../../src/importers/similarity';
import { emptyBody, type ArticleDraft, type BodyNode } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { bodyText, countWords } from '../../src/shared/text';

const RIVERSIDE = readFileSync(
  resolve(import.meta.dirname, '../../../shared/samples/riverside-flood-barrier.txt'),
  'utf8',
);

function paragraphs(draft: ArticleDraft): string[] {
  return (draft.body.content ?? []).map((block) => bodyText(block));
}

function imported(text: string): ArticleDraft {
  const draft = importText(text);
  expect(() => checkBody(draft.body)).not.toThrow();
  return draft;
}

function dropped(draft: ArticleDraft): string[] {
  return draft.report.filter((n) => n.kind === 'dropped').map((n) => n.text ?? '');
}

describe('the headline of pasted text', () => {
  it('is the first non-empty line', () => {
    const draft = imported(
      '\n\n  Council approves new bridge  \n\nThe council approved a bridge on Tuesday.',
    );
    expect(draft.headline).toBe('Council approves new bridge');
    expect(paragraphs(draft)).toEqual(['The council approved a bridge on Tuesday.']);
    expect(draft.report).toContainEqual(
      expect.objectContaining({ kind: 'moved', text: 'Council approves new bridge' }),
    );
  });

  it('keeps its typos: the copy desk corrects them, not the importer', () => {
    expect(imported('Coucil aproves new brige\n\nText of the story.').headline).toBe(
      'Coucil aproves new brige',
    );
  });

  it('is not taken from a first line that is a sentence, and the user is told', () => {
    const text =
      'The council approved a new bridge on Tuesday after a long debate about its cost and its design.\n\nMore text.';
    const draft = imported(text);
    expect(draft.headline).toBe('');
    expect(paragraphs(draft)[0]).toBe(text.split('\n')[0]);
    expect(draft.report.some((n) => n.kind === 'warning' && /No headline/.test(n.message))).toBe(true);
  });

  it('is found below the navigation of a copied page', () => {
    const draft = imported(
      'Skip to content\nBridge opens to traffic\n\nMenu\n\nThe bridge opened on Monday.',
    );
    expect(draft.headline).toBe('Bridge opens to traffic');
    expect(dropped(draft)).toEqual(['Skip to content', 'Menu']);
    expect(paragraphs(draft)).toEqual(['The bridge opened on Monday.']);
  });

  it('can be all there is', () => {
    const draft = imported('Only a headline here\n');
    expect(draft.headline).toBe('Only a headline here');
    expect(draft.body).toEqual(emptyBody());
  });

  it('is split from a byline on the very next line, as pages are often copied', () => {
    const draft = imported(
      'Bridge opens to traffic\nBy Jane Doe\nLONDON — The bridge opened on Monday.\nIt cost £3m.',
    );
    expect(draft.headline).toBe('Bridge opens to traffic');
    expect(draft.byline).toBe('Jane Doe');
    expect(draft.dateline).toBe('LONDON');
    expect(paragraphs(draft)).toEqual(['The bridge opened on Monday. It cost £3m.']);
  });
});

describe('the byline', () => {
  it.each([
    ['by Riverside Gazette', 'Riverside Gazette'],
    ['By Hannah Cole', 'Hannah Cole'],
    ['BY HANNAH COLE', 'HANNAH COLE'],
    ['By: Tomasz Wiśniewski, Transport Correspondent', 'Tomasz Wiśniewski, Transport Correspondent'],
    ['Words by Ade Okafor', 'Ade Okafor'],
    ['By our reporter', 'our reporter'],
  ])('“%s” is stored as “%s”', (line, name) => {
    const draft = imported(`A headline\n\n${line}\n\nThe first paragraph of the story.`);
    expect(draft.byline).toBe(name);
    expect(paragraphs(draft)).toEqual(['The first paragraph of the story.']);
  });

  it('is empty when the text has no by line, and the first paragraph stays whole', () => {
    const draft = imported('A headline\n\nThe first paragraph of the story.\n\nThe second.');
    expect(draft.byline).toBe('');
    expect(paragraphs(draft)).toEqual(['The first paragraph of the story.', 'The second.']);
  });

  it('is not a sentence that starts with “By”', () => {
    const draft = imported(
      'Fire destroys barn\n\nBy the time firefighters arrived, the barn had burnt down.\n\nNobody was hurt.',
    );
    expect(draft.byline).toBe('');
    expect(paragraphs(draft)[0]).toBe('By the time firefighters arrived, the barn had burnt down.');
  });

  it.each(['By-election called for May', 'By the way', 'Byron Smith wins award'])(
    '“%s” is not a byline',
    (line) => {
      expect(parseByline(line)).toBeNull();
    },
  );
});

describe('the page repeating its headline', () => {
  const headline = 'Riverside council approves £12m flood barrier after third winter of flooding';

  it.each([
    'Riverside council approves £12m flood barrier after third winter of flooding',
    '“RIVERSIDE COUNCIL APPROVES £12M FLOOD BARRIER AFTER THIRD WINTER OF FLOODING”',
    'Riverside council aproves £12m flood barrier after third winter of floodin',
    '‘Riverside council aproves £12m flood barrier’; residents welcome decision',
    'Riverside council approves £12m flood barrier after third winter of flooding | Riverside Gazette',
  ])('is recognised in “%s”', (line) => {
    expect(isHeadlineRepeat(line, headline)).toBe(true);
  });

  it.each([
    'Riverside council approves new parking charges for the town centre',
    'Councillors voted 31 to 4 on Tuesday night to build a £12 million flood barrier along the River Ashe.',
    'Riverside council approves £15m school after third winter of complaints from parents',
    'Flood barrier',
  ])('is not claimed for “%s”', (line) => {
    expect(isHeadlineRepeat(line, headline)).toBe(false);
  });

  it('is dropped with a note, while a paragraph opening with the same words stays', () => {
    const draft = imported(
      [
        'Council approves flood barrier',
        '“Council approves flood barrier”',
        'Council approves flood barrier plans that were first drawn up in 2019, officials said on Tuesday.',
      ].join('\n\n'),
    );
    expect(dropped(draft)).toEqual(['“Council approves flood barrier”']);
    expect(paragraphs(draft)).toEqual([
      'Council approves flood barrier plans that were first drawn up in 2019, officials said on Tuesday.',
    ]);
  });
});

describe('the dateline', () => {
  it.each([
    ['Riverside: Councillors voted on Tuesday.', 'Riverside', 'Councillors voted on Tuesday.'],
    ['PORTHAVEN — The ferry is back.', 'PORTHAVEN', 'The ferry is back.'],
    ['PORTHAVEN—The ferry is back.', 'PORTHAVEN', 'The ferry is back.'],
    ['NEW YORK - Shares fell.', 'NEW YORK', 'Shares fell.'],
    ['LONDON (Reuters) — Shares fell.', 'LONDON (Reuters)', 'Shares fell.'],
    ['Newcastle upon Tyne: The match was called off.', 'Newcastle upon Tyne', 'The match was called off.'],
  ])('“%s” gives the dateline “%s”', (first, dateline, rest) => {
    const draft = imported(`A headline\n\nby Agency\n\n${first}\n\nSecond paragraph.`);
    expect(draft.dateline).toBe(dateline);
    expect(paragraphs(draft)).toEqual([rest, 'Second paragraph.']);
    expect(draft.report).toContainEqual(expect.objectContaining({ kind: 'moved' }));
  });

  it.each([
    'Update: The road has reopened.',
    'Breaking: Shares fell.',
    'Ms Okonjo: We will build it.',
    'Yesterday — after months of delay — the council voted.',
    'The council — after months of delay — voted.',
  ])('is not found in “%s”', (first) => {
    expect(matchDateline(first)).toBeNull();
    const draft = imported(`A headline\n\n${first}`);
    expect(draft.dateline).toBe('');
    expect(paragraphs(draft)).toEqual([first]);
  });

  it('only opens the first paragraph', () => {
    const draft = imported('A headline\n\nFirst paragraph.\n\nManchester: later paragraph.');
    expect(draft.dateline).toBe('');
    expect(paragraphs(draft)).toEqual(['First paragraph.', 'Manchester: later paragraph.']);
  });
});

describe('the Content Highlight line', () => {
  it.each([
    'Content Highlight: A short summary',
    'Content highlight — A short summary',
    'CONTENT HIGHLIGHT:A short summary',
  ])('“%s” moves to its field', (line) => {
    const draft = imported(`A headline\n\nBody text.\n\n${line}`);
    expect(draft.contentHighlight).toBe('A short summary');
    expect(paragraphs(draft)).toEqual(['Body text.']);
  });

  it('is found even when it sits right under the last paragraph without a blank line', () => {
    const draft = imported('A headline\n\nBody text.\nContent Highlight: A short summary\nYou may also like');
    expect(draft.contentHighlight).toBe('A short summary');
    expect(paragraphs(draft)).toEqual(['Body text.']);
    expect(dropped(draft)).toEqual(['You may also like']);
  });
});

describe('web-page furniture after the article', () => {
  it.each([
    'You may also like',
    'Leave a Comment',
    'Share this',
    'Share this article',
    'Share on Facebook',
    'Share on Twitter',
    'Share on X',
    'Subscribe',
    'Subscribe to our newsletter for the morning briefing',
    'Sign up for our daily email',
    'Related articles',
    'Advertisement',
    'Comments',
    '12 comments',
    'Read more',
    'We use cookies to improve your experience. By continuing you accept our cookie policy.',
  ])('“%s” is dropped and reported', (line) => {
    const draft = imported(`A headline\n\nThe last paragraph of the story.\n\n${line}`);
    expect(paragraphs(draft)).toEqual(['The last paragraph of the story.']);
    expect(dropped(draft)).toEqual([line]);
  });

  it('takes the related-article headlines under “You may also like” with it', () => {
    const draft = imported(
      [
        'A headline',
        'The last paragraph of the story.',
        'You may also like',
        'Bakery reopens after flood',
        'Bridge closed for repairs',
        'Share on Facebook\nShare on X',
      ].join('\n\n'),
    );
    expect(paragraphs(draft)).toEqual(['The last paragraph of the story.']);
    expect(dropped(draft)).toEqual([
      'You may also like',
      'Bakery reopens after flood',
      'Bridge closed for repairs',
      'Share on Facebook',
      'Share on X',
    ]);
  });

  it('leaves the article’s own last lines alone, even short ones and ones that mention sharing', () => {
    const ending = [
      'Read more about the scheme on the council website.',
      'Residents can share their views until Friday.',
      'Additional reporting by Sam Lee',
    ];
    const draft = imported(['A headline', 'First paragraph.', ...ending, 'Share this'].join('\n\n'));
    expect(paragraphs(draft)).toEqual(['First paragraph.', ...ending]);
    expect(dropped(draft)).toEqual(['Share this']);
  });

  it('drops an advertisement marker between paragraphs too', () => {
    const draft = imported('A headline\n\nOne.\n\nAdvertisement\n\nTwo.');
    expect(paragraphs(draft)).toEqual(['One.', 'Two.']);
    expect(dropped(draft)).toEqual(['Advertisement']);
  });
});

describe('paragraphs and lists', () => {
  it('joins lines wrapped inside a paragraph with a space', () => {
    const draft = imported(
      'A headline\n\nCouncillors voted on Tuesday night\nto build a barrier.\n\nSecond.',
    );
    expect(paragraphs(draft)).toEqual(['Councillors voted on Tuesday night to build a barrier.', 'Second.']);
  });

  it('keeps short lines that are not prose on their own lines', () => {
    const draft = imported('A headline\n\nFirst paragraph.\n\nRiverside Council\nTown Hall\nHigh Street');
    const block = draft.body.content?.[1];
    expect(block?.content?.filter((n) => n.type === 'hardBreak')).toHaveLength(2);
    expect(bodyText(block)).toBe('Riverside Council\nTown Hall\nHigh Street');
  });

  it('turns bulleted and numbered lines into lists', () => {
    const draft = imported(
      'A headline\n\nServices:\n- Manchester to Liverpool\n- Manchester to Preston\n\n1. First\n2. Second\n\n- one\n\n- two',
    );
    const types = (draft.body.content ?? []).map((n) => n.type);
    expect(types).toEqual(['paragraph', 'bulletList', 'orderedList', 'bulletList']);
    const [, bullets, numbers, spaced] = draft.body.content as BodyNode[];
    expect(bullets.content?.map((i) => bodyText(i))).toEqual([
      'Manchester to Liverpool',
      'Manchester to Preston',
    ]);
    expect(numbers.content?.map((i) => bodyText(i))).toEqual(['First', 'Second']);
    expect(spaced.content?.map((i) => bodyText(i))).toEqual(['one', 'two']);
  });

  it('keeps a single line that starts with a dash as text', () => {
    const draft = imported('A headline\n\n- and that was that, she said.');
    expect(paragraphs(draft)).toEqual(['- and that was that, she said.']);
  });
});

describe('awkward input', () => {
  it('an empty paste gives an empty article and says so', () => {
    for (const text of ['', '   \n\t\n  ']) {
      const draft = imported(text);
      expect(draft.headline).toBe('');
      expect(draft.body).toEqual(emptyBody());
      expect(draft.report.some((n) => n.kind === 'warning')).toBe(true);
    }
  });

  it('Windows line endings give the same article as Unix ones', () => {
    const unix = importText(RIVERSIDE);
    const windows = importText(RIVERSIDE.replace(/\n/g, '\r\n'));
    expect(windows).toEqual(unix);
    expect(JSON.stringify(windows)).not.toContain('\r');
  });

  it('a byte-order mark does not end up in the headline', () => {
    const draft = imported(`\uFEFF${RIVERSIDE}`);
    expect(draft.headline).toBe(
      'Riverside council approves £12m flood barrier after third winter of flooding',
    );
  });

  it('invisible control characters are removed and reported; the words stay', () => {
    const draft = imported('A head\u0000line\n\nText\u0007 here.');
    expect(draft.headline).toBe('A headline');
    expect(paragraphs(draft)).toEqual(['Text here.']);
    expect(draft.report).toContainEqual(
      expect.objectContaining({ kind: 'dropped', message: expect.stringMatching(/2 invisible/) }),
    );
  });

  it('a 5,000-word paste comes through whole', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const paras: string[] = [];
    for (let i = 0; i < words.length; i += 50) paras.push(`${words.slice(i, i + 50).join(' ')}.`);
    const draft = imported(`A long read\n\n${paras.join('\n\n')}`);
    expect(draft.body.content).toHaveLength(100);
    expect(countWords(bodyText(draft.body))).toBe(5000);

    const oneParagraph = imported(`A long read\n\n${words.join(' ')}.`);
    expect(countWords(bodyText(oneParagraph.body))).toBe(5000);
  });

  it('a 600-word first line stays in the body rather than becoming a headline', () => {
    const long = 'word '.repeat(600).trim();
    const draft = imported(`${long}\n\nBody.`);
    expect(draft.headline).toBe('');
    expect(paragraphs(draft)[0]).toBe(long);
  });
});

describe('headline similarity', () => {
  it('ignores quotes, case and punctuation', () => {
    expect(normaliseForComparison('‘Ferry’s BACK!’ — at last')).toBe('ferrys back at last');
  });

  it('scores one typo in a long line high and different lines low', () => {
    expect(similarity('flood barrier approved', 'flood barier approved')).toBeGreaterThan(0.9);
    expect(similarity('flood barrier approved', 'ferry returns to port')).toBeLessThan(0.5);
    expect(similarity('', '')).toBe(1);
  });
});
