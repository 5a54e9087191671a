import type React from 'react';
import { useId, useState } from 'react';
import { DESK_STATUSES, DESK_STATUS_LABELS } from '../../../shared/article';
import {
  LIBRARY_SORTS,
  LIBRARY_SORT_LABELS,
  NO_FILTERS,
  activeFilterCount,
  isDeskStatus,
  type LibraryFilters as Filters,
  type LibrarySort,
} from '../panels/libraryQuery';

interface LibraryFiltersProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** How many articles the filters let through, and of how many; null while loading. */
  shown: number | null;
  total: number | null;
  trashCount: number;
  onShowTrash: () => void;
  onBatchExport: () => void;
}

/**
 * Narrows the library list by desk status, byline, section or tag, and last-modified dates,
 * and orders it. The sort is always visible; the filters fold away when not in use.
 */
export function LibraryFilters({
  filters,
  onChange,
  shown,
  total,
  trashCount,
  onShowTrash,
  onBatchExport,
}: LibraryFiltersProps): React.JSX.Element {
  const id = useId();
  const active = activeFilterCount(filters);
  const [open, setOpen] = useState(active > 0);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]): void =>
    onChange({ ...filters, [key]: value });

  return (
    <div className="library-filters">
      <div className="library-filters-bar">
        <button
          type="button"
          className="button button-small button-quiet"
          aria-expanded={open}
          aria-controls={`${id}-filters`}
          onClick={() => setOpen((o) => !o)}
        >
          {active > 0 ? `Filters (${active})` : 'Filters'}
        </button>
        <label htmlFor={`${id}-sort`} className="library-filters-sort-label">
          Sort
        </label>
        <select
          id={`${id}-sort`}
          className="select select-small"
          value={filters.sort}
          onChange={(e) => set('sort', e.target.value as LibrarySort)}
        >
          {LIBRARY_SORTS.map((s) => (
            <option key={s} value={s}>
              {LIBRARY_SORT_LABELS[s]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-pressed={Boolean(filters.groupByStatus)}
          onClick={() => set('groupByStatus', !filters.groupByStatus)}
        >
          Group by status
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onShowTrash}>
          {trashCount > 0 ? `Trash (${trashCount})` : 'Trash'}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onBatchExport}>
          Export several…
        </button>
      </div>
      {open && (
        <fieldset id={`${id}-filters`} className="library-filters-grid">
          <legend className="visually-hidden">Filter the library</legend>
          <label htmlFor={`${id}-status`}>With status</label>
          <select
            id={`${id}-status`}
            className="select select-small"
            value={filters.status}
            onChange={(e) => set('status', isDeskStatus(e.target.value) ? e.target.value : '')}
          >
            <option value="">Any status</option>
            {DESK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DESK_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-byline`}>Byline has</label>
          <input
            id={`${id}-byline`}
            className="text-input text-input-small"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={filters.byline}
            onChange={(e) => set('byline', e.target.value)}
          />
          <label htmlFor={`${id}-tag`}>Section or tag has</label>
          <input
            id={`${id}-tag`}
            className="text-input text-input-small"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={filters.sectionOrTag}
            onChange={(e) => set('sectionOrTag', e.target.value)}
          />
          <label htmlFor={`${id}-from`}>Modified from</label>
          <input
            id={`${id}-from`}
            className="text-input text-input-small"
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => set('from', e.target.value)}
          />
          <label htmlFor={`${id}-to`}>Modified to</label>
          <input
            id={`${id}-to`}
            className="text-input text-input-small"
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => set('to', e.target.value)}
          />
          <div className="library-filters-foot">
            <span role="status" className="library-filters-count">
              {active > 0 && shown !== null && total !== null ? `${shown} of ${total} shown` : ''}
            </span>
            {active > 0 && (
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() =>
                  onChange({ ...NO_FILTERS, sort: filters.sort, groupByStatus: filters.groupByStatus })
                }
              >
                Clear filters
              </button>
            )}
          </div>
        </fieldset>
      )}
    </div>
  );
}
