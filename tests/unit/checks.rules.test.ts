import { beforeAll, describe, expect, it } from 'vitest';
import {
  bodyBlocks,
  checkArticle,
  createSpellChecker,
  defaultRulePack,
  parseRulePack,
  posToBlockOffset,
  type CheckOptions,
  type Finding,
  type SpellChecker,
} from '../../src/checks';
import { loadEnglishDictionary } from '../../src/checks/node/dictionary';
import { articleSchema } from '../../src/shared/editor/schema';
import { Node as PMNode } from '@tiptap/pm/model';
import type { BodyDoc } from '../../src/shared/article';

let spell: SpellChecker;
beforeAll(async () => {
  spell = createSpellChecker(await loadEnglishDictionary(), ['Okonjo']);
});

const NOW = new Date('2026-05-01T12:00:00Z');
const doc = (...paragraphs: string[]): BodyDoc => ({
  type: 'doc',
  content: paragraphs.map((p) => ({
    type: 'paragraph',
    content: p ? [{ type: 'text', text: p }] : undefined,
  })),
});
const article = (
  body: string[],
  fields: Partial<{ headline: string; contentHighlight: string; byline: string; dateline: string }> = {},
) => ({
  headline: fields.headline ?? '',
  contentHighlight: fields.contentHighlight ?? '',
  byline: fields.byline ?? 'A Reporter',
  dateline: fields.dateline ?? 'London',
  body: doc(...body),
});
const run = (body: string[], fields = {}, options: CheckOptions = {}) =>
  checkArticle(article(body, fields), { spell, packs: [defaultRulePack()], now: NOW, ...options }).findings;
const brief = (fs: Finding[]) => fs.map((f) => `${f.kind}:${f.rule}:${f.text}`);

describe('positions', () => {
  it('maps body text offsets to the ProseMirror positions the editor selects', () => {
    const body: BodyDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Which services?' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'one ' },
                    { type: 'text', text: 'trian', marks: [{ type: 'bold' }] },
                    { type: 'hardBreak' },
                    { type: 'text', text: 'an hour' },
                  ],
                },
              ],
            },
          ],
        },
        { type: 'horizontalRule' },
        {
          type: 'blockquote',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'He recieved it.' }] }],
        },
      ],
    };
    const pm = PMNode.fromJSON(articleSchema(), body);
    const findings = checkArticle(
      { ...article([]), body },
      { spell, packs: [defaultRulePack()], now: NOW },
    ).findings;
    for (const word of ['trian', 'recieved']) {
      const f = findings.find((x) => x.text === word);
      expect(f, word).toBeDefined();
      expect(pm.textBetween(f!.position.from, f!.position.to)).toBe(word);
    }
    const { blocks } = bodyBlocks(body);
    expect(posToBlockOffset(blocks, blocks[1]!.from + 3)).toEqual({ block: 1, offset: 3 });
  });
});

describe('spelling', () => {
  it('flags a misspelt word with suggestions', () => {
    const f = run(['Riverside council aproves a barrier.']).find((x) => x.text === 'aproves');
    expect(f?.kind).toBe('spelling');
    expect(f?.suggestions).toContain('approves');
    expect(f?.severity).toBe('error');
  });
  it('accepts British spellings the US dictionary lacks', () => {
    const words =
      'The councillors travelled to the harbour centre to analyse the programme and organise a defence of the colour grey.';
    expect(run([words], {}, { kinds: ['spelling'] })).toEqual([]);
  });
  it('flags a repeated word as its own rule, once', () => {
    const fs = run(['Ms Okonjo told the the meeting.']);
    expect(brief(fs)).toEqual(['spelling:repeated-word:the the']);
    expect(fs[0]!.suggestions).toEqual(['the']);
  });
  it('does not flag the article’s own frequent names or newsroom words, and notes a one-off name', () => {
    const fs = run(
      ['Zanele Mbeki spoke first. Ms Mbeki said Okonjo was right.', 'Then Ferreira left.'],
      {},
      { kinds: ['spelling'] },
    );
    expect(brief(fs)).toEqual(['spelling:unknown-name:Zanele', 'spelling:unknown-name:Ferreira']);
    expect(fs.every((f) => f.severity === 'info')).toBe(true);
  });
  it('adding a word to the newsroom dictionary stops the finding', () => {
    spell.addWords(['Ferreira']);
    expect(brief(run(['Then Ferreira left.'], {}, { kinds: ['spelling'] }))).toEqual([]);
  });
});

