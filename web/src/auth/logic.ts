/**
 * The pure parts of signing in: where to come back to, who is signed in, when to renew, what an
 * issuer's error means, and how many sign-in round trips in a row are too many. Nothing here
 * loads the OpenID Connect library; the open dashboard (no issuer) never runs any of it.
 */

import { CALLBACK_PATH } from './paths';

export { CALLBACK_PATH };

/**
 * A path (with query) of this app that is safe to go to after signing in: same origin, never the
 * callback itself. Anything else becomes "/".
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string') return '/';
  const path = value.trim();
  // Only an absolute path of this origin: not "//host", not "/\host", no scheme, no control characters.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  let parsed: URL;
  try {
    parsed = new URL(path, 'https://app.invalid');
  } catch {
    return '/';
  }
  if (parsed.origin !== 'https://app.invalid') return '/';
  if (parsed.pathname === CALLBACK_PATH || parsed.pathname.startsWith(`${CALLBACK_PATH}/`)) return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The view the reader is on now (path, filters and open post), to come back to after signing in. */
export function returnPathOf(location: { pathname: string; search: string; hash?: string }): string {
  return safeReturnPath(`${location.pathname}${location.search}${location.hash ?? ''}`);
}

/** The claims of an ID token the dashboard shows. */
export interface ProfileClaims {
  sub?: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  given_name?: string;
  family_name?: string;
  [claim: string]: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Who is signed in, as the header names them: name, user name, e-mail or subject, in that order. */
export function displayName(profile: ProfileClaims | null | undefined): string {
  if (!profile) return 'Signed in';
  const given = [text(profile.given_name), text(profile.family_name)].filter(Boolean).join(' ');
  return text(profile.name) ?? text(profile.preferred_username) ?? text(profile.email) ?? (given || null) ?? text(profile.sub) ?? 'Signed in';
}

/** What the e-mail and user name add to the name, if anything ("ada@example.com, ada"). */
export function accountExtra(profile: ProfileClaims | null | undefined): string | null {
  const name = displayName(profile);
  const extra = [text(profile?.email), text(profile?.preferred_username)].filter((v): v is string => !!v && v !== name);
  return extra.length ? [...new Set(extra)].join(', ') : null;
}

/** The longer description for a tooltip: the name, and what the e-mail and user name add. */
export function accountDetail(profile: ProfileClaims | null | undefined): string {
  const extra = accountExtra(profile);
  return extra ? `${displayName(profile)} (${extra})` : displayName(profile);
}

/** One or two letters for the avatar. */
export function initials(name: string): string {
  const words = name
    .replace(/@.*$/, '')
    .split(/[\s._-]+/)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  const out = letters.map((w) => Array.from(w)[0] ?? '').join('');
  return (out || '?').toUpperCase();
}

/**
 * How many seconds before expiry to renew a token that lives `lifetimeSeconds`: a quarter of its
 * life, at least one second and at most a minute. An hour's token is renewed a minute early, a
 * 20-second one 5 s early, never right after it arrived.
 */
export function renewMarginSeconds(lifetimeSeconds: number): number {
  if (!Number.isFinite(lifetimeSeconds) || lifetimeSeconds <= 0) return 1;
  return Math.min(60, Math.max(1, lifetimeSeconds / 4));
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until the renewal of a token that expires in `expiresInSeconds` and lives `lifetimeSeconds`. */
export function renewDelayMs(expiresInSeconds: number, lifetimeSeconds: number): number {
  if (!Number.isFinite(expiresInSeconds)) return 0;
  const ms = Math.round((expiresInSeconds - renewMarginSeconds(lifetimeSeconds)) * 1000);
  // A timer cannot wait longer than 2^31-1 ms (it would fire at once); a token living weeks is renewed early.
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

/** A token is as good as expired when it has less than this left: renew before sending it. */
export const EXPIRY_SLACK_SECONDS = 1;

export function isExpired(expiresAt: number | undefined, nowMs: number = Date.now()): boolean {
  return expiresAt !== undefined && expiresAt - nowMs / 1000 <= EXPIRY_SLACK_SECONDS;
}

/** An error the issuer sent back to the callback (RFC 6749 §4.1.2.1), if the query holds one. */
export function callbackError(search: string): { error: string; description: string | null } | null {
  const params = new URLSearchParams(search);
  const error = text(params.get('error'));
  return error ? { error, description: text(params.get('error_description')) } : null;
}

/** Whether the query is an answer from the issuer at all (code or error, with a state). */
export function isCallbackQuery(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

export interface SignInProblem {
  title: string;
  message: string;
  /** The issuer's error code, when it sent one. */
  code: string | null;
  /** What the button that starts over says, when "Try again" would not fit. */
  action?: string;
}

const ISSUER_ERRORS: Record<string, string> = {
  access_denied: 'The sign-in was cancelled or refused.',
  login_required: 'The sign-in service needs you to sign in again.',
  interaction_required: 'The sign-in service needs you to sign in again.',
  consent_required: 'The sign-in service needs your consent first.',
  invalid_request: 'The sign-in service did not accept the request.',
  unauthorized_client: 'The sign-in service does not allow this dashboard to sign in.',
  invalid_scope: 'The sign-in service did not accept the requested scopes.',
  server_error: 'The sign-in service had a problem.',
  temporarily_unavailable: 'The sign-in service is busy or down for a moment.',
};

/** What to tell the reader about a failed sign-in: an issuer error, or anything else thrown. */
export function describeSignInError(error: unknown, search = ''): SignInProblem {
  const fromIssuer =
    error && typeof error === 'object' && typeof (error as { error?: unknown }).error === 'string'
      ? {
          error: (error as { error: string }).error,
          description: text((error as { error_description?: unknown }).error_description),
        }
      : callbackError(search);
  if (fromIssuer) {
    const known = ISSUER_ERRORS[fromIssuer.error] ?? 'The sign-in service answered with an error.';
    const description = fromIssuer.description && fromIssuer.description !== fromIssuer.error ? ` ${fromIssuer.description}` : '';
    return { title: 'Sign-in did not complete', message: `${known}${description}`, code: fromIssuer.error };
  }
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (/failed to fetch|networkerror|load failed|network/i.test(detail)) {
    return { title: 'The sign-in service cannot be reached', message: 'Check the connection and try again.', code: null };
  }
  return {
    title: 'Sign-in did not complete',
    message: detail ? `Signing in failed: ${detail}` : 'Signing in failed.',
    code: null,
  };
}

/**
 * Whether a renewal failed because the issuer could not be reached at all (the browser's fetch
 * failed: offline, DNS, refused) rather than because it said no. Going to its sign-in page would
 * then fail the same way; better to try again later.
 */
export function issuerUnreachable(error: unknown): boolean {
  return error instanceof TypeError;
}

/** The problem shown when signing in keeps ending in 401 from the API. */
export const LOOP_PROBLEM: SignInProblem = {
  title: 'Signed in, but the API does not accept it',
  message: 'Signing in again did not help: the API still refuses the token. Try again, or ask whoever runs XMonitor to check its sign-in settings.',
  code: null,
};

/** The part of the Storage API the guard needs (sessionStorage in the app). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Counts the sign-in round trips the app starts by itself without the API accepting a token in
 * between, across the redirects (hence a store that outlives the page: sessionStorage). More
 * than `max` in a row is a loop: the app stops and asks the reader instead.
 */
export class RedirectGuard {
  static readonly KEY = 'xmonitor.signin.attempts';

  constructor(
    private readonly store: KeyValueStore | null,
    readonly max = 2,
  ) {}

  get attempts(): number {
    try {
      const n = Number(this.store?.getItem(RedirectGuard.KEY) ?? 0);
      return Number.isInteger(n) && n > 0 ? n : 0;
    } catch {
      return 0;
    }
  }

  /** Whether one more automatic round trip may start; counts it when so. */
  allow(): boolean {
    const attempts = this.attempts;
    if (attempts >= this.max) return false;
    this.write(attempts + 1);
    return true;
  }

  /** The API accepted a token, or the reader asked: start counting again. */
  reset() {
    if (this.attempts !== 0) this.write(0);
  }

  private write(n: number) {
    try {
      if (n === 0) this.store?.removeItem(RedirectGuard.KEY);
      else this.store?.setItem(RedirectGuard.KEY, String(n));
    } catch {
      // storage refused (private mode): without it, the in-page guard still stops a loop within one page
    }
  }
}
