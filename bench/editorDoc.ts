import type { BodyDoc, BodyNode } from '../src/shared/article';
import { seededRandom } from './harness';

// Plain news vocabulary: the words a story is made of, so text layout and spell-check-free
// typing cost what they cost in a real article. The words are drawn at random, so `sentence`
// keeps out what a reporter would not write and the copy desk would underline ("the the",
// "a environment"): real copy has a few underlines in a thousand words, not dozens.
const WORDS = (
  'the council said on Tuesday that flood barrier plans for the riverside would go ahead after ' +
  'a vote of thirty one to four residents have waited years for a decision and many welcomed it ' +
  'while others worried about the cost which officials put at twelve million pounds over five ' +
  'years the leader of the opposition called the scheme rushed and said homes further downstream ' +
  'were left exposed engineers will begin work in spring once the environment agency signs off ' +
  'a final survey of the banks local businesses said trade had suffered every winter since the ' +
  'floods of twenty fifteen and insurance premiums had tripled for some shops on the high street'
).split(' ');

const SUBHEADINGS = ['What happens next', 'The cost', 'Residents react', 'Downstream worries', 'Background'];

/** The picture every generated figure shows (copied into the library by the benchmark). */
export const BENCH_PICTURE = '0123456789abcdef0123456789abcdef.png';

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  while (out.length < words) {
    const w = WORDS[Math.floor(rand() * WORDS.length)]!;
    const before = out[out.length - 1];
    if (w === before || (before === 'a' && /^[aeiou]/.test(w))) continue;
    out.push(w);
  }
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function text(t: string, marks?: BodyNode['marks']): BodyNode {
  return marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
}

/** A paragraph of about `words` words, with a link or bold now and then. */
function paragraph(rand: () => number, words: number): BodyNode {
  const parts: BodyNode[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 8 + Math.floor(rand() * 14));
    parts.push(text(`${sentence(rand, n)} `));
    left -= n;
  }
  if (rand() < 0.35) {
    parts.splice(
      1,
      0,
      text('the council report', [{ type: 'link', attrs: { href: 'https://example.com/report' } }]),
      text(' '),
    );
  } else if (rand() < 0.2) {
    parts.splice(1, 0, text('Mr Field', [{ type: 'bold' }]), text(' '));
  }
  // A slip now and then (about two in a thousand words), as real copy has: underlined with the
  // checks on, so their cost is in what the benchmark measures.
  if (rand() < 0.12) parts.splice(1, 0, text('The goverment said so. '));
  const last = parts[parts.length - 1]!;
  last.text = last.text!.trimEnd();
  return { type: 'paragraph', content: parts };
}

/**
 * A news article body of about `words` words, the same for the same seed: paragraphs of 40–80
 * words, an H2 every eight or so paragraphs, a bulleted list and a figure now and then, links.
 */
export function generateArticleBody(words: number, seed = 20_000): BodyDoc {
  const rand = seededRandom(seed + words);
  const content: BodyNode[] = [];
  let count = 0;
  let block = 0;
  while (count < words) {
    block++;
    if (block % 8 === 0) {
      content.push({
        type: 'heading',
        attrs: { level: 2 },
        content: [text(SUBHEADINGS[block % SUBHEADINGS.length]!)],
      });
      count += 3;
    } else if (block % 13 === 0) {
      const items = 3 + Math.floor(rand() * 3);
      content.push({
        type: 'bulletList',
        content: Array.from({ length: items }, () => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [text(sentence(rand, 10))] }],
        })),
      });
      count += items * 10;
    } else if (block % 29 === 0) {
      content.push({
        type: 'figure',
        attrs: {
          src: `asset:${BENCH_PICTURE}`,
          alt: 'The river at dusk',
          caption: sentence(rand, 9),
          credit: 'Jo Lens',
        },
      });
      count += 12;
    } else {
      const n = 40 + Math.floor(rand() * 40);
      content.push(paragraph(rand, n));
      count += n;
    }
  }
  return { type: 'doc', content };
}

/** 200 characters of plain words to type. */
export function typingText(length = 200): string {
  const rand = seededRandom(7);
  let s = '';
  while (s.length < length) s += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return s.slice(0, length);
}
