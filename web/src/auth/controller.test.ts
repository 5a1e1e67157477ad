import { describe, expect, it } from 'vitest';
import { ApiError, normalizeConfig, sendAuthorized, type OidcConfig } from '../api/client';
import {
  AuthController,
  SIGNED_OUT_ELSEWHERE,
  SignInRequired,
  type AuthEnvironment,
  type IssuerClient,
  type SessionUser,
  type SignOutChannel,
} from './controller';
import { LOOP_PROBLEM, RedirectGuard } from './logic';
import { MapStore } from './testing';

const OIDC: OidcConfig = { issuer: 'http://127.0.0.1:9/xmonitor', client_id: 'xmonitor-dashboard', scope: 'openid profile email' };
const T0 = 1_800_000_000_000;

/** The tabs of one browser: what one announces, the others hear (as a BroadcastChannel does). */
class FakeBrowser {
  private readonly listeners = new Set<{ tab: FakeTab; signedOut: () => void }>();

  channelFor(tab: FakeTab): SignOutChannel {
    return {
      announce: () => [...this.listeners].filter((l) => l.tab !== tab).forEach((l) => l.signedOut()),
      listen: (signedOut) => {
        const listener = { tab, signedOut };
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    };
  }
}

/** A browser tab: its address, its clock and timers, and the sessionStorage that outlives its redirects. */
class FakeTab {
  url: URL;
  now = T0;
  timers: { fn: () => void; ms: number; id: number }[] = [];
  left: string[] = [];
  private nextTimer = 1;

  constructor(
    path: string,
    readonly store = new MapStore(),
    readonly browser = new FakeBrowser(),
  ) {
    this.url = new URL(path, 'https://dash.example');
  }

  env(): AuthEnvironment {
    return {
      location: () => ({ pathname: this.url.pathname, search: this.url.search, hash: this.url.hash, href: this.url.href }),
      replace: (path) => {
        this.url = new URL(path, this.url);
      },
      assign: (url) => {
        this.left.push(url);
      },
      store: this.store,
      channel: this.browser.channelFor(this),
      now: () => this.now,
      setTimer: (fn, ms) => {
        const id = this.nextTimer++;
        this.timers.push({ fn, ms, id });
        return id;
      },
      clearTimer: (id) => {
        this.timers = this.timers.filter((t) => t.id !== id);
      },
    };
  }

  get path() {
    return `${this.url.pathname}${this.url.search}`;
  }

  /** Runs the timers due by `ms` from now. */
  advance(ms: number) {
    this.now += ms;
    const due = this.timers.filter((t) => t.ms <= ms);
    this.timers = this.timers.filter((t) => t.ms > ms);
    due.forEach((t) => t.fn());
  }
}

const user = (token: string, lifetimeSeconds: number, now = T0, profile: SessionUser['profile'] = { sub: 'ada', name: 'Ada Lovelace' }): SessionUser => ({
  accessToken: token,
  expiresAt: now / 1000 + lifetimeSeconds,
  profile,
});

/** The issuer as the controller sees it; what it did is recorded. */
class FakeIssuer implements IssuerClient {
  signIns: string[] = [];
  renewals = 0;
  signOuts = 0;
  forgotten = 0;
  completed: string[] = [];
  renewWith: () => Promise<SessionUser> = () => Promise.reject(new Error('no refresh token'));
  callback: (url: string) => Promise<{ user: SessionUser; returnTo: string }> = () => Promise.reject(new Error('no callback'));

