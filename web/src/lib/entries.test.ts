import { describe, expect, it } from 'vitest';
import { entryChange, entryLabel } from './entries';

describe('entries', () => {
  it('names objects by their theme or topic and strings as they are', () => {
    expect(entryLabel({ theme: 'shared sequencing', posts: 3 })).toBe('shared sequencing');
    expect(entryLabel({ topic: 'Burn fees?' })).toBe('Burn fees?');
    expect(entryLabel('zsa')).toBe('zsa');
    expect(entryLabel({ other: 1 })).toBe('{"other":1}');
  });

  it('reads how a count moved', () => {
    expect(entryChange({ theme: 'x', posts: 7, previous: 3 })).toEqual({ previous: 3, now: 7 });
    expect(entryChange({ theme: 'x', count: 2 })).toEqual({ previous: null, now: 2 });
    expect(entryChange('x')).toBeNull();
  });
});
