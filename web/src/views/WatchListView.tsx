import { ErrorState } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useZone } from '../lib/zone';
import { Link } from 'wouter';
import { useWatchAccounts } from '../api/queries';
import { TIERS, type WatchAccount } from '../api/types';
import { Avatar, TierBadge } from '../components/Badges';
import { ExternalIcon, InboxIcon } from '../components/Icons';
import { BlockSkeleton } from '../components/Skeletons';
import { bareHandle, formatHandle, shortDate } from '../lib/format';

const TIER_NOTES: Record<string, string> = {
  teammate: 'People on the team',
  influencer: 'Voices with reach',
  ecosystem: 'Builders and projects around us',
  investor: 'Funds and angels',
};

export function WatchListView() {
  const query = useWatchAccounts();
  usePageTitle('Watch list');
  const [, zone] = useZone();
  const byTier = new Map<string, WatchAccount[]>();
  for (const a of query.data?.items ?? []) {
    const list = byTier.get(a.tier) ?? [];
    list.push(a);
    byTier.set(a.tier, list);
  }
  const tiers = [...TIERS.filter((t) => byTier.has(t)), ...[...byTier.keys()].filter((t) => !(TIERS as readonly string[]).includes(t))];
  return (
    <section className="page" aria-labelledby="watch-title">
      <div className="page-heading">
        <h1 id="watch-title">Watch list</h1>
        <p className="muted">
          {query.data ? `${query.data.items.length} accounts in ${tiers.length} tiers.` : 'The accounts the collector follows, by tier.'}
        </p>
      </div>
      {query.isPending && <div className="card"><BlockSkeleton lines={8} label="Loading watch list" /></div>}
      {query.isError && (
        <ErrorState title="The watch list could not be loaded" error={query.error} action={{ label: 'Try again', onClick: () => void query.refetch(), pending: query.isFetching }} />
      )}
      {query.data && query.data.items.length === 0 && (
        <div className="empty-state">
          <InboxIcon size={32} />
          <h2>No accounts watched</h2>
        </div>
      )}
      <div className="tier-grid">
        {tiers.map((tier) => {
          const accounts = [...byTier.get(tier)!].sort((a, b) => a.handle.localeCompare(b.handle));
          return (
            <section key={tier} className="card tier-card" aria-labelledby={`tier-${tier}`} data-testid="watch-tier" data-tier={tier}>
              <header className="tier-card-head">
                <h2 id={`tier-${tier}`}>
                  <TierBadge tier={tier as WatchAccount['tier']} /> <span className="tier-total">{accounts.length}</span>
                </h2>
                <p className="muted small">{TIER_NOTES[tier] ?? ''}</p>
              </header>
              <ul className="account-list">
                {accounts.map((a) => (
                  <li key={a.handle} className="account" data-testid="watch-account">
                    <Avatar handle={a.handle} size={32} />
                    <div className="account-main">
                      <Link href={`/?handle=${encodeURIComponent(bareHandle(a.handle))}`} className="account-handle" title={`Posts by ${formatHandle(a.handle)}`}>
                        {formatHandle(a.handle)}
                      </Link>
                      <span className="muted small">{a.note ? `${a.note} · ` : ''}watched since {shortDate(a.added_at, zone)}</span>
                    </div>
                    <a className="icon-button" href={`https://x.com/${encodeURIComponent(bareHandle(a.handle))}`} target="_blank" rel="noopener noreferrer" aria-label={`${formatHandle(a.handle)} on X`}>
                      <ExternalIcon size={15} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
