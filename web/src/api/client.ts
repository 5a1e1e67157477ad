/**
 * The one way the dashboard talks to the API. It reads /config.json once, builds every URL from
 * its `api_base`, turns error answers into ApiError and tells listeners whether the API is
 * reachable. Sign-in (a bearer token, a 401 handler) belongs here, not in the views.
 */
import type { FeedPage, Health, LatestKey, LatestSummaries, PostDetail, WatchAccount } from './types';

export interface OidcConfig {
  issuer: string;
  client_id: string;
  scope?: string;
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

/** A runtime config from whatever /config.json held, with defaults for what it lacks. */
export function normalizeConfig(raw: unknown): RuntimeConfig {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const oidc = c.oidc as OidcConfig | null | undefined;
  return {
    api_base: typeof c.api_base === 'string' ? c.api_base.trim().replace(/\/+$/, '') : '',
    oidc: oidc && typeof oidc.issuer === 'string' && oidc.issuer ? oidc : null,
    poll_interval_ms: positive(c.poll_interval_ms, DEFAULT_CONFIG.poll_interval_ms),
    health_interval_ms: positive(c.health_interval_ms, DEFAULT_CONFIG.health_interval_ms),
    retry_interval_ms: positive(c.retry_interval_ms, DEFAULT_CONFIG.retry_interval_ms),
  };
}

let config: RuntimeConfig | null = null;
let configLoading: Promise<RuntimeConfig> | null = null;

/** The runtime config, fetched once (a failed fetch is tried again on the next call). */
export function loadConfig(): Promise<RuntimeConfig> {
  if (config) return Promise.resolve(config);
  configLoading ??= fetch('/config.json', { cache: 'no-store', headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) throw new Error(`config.json answered ${response.status}`);
      config = normalizeConfig(await response.json());
      return config;
    })
    .catch(() => {
      configLoading = null;
      return normalizeConfig({});
    });
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

interface RequestOptions {
  params?: Params;
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
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string' && body.error) return body.error;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200) || `${response.status} ${response.statusText}`.trim();
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const { api_base } = await loadConfig();
  let response: Response;
  try {
    response = await fetch(buildUrl(api_base, path, options.params), {
      headers: { accept: 'application/json', ...options.headers },
      signal: options.signal,
      cache: 'no-cache',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
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

async function get<T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { params, signal })).data as T;
}

export type FeedParams = Record<string, string>;

export const api = {
  health: async (signal?: AbortSignal) => {
    const health = await get<Health>('/v1/health', undefined, signal);
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

  summaries: (signal?: AbortSignal) => get<LatestSummaries>('/v1/window-summaries/latest', undefined, signal),

  watchAccounts: (tier?: string, signal?: AbortSignal) =>
    get<{ items: WatchAccount[] }>('/v1/watch-accounts', { tier }, signal),
};
