/**
 * Sign-in for the dashboard when /config.json names an OpenID Connect issuer: the state the UI
 * shows, the bearer token every API request carries, renewal before expiry, what a 401 leads to
 * and sign-out, in every tab of the dashboard at once. The protocol itself (authorization code +
 * PKCE with a nonce, the refresh grant, revocation, end session) is behind IssuerClient, which
 * the app loads only when there is an issuer (see ./oidc.ts).
 */
import type { AuthHooks, OidcConfig } from '../api/client';
import {
  CALLBACK_PATH,
  LOOP_PROBLEM,
  RedirectGuard,
  accountDetail,
  accountExtra,
  describeSignInError,
  displayName,
  initials,
  isCallbackQuery,
  isExpired,
  issuerUnreachable,
  renewDelayMs,
  returnPathOf,
  safeReturnPath,
  type KeyValueStore,
  type ProfileClaims,
  type SignInProblem,
} from './logic';

/** The tokens of a signed-in reader, as the controller needs them. */
export interface SessionUser {
  accessToken: string;
  /** Epoch seconds; undefined when the issuer did not say. */
  expiresAt?: number;
  profile: ProfileClaims;
}

/** What the controller asks of the issuer. */
export interface IssuerClient {
  /**
   * At the callback URL: the user and the path to go back to. Throws the issuer's error (its
   * `state` then holds `{returnTo}`, the sign-in request's own data), or when the ID token does
   * not carry the nonce this sign-in sent.
   */
  completeSignIn(url: string): Promise<{ user: SessionUser; returnTo: string }>;
  /** Goes to the issuer's sign-in page with a new nonce, remembering `returnTo`; settles only if the page comes back (bfcache). */
  beginSignIn(returnTo: string): Promise<unknown>;
  /** New tokens without the reader: the refresh grant. */
  renew(): Promise<SessionUser>;
  /** Revokes the refresh token where the issuer can, and forgets the tokens; stays on the page. */
  forget(): Promise<void>;
  /** Forgets the tokens (revoking as forget does) and goes to the issuer's end-session page (or the configured logout URL, or "/"). */
  signOut(): Promise<unknown>;
}

/** How the tabs of the dashboard tell each other that the reader signed out (a BroadcastChannel). */
export interface SignOutChannel {
  announce(): void;
  /** Calls `signedOut` when another tab announces; answers the way to stop listening. */
  listen(signedOut: () => void): () => void;
}

/** The state data a sign-in request carries through the issuer. */
export interface SignInState {
  returnTo: string;
}

export type AuthStatus =
  /** /config.json not read yet. */
  | 'pending'
  /** No issuer: reads are open, there is no sign-in at all. */
  | 'off'
  /** Loading the sign-in code, or finishing a sign-in at the callback. */
  | 'starting'
  /** On the way to the issuer's sign-in page. */
  | 'redirecting'
  | 'signed-in'
  | 'signing-out'
  /** Stopped with a problem to show; the reader decides (Try again). */
  | 'error';

export interface AccountView {
  name: string;
  /** E-mail and user name where they add to the name. */
  extra: string | null;
  detail: string;
  initials: string;
}

export interface AuthState {
  status: AuthStatus;
  user: AccountView | null;
  problem: SignInProblem | null;
}

/** Thrown to a request that needs a token while there is none to be had (sign-in under way or stopped). */
export class SignInRequired extends Error {
  constructor() {
    super('Sign-in required');
    this.name = 'SignInRequired';
  }
}

/** Thrown to a request whose token could not be renewed because the issuer does not answer. */
export class IssuerUnreachable extends Error {
  constructor() {
    super('The sign-in service does not answer');
    this.name = 'IssuerUnreachable';
  }
}

export interface AuthEnvironment {
  location(): { pathname: string; search: string; hash: string; href: string };
  /** Replaces the current history entry with a path of the app (the router follows). */
  replace(path: string): void;
  /** Leaves for another page. */
  assign(url: string): void;
  /** Survives the redirects of one tab (sessionStorage). */
  store: KeyValueStore | null;
  /** To the dashboard's other tabs in this browser; null where the browser has no BroadcastChannel. */
  channel: SignOutChannel | null;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(id: unknown): void;
}

