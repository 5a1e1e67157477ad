import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';
import { compactNumber, relativeTime, windowLabel } from './format';

describe('highlight', () => {
  it('marks every case-insensitive occurrence', () => {
    expect(highlightSegments('Blob fees: blob FEES!', 'blob fees')).toEqual([
      { text: 'Blob fees', match: true },
      { text: ': ', match: false },
      { text: 'blob FEES', match: true },
      { text: '!', match: false },
    ]);
  });

  it('treats the term literally', () => {
    expect(highlightSegments('a.b a+b (x)', 'a+b')).toEqual([
      { text: 'a.b ', match: false },
      { text: 'a+b', match: true },
      { text: ' (x)', match: false },
    ]);
    expect(highlightSegments('cost $5 (est.)', '(est.)').filter((s) => s.match).map((s) => s.text)).toEqual(['(est.)']);
  });

  it('leaves text alone without a term or a match', () => {
    expect(highlightSegments('hello', '  ')).toEqual([{ text: 'hello', match: false }]);
    expect(highlightSegments('hello', 'zz')).toEqual([{ text: 'hello', match: false }]);
    expect(highlightSegments('', 'x')).toEqual([]);
  });

  it('keeps text intact around non-ASCII', () => {
    const segs = highlightSegments('Straße ÜBER über 🚀 über', 'über');
    expect(segs.map((s) => s.text).join('')).toBe('Straße ÜBER über 🚀 über');
    expect(segs.filter((s) => s.match)).toHaveLength(3);
  });
});

describe('formats', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('says how long ago', () => {
    expect(relativeTime('2026-11-27T11:59:50Z', now, 'UTC')).toBe('just now');
    expect(relativeTime('2026-11-27T11:55:00Z', now, 'UTC')).toBe('5m ago');
    expect(relativeTime('2026-11-27T09:00:00Z', now, 'UTC')).toBe('3h ago');
    expect(relativeTime('2026-11-25T12:00:00Z', now, 'UTC')).toBe('2d ago');
    expect(relativeTime('2026-11-01T12:00:00Z', now, 'UTC')).toContain('2026');
  });
  it('compacts counts and names windows', () => {
    expect(compactNumber(1234)).toBe('1.2K');
    expect(compactNumber(12)).toBe('12');
    expect(windowLabel('rolling_2h')).toBe('Last 2 hours');
    expect(windowLabel('rolling_1d')).toBe('Last 1 day');
    expect(windowLabel('weekly_digest')).toBe('weekly digest');
  });
});

describe('handles', () => {
  it('show one "@" whatever the source sent, and a display name only when it says more than the handle', async () => {
    const { bareHandle, displayName, formatHandle } = await import('./format');
    for (const raw of ['alice', '@alice', '@@alice', ' alice ']) {
      expect(formatHandle(raw)).toBe('@alice');
      expect(bareHandle(raw)).toBe('alice');
    }
    expect(displayName('@alice', 'alice')).toBeNull();
    expect(displayName('alice', '@alice')).toBeNull();
    expect(displayName('  ', 'alice')).toBeNull();
    expect(displayName(null, 'alice')).toBeNull();
    expect(displayName('Alice Liddell', 'alice')).toBe('Alice Liddell');
  });
});
