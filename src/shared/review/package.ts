import type { Person } from '../article';
import type { MergeConflict, MergeReport } from './merge';

/**
 * What the review round trip (services/reviewPackage.ts) tells the renderer and the CLI. Kept
 * in shared so the contract can name it.
 */

/** The review package's file ending (registered with the OS by electron-builder.yml). */
export const REVIEW_PACKAGE_EXTENSION = '.copydesk-review';
/** Endings a package is recognised by when opened (the issue calls it "FILE.package"). */
export const REVIEW_PACKAGE_EXTENSIONS = [REVIEW_PACKAGE_EXTENSION, '.package'] as const;

export function isReviewPackagePath(path: string): boolean {
  const lower = path.toLowerCase();
  return REVIEW_PACKAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** What "Send for review" wrote. */
export interface SendForReviewResult {
  path: string;
  /** How many revisions went into the package. */
  revisions: number;
  bytes: number;
}

/** What opening a package did, for the summary the user sees. */
export interface ReviewImportResult {
  articleId: string;
  headline: string;
  file: string;
  /** `created`: the library did not have the article; `merged`: it did. */
  outcome: 'created' | 'merged';
  sentBy: Person;
  sentAt: string;
  revisionsAdded: number;
  /** The merge's report; absent when the article was created. */
  merge?: MergeReport;
  conflicts: MergeConflict[];
  /** One sentence saying what happened. */
  summary: string;
}
