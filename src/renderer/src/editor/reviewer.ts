import type { Person } from '../../../shared/article';
import { api, subscribe } from '../api';

/**
 * Who is reviewing: the name and initials set in Settings (or, before anyone set one, the
 * library's author name). Comments and notes are attributed to this person.
 */
let current: Person = { name: '' };
let started = false;
const listeners = new Set<() => void>();

function set(p: Person): void {
  current = { name: p.name.trim(), ...(p.initials?.trim() && { initials: p.initials.trim() }) };
  for (const l of listeners) l();
}

/** The person comments are attributed to now. */
export function currentReviewer(): Person {
  startReviewer();
  return current;
}

/** Loads the reviewer once and follows changes made in Settings. */
export function startReviewer(): void {
  if (started) return;
  started = true;
  const apply = async (name: string, initials: string): Promise<void> => {
    const fallback = name.trim()
      ? ''
      : ((await api.getLibraryInfo().catch(() => null))?.settings.authorName ?? '');
    set({ name: name.trim() || fallback, initials });
  };
  api
    .getAppSettings()
    .then((s) => apply(s.name, s.initials))
    .catch(() => {});
  subscribe('appSettingsChanged', (s) => void apply(s.name, s.initials));
}

export function subscribeReviewer(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
