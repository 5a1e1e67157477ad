import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, DEFAULT_CONFIG, normalizeConfig } from './client';

describe('runtime config', () => {
  it('treats a missing or empty api_base as this origin', () => {
    expect(normalizeConfig({ api_base: '' }).api_base).toBe('');
    expect(normalizeConfig({}).api_base).toBe('');
    expect(normalizeConfig(null)).toEqual(DEFAULT_CONFIG);
    expect(normalizeConfig({ api_base: 'https://api.example.com/' }).api_base).toBe('https://api.example.com');
  });

  it('keeps an OIDC issuer only when it names one', () => {
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', scope: 'openid' } }).oidc).toEqual({
      issuer: 'https://id.example.com',
      client_id: 'dash',
      scope: 'openid',
    });
    expect(normalizeConfig({ oidc: { issuer: '' } }).oidc).toBeNull();
    expect(normalizeConfig({ oidc: null }).oidc).toBeNull();
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com/', client_id: 'dash' } }).oidc).toEqual({
      issuer: 'https://id.example.com',
      client_id: 'dash',
    });
  });

  it('reads logout_url, a complete URL, for an issuer without end_session_endpoint', () => {
    const logout = 'https://xm.auth.eu-west-1.amazoncognito.com/logout?client_id=dash&logout_uri=https%3A%2F%2Fd1.cloudfront.net%2F';
    expect(normalizeConfig({ oidc: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x', client_id: 'dash', logout_url: logout } }).oidc?.logout_url).toBe(logout);
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', logout_url: '/logout' } }).oidc?.logout_url).toBeUndefined();
    expect(normalizeConfig({ oidc: { issuer: 'https://id.example.com', client_id: 'dash', logout_url: '' } }).oidc).not.toHaveProperty('logout_url');
  });

  it('accepts sane polling intervals only', () => {
    expect(normalizeConfig({ poll_interval_ms: 500 }).poll_interval_ms).toBe(500);
    expect(normalizeConfig({ poll_interval_ms: 0 }).poll_interval_ms).toBe(DEFAULT_CONFIG.poll_interval_ms);
    expect(normalizeConfig({ poll_interval_ms: '1000' }).poll_interval_ms).toBe(DEFAULT_CONFIG.poll_interval_ms);
  });
});

describe('loading /config.json', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** A fresh copy of the client (its config is read once per page), with fetch answering `answers` in turn. */
  async function clientWith(answers: (() => Promise<Response>)[]) {
    vi.resetModules();
    vi.useFakeTimers();
    const fetch = vi.fn(() => (answers.shift() ?? (() => Promise.reject(new TypeError('no more answers'))))());
    vi.stubGlobal('fetch', fetch);
    return { client: await import('./client'), fetch };
  }

  const json = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  const status = (code: number) => () => Promise.resolve(new Response('busy', { status: code, statusText: code === 503 ? 'Service Unavailable' : '' }));
  const offline = () => Promise.reject(new TypeError('Failed to fetch'));

  it('tries again after failures and then uses the config', async () => {
    const { client, fetch } = await clientWith([status(503), offline, json({ oidc: { issuer: 'https://id.example.com', client_id: 'dash' } })]);
    const loaded = client.loadConfig();
    await vi.runAllTimersAsync();
    expect((await loaded).oidc).toEqual({ issuer: 'https://id.example.com', client_id: 'dash' });
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(await client.loadConfig()).toBe(await loaded);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('says what failed when it keeps failing, and starts over on the next call instead of guessing open reads', async () => {
    const { client, fetch } = await clientWith(Array.from({ length: 4 }, () => status(503)));
    const loaded = client.loadConfig().then(
      () => 'loaded',
      (e: Error) => e,
    );
    await vi.runAllTimersAsync();
    const error = await loaded;
    expect(error).toBeInstanceOf(client.ConfigUnavailable);
    expect((error as Error).message).toBe("The dashboard's configuration (/config.json) could not be loaded: it answered 503 Service Unavailable.");
    expect(fetch).toHaveBeenCalledTimes(client.CONFIG_ATTEMPTS);

    fetch.mockImplementation(json({ oidc: null }));
    const again = client.loadConfig();
    await vi.runAllTimersAsync();
    expect((await again).oidc).toBeNull();
  });

  it('does not ask again for a file that is not JSON', async () => {
    const { client, fetch } = await clientWith([() => Promise.resolve(new Response('<html>', { status: 200 }))]);
    const loaded = client.loadConfig().catch((e: Error) => e.message);
    await vi.runAllTimersAsync();
    expect(await loaded).toContain('it is not valid JSON');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('API errors', () => {
  it('tells an outage from a bad request', () => {
    expect(new ApiError('x', 0, 'network').isOutage).toBe(true);
    expect(new ApiError('x', 503, 'http').isOutage).toBe(true);
    expect(new ApiError('x', 400, 'http').isOutage).toBe(false);
    expect(new ApiError('x', 404, 'http').isOutage).toBe(false);
  });
});