  completeSignIn(url: string) {
    this.completed.push(url);
    return this.callback(url);
  }
  beginSignIn(returnTo: string) {
    this.signIns.push(returnTo);
    return new Promise<never>(() => undefined); // the page goes away
  }
  renew() {
    this.renewals += 1;
    return this.renewWith();
  }
  forget() {
    this.forgotten += 1;
    return Promise.resolve();
  }
  signOut() {
    this.signOuts += 1;
    return new Promise<never>(() => undefined);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A controller on `tab`, started with an issuer, back at the callback with `signedIn`. */
async function signedInAt(tab: FakeTab, issuer: FakeIssuer, returnTo: string, signedIn: SessionUser) {
  tab.url = new URL('/signed-in?code=c0de&state=s1', tab.url);
  issuer.callback = async () => ({ user: signedIn, returnTo });
  const controller = new AuthController(async () => issuer, tab.env());
  await controller.start({ oidc: OIDC });
  return controller;
}

/** A fake API: 200 for the tokens it accepts, 401 otherwise; records the Authorization of each request. */
function fakeApi(accepted: Set<string | null>) {
  const sent: (string | null)[] = [];
  const send = async (token: string | null) => {
    sent.push(token);
    return accepted.has(token)
      ? new Response('{"items":[]}', { status: 200, headers: { 'content-type': 'application/json' } })
      : new Response('{"message":"Unauthorized"}', { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
  };
  return { send, sent };
}

describe('without an issuer', () => {
  it('stays off: no sign-in code loaded, no token, requests go out bare', async () => {
    let loads = 0;
    const tab = new FakeTab('/?tier=investor');
    const controller = new AuthController(async () => {
      loads += 1;
      return new FakeIssuer();
    }, tab.env());
    await controller.start(normalizeConfig({ api_base: '', oidc: null }));
    expect(controller.getState().status).toBe('off');
    expect(loads).toBe(0);
    expect(await controller.token(false)).toBeNull();
    const api = fakeApi(new Set([null]));
    // The API client asks no hooks at all when the config names no issuer.
    expect((await sendAuthorized(api.send, null)).status).toBe(200);
    expect(api.sent).toEqual([null]);
    expect(tab.path).toBe('/?tier=investor');
  });

  it('treats an issuer without a client as no issuer', () => {
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com' } }).oidc).toBeNull();
    expect(normalizeConfig({ oidc: 'https://id.example.com' }).oidc).toBeNull();
  });
});

describe('signing in', () => {
  it('goes to the issuer from the view the reader opened, and waits meanwhile', async () => {
    const tab = new FakeTab('/posts/7001?tier=investor&significant=true');
    const issuer = new FakeIssuer();
    const controller = new AuthController(async () => issuer, tab.env());
    const waiting = controller.token(false);
    await controller.start({ oidc: OIDC });
    expect(issuer.signIns).toEqual(['/posts/7001?tier=investor&significant=true']);
    expect(controller.getState().status).toBe('redirecting');
    await expect(waiting).rejects.toBeInstanceOf(SignInRequired);
    // The open health check goes on without a token meanwhile.
    expect(await controller.token(true)).toBeNull();
  });

  it('comes back to the same view with the user and a token', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor&significant=true', user('a1', 20));
    expect(issuer.completed).toEqual(['https://dash.example/signed-in?code=c0de&state=s1']);
    expect(tab.path).toBe('/?tier=investor&significant=true');
    expect(controller.getState()).toMatchObject({ status: 'signed-in', user: { name: 'Ada Lovelace', initials: 'AL' }, problem: null });
    expect(await controller.token(false)).toBe('a1');
    expect(issuer.signIns).toEqual([]);
  });

  it('does not go back anywhere but into the app', async () => {
    const tab = new FakeTab('/');
    const controller = await signedInAt(tab, new FakeIssuer(), '//evil.example/phish', user('a1', 20));
    expect(tab.path).toBe('/');
    expect(controller.getState().status).toBe('signed-in');
  });

  it("shows the issuer's error, back on the view the sign-in started from, and tries again only when asked", async () => {
    const tab = new FakeTab('/signed-in?error=access_denied&error_description=User+cancelled&state=s1');
    const issuer = new FakeIssuer();
    issuer.callback = () =>
      Promise.reject(Object.assign(new Error('User cancelled'), { error: 'access_denied', error_description: 'User cancelled', state: { returnTo: '/?tier=investor' } }));
    const controller = new AuthController(async () => issuer, tab.env());
    await controller.start({ oidc: OIDC });
    expect(controller.getState().status).toBe('error');
    expect(controller.getState().problem).toMatchObject({ code: 'access_denied', title: 'Sign-in did not complete' });
    expect(tab.path).toBe('/?tier=investor');
    expect(issuer.signIns).toEqual([]);
    await expect(controller.token(false)).rejects.toBeInstanceOf(SignInRequired);
    controller.retry();
    expect(issuer.signIns).toEqual(['/?tier=investor']);
  });

  it('starts over from the feed at a callback address without an answer', async () => {
    const tab = new FakeTab('/signed-in');
    const issuer = new FakeIssuer();
    const controller = new AuthController(async () => issuer, tab.env());
    await controller.start({ oidc: OIDC });
    expect(issuer.completed).toEqual([]);
    expect(issuer.signIns).toEqual(['/']);
    expect(controller.getState().status).toBe('redirecting');
  });

  it('reports that the sign-in code could not be loaded', async () => {
    const tab = new FakeTab('/');
    const controller = new AuthController(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')), tab.env());
    await controller.start({ oidc: OIDC });
    expect(controller.getState()).toMatchObject({ status: 'error', problem: { title: 'The sign-in service cannot be reached' } });
  });
});

describe('renewal', () => {
  it('renews on a timer when a quarter of the lifetime is left, and keeps the user', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor', user('a1', 20));
    expect(tab.timers.map((t) => t.ms)).toEqual([15_000]);
    issuer.renewWith = async () => user('a2', 20, tab.now);
    tab.advance(15_000);
    await flush();
    expect(issuer.renewals).toBe(1);
    expect(await controller.token(false)).toBe('a2');
    expect(tab.timers.map((t) => t.ms)).toEqual([15_000]); // the next one
    expect(controller.getState().user?.name).toBe('Ada Lovelace');
    expect(issuer.signIns).toEqual([]);
  });

  it('an hour-long token is renewed a minute before it expires', async () => {
    const tab = new FakeTab('/');
    await signedInAt(tab, new FakeIssuer(), '/', user('a1', 3600));
    expect(tab.timers.map((t) => t.ms)).toEqual([3_540_000]);
  });

  it('a failed timer renewal signs nobody out: the next request renews once more, then signs in again', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor', user('a1', 20));
    issuer.renewWith = () => Promise.reject(Object.assign(new Error('invalid_grant'), { error: 'invalid_grant' }));
    tab.advance(15_000);
    await flush();
    expect(issuer.renewals).toBe(1);
    expect(controller.getState().status).toBe('signed-in');
    expect(await controller.token(false)).toBe('a1'); // 5 s left: still good
    tab.advance(5_000);
    await expect(controller.token(false)).rejects.toBeInstanceOf(SignInRequired);
    expect(issuer.renewals).toBe(2);
    expect(issuer.signIns).toEqual(['/?tier=investor']);
    expect(controller.getState().status).toBe('redirecting');
  });

  it('renews an expired token before sending it (no 401 round trip)', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/', user('a1', 20));
    tab.timers = []; // as if the tab had been asleep
    tab.now += 25_000;
    issuer.renewWith = async () => user('a2', 20, tab.now);
    const api = fakeApi(new Set(['a2']));
    expect((await sendAuthorized(api.send, controller)).status).toBe(200);
    expect(api.sent).toEqual(['a2']);
    expect(issuer.renewals).toBe(1);
  });
});

describe('a 401 from the API', () => {
  it('renews once and sends again', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor', user('a1', 20));
    issuer.renewWith = async () => user('a2', 20, tab.now);
    const api = fakeApi(new Set(['a2']));
    const response = await sendAuthorized(api.send, controller);
    expect(response.status).toBe(200);
    expect(api.sent).toEqual(['a1', 'a2']);
    expect(issuer.renewals).toBe(1);
    expect(issuer.signIns).toEqual([]);
  });

  it('renews once for many requests refused at the same time', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/', user('a1', 20));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    issuer.renewWith = async () => {
      await gate;
      return user('a2', 20, tab.now);
    };
    const api = fakeApi(new Set(['a2']));
    const all = Promise.all([1, 2, 3, 4].map(() => sendAuthorized(api.send, controller)));
    await flush();
    release();
    expect((await all).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(issuer.renewals).toBe(1);
    // A request refused with the old token after the renewal takes the new one without renewing again.
    expect(await controller.renew('a1')).toBe('a2');
    expect(issuer.renewals).toBe(1);
  });

