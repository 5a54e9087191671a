const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
  if (diff < 45_000) return 'just now';
  if (diff < HOUR) return rtf.format(-Math.max(1, Math.round(diff / MINUTE)), 'minute');
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days === 0) return rtf.format(-Math.round(diff / HOUR), 'hour');
  if (days === 1) return rtf.format(-1, 'day');
  if (days > 1 && days < 7) {
    return then.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }
  return then.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/** The full local date and time, for tooltips. */
export function fullTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}

/** Hours and minutes, for "Saved at 14:05". */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * "today at 09:12", "12 Mar 2024 at 16:40": an absolute time for labels that are not refreshed
 * while the article stays open (a relative "just now" would go stale there).
 */
export function createdLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (startOfDay(d) === startOfDay(now)) return `today at ${time}`;
  const date = d.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
  return `${date} at ${time}`;
}
