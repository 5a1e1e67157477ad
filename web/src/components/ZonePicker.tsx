import { useMemo } from 'react';
import { viewerZone } from '../lib/timezone';
import { VIEWER, knownZones, setZoneChoice, useZone } from '../lib/zone';

/** The time zone of every time on the page: the viewer's, UTC, or any IANA zone. */
export function ZonePicker() {
  const [choice] = useZone();
  const own = viewerZone();
  const zones = useMemo(() => knownZones(), []);
  return (
    <label className="zone-picker">
      <span className="sr-only">Time zone</span>
      <select value={choice} onChange={(e) => setZoneChoice(e.target.value)} data-testid="zone-picker" title="Time zone of every time shown">
        <option value={VIEWER}>Local ({own.replace(/_/g, ' ')})</option>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}