  it('signs in again, from the same view, when the renewal fails', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/posts/7001?tier=investor', user('a1', 20));
    issuer.renewWith = () => Promise.reject(Object.assign(new Error('refresh token expired'), { error: 'invalid_grant' }));
    const api = fakeApi(new Set(['a2']));
    const error = await sendAuthorized(api.send, controller).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(api.sent).toEqual(['a1']);
    expect(issuer.signIns).toEqual(['/posts/7001?tier=investor']);
    expect(controller.getState()).toMatchObject({ status: 'redirecting', user: null });
  });

  it('does not leave for the issuer when the issuer does not answer: an outage, tried again later', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor', user('a1', 20));
    issuer.renewWith = () => Promise.reject(new TypeError('Failed to fetch'));
    const api = fakeApi(new Set(['a2']));
    const error = await sendAuthorized(api.send, controller).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isOutage).toBe(true);
    expect(issuer.signIns).toEqual([]);
    expect(controller.getState().status).toBe('signed-in');
    // Back online: the next request renews and goes through.
    issuer.renewWith = async () => user('a2', 20, tab.now);
    expect((await sendAuthorized(api.send, controller)).status).toBe(200);
    expect(api.sent).toEqual(['a1', 'a1', 'a2']);
  });

  it('signs in again when the renewed token is refused too', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?q=launch', user('a1', 20));
    issuer.renewWith = async () => user('a2', 20, tab.now);
    const api = fakeApi(new Set());
    expect((await sendAuthorized(api.send, controller)).status).toBe(401);
    expect(api.sent).toEqual(['a1', 'a2']);
    expect(issuer.renewals).toBe(1);
    expect(issuer.signIns).toEqual(['/?q=launch']);
  });

  it('does not loop: after two sign-ins in a row that the API refuses, it stops and asks', async () => {
    const store = new MapStore();
    const issuer = new FakeIssuer();
    issuer.renewWith = async () => user('renewed', 20);
    const api = fakeApi(new Set());
    // Page 1: no session, off to the issuer.
    const first = new AuthController(async () => issuer, new FakeTab('/?tier=investor', store).env());
    await first.start({ oidc: OIDC });
    expect(issuer.signIns).toHaveLength(1);
    // Pages 2 and 3: back from the issuer, but the API refuses every token.
    for (const page of [2, 3]) {
      const controller = await signedInAt(new FakeTab('/', store), issuer, '/?tier=investor', user(`t${page}`, 20));
      expect((await sendAuthorized(api.send, controller)).status).toBe(401);
      if (page === 2) expect(controller.getState().status).toBe('redirecting');
      else expect(controller.getState()).toMatchObject({ status: 'error', problem: LOOP_PROBLEM });
    }
    expect(issuer.signIns).toHaveLength(2);
  });

  it('a token the API accepted clears the count', async () => {
    const tab = new FakeTab('/');
    tab.store.setItem(RedirectGuard.KEY, '1');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/', user('a1', 20));
    const api = fakeApi(new Set(['a1']));
    await sendAuthorized(api.send, controller);
    expect(tab.store.map.has(RedirectGuard.KEY)).toBe(false);
  });

  it('on an open route, sends the token it has and never signs in', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/', user('a1', 20));
    const api = fakeApi(new Set());
    expect((await sendAuthorized(api.send, controller, true)).status).toBe(401);
    expect(api.sent).toEqual(['a1']);
    expect(issuer.renewals).toBe(0);
    expect(issuer.signIns).toEqual([]);
  });
});

