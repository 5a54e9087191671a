/** Stable error codes shared by main, the CLI and the renderer. */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'damaged',
  'newer-version',
  'locked',
  'read-only',
  'disk-full',
  'import-failed',
  'export-failed',
  /** Publishing or a publish-ready export refused: the readiness check fails and no override was given. */
  'not-ready',
  /** A publish-ready export refused: suggestions or comments are still open. */
  'review-open',
  'cancelled',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error a journalist can act on: `message` says what happened and what to do;
 * `detail` is for logs only and never shown as the main text.
 */
export class CopydeskError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, options?: { detail?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CopydeskError';
    this.code = code;
    this.detail = options?.detail;
  }
}

export function isCopydeskError(e: unknown): e is CopydeskError {
  return e instanceof CopydeskError;
}

/** What crosses IPC: never an Error object (its fields do not survive structured cloning). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };
