import type React from 'react';
import type { ArticleReviewItems, OpenReviewItemView } from '../../../shared/contract';
import '../deskStatus.css';

const KIND_LABELS: Record<OpenReviewItemView['kind'], string> = {
  suggestion: 'Suggestion',
  'field-suggestion': 'Suggested field',
  comment: 'Comment',
};

/** The most items listed per article; the rest are counted. */
const LIMIT = 8;

interface OpenReviewWarningProps {
  articles: readonly ArticleReviewItems[];
  /** Say which article each list is about (batch export). */
  showHeadlines?: boolean;
  /** The sentence under the heading: what happens to them in this export. */
  children?: React.ReactNode;
}

/** Warns that articles still have open suggestions or comments, and lists them. */
export function OpenReviewWarning({
  articles,
  showHeadlines = false,
  children,
}: OpenReviewWarningProps): React.JSX.Element | null {
  if (articles.length === 0) return null;
  const total = articles.reduce((n, a) => n + a.items.length, 0);
  return (
    <div className="review-warning" role="status">
      <p>
        <strong>
          {showHeadlines
            ? `${articles.length} ${articles.length === 1 ? 'article has' : 'articles have'} open review (${total} ${total === 1 ? 'item' : 'items'}).`
            : `This article has ${total} open review ${total === 1 ? 'item' : 'items'}.`}
        </strong>{' '}
        {children}
      </p>
      {articles.map((a) => (
        <div key={a.id}>
          {showHeadlines && <p>{a.headline.trim() || 'Untitled'}</p>}
          <ul aria-label={`Open review in “${a.headline.trim() || 'Untitled'}”`}>
            {a.items.slice(0, LIMIT).map((item, i) => (
              <li key={i}>
                {KIND_LABELS[item.kind]} by {item.author}: {item.text}
              </li>
            ))}
            {a.items.length > LIMIT && <li>and {a.items.length - LIMIT} more</li>}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** The explicit choice publish-ready HTML needs while review is open: export the original text. */
export function AsOriginalOption({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}): React.JSX.Element {
  return (
    <label className="export-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> Export the
      original text (all suggestions rejected)
    </label>
  );
}
