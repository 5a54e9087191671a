import type { ArticleContent } from '../../shared/article';
import type { SaveReason, SaveResult } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { errorCode, errorMessage } from './api';

/** What the status line shows about the open article. */
export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; code: ErrorCode; message: string; retryAt: number | null };

export interface AutoSaverOptions {
  id: string;
  /** The revision the editor was opened at; every save sends the last one it got back. */
  rev: number;
  /** When the article was last saved, for the "Saved" tooltip. */
  savedAt: string | null;
  /** Reads the current fields and body; called when a save starts, never earlier. */
  getContent: () => ArticleContent;
  save: (input: {
    id: string;
    baseRev: number;
    content: ArticleContent;
    reason: SaveReason;
  }) => Promise<SaveResult>;
  /** Told after every successful save, so the library list can show the new headline. */
  onSaved?: (content: ArticleContent, result: SaveResult) => void;
  /** Quiet time after the last change before an autosave, in ms. */
  delayMs?: number;
}

const RETRY_STEPS_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/** A save refused because the article was saved from somewhere else since this editor opened it. */
export interface SaveConflict {
  id: string;
  /** The revision this editor's text is based on. */
  baseRev: number;
  /** The text that could not be saved (still in the editor too). */
  content: ArticleContent;
  message: string;
}

/**
 * The savers of the articles open right now, by article id, and who wants to hear about save
 * conflicts: the window shows one banner for them (see ConflictBanner) instead of retrying a
 * save that can never succeed.
 */
export const openSavers = new Map<string, AutoSaver>();
const conflictListeners = new Set<(conflict: SaveConflict) => void>();

/** Calls `listener` whenever a save is refused with a `conflict`; returns the unsubscribe function. */
export function onSaveConflict(listener: (conflict: SaveConflict) => void): () => void {
  conflictListeners.add(listener);
  return () => conflictListeners.delete(listener);
}

/**
 * Saves one article: debounced after changes, at once when asked, one save in flight at a
 * time. Changes made while a save is in flight are coalesced into the next save. A failed
 * save keeps the article dirty (the text stays in the editor) and is retried with backoff and
 * on the next change, so nothing typed is dropped because the disk hiccuped.
 *
 * It is also a tiny external store (`subscribe`/`getState`) for `useSyncExternalStore`, so the
 * status line re-renders on status changes without re-rendering the editor.
 */
export class AutoSaver {
  private readonly opts: Required<Pick<AutoSaverOptions, 'delayMs'>> & AutoSaverOptions;
  private rev: number;
  /** Bumped on every edit; compared with `savedChange` to know whether anything is unsaved. */
  private change = 0;
  private savedChange = 0;
  private inFlight: Promise<void> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;
  /** Content captured when the editor went away, since the editor may be gone when it is saved. */
  private frozen: ArticleContent | null = null;
  private state: SaveState;
  private readonly listeners = new Set<() => void>();

  constructor(options: AutoSaverOptions) {
    this.opts = { delayMs: 800, ...options };
    this.rev = options.rev;
    this.state = { kind: 'saved', at: options.savedAt };
    openSavers.set(options.id, this);
  }

  get id(): string {
    return this.opts.id;
  }

  /** The text as it is in the editor now (or as it was when the editor went away). */
  currentContent(): ArticleContent {
    return this.frozen ?? this.opts.getContent();
  }

  get dirty(): boolean {
    return this.change !== this.savedChange;
  }

  get currentRev(): number {
    return this.rev;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SaveState => this.state;

  /** Records an edit and schedules an autosave after the quiet time. */
  markDirty(): void {
    this.change++;
    // An error stays on screen until a save succeeds: the text is still unsaved.
    if (this.state.kind === 'saved') this.setState({ kind: 'dirty' });
    this.clearDebounce();
    if (this.stopped) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      this.flush('autosave').catch(() => {
        // Shown in the status line and retried; nothing else to do here.
      });
    }, this.opts.delayMs);
  }

  /**
   * Saves now if anything is unsaved (waiting for a save in flight first). Resolves when the
   * editor's content as of this call is on disk; rejects with the error if it could not be saved.
   */
  async flush(reason: SaveReason): Promise<void> {
    this.clearDebounce();
    this.clearRetry();
    // One save in flight per article. After awaiting, re-check: another caller may have
    // started the next save in the meantime, and its content includes ours.
    while (this.inFlight) await this.inFlight;
    if (!this.dirty) return;
    const upTo = this.change;
    const content = this.frozen ?? this.opts.getContent();
    this.setState({ kind: 'saving' });
    const input = { id: this.opts.id, baseRev: this.rev, content, reason };
    const attempt = this.opts.save(input).then(
      (result) => {
        this.rev = result.rev;
        this.savedChange = Math.max(this.savedChange, upTo);
        this.failures = 0;
        this.opts.onSaved?.(content, result);
        if (this.dirty) {
          this.setState({ kind: 'dirty' });
          // Typed while saving: that text goes out after the usual quiet time.
          if (!this.debounceTimer && !this.stopped) {
            this.debounceTimer = setTimeout(() => {
              this.debounceTimer = null;
              this.flush('autosave').catch(() => {});
            }, this.opts.delayMs);
          }
        } else {
          this.setState({ kind: 'saved', at: result.updatedAt });
        }
      },
      (e: unknown) => {
        if (errorCode(e) === 'conflict') {
          // Retrying cannot help: the stored article moved on. Say so once and wait for the user.
          this.setState({ kind: 'error', code: 'conflict', message: errorMessage(e), retryAt: null });
          const conflict = { id: this.opts.id, baseRev: input.baseRev, content, message: errorMessage(e) };
          for (const l of conflictListeners) l(conflict);
          throw e;
        }
        this.failures++;
        const delay = RETRY_STEPS_MS[Math.min(this.failures - 1, RETRY_STEPS_MS.length - 1)]!;
        this.setState({
          kind: 'error',
          code: errorCode(e),
          message: errorMessage(e),
          retryAt: this.stopped ? null : Date.now() + delay,
        });
        this.scheduleRetry(delay);
        throw e;
      },
    );
    // The marker never rejects: the caller below gets the error, and waiting callers only
    // need to know when the slot is free.
    this.inFlight = attempt
      .catch(() => {})
      .finally(() => {
        this.inFlight = null;
      });
    await attempt;
  }

  /** Stops timers when the editor goes away. Unsaved text still gets one last attempt. */
  stop(): void {
    this.stopped = true;
    if (openSavers.get(this.opts.id) === this) openSavers.delete(this.opts.id);
    this.clearDebounce();
    this.clearRetry();
    if (this.dirty) {
      this.frozen = this.opts.getContent();
      this.flush('switch').catch(() => {});
    }
  }

  /** Undoes `stop` (React's StrictMode mounts, unmounts and remounts in development). */
  start(): void {
    this.stopped = false;
    openSavers.set(this.opts.id, this);
    this.frozen = null;
  }

  private scheduleRetry(delay: number): void {
    this.clearRetry();
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush('autosave').catch(() => {});
    }, delay);
  }

  private clearDebounce(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: SaveState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}
