import { useSyncExternalStore } from 'react';
import { activeCheckSession, subscribeActiveCheckSession, type CheckSession } from './checkSession';

const noop = (): (() => void) => () => {};

/** The open article's copy-desk session, re-rendering when its findings or menu change. */
export function useCheckSession(): CheckSession | null {
  const session = useSyncExternalStore(subscribeActiveCheckSession, activeCheckSession);
  useSyncExternalStore(session?.subscribe ?? noop, session?.getVersion ?? (() => 0));
  return session;
}
