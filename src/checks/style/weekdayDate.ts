import { MONTHS, WEEKDAYS, monthNumber } from '../support';
import type { RawIssue } from '../spelling';
import { sentences } from '../tokens';

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\\.?';
const PAIR = new RegExp(
  String.raw`\b${DAY},?\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}|${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?)(?:,?\s+((?:19|20)\d{2})\b)?`,
  'giu',
);

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/**
 * A weekday named with a date ("Monday, March 3, 2025"). When the year is in the same sentence
 * the weekday is checked and a wrong one is an error with the right one as the fix. When no year
 * is given the check does not guess one: it says the weekday cannot be checked and names the
 * weekday that date falls on in the years around `now`, so the reporter can see at once whether
 * the pair fits the year they mean.
 */
export function weekdayDateIssues(text: string, rule: string, now: Date): RawIssue[] {
  const out: RawIssue[] = [];
  for (const s of sentences(text)) {
    const yearInSentence = s.text.match(/\b((?:19|20)\d{2})\b/);
    for (const m of s.text.matchAll(PAIR)) {
      const weekday = WEEKDAYS.findIndex((w) => w.startsWith(m[1]!.toLowerCase().slice(0, 3)));
      const day = Number(m[2] ?? m[5]);
      const month = monthNumber(m[3] ?? m[4]!);
      if (weekday < 0 || !month || day < 1 || day > 31) continue;
      const start = s.start + m.index;
      const end = start + m[0].length;
      const dateWords = `${day} ${cap(MONTHS[month - 1]!)}`;
      const dayWord = m[0].match(/^\p{L}+/u)![0];
      const yearText = m[6] ?? yearInSentence?.[1];
      if (yearText) {
        const year = Number(yearText);
        const actual = weekdayOf(year, month, day);
        if (actual === weekday) continue;
        out.push({
          rule,
          start,
          end: start + dayWord.length,
          text: dayWord,
          message: `${dateWords} ${year} is a ${cap(WEEKDAYS[actual]!)}, not a ${cap(WEEKDAYS[weekday]!)}. Check the date and the day.`,
          suggestions: [cap(WEEKDAYS[actual]!)],
          severity: 'error',
        });
      } else {
        const y = now.getUTCFullYear();
        const years = [y - 1, y, y + 1].map((yr) => `${cap(WEEKDAYS[weekdayOf(yr, month, day)]!)} in ${yr}`);
        const fits = [y - 1, y, y + 1].filter((yr) => weekdayOf(yr, month, day) === weekday);
        out.push({
          rule,
          start,
          end,
          text: m[0],
          message: `“${m[0]}” gives no year, so the weekday cannot be checked. ${dateWords} is a ${years.join(', a ')}${
            fits.length
              ? ` (so ${cap(WEEKDAYS[weekday]!)} fits only ${fits.join(' and ')})`
              : ` (never a ${cap(WEEKDAYS[weekday]!)} in those years)`
          }. Add the year, or check the day against the calendar.`,
          suggestions: [],
          severity: 'warning',
        });
      }
    }
  }
  return out;
}
