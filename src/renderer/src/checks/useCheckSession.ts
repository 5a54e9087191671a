import { useSyncExternalStore } from 'react';
import { activeCheckSession, subscribeActiveCheckSession, type CheckSession } from './checkSession';

const noop = (): (() => void) => () => {};

/** The open article's copy-desk session, re-rendering when its findings or menu change. */
export function useCheckSession(): CheckSession | null {
  const session = useSyncExternalStore(subscribeActiveCheckSession, activeCheckSession);
  useSyncExternalStore(session?.subscribe ?? noop, session?.getVersion ?? (() => 0));
  return session;
}

/** The open article's copy-desk session, re-rendering only when another article's session takes over. */
export function useActiveCheckSession(): CheckSession | null {
  return useSyncExternalStore(subscribeActiveCheckSession, activeCheckSession);
}

/**
 * One value of the session (read by `pick`, which must return the same value while it has not
 * changed): the component re-renders only when that value changes, not on every check result.
 */
export function useCheckSessionValue<T>(
  session: CheckSession | null,
  pick: (s: CheckSession) => T,
  none: T,
): T {
  return useSyncExternalStore(session?.subscribe ?? noop, () => (session ? pick(session) : none));
}
