import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useClock } from './RelativeTime';
import { TIERS } from '../api/types';
import {
  EMPTY_FILTERS,
  PRESET_LABELS,
  RANGE_PRESETS,
  activeFilters,
  formatHandles,
  isTier,
  parseHandles,
  type FilterField,
  type Filters,
  type Significance,
} from '../lib/filters';
import { absoluteTime, shortDateTime } from '../lib/format';
import { isoToLocalInput, localInputToIso, offsetLabel } from '../lib/timezone';
import { CloseIcon, SearchIcon } from './Icons';

export type FieldErrors = Partial<Record<FilterField, string>>;

interface Props {
  filters: Filters;
  /** `replace` while a value is still being edited: one history entry per edit, not per keystroke. */
  onChange: (next: Filters, options?: { replace?: boolean }) => void;
  errors: FieldErrors;
  zone: string;
  /** Whether the discovery dates are a filter here (Trends has its own range instead). */
  dates?: boolean;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function Field({ label, htmlFor, error, errorId, hint, children }: { label: string; htmlFor?: string; error?: string; errorId: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      {htmlFor ? (
        <label className="field-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="field-label">{label}</span>
      )}
      {children}
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * An edit of one control: its first change goes into a new history entry, the changes after it
 * replace that entry, until the control is left (or Enter pressed). Back then undoes the edit.
 */
function useEditSession() {
  const editing = useRef(false);
  return {
    /** Whether this change replaces the entry of the edit in progress. */
    next: () => {
      const replace = editing.current;
      editing.current = true;
      return replace;
    },
    end: () => {
      editing.current = false;
    },
  };
}

const SETTLE_MS = 450;

/** A text box that commits its value after a pause in typing, on Enter and on leaving it. */
function useCommittedText(external: string, commit: (text: string, replace: boolean) => void, equal: (text: string, external: string) => boolean) {
  const [text, setText] = useState(external);
  // The URL changed elsewhere (back, reset, a chip): show what it says.
  const [seen, setSeen] = useState(external);
  if (seen !== external) {
    setSeen(external);
    if (!equal(text, external)) setText(external);
  }
  const session = useEditSession();
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ external, commit, equal });
  useEffect(() => {
    latest.current = { external, commit, equal };
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const commitNow = (value: string) => {
    window.clearTimeout(timer.current);
    const { external: current, commit: send, equal: same } = latest.current;
    if (!same(value, current)) send(value, session.next());
  };
  const change = (value: string) => {
    setText(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => commitNow(value), SETTLE_MS);
  };
  const flush = () => {
    commitNow(text);
    session.end();
  };
  return { text, change, flush };
}

export function FiltersPanel({ filters, onChange, errors, zone, dates = true }: Props) {
  const id = useId();
  const now = useClock();
  const update = (patch: Partial<Filters>, replace = false) => onChange({ ...filters, ...patch }, { replace });

  const q = useCommittedText(filters.q, (text, replace) => update({ q: text }, replace), (text, ext) => text === ext);
  const handles = useCommittedText(
    formatHandles(filters.handles),
    (text, replace) => update({ handles: parseHandles(text) }, replace),
    (text, ext) => sameList(parseHandles(text), parseHandles(ext)),
  );
  const sinceEdit = useEditSession();
  const untilEdit = useEditSession();

  const custom = !filters.range && (filters.since !== null || filters.until !== null);
  // "Custom" with no date chosen yet shows the inputs; a preset hides them.
  const [customChosen, setCustomChosen] = useState(false);
  const showCustom = custom || (customChosen && !filters.range);
  const noRange = !filters.range && !showCustom;

  const describedBy = (field: FilterField) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="filters" role="search" aria-label="Filter posts" onSubmit={(e) => { e.preventDefault(); q.flush(); handles.flush(); }}>
      <Field label="Search text" htmlFor={`${id}-q`} error={errors.q} errorId={`${id}-q-error`}>
        <div className="input-with-icon">
          <SearchIcon size={16} />
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            placeholder="Words in the post or handle"
            autoComplete="off"
            maxLength={200}
            value={q.text}
            onChange={(e) => q.change(e.target.value)}
            onBlur={q.flush}
            onKeyDown={(e) => e.key === 'Enter' && q.flush()}
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={describedBy('q')}
            data-testid="filter-q"
          />
        </div>
      </Field>

      <Field label="Handles" htmlFor={`${id}-handle`} error={errors.handle} errorId={`${id}-handle-error`} hint="One or more, separated by spaces; @ optional">
        <input
          id={`${id}-handle`}
          name="handle"
          type="text"
          placeholder="@alice @bob"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={handles.text}
          onChange={(e) => handles.change(e.target.value)}
          onBlur={handles.flush}
          onKeyDown={(e) => e.key === 'Enter' && handles.flush()}
          aria-invalid={errors.handle ? true : undefined}
          aria-describedby={describedBy('handle')}
          data-testid="filter-handle"
        />
      </Field>

      <Field label="Tier" htmlFor={`${id}-tier`} error={errors.tier} errorId={`${id}-tier-error`}>
        <select
          id={`${id}-tier`}
          name="tier"
          value={filters.tier ?? ''}
          onChange={(e) => update({ tier: isTier(e.target.value) ? e.target.value : null })}
          aria-invalid={errors.tier ? true : undefined}
          aria-describedby={describedBy('tier')}
          data-testid="filter-tier"
        >
          <option value="">All tiers</option>
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {t.charAt(0).toUpperCase() + t.slice(1)}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className={`field segmented-field${errors.significant ? ' has-error' : ''}`} aria-describedby={describedBy('significant')}>
        <legend className="field-label">Significant</legend>
        <div className="segmented" data-testid="filter-significant">
          {(['any', 'yes', 'no'] as Significance[]).map((value) => (
            <label key={value} className={filters.significant === value ? 'is-selected' : ''}>
              <input
                type="radio"
                name={`${id}-significant`}
                value={value}
                checked={filters.significant === value}
                onChange={() => update({ significant: value })}
              />
              <span>{value === 'any' ? 'Either' : value === 'yes' ? 'Yes' : 'No'}</span>
            </label>
          ))}
        </div>
        {errors.significant && (
          <p className="field-error" id={`${id}-significant-error`} role="alert" data-testid="field-error">
            {errors.significant}
          </p>
        )}
      </fieldset>

      {dates && (
        <fieldset className={`field${errors.range ? ' has-error' : ''}`} aria-describedby={describedBy('range')}>
          <legend className="field-label">Discovered</legend>
          <div className="chip-group" data-testid="filter-range">
            <button type="button" className="chip-button" aria-pressed={noRange} onClick={() => { setCustomChosen(false); update({ range: null, since: null, until: null }); }}>
              Any time
            </button>
            {RANGE_PRESETS.map((preset) => (
              <button
                key={preset}
                type="button"
                className="chip-button"
                aria-pressed={filters.range === preset}
                title={PRESET_LABELS[preset]}
                onClick={() => { setCustomChosen(false); update({ range: preset, since: null, until: null }); }}
              >
                {preset.replace(/(\d+)([hd])/, '$1 $2')}
              </button>
            ))}
            <button type="button" className="chip-button" aria-pressed={showCustom} onClick={() => { setCustomChosen(true); if (filters.range) update({ range: null }); }}>
              Custom
            </button>
          </div>
          {showCustom && (
            <div className="date-range">
              <label>
                <span>From</span>
                <input
                  type="datetime-local"
                  value={isoToLocalInput(zone, filters.since)}
                  onChange={(e) => update({ range: null, since: e.target.value ? localInputToIso(zone, e.target.value) : null }, sinceEdit.next())}
                  onBlur={sinceEdit.end}
                  aria-invalid={errors.range ? true : undefined}
                  data-testid="filter-since"
                />
              </label>
              <label>
                <span>To</span>
                <input
                  type="datetime-local"
                  value={isoToLocalInput(zone, filters.until)}
                  onChange={(e) => update({ range: null, until: e.target.value ? localInputToIso(zone, e.target.value) : null }, untilEdit.next())}
                  onBlur={untilEdit.end}
                  aria-invalid={errors.range ? true : undefined}
                  data-testid="filter-until"
                />
              </label>
            </div>
          )}
          <p className="field-hint" data-testid="zone-hint">
            Times in {zone.replace(/_/g, ' ')} ({offsetLabel(zone, now)})
          </p>
          {errors.range && (
            <p className="field-error" id={`${id}-range-error`} role="alert" data-testid="field-error">
              {errors.range}
            </p>
          )}
        </fieldset>
      )}
      <button type="submit" className="visually-hidden-submit" tabIndex={-1} aria-hidden="true">
        Apply
      </button>
    </form>
  );
}

export function ActiveFilters({ filters, onChange, zone, count }: { filters: Filters; onChange: (f: Filters) => void; zone: string; count?: ReactNode }) {
  const active = activeFilters(filters, (iso) => shortDateTime(iso, zone));
  return (
    <div className="active-filters" aria-label="Active filters" role="region" data-testid="active-filters">
      <span className="active-count">{count}</span>
      {active.length > 0 && (
        <>
          <ul className="active-list">
            {active.map((a) => (
              <li key={a.field}>
                <button type="button" className="active-chip" onClick={() => onChange(a.without)} aria-label={`Remove filter ${a.label}`} title={a.field === 'range' && filters.since ? absoluteTime(filters.since, zone) : undefined}>
                  <span>{a.label}</span>
                  <CloseIcon size={12} />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => onChange(EMPTY_FILTERS)} data-testid="reset-filters">
            Reset
          </button>
        </>
      )}
    </div>
  );
}
