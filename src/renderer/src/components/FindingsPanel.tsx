import type React from 'react';
import { useId } from 'react';
import { FINDING_KINDS, type Finding, type FindingKind } from '../../../checks/types';
import { useCheckSession } from '../checks/useCheckSession';
import { CloseIcon } from './Icons';

export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  spelling: 'Spelling',
  grammar: 'Grammar',
  names: 'Names spelt two ways',
  support: 'Not backed by the body',
  style: 'House style',
  readability: 'Readability',
  readiness: 'Publish readiness',
};

const FIELD_LABELS: Record<Finding['field'], string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  dateline: 'Dateline',
  body: 'Body',
};

/**
 * Every finding of the copy desk in one list, grouped by kind with counts. Clicking a finding
 * selects its text; each can be fixed or ignored, and a whole kind fixed at once. Long sentences
 * and paragraphs are underlined in the text only when "Highlight in the text" is pressed.
 */
export function FindingsPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const id = useId();
  const session = useCheckSession();
  const result = session?.result ?? null;
  const findings = result?.findings ?? [];
  const groups = FINDING_KINDS.map((kind) => ({
    kind,
    items: findings.filter((f) => f.kind === kind),
  })).filter((g) => g.items.length > 0);

  return (
    <aside className="side-panel" aria-labelledby={`${id}-title`}>
      <div className="side-panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Findings
        </h2>
        <button type="button" className="icon-button" aria-label="Close findings" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="side-panel-body">
        <p className="findings-summary" role="status">
          {!session
            ? 'The copy desk checks the open article.'
            : !result
              ? 'Checking…'
              : findings.length === 0
                ? 'Nothing to look at: no findings.'
                : `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}`}
        </p>
        {session?.error && (
          <p className="field-error" role="alert">
            {session.error}
          </p>
        )}
        {result && (
          <p className="findings-stats">
            Readability {Math.round(result.stats.fleschReadingEase)} ·{' '}
            {result.stats.averageSentenceWords.toFixed(1)} words a sentence
          </p>
        )}
        {session &&
          groups.map((g) => (
            <section key={g.kind} className="findings-group" aria-labelledby={`${id}-${g.kind}`}>
              <div className="findings-group-head">
                <h3 id={`${id}-${g.kind}`} className="findings-kind">
                  {FINDING_KIND_LABELS[g.kind]} <span className="findings-count">({g.items.length})</span>
                </h3>
                {g.kind === 'readability' && (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    aria-pressed={session.underliningReadability}
                    title="Underline the long sentences and paragraphs in the text"
                    onClick={() => session.setUnderlineReadability(!session.underliningReadability)}
                  >
                    Highlight in the text
                  </button>
                )}
                {g.items.some((f) => f.suggestions.length > 0) && (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Fix all ${FINDING_KIND_LABELS[g.kind]} findings`}
                    onClick={() => session.fixAll(g.kind)}
                  >
                    Fix all
                  </button>
                )}
              </div>
              <ul className="findings-list">
                {g.items.map((f) => (
                  <li key={f.id} className={`finding finding-${f.kind}`}>
                    <button type="button" className="finding-jump" onClick={() => session.select(f)}>
                      <span className="finding-text">“{f.text}”</span>
                      <span className="finding-where">{FIELD_LABELS[f.field]}</span>
                      <span className="finding-message">{f.message}</span>
                    </button>
                    <div className="finding-actions">
                      {f.suggestions[0] !== undefined && (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Fix to “${f.suggestions[0] || '(remove)'}” (was “${f.text}”)`}
                          onClick={() => session.fix(f)}
                        >
                          Fix to “{f.suggestions[0] || '(remove)'}”
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        aria-label={`Ignore “${f.text}”`}
                        onClick={() => session.ignoreHere(f)}
                      >
                        Ignore
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </aside>
  );
}
