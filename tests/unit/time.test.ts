import { describe, expect, test } from 'vitest';
import { clockTime, createdLabel, fullTime, relativeTime } from '../../src/shared/time';

// The labels are built with formatters made once (time.ts); each must read exactly as the
// browser's own `toLocale…String` with the same options, which built a new formatter per call.
const now = new Date(2026, 11, 7, 15, 30, 0);
const ago = (ms: number): Date => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const times: Date[] = [
  ago(10_000),
  ago(5 * MIN),
  ago(3 * HOUR),
  ago(DAY),
  ago(3 * DAY),
  ago(6 * DAY + HOUR),
  ago(40 * DAY),
  new Date(2024, 2, 12, 16, 40),
  new Date(2026, 0, 1, 0, 5),
];

describe('dates and times in the user’s locale', () => {
  test('each label matches toLocale…String with the same options', () => {
    for (const d of times) {
      const iso = d.toISOString();
      const sameYear = d.getFullYear() === now.getFullYear();
      const date = d.toLocaleDateString(undefined, {
        day: 'numeric',
        month: 'short',
        year: sameYear ? undefined : 'numeric',
      });
      const clock = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
      expect(clockTime(iso)).toBe(clock);
      expect(fullTime(iso)).toBe(d.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' }));
      const sameDay = d.toDateString() === now.toDateString();
      expect(createdLabel(iso, now)).toBe(sameDay ? `today at ${clock}` : `${date} at ${clock}`);
      const days = Math.round(
        (new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime() -
          new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()) /
          DAY,
      );
      if (days > 1 && days < 7) {
        expect(relativeTime(iso, now)).toBe(
          d.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
        );
      } else if (days >= 7) {
        expect(relativeTime(iso, now)).toBe(date);
      }
    }
    expect(relativeTime(ago(10_000).toISOString(), now)).toBe('just now');
    expect(relativeTime(ago(5 * MIN).toISOString(), now)).toBe(
      new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }).format(-5, 'minute'),
    );
    expect(relativeTime(ago(DAY).toISOString(), now)).toBe(
      new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }).format(-1, 'day'),
    );
  });

  test('an unreadable time gives an empty label', () => {
    for (const f of [
      clockTime,
      fullTime,
      (s: string) => createdLabel(s, now),
      (s: string) => relativeTime(s, now),
    ]) {
      expect(f('not a date')).toBe('');
    }
  });
});
