import { ErrorState, OlderPageError } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useShifts } from '../api/queries';
import type { BasisWindow, NarrativeShift } from '../api/types';
import { InboxIcon } from '../components/Icons';
import { BlockSkeleton } from '../components/Skeletons';
import { asObject, entryChange, entryLabel } from '../lib/entries';
import { absoluteTime, fullNumber, shortDateTime, timeOfDay, windowLabel, windowLength } from '../lib/format';
import { feedForWindow } from './SummariesView';

function Change({ entry }: { entry: unknown }) {
  const change = entryChange(entry);
  if (!change) return null;
  return (
    <span className="theme-count" aria-label={change.previous === null ? `${change.now} posts` : `from ${change.previous} to ${change.now} posts`}>
      {change.previous === null ? fullNumber(change.now) : `${fullNumber(change.previous)} → ${fullNumber(change.now)}`}
    </span>
  );
}

function Themes({ entries, direction }: { entries: unknown[]; direction: 'up' | 'down' }) {
  if (entries.length === 0) return <p className="muted small">None.</p>;
  return (
    <ul className="theme-list">
      {entries.map((entry, i) => (
        <li key={i} className={`theme-chip shift-${direction}`}>
          <span aria-hidden="true">{direction === 'up' ? '▲' : '▼'}</span>
          <span>{entryLabel(entry)}</span>
          <Change entry={entry} />
        </li>
      ))}
    </ul>
  );
}