describe('names spelt two ways', () => {
  it('flags the rarer spelling and suggests the more frequent one, saying where each is used', () => {
    const fs = run(
      [
        'Council leader Joanna Whitfield opened the meeting.',
        'Ms Whitfield said the plan was sound.',
        'Ms Whitfeld added that it would pass.',
      ],
      { headline: 'Whitfield backs plan' },
    ).filter((f) => f.kind === 'names');
    expect(brief(fs)).toEqual(['names:name-spelt-two-ways:Whitfeld']);
    expect(fs[0]!.suggestions).toEqual(['Whitfield']);
    expect(fs[0]!.message).toContain('“Whitfield” is used 3 times');
    expect(fs[0]!.message).toContain('Ms Whitfeld (paragraph 3)');
  });
  it('on a tie, the first full-name reference wins', () => {
    const fs = run([
      'Opposition councillor David Feld voted against.',
      'Mr Field said it was too dear.',
    ]).filter((f) => f.kind === 'names');
    expect(brief(fs)).toEqual(['names:name-spelt-two-ways:Field']);
    expect(fs[0]!.suggestions).toEqual(['Feld']);
  });
  it('catches a name that differs only in accents', () => {
    const fs = run(['Tomasz Wiśniewski reported.', 'Mr Wiśniewski said so.', 'Mr Wisniewski left.']).filter(
      (f) => f.kind === 'names',
    );
    expect(brief(fs)).toEqual(['names:name-spelt-two-ways:Wisniewski']);
  });
  it('does not confuse different people, plurals or dictionary words', () => {
    const text = [
      'Colin Hart and Colin Harte met Ms Hall and Mr Hill on Bridge Street.',
      'The Streets team and Manchester United fans met at the Council offices with the Councils group.',
      'Mr Hart said Ms Hall and Mr Hill agreed with Mr Harte.',
    ];
    // Hart/Harte is genuinely ambiguous (two people can have them) only when both are full names used as such.
    const fs = run(text).filter((f) => f.kind === 'names');
    expect(brief(fs)).toEqual([]);
  });
});

describe('headline and Content Highlight backed by the body', () => {
  const body = [
    'Councillors voted 31 to 4 on Tuesday to build a £12 million barrier along the River Ashe.',
    'Flooding hit more than 40 homes in three consecutive winters, and 4000 people signed a petition. Work starts at 7am on 14 December.',
  ];
  it('accepts compatible forms', () => {
    const fs = run(
      body,
      {
        headline: 'Council votes 31-4 for £12m River Ashe barrier after third winter',
        contentHighlight: '4,000 signed; work starts at 7 a.m. on December 14th, Tuesday vote',
      },
      { kinds: ['support'] },
    );
    expect(brief(fs)).toEqual([]);
  });
  it('flags what the body does not say, with what it does say', () => {
    const fs = run(
      body,
      {
        headline: 'Flood barrier to protect 400 homes',
        contentHighlight: 'Vote 30-4 for £15m barrier on the River Ash, work from 8am on Friday',
      },
      { kinds: ['support'] },
    );
    expect(brief(fs)).toEqual([
      'support:not-in-body:400',
      'support:not-in-body:30-4',
      'support:not-in-body:£15m',
      'support:not-in-body:Ash',
      'support:not-in-body:8am',
      'support:not-in-body:Friday',
    ]);
    expect(fs[0]!.message).toBe('The headline says 400 homes; the body says 40 homes.');
  });
});

