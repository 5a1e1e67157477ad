import { bareHandle } from '../lib/format';
import type { Tier } from '../api/types';
import { CheckIcon, SparkIcon } from './Icons';

export function TierBadge({ tier }: { tier: Tier | null }) {
  if (!tier) return <span className="badge badge-muted">unlisted</span>;
  return (
    <span className={`badge tier tier-${tier}`} data-tier={tier}>
      {tier}
    </span>
  );
}

export function SignificantBadge({ reason }: { reason: string | null }) {
  return (
    <span className="badge badge-significant" data-testid="significant-badge" title={reason ? `Significant: ${reason}` : undefined}>
      <SparkIcon size={12} />
      <span>Significant</span>
      {reason && <span className="badge-reason"> · {reason}</span>}
    </span>
  );
}

export function ReportedBadge({ title }: { title?: string }) {
  return (
    <span className="badge badge-reported" title={title} data-testid="reported-badge">
      <CheckIcon size={12} />
      <span>Reported</span>
    </span>
  );
}

/** A round initial for an account (no images are fetched). */
export function Avatar({ handle, size = 40 }: { handle: string; size?: number }) {
  let hash = 0;
  for (const ch of handle) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.42, ['--avatar-hue' as string]: hash % 360 }} aria-hidden="true">
      {(bareHandle(handle)[0] ?? '?').toUpperCase()}
    </span>
  );
}
