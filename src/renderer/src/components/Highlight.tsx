import type React from 'react';
import { highlightParts } from '../panels/libraryQuery';

/** Text with the words the search matched marked (`<mark>`), so a reporter sees why it is listed. */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }): React.JSX.Element {
  if (terms.length === 0) return <>{text}</>;
  return (
    <>
      {highlightParts(text, terms).map((p, i) =>
        p.match ? (
          <mark key={i} className="search-match">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