/** Each position's sides before and now, when the collector sends them as counts; else as given. */
function Positions({ positions }: { positions: Record<string, unknown> }) {
  const entries = Object.entries(positions ?? {});
  if (entries.length === 0) return null;
  return (
    <section>
      <h3>Positions</h3>
      <ul className="position-list">
        {entries.map(([question, value]) => {
          const before = asObject(asObject(value).before);
          const now = asObject(asObject(value).now);
          const sides = [...new Set([...Object.keys(before), ...Object.keys(now)])];
          return (
            <li key={question}>
              <strong>{question}</strong>
              {sides.length > 0 ? (
                <ul className="position-sides">
                  {sides.map((side) => (
                    <li key={side}>
                      <span>{side}</span>
                      <span className="theme-count">
                        {typeof before[side] === 'number' ? fullNumber(before[side]) : '–'} → {typeof now[side] === 'number' ? fullNumber(now[side]) : '–'}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">{typeof value === 'string' ? value : JSON.stringify(value)}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function BasisWindows({ windows, zone }: { windows: BasisWindow[]; zone: string }) {
  if (windows.length === 0) return <p className="muted small">The summaries it was computed from are not stored.</p>;
  return (
    <ul className="basis-windows" data-testid="basis-windows">
      {windows.map((w) => (
        <li key={w.summary_key}>
          <Link href={feedForWindow(w.window_start, w.window_end)} className="basis-window" title={`${absoluteTime(w.window_start, zone)} – ${absoluteTime(w.window_end, zone)}: its posts in the feed`}>
            <span>{shortDateTime(w.window_start, zone)}–{timeOfDay(w.window_end, zone)}</span>
            <span className="muted small">{fullNumber(w.post_count)} posts</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function ShiftCard({ shift, zone }: { shift: NarrativeShift; zone: string }) {
  const titleId = `shift-${shift.shift_key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li className="shift" data-testid="shift" data-shift-key={shift.shift_key}>
      <div className="shift-when" aria-hidden="true">
        <span className="shift-dot" />
        <time dateTime={shift.period_end}>{shortDateTime(shift.period_end, zone)}</time>
      </div>
      <article className="card shift-card" aria-labelledby={titleId}>
        <header className="summary-head">
          <div>
            <h2 id={titleId}>
              {shortDateTime(shift.period_start, zone)} – {shortDateTime(shift.period_end, zone)}
            </h2>
            <p className="muted small">
              Compared across {windowLength(shift.basis_window_type)} windows · generated {shortDateTime(shift.generated_at, zone)}
            </p>
          </div>
          <Link href={feedForWindow(shift.period_start, shift.period_end)} className="button button-secondary button-small">
            Posts in the feed
          </Link>
        </header>
        <p className="summary-text" data-testid="shift-text">{shift.summary_text}</p>
        <div className="shift-themes">
          <section>
            <h3>Emerging</h3>
            <Themes entries={shift.emerging_themes ?? []} direction="up" />
          </section>
          <section>
            <h3>Declining</h3>
            <Themes entries={shift.declining_themes ?? []} direction="down" />
          </section>
        </div>
        {shift.debate_intensity?.length > 0 && (
          <section>
            <h3>Debate intensity</h3>
            <ul className="debate-list">
              {shift.debate_intensity.map((d, i) => (
                <li key={i}>
                  <span>{entryLabel(d)}</span> <Change entry={d} />
                </li>
              ))}
            </ul>
          </section>
        )}
        <Positions positions={shift.position_shifts} />
        <section>
          <h3>Basis windows ({shift.basis_windows.length})</h3>
          <BasisWindows windows={shift.basis_windows} zone={zone} />
        </section>
      </article>
    </li>
  );
}

/** Narrative shifts as a timeline, newest period first, each with the windows it compares. */
export function ShiftsView({ zone }: { zone: string }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const basis = new URLSearchParams(search).get('basis_window_type')?.trim() || null;
  const shifts = useShifts(basis);
  usePageTitle('Narrative shifts', basis ? [windowLength(basis)] : []);
  const items = useMemo(() => shifts.data?.pages.flatMap((p) => p.items) ?? [], [shifts.data]);
  const types = [...new Set([...(basis ? [basis] : []), ...items.map((s) => s.basis_window_type)])];
  return (
    <section className="page" aria-labelledby="shifts-title">
      <div className="page-heading trends-heading">
        <div>
          <h1 id="shifts-title">Narrative shifts</h1>
          <p className="muted">How the conversation moved from one period to the next, newest first.</p>
        </div>
        {types.length > 1 || basis ? (
          <div className="segmented" role="radiogroup" aria-label="Basis windows">
            {[null, ...types].map((type) => (
              <label key={type ?? 'all'} className={basis === type ? 'is-selected' : ''}>
                <input
                  type="radio"
                  name="shift-basis"
                  checked={basis === type}
                  onChange={() => navigate(type ? `/shifts?${new URLSearchParams({ basis_window_type: type }).toString()}` : '/shifts')}
                />
                <span>{type ? windowLabel(type).replace(/^Last /, '') : 'All'}</span>
              </label>
            ))}
          </div>
        ) : null}
      </div>
      {shifts.isPending && <div className="card"><BlockSkeleton lines={8} label="Loading narrative shifts" /></div>}
      {shifts.isError && items.length === 0 && (
        <ErrorState title="Narrative shifts could not be loaded" error={shifts.error} action={{ label: 'Try again', onClick: () => void shifts.refetch(), pending: shifts.isFetching }} />
      )}
      {shifts.isSuccess && items.length === 0 && (
        <div className="empty-state">
          <InboxIcon size={32} />
          <h2>No narrative shifts yet</h2>
          <p>Shifts appear here once the collector has compared enough windows.</p>
        </div>
      )}
      {items.length > 0 && (
        <ol className="shift-timeline" data-testid="shift-timeline">
          {items.map((s) => (
            <ShiftCard key={s.shift_key} shift={s} zone={zone} />
          ))}
        </ol>
      )}
      {items.length > 0 && (
        <div className="feed-end">
          {shifts.olderFailure ? null : shifts.hasNextPage ? (
            <button type="button" className="button button-secondary" onClick={() => void shifts.fetchOlder()} disabled={shifts.isFetchingNextPage}
              data-testid="shifts-older">
              {shifts.isFetchingNextPage ? 'Loading…' : 'Older shifts'}
            </button>
          ) : (
            <p className="feed-done" data-testid="shifts-end">That’s every shift: {fullNumber(items.length)}.</p>
          )}
          {shifts.olderFailure && (
            <OlderPageError items="shifts" error={shifts.olderFailure.error} retry={() => void shifts.fetchOlder()} retrying={shifts.isFetchingNextPage} restart={shifts.restart} />
          )}
        </div>
      )}
    </section>
  );
}
