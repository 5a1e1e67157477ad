import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { currentConfig } from '../api/client';
import { refetchFailed, useHealth } from '../api/queries';
import { absoluteTime } from '../lib/format';
import { useZone } from '../lib/zone';
import { useConnectivity } from '../lib/hooks';
import { AlertIcon, RefreshIcon } from './Icons';

/** A small dot in the header: the API's health, checked now and then. */
export function HealthIndicator() {
  const { reachable } = useConnectivity();
  const health = useHealth(reachable);
  const [, zone] = useZone();
  const h = health.data;
  const state = !reachable || health.isError ? 'down' : !h ? 'unknown' : h.ok && h.database === 'ok' ? 'ok' : 'degraded';
  const label = { ok: 'API healthy', degraded: 'API degraded', down: 'API unreachable', unknown: 'Checking API' }[state];
  const detail = h
    ? `${label} · database ${h.database} · ${h.service} ${h.version} (${h.environment}) · ${h.duration_ms} ms · checked ${absoluteTime(h.timestamp, zone)}`
    : label;
  return (
    <span className={`health health-${state}`} title={detail} data-testid="health" data-state={state} role="status" aria-label={detail}>
      <span className="health-dot" aria-hidden="true" />
      <span className="health-label">{h && state === 'ok' ? h.environment : label.replace('API ', '')}</span>
    </span>
  );
}

/** Shown while the API does not answer (or answers 5xx); goes away by itself once it does. */
export function OutageBanner() {
  const qc = useQueryClient();
  const { reachable, reason } = useConnectivity();
  const was = useRef(reachable);
  useEffect(() => {
    if (reachable && !was.current) refetchFailed(qc);
    was.current = reachable;
  }, [reachable, qc]);
  if (reachable) return null;
  const seconds = Math.max(1, Math.round(currentConfig().retry_interval_ms / 1000));
  return (
    <div className="outage-banner" role="alert" data-testid="outage-banner">
      <AlertIcon size={18} />
      <div>
        <strong>Can’t reach the XMonitor API.</strong> <span>{reason && reason !== 'The API does not answer' ? `${reason}. ` : ''}Trying again every {seconds} s; what you see may be out of date.</span>
      </div>
      <button type="button" className="button button-small" onClick={() => void qc.refetchQueries({ queryKey: ['health'] })}>
        <RefreshIcon size={14} /> Retry now
      </button>
    </div>
  );
}
