import { describe, expect, it } from 'vitest';
import {
  isoToLocalInput,
  localInputToIso,
  offsetLabel,
  parseLocalInput,
  presetSince,
  toLocalInput,
  wallTimeToEpoch,
  zoneOffsetMs,
} from './timezone';

const at = (iso: string) => Date.parse(iso);

describe('zone offsets', () => {
  it('knows standard and daylight time', () => {
    expect(zoneOffsetMs('Europe/Berlin', at('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(zoneOffsetMs('America/New_York', at('2026-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kolkata', at('2026-01-15T12:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kathmandu', at('2026-01-15T12:00:00Z'))).toBe(5.75 * 3_600_000);
    expect(zoneOffsetMs('UTC', at('2026-01-15T12:00:00Z'))).toBe(0);
  });

  it('labels offsets', () => {
    expect(offsetLabel('America/St_Johns', at('2026-01-15T12:00:00Z'))).toBe('UTC−03:30');
    expect(offsetLabel('Asia/Tokyo', at('2026-01-15T12:00:00Z'))).toBe('UTC+09:00');
  });
});

describe('wall time → instant', () => {
  it('reads a plain local time', () => {
    expect(localInputToIso('Europe/Berlin', '2026-11-27T10:00')).toBe('2026-11-27T09:00:00.000Z');
    expect(localInputToIso('America/Los_Angeles', '2026-11-27T10:00')).toBe('2026-11-27T18:00:00.000Z');
    expect(localInputToIso('Asia/Tokyo', '2026-01-01T00:00')).toBe('2025-12-31T15:00:00.000Z');
    expect(localInputToIso('Pacific/Kiritimati', '2026-01-01T00:00')).toBe('2025-12-31T10:00:00.000Z');
  });

  it('moves a time skipped by spring-forward ahead by the gap', () => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    expect(localInputToIso('America/New_York', '2026-03-08T02:30')).toBe('2026-03-08T07:30:00.000Z');
    expect(isoToLocalInput('America/New_York', '2026-03-08T07:30:00.000Z')).toBe('2026-03-08T03:30');
    // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    expect(localInputToIso('Europe/Berlin', '2026-03-29T02:15')).toBe('2026-03-29T01:15:00.000Z');
    expect(localInputToIso('Europe/Berlin', '2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(localInputToIso('Europe/Berlin', '2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier of a time repeated by fall-back', () => {
    // New York, 2026-11-01: 01:00-02:00 happens twice (EDT, then EST).
    expect(localInputToIso('America/New_York', '2026-11-01T01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(isoToLocalInput('America/New_York', '2026-11-01T06:30:00.000Z')).toBe('2026-11-01T01:30');
    // Berlin, 2026-10-25: 02:00-03:00 happens twice.
    expect(localInputToIso('Europe/Berlin', '2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
    // Lord Howe shifts by half an hour.
    expect(localInputToIso('Australia/Lord_Howe', '2026-04-05T01:45')).toBe('2026-04-04T14:45:00.000Z');
  });

  it('round-trips every quarter hour across a DST day', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']) {
      const start = at('2026-03-07T00:00:00Z');
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 15 * 60_000) {
        const input = toLocalInput(zone, ms);
        expect(localInputToIso(zone, input), `${zone} ${input}`).toBe(new Date(ms).toISOString());
      }
    }
  });

  it('reads the second occurrence of a repeated hour as the first', () => {
    const first = at('2026-11-01T05:30:00Z');
    const second = at('2026-11-01T06:30:00Z');
    expect(toLocalInput('America/New_York', first)).toBe(toLocalInput('America/New_York', second));
    expect(localInputToIso('America/New_York', toLocalInput('America/New_York', second))).toBe(new Date(first).toISOString());
  });

  it('rejects malformed inputs', () => {
    expect(parseLocalInput('2026-02-30T10:00')).toBeNull();
    expect(parseLocalInput('2026-13-01T10:00')).toBeNull();
    expect(parseLocalInput('yesterday')).toBeNull();
    expect(localInputToIso('UTC', '')).toBeNull();
    expect(isoToLocalInput('UTC', 'not a date')).toBe('');
    expect(isoToLocalInput('UTC', null)).toBe('');
    expect(parseLocalInput('2026-02-28T23:59:30')).toEqual({ year: 2026, month: 2, day: 28, hour: 23, minute: 59, second: 30 });
  });

  it('accepts wall times with seconds', () => {
    expect(new Date(wallTimeToEpoch('Europe/Paris', { year: 2026, month: 6, day: 1, hour: 12, minute: 0, second: 30 })).toISOString()).toBe(
      '2026-06-01T10:00:30.000Z',
    );
  });
});

describe('presets', () => {
  const now = at('2026-11-27T09:30:15.250Z');

  it('counts hours exactly', () => {
    expect(presetSince('1h', now, 'Europe/Berlin')).toBe('2026-11-27T08:30:15.250Z');
    expect(presetSince('24h', now, 'America/New_York')).toBe('2026-11-26T09:30:15.250Z');
  });

  it('counts days as calendar days in the zone', () => {
    expect(presetSince('7d', now, 'UTC')).toBe('2026-11-20T09:30:15.250Z');
    expect(presetSince('30d', now, 'Asia/Tokyo')).toBe('2026-10-28T09:30:15.250Z');
  });

  it('keeps the wall-clock time across a DST change', () => {
    // 7 days before 2026-11-03 12:00 EST is 2026-10-27 12:00 EDT: 169 hours, not 168.
    const nyNow = at('2026-11-03T17:00:00.000Z');
    expect(presetSince('7d', nyNow, 'America/New_York')).toBe('2026-10-27T16:00:00.000Z');
    expect((nyNow - at(presetSince('7d', nyNow, 'America/New_York'))) / 3_600_000).toBe(169);
    // Across spring-forward in Berlin: 7 days before 2026-04-02 10:00 CEST is 2026-03-26 10:00 CET.
    const berlinNow = at('2026-04-02T08:00:00.000Z');
    expect(presetSince('7d', berlinNow, 'Europe/Berlin')).toBe('2026-03-26T09:00:00.000Z');
    // 24 h stays 24 h across the same change.
    expect(presetSince('24h', at('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toBe('2026-03-28T12:00:00.000Z');
  });

  it('lands a day preset that starts in a gap after the gap', () => {
    // 7 days before 2026-03-15 02:30 EDT is 2026-03-08 02:30, which New York skipped.
    const nyNow = at('2026-03-15T06:30:00.000Z');
    expect(presetSince('7d', nyNow, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(presetSince('30d', at('2026-01-10T05:00:00Z'), 'America/Los_Angeles')).toBe('2025-12-11T05:00:00.000Z');
    expect(presetSince('7d', at('2024-03-03T12:00:00Z'), 'UTC')).toBe('2024-02-25T12:00:00.000Z');
  });
});

describe('independence from the machine’s zone', () => {
  it('gives the same answers whatever TZ the process runs in', () => {
    const original = process.env.TZ;
    const results = new Set<string>();
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Lord_Howe']) {
        process.env.TZ = tz;
        results.add(
          JSON.stringify([
            localInputToIso('Europe/Berlin', '2026-03-29T02:30'),
            localInputToIso('America/New_York', '2026-11-01T01:30'),
            presetSince('7d', at('2026-11-03T17:00:00Z'), 'America/New_York'),
            isoToLocalInput('Asia/Kolkata', '2026-06-01T00:00:00Z'),
          ]),
        );
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(results.size).toBe(1);
  });
});