/** The name of the channel; every tab of the dashboard's origin hears it. */
export const SIGN_OUT_CHANNEL = 'xmonitor.sign-out';

function broadcastChannel(): SignOutChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(SIGN_OUT_CHANNEL);
  return {
    announce: () => channel.postMessage('signed-out'),
    listen: (signedOut) => {
      const onMessage = (event: MessageEvent) => event.data === 'signed-out' && signedOut();
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

export function browserEnvironment(): AuthEnvironment {
  let store: KeyValueStore | null;
  try {
    store = window.sessionStorage;
  } catch {
    store = null;
  }
  return {
    location: () => window.location,
    replace: (path) => window.history.replaceState(null, '', path),
    assign: (url) => window.location.assign(url),
    store,
    channel: broadcastChannel(),
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (id) => window.clearTimeout(id as number),
  };
}

const LEFT_SIGN_IN: SignInProblem = {
  title: 'You are not signed in',
  message: 'The sign-in page was left before the sign-in finished.',
  code: null,
};

export const SIGNED_OUT_ELSEWHERE: SignInProblem = {
  title: 'You signed out',
  message: 'You signed out of the dashboard in another tab, so this one no longer reads anything either.',
  code: null,
  action: 'Sign in again',
};

export class AuthController implements AuthHooks {
  private state: AuthState = { status: 'pending', user: null, problem: null };
  private readonly listeners = new Set<() => void>();
  private client: IssuerClient | null = null;
  private session: SessionUser | null = null;
  private timer: unknown = null;
  private renewing: Promise<SessionUser> | null = null;
  private readonly guard: RedirectGuard;
  private settle!: () => void;
  /** Resolves once the controller knows whether there is a token (or never will be one). */
  private readonly settled = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    private readonly loadClient: (oidc: OidcConfig) => Promise<IssuerClient>,
    private readonly env: AuthEnvironment,
  ) {
    this.guard = new RedirectGuard(env.store);
    env.channel?.listen(() => this.signedOutElsewhere());
  }

  // The state, for React (useSyncExternalStore).

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AuthState => this.state;

  private set(next: Partial<AuthState>) {
    this.state = { ...this.state, ...next };
    if (this.state.status !== 'pending' && this.state.status !== 'starting') this.settle();
    this.listeners.forEach((l) => l());
  }

  /** Starts once the runtime config is known: nothing at all without an issuer. */
  async start(config: { oidc?: OidcConfig | null }): Promise<void> {
    if (this.state.status !== 'pending') return;
    if (!config.oidc) {
      this.set({ status: 'off' });
      return;
    }
    this.set({ status: 'starting' });
    try {
      this.client = await this.loadClient(config.oidc);
    } catch (error) {
      this.fail(describeSignInError(error));
      return;
    }
    const { pathname, search } = this.env.location();
    if (pathname === CALLBACK_PATH) {
      if (isCallbackQuery(search)) {
        await this.finishSignIn();
        return;
      }
      // The callback address without an answer (a bookmark, a reload): start from the feed.
      this.env.replace('/');
    }
    this.signInAgain();
  }

  private async finishSignIn() {
    const { href, search } = this.env.location();
    try {
      const done = await this.client!.completeSignIn(href);
      this.env.replace(safeReturnPath(done.returnTo));
      this.accept(done.user);
    } catch (error) {
      // Back to the view the sign-in started from (the issuer's answer is in `state`), then say what went wrong.
      const state = (error as { state?: Partial<SignInState> } | null)?.state;
      this.env.replace(safeReturnPath(state?.returnTo));
      this.fail(describeSignInError(error, search));
    }
  }

  private accept(user: SessionUser) {
    this.session = user;
    const profile = user.profile;
    const name = displayName(profile);
    const detail = accountDetail(profile);
    const current = this.state.user;
    // The same reader after a renewal: the same object, so nothing re-renders for it.
    const view = current && current.name === name && current.detail === detail ? current : { name, extra: accountExtra(profile), detail, initials: initials(name) };
    this.set({ status: 'signed-in', user: view, problem: null });
    this.schedule(user);
  }

  /** Renews when a part of the token's life is left (a quarter, at most a minute). */
  private schedule(user: SessionUser) {
    this.cancelTimer();
    if (user.expiresAt === undefined) return;
    const expiresIn = user.expiresAt - this.env.now() / 1000;
    this.timer = this.env.setTimer(() => {
      this.timer = null;
      // A failure here is not final: the next request renews again before it signs in again.
      this.refresh().catch(() => undefined);
    }, renewDelayMs(expiresIn, expiresIn));
  }

  private cancelTimer() {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  private forget() {
    this.cancelTimer();
    this.session = null;
  }

  /** One renewal at a time; every caller waits for the same one. */
  private refresh(): Promise<SessionUser> {
    if (this.state.status !== 'signed-in' || !this.client) return Promise.reject(new SignInRequired());
    this.renewing ??= this.client
      .renew()
      .then((user) => {
        if (this.state.status !== 'signed-in') throw new SignInRequired(); // signed out meanwhile
        this.accept(user);
        return user;
      })
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  private fail(problem: SignInProblem) {
    this.forget();
    this.set({ status: 'error', user: null, problem });
  }

  /** A sign-in round trip the app starts by itself: at most a few in a row without the API accepting a token. */
  private signInAgain() {
    if (this.state.status === 'redirecting' || this.state.status === 'signing-out') return;
    if (!this.guard.allow()) {
      this.fail(LOOP_PROBLEM);
      return;
    }
    this.redirect();
  }

  /** Leaves for the issuer's sign-in page (without waiting: the page goes away). */
  private redirect() {
    this.forget();
    this.set({ status: 'redirecting', user: null, problem: null });
    this.client!.beginSignIn(returnPathOf(this.env.location())).then(
      // Only when the page comes back without a sign-in (back button, page restored from cache).
      () => this.state.status === 'redirecting' && this.fail(LEFT_SIGN_IN),
      (error: unknown) => this.fail(describeSignInError(error)),
    );
  }

  /** "Try again": the reader asks, so the loop guard starts over. */
  retry(): void {
    if (!this.client || this.state.status === 'redirecting' || this.state.status === 'signing-out') return;
    this.guard.reset();
    this.guard.allow();
    this.redirect();
  }

  /** Forgets the user and the token at once, tells the other tabs, then leaves for the issuer's end-session page. */
  signOut(): void {
    if (this.state.status !== 'signed-in' || !this.client) return;
    this.forget();
    this.guard.reset();
    this.set({ status: 'signing-out', user: null, problem: null });
    this.env.channel?.announce();
    // Wherever it fails, the reader is signed out here: the dashboard starts over.
    this.client.signOut().catch(() => this.env.assign('/'));
  }

  /** Another tab signed out: this one forgets its tokens too (revoking its refresh token) and stops reading. */
  private signedOutElsewhere() {
    if (this.state.status !== 'signed-in' || !this.client) return;
    this.forget();
    this.guard.reset();
    this.set({ status: 'error', user: null, problem: SIGNED_OUT_ELSEWHERE });
    // Revoking is the issuer's business; the tab has stopped reading either way.
    this.client.forget().catch(() => undefined);
  }

  // AuthHooks: what the API client asks before and after each request.

  async token(optional: boolean): Promise<string | null> {
    await this.settled;
    if (this.state.status === 'off') return null;
    if (this.state.status === 'signed-in' && this.session) {
      if (!isExpired(this.session.expiresAt, this.env.now())) return this.session.accessToken;
      return optional ? null : this.renewOrSignIn();
    }
    if (optional) return null;
    throw new SignInRequired();
  }

  async renew(rejected: string): Promise<string> {
    if (this.state.status !== 'signed-in' || !this.session) throw new SignInRequired();
    // Another request renewed already: use that token.
    if (this.session.accessToken !== rejected && !isExpired(this.session.expiresAt, this.env.now())) {
      return this.session.accessToken;
    }
    return this.renewOrSignIn();
  }

  /** A renewed token; when the issuer refuses, a new sign-in (and SignInRequired); when it does not answer, IssuerUnreachable. */
  private async renewOrSignIn(): Promise<string> {
    try {
      return (await this.refresh()).accessToken;
    } catch (error) {
      if (issuerUnreachable(error)) throw new IssuerUnreachable();
      this.signInAgain();
      throw new SignInRequired();
    }
  }

  rejected(): void {
    this.signInAgain();
  }

  accepted(): void {
    this.guard.reset();
  }
}