describe('house style', () => {
  const styleOf = (text: string) =>
    run([text], {}, { kinds: ['style'] }).map((f) => `${f.rule}:${f.text}→${f.suggestions[0] ?? ''}`);
  it.each([
    ['The 3 councillors left.', 'default/numbers-one-to-nine:3→three'],
    ['It rose 60 percent.', 'default/percent-word: percent→ per cent'],
    ['It rose 60%.', 'default/percent-sign:%→ per cent'],
    ['Trains run from 7 a.m. daily.', 'default/am-pm:7 a.m.→7am'],
    ['Doors open at 7:30pm sharp.', 'default/time-colon:7:30pm→7.30pm'],
    ['It starts on March 3rd.', 'default/date-ordinal-after-month:March 3rd→March 3'],
    ['It starts on the 14th December.', 'default/date-ordinal-before-month:14th December→14 December'],
    ['Mr. Field spoke.', 'default/titles-no-full-stop:Mr.→Mr'],
    ['Aid reached the Phillipines.', 'default/country-names:Phillipines→Philippines'],
    ['Leaders met Zelenskiy today.', 'default/leader-names:Zelenskiy→Zelensky'],
    ['The vote.  Then home.', 'default/double-space:  → '],
    ['He said "no" twice.', 'default/straight-double-quotes:"no"→“no”'],
    ["The council's plan.", "default/straight-apostrophe:'→’"],
    ['The vote—a close one—passed.', 'default/spaced-em-dash:—→ — '],
    ['Wait for it...', 'default/ellipsis:...→…'],
    ['Whilst there, they met.', 'default/word-choice:Whilst→While'],
    ['The accomodation was full.', 'default/common-misspellings:accomodation→accommodation'],
    ['There were less homes.', 'default/fewer-less:less homes→fewer homes'],
  ])('%s', (text, expected) => {
    expect(styleOf(text)).toContain(expected);
  });
  it('keeps figures for scores, money, times, dates and percentages', () => {
    expect(
      styleOf(
        'They voted 31 to 4 and 31-4, paid £5, met at 6am on March 3 and 3 March, and 5 per cent agreed.',
      ),
    ).toEqual([]);
  });
  it('checks a weekday against the date when the year is known', () => {
    const fs = run(['The vote is on Monday, March 3, 2026.'], {}, { kinds: ['style'] });
    expect(brief(fs)).toEqual(['style:default/weekday-date:Monday']);
    expect(fs[0]!.message).toBe('3 March 2026 is a Tuesday, not a Monday. Check the date and the day.');
    expect(fs[0]!.suggestions).toEqual(['Tuesday']);
    expect(run(['The vote is on Tuesday 3 March 2026.'], {}, { kinds: ['style'] })).toEqual([]);
  });
  it('says so when a weekday has a date but no year, rather than guessing', () => {
    const fs = run(['Work will start on Monday, March 3.'], {}, { kinds: ['style'] });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.message).toContain('gives no year, so the weekday cannot be checked');
    expect(fs[0]!.message).toContain('a Monday in 2025, a Tuesday in 2026');
  });
  it('packs and rules can be switched off, and a house choice switched on', () => {
    expect(
      run(['It rose 60%.'], {}, { kinds: ['style'], toggles: { disabledRules: ['default/percent-sign'] } }),
    ).toEqual([]);
    expect(run(['It rose 60%.'], {}, { kinds: ['style'], toggles: { disabledPacks: ['default'] } })).toEqual(
      [],
    );
    const sign = run(
      ['It rose 60 per cent.'],
      {},
      { kinds: ['style'], toggles: { enabledRules: ['default/per-cent-as-sign'] } },
    );
    expect(brief(sign)).toEqual(['style:default/per-cent-as-sign: per cent']);
  });
  it('the default pack has at least 25 rules, each with an explanation and example', () => {
    const pack = defaultRulePack();
    expect(pack.rules.length).toBeGreaterThanOrEqual(25);
    for (const r of pack.rules) expect(r.example, r.id).toBeDefined();
  });
  it('rejects an invalid pack with a message that says where', () => {
    expect(() =>
      parseRulePack(
        {
          id: 'x',
          name: 'X',
          rules: [{ id: 'bad', type: 'pattern', pattern: '(', category: 'c', explanation: 'e' }],
        },
        'The pack x.json',
      ),
    ).toThrow(
      /The pack x.json is not a valid rule pack at rules.0: The pattern is not a valid regular expression/,
    );
  });
});

