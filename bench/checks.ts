import { createChecker, createSpellChecker, defaultRulePack, type CheckableArticle } from '../src/checks';
import { loadEnglishDictionary } from '../src/checks/node/dictionary';
import type { BodyNode } from '../src/shared/article';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_DIR, stopBrowser } from '../tests/e2e/harness';
import { measureChecksTyping } from './checksTyping';
import { median, percentile, seededRandom, type BenchSuite } from './harness';

const FIRST = ['Margaret', 'David', 'Priya', 'Aoife', 'Colin', 'Hannah', 'Tomasz', 'Amara', 'Rhys', 'Leila'];
const LAST = [
  'Okonjo',
  'Feld',
  'Raman',
  'Brennan',
  'Hart',
  'Cole',
  'Wiśniewski',
  'Mensah',
  'Pritchard',
  'Haddad',
];
const PLACES = ['Riverside', 'Porthaven', 'Manchester', 'the River Ashe', 'Bridge Street', 'St Brannock'];
const VERBS = ['said', 'told the meeting', 'argued', 'warned', 'confirmed', 'added'];
const CLAUSES = [
  'the council would fund {n} per cent of the cost from reserves',
  'more than {n} homes had been flooded since the last review',
  'the scheme would cost £{n} million over {s} years',
  'work on the barrier would start in the spring and take {n} months',
  'residents had waited too long for a decision on the plan',
  'the vote was {n} to {s} after a long debate in the chamber',
  'a cheaper scheme of upstream wetlands would protect the same streets',
  'the operators expected crowded trains and a reduced timetable from 7am',
];

/** A seeded article of about `words` words: realistic paragraphs with names, places and figures. */
export function generateArticle(words: number, seed = 42): CheckableArticle {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      const person =
        rand() < 0.5 ? `${pick(FIRST)} ${pick(LAST)}` : `${pick(['Mr', 'Ms', 'Dr'])} ${pick(LAST)}`;
      const clause = pick(CLAUSES)
        .replace('{n}', String(10 + Math.floor(rand() * 990)))
        .replace('{s}', String(2 + Math.floor(rand() * 8)));
      sentences.push(`In ${pick(PLACES)}, ${person} ${pick(VERBS)} that ${clause}.`);
    }
    const text = sentences.join(' ');
    count += text.split(/\s+/).length;
    paragraphs.push(text);
  }
  return {
    headline: 'Riverside council approves £12m flood barrier',
    contentHighlight: 'Councillors vote for a £12m barrier on the River Ashe',
    byline: 'Riverside Gazette',
    dateline: 'Riverside',
    body: {
      type: 'doc',
      content: paragraphs.map((p): BodyNode => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
    },
  };
}

/** The article with `word` typed into the middle of paragraph `index`, as one keystroke burst would leave it. */
function typeWord(article: CheckableArticle, index: number, word: string): CheckableArticle {
  const content = [...(article.body.content ?? [])];
  const p = content[index]!;
  const text = p.content![0]!.text!;
  const at = text.indexOf(' ', Math.floor(text.length / 2));
  content[index] = {
    ...p,
    content: [{ type: 'text', text: `${text.slice(0, at)} ${word}${text.slice(at)}` }],
  };
  return { ...article, body: { type: 'doc', content } };
}

export const checksSuite: BenchSuite = {
  name: 'checks',
  description:
    'copy-desk checks on a 20,000-word article: full check, the incremental recheck after typing one word, and typing latency in Chromium with checks on vs off',
  async run({ quick }) {
    const words = quick ? 5000 : 20000;
    const article = generateArticle(words);
    let t = performance.now();
    const spell = createSpellChecker(await loadEnglishDictionary());
    const setupMs = performance.now() - t;

    const fullRuns: number[] = [];
    let findings = 0;
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const checker = createChecker({ spell, packs: [defaultRulePack()] });
      t = performance.now();
      findings = checker.check(article).findings.length;
      fullRuns.push(performance.now() - t);
    }

    const checker = createChecker({ spell, packs: [defaultRulePack()] });
    checker.check(article);
    const paragraphs = article.body.content!.length;
    const incremental: number[] = [];
    const typed = ['barrier', 'council', 'residents', 'scheme', 'flooded'];
    let current = article;
    for (let i = 0; i < (quick ? 20 : 100); i++) {
      current = typeWord(current, Math.floor(paragraphs / 2) + (i % 5), typed[i % typed.length]!);
      t = performance.now();
      checker.check(current);
      incremental.push(performance.now() - t);
    }
    const inc = median(incremental);
    const typing: Awaited<ReturnType<typeof measureChecksTyping>> = [];
    if (existsSync(join(RENDERER_DIR, 'index.html'))) {
      try {
        typing.push(
          ...(await measureChecksTyping(
            article,
            words,
            Number(process.env.BENCH_CHECKS_ROUNDS ?? (quick ? 2 : 5)),
          )),
        );
      } finally {
        await stopBrowser();
      }
    } else {
      console.error(
        `Typing latency skipped: no built renderer in ${RENDERER_DIR} (run \`npx electron-vite build\`).`,
      );
    }
    return [
      { name: `dictionary setup (nspell + en, once per worker)`, value: setupMs, unit: 'ms' },
      {
        name: `full check, ${words} words, ${paragraphs} paragraphs, ${findings} findings (median of ${fullRuns.length})`,
        value: median(fullRuns),
        unit: 'ms',
      },
      {
        name: 'incremental recheck after typing one word (median)',
        value: inc,
        unit: 'ms',
        baseline: { name: 'full check', value: median(fullRuns) },
        goal: '< 30 ms',
        met: inc < 30,
      },
      {
        name: 'incremental recheck after typing one word (p95)',
        value: percentile(incremental, 95),
        unit: 'ms',
        goal: '< 30 ms',
        met: percentile(incremental, 95) < 30,
      },
      ...typing,
    ];
  },
};
