import type { RawIssue } from './spelling';

// Words starting with a vowel letter but a consonant sound, and the reverse.
const CONSONANT_SOUND = /^(?:one|once|uni|use|usu|uti|ura|ure|uro|eu|ewe|ubiq|uk\b|us\b|u-)/i;
const VOWEL_SOUND = /^(?:hour|honest|honou?r|heir|mp\b|mr\b|ms\b|fbi|nhs|sos|x-ray|mba|rspca|lgbt|fa\b)/i;

/**
 * "a" before a vowel sound and "an" before a consonant sound. A small, offline grammar rule that
 * is right far more often than not in news copy; Harper (see docs/copydesk-checks.md) would add
 * more grammar rules when it runs in a worker.
 */
export function articleAgreement(text: string): RawIssue[] {
  const out: RawIssue[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}’'])(an?)\s+([\p{L}][\p{L}-]*)/giu)) {
    const [, article, word] = m;
    const vowelLetter = /^[aeiou]/i.test(word!);
    const vowelSound = vowelLetter ? !CONSONANT_SOUND.test(word!) : VOWEL_SOUND.test(word!);
    const isAn = article!.toLowerCase() === 'an';
    if (isAn === vowelSound) continue;
    // All-capital abbreviations are read letter by letter ("an MP", "a UN report"): leave them.
    if (/^\p{Lu}{2,}/u.test(word!)) continue;
    const right = isAn ? article![0]! : `${article}n`;
    out.push({
      rule: 'a-or-an',
      start: m.index,
      end: m.index + article!.length,
      text: article!,
      message: `“${article} ${word}”: use “${right}” before a ${vowelSound ? 'vowel' : 'consonant'} sound.`,
      suggestions: [right],
      severity: 'warning',
    });
  }
  return out;
}
