/**
 * The one way the dashboard talks to the API. It reads /config.json once, builds every URL from
 * its `api_base`, turns error answers into ApiError and tells listeners whether the API is
 * reachable. With sign-in (an issuer in the config) every request carries the reader's bearer
 * token, and a 401 leads to one renewal and one retry before the app signs in again; the views
 * know nothing of it.
 */
import type {
  Engagement,
  FeedPage,
  Health,
  LatestKey,
  NarrativeShiftPage,
  PostDetail,
  Trends,
  WatchAccount,
  WindowSummaryPage,
} from './types';

export interface OidcConfig {
  issuer: string;
  client_id: string;
  scope?: string;
  /** A complete URL to sign out at, for an issuer whose end-session endpoint takes other parameters than OpenID Connect's (Cognito). */
  logout_url?: string;
  /** The issuer's token revocation endpoint, for an issuer whose discovery document does not name it. */
  revocation_url?: string;
}

export interface RuntimeConfig {
  /** Origin (and path prefix) of the API; empty or missing means this page's origin. */
  api_base: string;
  /** When present, reads need a token from this issuer (authorization code + PKCE). */
  oidc?: OidcConfig | null;
  /** How often to ask /v1/feed/latest for new posts while the tab is visible. */
  poll_interval_ms: number;
  /** How often to check /v1/health while all is well. */
  health_interval_ms: number;
  /** How often to try again while the API is unreachable. */
  retry_interval_ms: number;
}

export const DEFAULT_CONFIG: RuntimeConfig = {
  api_base: '',
  oidc: null,
  poll_interval_ms: 15_000,
  health_interval_ms: 30_000,
  retry_interval_ms: 3_000,
};

const positive = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 100 ? value : fallback;

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The issuer and client, when the config names both (an issuer without a client cannot sign in). */
function normalizeOidc(raw: unknown): OidcConfig | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const issuer = nonEmpty(o.issuer)?.replace(/\/+$/, '');
  const clientId = nonEmpty(o.client_id);
  if (!issuer || !clientId) return null;
  const oidc: OidcConfig = { issuer, client_id: clientId };
  const scope = nonEmpty(o.scope);
  if (scope) oidc.scope = scope;
  const logoutUrl = nonEmpty(o.logout_url);
  if (logoutUrl && /^https?:\/\//i.test(logoutUrl)) oidc.logout_url = logoutUrl;
  const revocationUrl = nonEmpty(o.revocation_url);
  if (revocationUrl && /^https?:\/\//i.test(revocationUrl)) oidc.revocation_url = revocationUrl;
  return oidc;
}

/** A runtime config from whatever /config.json held, with defaults for what it lacks. */
export function normalizeConfig(raw: unknown): RuntimeConfig {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    api_base: typeof c.api_base === 'string' ? c.api_base.trim().replace(/\/+$/, '') : '',
    oidc: normalizeOidc(c.oidc),
    poll_interval_ms: positive(c.poll_interval_ms, DEFAULT_CONFIG.poll_interval_ms),
    health_interval_ms: positive(c.health_interval_ms, DEFAULT_CONFIG.health_interval_ms),
    retry_interval_ms: positive(c.retry_interval_ms, DEFAULT_CONFIG.retry_interval_ms),
  };
}

/** /config.json could not be read: without it the dashboard cannot know whether (or where) to sign in. */
export class ConfigUnavailable extends Error {
  constructor(reason: string) {
    super(`The dashboard's configuration (/config.json) could not be loaded: ${reason}.`);
    this.name = 'ConfigUnavailable';
  }
}

/** Attempts at /config.json before the dashboard says it could not start, and the first pause between them. */
export const CONFIG_ATTEMPTS = 4;
const CONFIG_RETRY_MS = 500;

