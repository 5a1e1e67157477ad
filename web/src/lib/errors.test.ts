import { describe, expect, it } from 'vitest';
import { fieldError } from './errors';

describe('400 message → filter control', () => {
  it.each([
    ['since: not an ISO-8601 timestamp', 'range', 'since'],
    ['until: not an ISO-8601 timestamp', 'range', 'until'],
    ['tier: must be one of teammate, influencer, ecosystem, investor', 'tier', 'tier'],
    ['handle: must be up to 50 X handles separated by spaces', 'handle', 'handle'],
    ['significant: must be true or false', 'significant', 'significant'],
    ['q: must be at most 200 characters without NUL', 'q', 'q'],
  ])('%s', (message, field, param) => {
    const error = fieldError(message);
    expect(error.field).toBe(field);
    expect(error.param).toBe(param);
    expect(error.message).toBe(message);
  });

  it('keeps the detail after the parameter', () => {
    expect(fieldError('handle: must be up to 50 X handles separated by spaces').detail).toBe(
      'must be up to 50 X handles separated by spaces',
    );
  });

  it('has no control for parameters the user does not set', () => {
    expect(fieldError('limit: must be a whole number from 1 to 200')).toMatchObject({ field: null, param: 'limit' });
    expect(fieldError('cursor: not a cursor this feed issued for these filters; start again without it')).toMatchObject({
      field: null,
      param: 'cursor',
    });
    expect(fieldError('constructor: odd')).toMatchObject({ field: null, param: 'constructor' });
  });

  it('leaves messages without a parameter alone', () => {
    expect(fieldError('request body is not JSON')).toEqual({
      field: null,
      param: null,
      detail: 'request body is not JSON',
      message: 'request body is not JSON',
    });
    expect(fieldError('')).toMatchObject({ field: null, param: null });
  });

  it('reads the parameter case-insensitively', () => {
    expect(fieldError('Handle: bad').field).toBe('handle');
  });
});

describe('errorMessage', () => {
  it('shows the message of an error, a string as it is, and anything else as JSON, never [object Object]', async () => {
    const { errorMessage } = await import('./errors');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage({ error: 'bad' })).toBe('{"error":"bad"}');
    expect(errorMessage(undefined)).toBe('Unknown error');
  });
});