describe('signing out', () => {
  it('forgets the user and the token at once, then leaves for the issuer', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/?tier=investor', user('a1', 20));
    tab.store.setItem(RedirectGuard.KEY, '1');
    void controller.signOut();
    expect(controller.getState()).toMatchObject({ status: 'signing-out', user: null });
    expect(issuer.signOuts).toBe(1);
    expect(tab.timers).toEqual([]);
    expect(tab.store.map.has(RedirectGuard.KEY)).toBe(false);
    await expect(controller.token(false)).rejects.toBeInstanceOf(SignInRequired);
    await expect(controller.renew('a1')).rejects.toBeInstanceOf(SignInRequired);
  });

  it('a renewal that lands after sign-out does not sign the user back in', async () => {
    const tab = new FakeTab('/');
    const issuer = new FakeIssuer();
    const controller = await signedInAt(tab, issuer, '/', user('a1', 20));
    let release!: () => void;
    issuer.renewWith = () => new Promise((r) => (release = () => r(user('a2', 20, tab.now))));
    tab.advance(15_000);
    void controller.signOut();
    release();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'signing-out', user: null });
  });

  it('signs out every tab of the dashboard: each forgets its tokens, revokes its refresh token and stops reading', async () => {
    const browser = new FakeBrowser();
    const first = new FakeTab('/', new MapStore(), browser);
    const second = new FakeTab('/summaries', new MapStore(), browser);
    const closed = new FakeTab('/watchlist', new MapStore(), browser);
    const firstIssuer = new FakeIssuer();
    const secondIssuer = new FakeIssuer();
    const a = await signedInAt(first, firstIssuer, '/', user('a1', 20));
    const b = await signedInAt(second, secondIssuer, '/summaries', user('b1', 20));
    // A tab still at the sign-in page has nothing to forget.
    const c = new AuthController(async () => new FakeIssuer(), closed.env());
    await c.start({ oidc: OIDC });
    expect(c.getState().status).toBe('redirecting');

    a.signOut();
    expect(firstIssuer.signOuts).toBe(1);
    expect(b.getState()).toEqual({ status: 'error', user: null, problem: SIGNED_OUT_ELSEWHERE });
    expect(secondIssuer.forgotten).toBe(1);
    expect(second.timers).toEqual([]);
    await expect(b.token(false)).rejects.toBeInstanceOf(SignInRequired);
    await expect(b.renew('b1')).rejects.toBeInstanceOf(SignInRequired);
    expect(c.getState().status).toBe('redirecting');
    expect(SIGNED_OUT_ELSEWHERE.action).toBe('Sign in again');

    // Asked, the tab signs in again, from where it was.
    b.retry();
    expect(secondIssuer.signIns).toEqual(['/summaries']);
  });
});