async function fetchConfig(): Promise<RuntimeConfig> {
  let reason = '';
  for (let attempt = 0; attempt < CONFIG_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, CONFIG_RETRY_MS * 2 ** (attempt - 1)));
    let response: Response;
    try {
      response = await fetch('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } });
    } catch {
      reason = 'the server did not answer';
      continue;
    }
    if (!response.ok) {
      reason = `it answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      continue;
    }
    try {
      return normalizeConfig(await response.json());
    } catch {
      // The same file again would not read better.
      throw new ConfigUnavailable('it is not valid JSON');
    }
  }
  throw new ConfigUnavailable(reason);
}

let config: RuntimeConfig | null = null;
let configLoading: Promise<RuntimeConfig> | null = null;

/**
 * The runtime config, fetched once. A failed fetch is tried again a few times, with pauses; if
 * it still fails this rejects with ConfigUnavailable, and the next call starts over. It never
 * guesses: defaults in place of a config that names an issuer would leave the reads unsigned.
 */
export function loadConfig(): Promise<RuntimeConfig> {
  if (config) return Promise.resolve(config);
  configLoading ??= fetchConfig().then(
    (loaded) => (config = loaded),
    (error: unknown) => {
      configLoading = null;
      throw error;
    },
  );
  return configLoading;
}

/** The config once loaded (defaults before). */
export function currentConfig(): RuntimeConfig {
  return config ?? DEFAULT_CONFIG;
}

export type ErrorKind = 'http' | 'network';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: ErrorKind,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The API or the network is down (not a problem with the request itself). */
  get isOutage(): boolean {
    return this.kind === 'network' || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// Reachability, as the last answered request saw it.
export interface Connectivity {
  reachable: boolean;
  /** What went wrong while unreachable. */
  reason: string | null;
  since: number;
}

let connectivity: Connectivity = { reachable: true, reason: null, since: Date.now() };
const listeners = new Set<() => void>();

function setConnectivity(reachable: boolean, reason: string | null) {
  if (connectivity.reachable === reachable && connectivity.reason === reason) return;
  connectivity = { reachable, reason, since: connectivity.reachable === reachable ? connectivity.since : Date.now() };
  listeners.forEach((l) => l());
}

export function subscribeConnectivity(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getConnectivity(): Connectivity {
  return connectivity;
}

type Params = Record<string, string | undefined | null>;

/**
 * What the sign-in gives the API client (nothing without an issuer). The client asks for a token
 * before each request and, on a 401, for one renewal; it reports whether the renewed token was
 * refused again, and when the API accepted one.
 */
export interface AuthHooks {
  /** The bearer token to send; `optional` for open routes (null rather than a sign-in). Throws when a sign-in is needed. */
  token(optional: boolean): Promise<string | null>;
  /**
   * A token other than `rejected`, renewed if need be. Throws when there is none: a sign-in is
   * then under way, or (an error named IssuerUnreachable) the issuer does not answer.
   */
  renew(rejected: string): Promise<string>;
  /** The renewed token was refused as well. */
  rejected(): void;
  /** The API accepted a token on a guarded route. */
  accepted(): void;
}

let authHooks: AuthHooks | null = null;

/** Installs the sign-in; it is asked only when the config names an issuer. */
export function setAuthHooks(hooks: AuthHooks | null) {
  authHooks = hooks;
}

/**
 * Why a request could not get a token: the reader has to sign in (again), or the sign-in service
 * does not answer (an outage like any other: asked again later).
 */
function noToken(error: unknown): ApiError {
  return (error as Error | null)?.name === 'IssuerUnreachable'
    ? new ApiError('The sign-in service does not answer', 0, 'network')
    : new ApiError('Sign-in required', 401, 'http');
}

/**
 * Sends with the reader's token: on a 401, renews once and sends again; when that is refused
 * too, tells the sign-in (which then signs in again). Open routes send a token when there is
 * one and never start a sign-in.
 */
export async function sendAuthorized(
  send: (token: string | null) => Promise<Response>,
  hooks: AuthHooks | null,
  open = false,
): Promise<Response> {
  if (!hooks) return send(null);
  const token = await hooks.token(open).catch((error: unknown) => {
    throw noToken(error);
  });
  const first = await send(token);
  if (open) return first;
  if (first.status !== 401 || !token) {
    if (first.ok && token) hooks.accepted();
    return first;
  }
  const renewed = await hooks.renew(token).catch((error: unknown) => {
    throw noToken(error);
  });
  const second = await send(renewed);
  if (second.status === 401) hooks.rejected();
  else if (second.ok) hooks.accepted();
  return second;
}

interface RequestOptions {
  params?: Params;
  /** A route that needs no token (the health check). */
  open?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Statuses answered without a body that are not errors (e.g. 304). */
  bodiless?: number[];
}

export interface ApiResponse<T> {
  status: number;
  data: T | null;
  etag: string | null;
}

function buildUrl(base: string, path: string, params?: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const qs = query.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string' && body.error) return body.error;
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200) || `${response.status} ${response.statusText}`.trim();
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const { api_base, oidc } = await loadConfig().catch((error: unknown) => {
    throw new ApiError((error as Error).message, 0, 'network');
  });
  const url = buildUrl(api_base, path, options.params);
  const send = (token: string | null) =>
    fetch(url, {
      headers: { accept: 'application/json', ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: options.signal,
      cache: 'no-cache',
    });
  let response: Response;
  try {
    response = await sendAuthorized(send, oidc ? authHooks : null, options.open);
  } catch (error) {
    if (isApiError(error) || options.signal?.aborted) throw error;
    setConnectivity(false, 'The API does not answer');
    throw new ApiError('The API does not answer', 0, 'network');
  }
  if (response.status >= 500) {
    const message = await errorMessage(response);
    setConnectivity(false, `${response.status}: ${message}`);
    throw new ApiError(message, response.status, 'http');
  }
  setConnectivity(true, null);
  const etag = response.headers.get('etag');
  if (options.bodiless?.includes(response.status)) return { status: response.status, data: null, etag };
  if (!response.ok) throw new ApiError(await errorMessage(response), response.status, 'http');
  return { status: response.status, data: (await response.json()) as T, etag };
}

async function get<T>(path: string, params?: Params, signal?: AbortSignal, open = false): Promise<T> {
  return (await request<T>(path, { params, signal, open })).data as T;
}

export type FeedParams = Record<string, string>;

export const api = {
  health: async (signal?: AbortSignal) => {
    const health = await get<Health>('/v1/health', undefined, signal, true);
    // The API answers but cannot read: as good as down for the dashboard.
    if (health.database === 'error') setConnectivity(false, 'The API cannot reach its database');
    return health;
  },

  feed: (params: FeedParams, signal?: AbortSignal) => get<FeedPage>('/v1/feed', params, signal),

  /** The newest key for the filters; with the ETag of an earlier answer, 304 when unchanged. */
  latest: (params: FeedParams, etag: string | null, signal?: AbortSignal) =>
    request<LatestKey>('/v1/feed/latest', {
      params,
      signal,
      headers: etag ? { 'if-none-match': etag } : {},
      bodiless: [304],
    }),

  post: (statusId: string, signal?: AbortSignal) =>
    get<PostDetail>(`/v1/posts/${encodeURIComponent(statusId)}`, undefined, signal),

  watchAccounts: (tier?: string, signal?: AbortSignal) =>
    get<{ items: WatchAccount[] }>('/v1/watch-accounts', { tier }, signal),

  trends: (params: FeedParams, signal?: AbortSignal) => get<Trends>('/v1/trends', params, signal),

  engagement: (params: FeedParams, signal?: AbortSignal) => get<Engagement>('/v1/engagement', params, signal),

  windowSummaries: (params: FeedParams, signal?: AbortSignal) => get<WindowSummaryPage>('/v1/window-summaries', params, signal),

  narrativeShifts: (params: FeedParams, signal?: AbortSignal) => get<NarrativeShiftPage>('/v1/narrative-shifts', params, signal),
};