describe('grammar', () => {
  it('a before a vowel sound, an before a consonant sound', () => {
    expect(
      brief(
        run(
          ['It was a unusual day and an barrier fell, an hour later a European team and an MP came.'],
          {},
          { kinds: ['grammar'] },
        ),
      ),
    ).toEqual(['grammar:a-or-an:a', 'grammar:a-or-an:an']);
  });
});

describe('readability', () => {
  it('flags long sentences and gives a Flesch score', () => {
    const long = `The council said ${'that the plan would go ahead and '.repeat(6)}it would be done.`;
    const r = checkArticle(article([long, 'Short one. Another short one.']), {
      spell,
      kinds: ['readability'],
    });
    expect(brief(r.findings)).toEqual([`readability:long-sentence:${long}`]);
    expect(r.stats.sentences).toBe(3);
    expect(r.stats.fleschReadingEase).toBeGreaterThan(0);
  });
});

describe('publish readiness', () => {
  const good = {
    headline: 'Council approves barrier',
    contentHighlight: 'The council approved a barrier.',
    byline: 'A Reporter',
    dateline: 'London',
  };
  const words60 = 'The council approved the barrier after a long meeting in the town hall. '.repeat(5);
  it('is ready when every item passes, and says why an item fails', () => {
    const r = checkArticle({ ...good, body: doc(words60) }, { spell });
    expect(r.readiness.ready).toBe(true);
    expect(r.readiness.items.find((i) => i.id === 'suggestions')?.detail).toBe('None in this article.');
    const bad = checkArticle(
      { ...good, headline: 'x'.repeat(71), byline: '', body: doc('Too short, and a lnik.') },
      { spell },
    );
    expect(bad.readiness.ready).toBe(false);
    expect(Object.fromEntries(bad.readiness.items.map((i) => [i.id, i.status]))).toMatchObject({
      headline: 'fail',
      byline: 'fail',
      bodyLength: 'fail',
      spelling: 'fail',
      contentHighlight: 'pass',
    });
    expect(bad.readiness.items.find((i) => i.id === 'headline')?.detail).toBe('71 of 70 characters: 1 over.');
  });
  it('an ignored finding no longer blocks, and an override is shown as overridden', () => {
    const a = { ...good, body: doc(`${words60} It was a lnik.`) };
    const first = checkArticle(a, { spell });
    const typo = first.findings.find((f) => f.text === 'lnik')!;
    expect(first.readiness.ready).toBe(false);
    expect(checkArticle(a, { spell, ignoredFindings: [typo.id] }).readiness.ready).toBe(true);
    expect(
      checkArticle(a, { spell, ignoredEverywhere: [{ rule: 'misspelling', text: 'lnik' }] }).readiness.ready,
    ).toBe(true);
    const over = checkArticle(a, { spell, readiness: { overrides: ['spelling'] } });
    expect(over.readiness.ready).toBe(true);
    expect(over.readiness.items.find((i) => i.id === 'spelling')?.status).toBe('overridden');
  });
  it('fails a link that is not http(s) or mailto', () => {
    const body: BodyDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: words60 },
            { type: 'text', text: 'here', marks: [{ type: 'link', attrs: { href: 'ftp://x.example' } }] },
          ],
        },
      ],
    };
    const r = checkArticle({ ...good, body }, { spell });
    expect(r.readiness.items.find((i) => i.id === 'links')).toMatchObject({
      status: 'fail',
      detail: 'Not a web or mail address: “here” → ftp://x.example.',
    });
  });
});

describe('incremental recheck', () => {
  it('rechecks only the changed block and gives the same findings as a full check', async () => {
    const { createChecker } = await import('../../src/checks');
    const paras = Array.from(
      { length: 50 },
      (_, i) => `Paragraph ${i + 10} says the council met on Tuesday and aproved ${i + 10} homes.`,
    );
    const checker = createChecker({ spell, packs: [defaultRulePack()], now: NOW });
    const first = checker.check(article(paras));
    expect(first.stats.blocksChecked).toBe(50);
    paras[20] = `${paras[20]} More text`;
    const second = checker.check(article(paras));
    expect(second.stats.blocksChecked).toBe(1);
    expect(second.stats.blocksCached).toBe(49);
    const full = checkArticle(article(paras), { spell, packs: [defaultRulePack()], now: NOW });
    expect(second.findings).toEqual(full.findings);
  });
});
