import { describe, expect, it } from 'vitest';
import { pageTitle } from './title';

describe('pageTitle', () => {
  it('names the view, the filters in short and the posts waiting', () => {
    expect(pageTitle('Feed')).toBe('Feed — XMonitor');
    expect(pageTitle('Feed', ['Tier: investor', 'Last 24 hours'])).toBe('Feed · Tier: investor, Last 24 hours — XMonitor');
    expect(pageTitle('Feed', [], 3)).toBe('(3) Feed — XMonitor');
    expect(pageTitle('Feed', ['Significant only'], 1200)).toBe('(999+) Feed · Significant only — XMonitor');
  });
});
