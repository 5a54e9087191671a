import type React from 'react';
import type { ReviewImportResult } from '../../../shared/review/package';
import { fullTime } from '../../../shared/time';
import { AppDialog } from './AppDialog';

/**
 * What opening a review package did: the article created, or merged with what came back (how
 * many suggestions and comments arrived, what was taken, and every conflict left to decide).
 */
export function ReviewResultDialog({
  result,
  onClose,
}: {
  result: ReviewImportResult;
  onClose: () => void;
}): React.JSX.Element {
  const from = result.sentBy.name.trim() || 'Someone';
  const merge = result.merge;
  const suggestions = merge ? merge.suggestionsAdded + merge.fieldSuggestionsAdded : 0;
  return (
    <AppDialog
      title={result.outcome === 'created' ? 'Review package opened' : 'Review merged'}
      onClose={onClose}
    >
      <p role="status" data-testid="review-summary">
        {result.summary}
      </p>
      <dl className="about-list review-result">
        <dt>From</dt>
        <dd>
          {from}, sent <time dateTime={result.sentAt}>{fullTime(result.sentAt)}</time>
        </dd>
        <dt>Article</dt>
        <dd>{result.headline || 'Untitled'}</dd>
        {merge && (
          <>
            <dt>Suggestions added</dt>
            <dd data-testid="review-suggestions">{suggestions}</dd>
            <dt>Comments added</dt>
            <dd data-testid="review-comments">{merge.commentsAdded}</dd>
            <dt>Taken from {from}</dt>
            <dd>
              {[
                merge.blocksFromTheirs > 0 &&
                  `${merge.blocksFromTheirs} ${merge.blocksFromTheirs === 1 ? 'passage' : 'passages'}`,
                ...merge.fieldsFromTheirs,
              ]
                .filter(Boolean)
                .join(', ') || 'nothing'}
            </dd>
          </>
        )}
        <dt>Revisions received</dt>
        <dd>{result.revisionsAdded}</dd>
      </dl>
      {result.conflicts.length > 0 && (
        <>
          <h3 className="review-conflicts-title">
            {result.conflicts.length} {result.conflicts.length === 1 ? 'conflict' : 'conflicts'} to decide
          </h3>
          <p>
            Both of you changed the same text. Yours is kept; {from}’s version is a suggestion (or, for the
            dateline, section and status, a comment) to accept or reject. Nothing was decided for you.
          </p>
          <ul className="review-conflicts" data-testid="review-conflicts">
            {result.conflicts.map((c, i) => (
              <li key={i}>{c.message}</li>
            ))}
          </ul>
        </>
      )}
    </AppDialog>
  );
}
