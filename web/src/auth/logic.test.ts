import { describe, expect, it } from 'vitest';
import {
  RedirectGuard,
  accountDetail,
  callbackError,
  describeSignInError,
  displayName,
  initials,
  isCallbackQuery,
  isExpired,
  issuerUnreachable,
  renewDelayMs,
  renewMarginSeconds,
  returnPathOf,
  safeReturnPath,
} from './logic';
import { MapStore } from './testing';

describe('return path', () => {
  it('keeps the view: path, filters, open post', () => {
    expect(safeReturnPath('/?tier=investor&significant=true')).toBe('/?tier=investor&significant=true');
    expect(safeReturnPath('/posts/7123?tier=teammate&q=launch%20day')).toBe('/posts/7123?tier=teammate&q=launch%20day');
    expect(safeReturnPath('/summaries')).toBe('/summaries');
    expect(returnPathOf({ pathname: '/posts/42', search: '?range=24h', hash: '' })).toBe('/posts/42?range=24h');
  });

  it('never leaves the origin', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'posts/1', '', ' ', '/\nfoo']) {
      expect(safeReturnPath(bad), bad).toBe('/');
    }
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(42)).toBe('/');
    expect(safeReturnPath({ returnTo: '/x' })).toBe('/');
  });

  it('never goes back to the callback', () => {
    expect(safeReturnPath('/signed-in?code=abc&state=def')).toBe('/');
    expect(safeReturnPath('/signed-in/')).toBe('/');
    expect(safeReturnPath('/signed-inside')).toBe('/signed-inside');
  });
});

describe('who is signed in', () => {
  it('prefers name, then user name, e-mail, subject', () => {
    expect(displayName({ sub: 's1', name: 'Ada Lovelace', preferred_username: 'ada', email: 'ada@example.com' })).toBe('Ada Lovelace');
    expect(displayName({ sub: 's1', preferred_username: 'ada', email: 'ada@example.com' })).toBe('ada');
    expect(displayName({ sub: 's1', email: 'ada@example.com' })).toBe('ada@example.com');
    expect(displayName({ sub: 's1', name: '  ' })).toBe('s1');
    expect(displayName({ sub: 's1', given_name: 'Ada', family_name: 'Lovelace' })).toBe('Ada Lovelace');
    expect(displayName(null)).toBe('Signed in');
  });

  it('adds the e-mail and user name for the tooltip when they say more', () => {
    expect(accountDetail({ sub: 's', name: 'Ada Lovelace', email: 'ada@example.com', preferred_username: 'ada' })).toBe(
      'Ada Lovelace (ada@example.com, ada)',
    );
    expect(accountDetail({ sub: 's', email: 'ada@example.com' })).toBe('ada@example.com');
  });

  it('makes initials for the avatar', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('ada')).toBe('A');
    expect(initials('grace.hopper@example.com')).toBe('GH');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials('')).toBe('?');
  });
});

describe('renewal timing', () => {
  it('renews when a quarter of the lifetime is left, at most a minute early', () => {
    expect(renewMarginSeconds(3600)).toBe(60);
    expect(renewMarginSeconds(20)).toBe(5);
    expect(renewMarginSeconds(30)).toBe(7.5);
    expect(renewMarginSeconds(2)).toBe(1);
    expect(renewDelayMs(3600, 3600)).toBe(3_540_000);
    expect(renewDelayMs(20, 20)).toBe(15_000);
    expect(renewDelayMs(19, 19)).toBe(14_250);
  });

  it('does not renew right away a token that just arrived, even a short one (the library default of 60 s would)', () => {
    for (const lifetime of [5, 10, 20, 30, 59, 60, 61]) {
      expect(renewDelayMs(lifetime, lifetime), `lifetime ${lifetime}`).toBeGreaterThanOrEqual(lifetime * 500);
    }
  });

  it('renews at once what is already late', () => {
    expect(renewDelayMs(2, 20)).toBe(0);
    expect(renewDelayMs(-10, 20)).toBe(0);
    expect(renewDelayMs(Number.NaN, 20)).toBe(0);
  });

  it('never asks for a timer longer than a timer can wait', () => {
    const month = 30 * 24 * 3600;
    expect(renewDelayMs(month, month)).toBe(2 ** 31 - 1);
  });

  it('treats a token with a second or less left as expired', () => {
    const now = 1_000_000_000_000;
    expect(isExpired(now / 1000 + 30, now)).toBe(false);
    expect(isExpired(now / 1000 + 1, now)).toBe(true);
    expect(isExpired(now / 1000 - 5, now)).toBe(true);
    expect(isExpired(undefined, now)).toBe(false);
  });
});

describe('issuer answers at the callback', () => {
  it('reads an error the issuer sent back', () => {
    expect(callbackError('?error=access_denied&error_description=User+cancelled&state=s')).toEqual({
      error: 'access_denied',
      description: 'User cancelled',
    });
    expect(callbackError('?code=abc&state=s')).toBeNull();
    expect(isCallbackQuery('?code=abc&state=s')).toBe(true);
    expect(isCallbackQuery('?error=access_denied&state=s')).toBe(true);
    expect(isCallbackQuery('?code=abc')).toBe(false);
    expect(isCallbackQuery('')).toBe(false);
  });

  it('says what went wrong in words, with the code', () => {
    const problem = describeSignInError({ error: 'access_denied', error_description: 'User cancelled the sign-in' });
    expect(problem.code).toBe('access_denied');
    expect(problem.message).toBe('The sign-in was cancelled or refused. User cancelled the sign-in');
    expect(describeSignInError(new Error('No matching state found in storage'), '?error=access_denied&state=x').code).toBe('access_denied');
    expect(describeSignInError({ error: 'weird_thing' }).message).toBe('The sign-in service answered with an error.');
    expect(describeSignInError(new TypeError('Failed to fetch')).title).toBe('The sign-in service cannot be reached');
    expect(describeSignInError(new Error('State does not match')).message).toBe('Signing in failed: State does not match');
  });
});

describe('a failed renewal', () => {
  it('tells an issuer that does not answer from one that refuses', () => {
    expect(issuerUnreachable(new TypeError('Failed to fetch'))).toBe(true);
    expect(issuerUnreachable(Object.assign(new Error('invalid_grant'), { error: 'invalid_grant' }))).toBe(false);
    expect(issuerUnreachable(new Error('Network timed out'))).toBe(false);
    expect(issuerUnreachable(undefined)).toBe(false);
  });
});

describe('redirect loop guard', () => {
  it('allows two automatic sign-ins in a row, then stops until the API accepts a token', () => {
    const store = new MapStore();
    const guard = new RedirectGuard(store);
    expect(guard.allow()).toBe(true);
    // A new page (after the redirect) reads the same count.
    const afterRedirect = new RedirectGuard(store);
    expect(afterRedirect.attempts).toBe(1);
    expect(afterRedirect.allow()).toBe(true);
    expect(new RedirectGuard(store).allow()).toBe(false);
    new RedirectGuard(store).reset();
    expect(store.map.size).toBe(0);
    expect(new RedirectGuard(store).allow()).toBe(true);
  });

  it('ignores rubbish in the store', () => {
    const store = new MapStore();
    store.setItem(RedirectGuard.KEY, 'lots');
    expect(new RedirectGuard(store).attempts).toBe(0);
  });
});
