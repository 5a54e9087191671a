import type React from 'react';
import { useEffect, useState } from 'react';
import type { DroppedTextFinding } from '../../../checks/droppedText';
import type { ImportedArticle } from '../../../shared/contract';
import { api } from '../api';
import { checkDroppedImportText } from '../checks/checkSession';
import '../checks/checksSettings.css';

/**
 * The spelling and names findings in the text each import left out, by article id: the page's
 * repeated headline is the writer's own words, and a typo there ("aproves") is worth a look even
 * though the text is not in the article. Checked in the checks worker with the library's
 * dictionary; an article whose check fails simply shows none.
 */
export function useDroppedTextFindings(imported: readonly ImportedArticle[]): Map<string, DroppedTextFinding[]> {
  const [found, setFound] = useState(() => new Map<string, DroppedTextFinding[]>());
  useEffect(() => {
    let live = true;
    for (const a of imported) {
      if (!a.report.some((n) => n.kind === 'dropped' && n.text)) continue;
      void api
        .getArticle({ id: a.id })
        .then((article) => checkDroppedImportText(article, a.report))
        .then((findings) => {
          if (live && findings.length) setFound((m) => new Map(m).set(a.id, findings));
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [imported]);
  return found;
}

/** The findings in one dropped note's text, under the note in the import report. */
export function DroppedTextFindingsList({
  findings,
}: {
  findings: readonly DroppedTextFinding[];
}): React.JSX.Element | null {
  if (findings.length === 0) return null;
  return (
    <ul className="import-note-findings" aria-label="Found in the dropped text">
      {findings.map((f) => (
        <li key={f.id}>
          {f.kind === 'names' ? 'Name' : 'Spelling'}: “{f.text}”
          {f.suggestions[0] !== undefined && <> — did the writer mean “{f.suggestions[0]}”?</>} Check the
          same word in the article.
        </li>
      ))}
    </ul>
  );
}
