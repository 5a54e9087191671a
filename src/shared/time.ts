const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Formatters in the user's locale, each made once: building one costs about a millisecond (ICU
 * loads the locale's patterns), and `toLocaleString` with options builds a new one per call, so a
 * list of dates or the save status on every article opened paid it each time.
 */
function cached<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
const relative = cached(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }));
const weekdayClock = cached(
  () => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
);
const dayMonth = cached(() => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }));
const dayMonthYear = cached(
  () => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
);
const full = cached(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }));
const clock = cached(() => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }));

/** "12 Mar" this year, "12 Mar 2024" another year. */
function shortDate(d: Date, now: Date): string {
  return (d.getFullYear() === now.getFullYear() ? dayMonth() : dayMonthYear()).format(d);
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * "just now", "5 min ago", "3 hr ago", "yesterday", "Tue 14:05", "12 Mar 2024": how a newsroom
 * list says when something last changed, in the user's locale.
 */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const t = then.getTime();
  if (Number.isNaN(t)) return '';
  const diff = now.getTime() - t;
  const rtf = relative();
  if (diff < 45_000) return 'just now';
  if (diff < HOUR) return rtf.format(-Math.max(1, Math.round(diff / MINUTE)), 'minute');
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days === 0) return rtf.format(-Math.round(diff / HOUR), 'hour');
  if (days === 1) return rtf.format(-1, 'day');
  if (days > 1 && days < 7) return weekdayClock().format(then);
  return shortDate(then, now);
}

/** The full local date and time, for tooltips. */
export function fullTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : full().format(d);
}

/** Hours and minutes, for "Saved at 14:05". */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : clock().format(d);
}

/**
 * "today at 09:12", "12 Mar 2024 at 16:40": an absolute time for labels that are not refreshed
 * while the article stays open (a relative "just now" would go stale there).
 */
export function createdLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = clock().format(d);
  if (startOfDay(d) === startOfDay(now)) return `today at ${time}`;
  return `${shortDate(d, now)} at ${time}`;
}
