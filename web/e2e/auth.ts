/**
 * A second local stack for the sign-in tests: `xmonitor local --auth` with short-lived tokens,
 * its own port, data directory and XMONITOR_HOME, beside the suite's open stack. Its local
 * OpenID Connect issuer (mock-oauth2-server) serves the project's sign-in page: any user name signs
 * in (tests add claims through the issuer's hidden claims field). Helpers here watch what the page
 * sends and keeps.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TARGET_DIR, freePort, readState, startStack, stopStack, type StackState } from './stack';

/** The sign-in stack's pid, for the global teardown should a run end before the spec stops it. */
export const AUTH_STATE_FILE = path.join(TARGET_DIR, 'e2e-auth-stack.json');

export interface AuthStack extends StackState {
  issuer: string;
  clientId: string;
  tokenLifetime: number;
  tmp: string;
}

export async function startAuthStack(tokenLifetime: number): Promise<AuthStack> {
  const main = readState();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xmonitor-e2e-auth-'));
  const port = await freePort();
  const log = path.join(TARGET_DIR, 'xmonitor-local-auth.log');
  writeFileSync(log, '');
  const state = await startStack(
    {
      url: `http://127.0.0.1:${port}`,
      port,
      key: `e2e-auth-${Math.random().toString(36).slice(2)}`,
      jar: main.jar,
      java: main.java,
      home: path.join(tmp, 'home'),
      dataDir: path.join(tmp, 'data'),
      webDir: main.webDir,
      log,
      extraArgs: ['--auth', '--token-lifetime', String(tokenLifetime)],
    },
    true,
    240_000,
    { persist: false },
  );
  writeFileSync(AUTH_STATE_FILE, JSON.stringify({ pid: state.pid, tmp }));
  const config = (await (await fetch(`${state.url}/config.json`)).json()) as { oidc: { issuer: string; client_id: string } | null };
  if (!config.oidc) throw new Error(`${state.url}/config.json names no issuer: ${JSON.stringify(config)}`);
  return { ...state, issuer: config.oidc.issuer, clientId: config.oidc.client_id, tokenLifetime, tmp };
}

export async function stopAuthStack(stack: { pid: number; tmp: string } | undefined): Promise<void> {
  if (!stack) return;
  await stopStack(stack.pid);
  rmSync(stack.tmp, { recursive: true, force: true });
  rmSync(AUTH_STATE_FILE, { force: true });
}

/** Stops a sign-in stack that a run left behind. */
export async function stopLeftAuthStack(): Promise<void> {
  if (!existsSync(AUTH_STATE_FILE)) return;
  await stopAuthStack(JSON.parse(readFileSync(AUTH_STATE_FILE, 'utf8')) as { pid: number; tmp: string });
}

/** Reads the sign-in stack's API with a token of its own (client credentials), to know what the page should show. */
export async function authorizedGet<T>(request: APIRequestContext, stack: AuthStack, route: string, params: Record<string, string> = {}): Promise<T> {
  const token = await request.post(`${stack.issuer}/token`, {
    form: { grant_type: 'client_credentials', client_id: stack.clientId, client_secret: 'e2e', scope: 'openid' },
  });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const response = await request.get(`${stack.url}${route}`, { params, headers: { authorization: `Bearer ${access_token}` } });
  expect(response.status(), `${route} ${JSON.stringify(params)}`).toBe(200);
  return (await response.json()) as T;
}

export interface ApiCall {
  path: string;
  url: string;
  authorization: string | null;
  status: number | null;
  at: number;
}

export interface TokenCall {
  grant: string | null;
  status: number | null;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  at: number;
}

/** The claims of a JWT, unverified. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Everything the page asks of the API and of the issuer's token endpoint, as it happens. */
export function watch(page: Page, stack: AuthStack) {
  const api: ApiCall[] = [];
  const tokens: TokenCall[] = [];
  const navigations: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === stack.url && url.pathname.startsWith('/v1/')) {
      api.push({ path: url.pathname, url: request.url(), authorization: request.headers()['authorization'] ?? null, status: null, at: Date.now() });
    }
  });
  page.on('response', async (response) => {
    const request = response.request();
    const url = new URL(request.url());
    if (url.origin === stack.url && url.pathname.startsWith('/v1/')) {
      const call = [...api].reverse().find((c) => c.url === request.url() && c.status === null);
      if (call) call.status = response.status();
    }
    if (request.url() === `${stack.issuer}/token` && request.method() === 'POST') {
      const grant = new URLSearchParams(request.postData() ?? '').get('grant_type');
      const body = (await response.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; id_token?: string };
      tokens.push({
        grant,
        status: response.status(),
        accessToken: body.access_token ?? null,
        refreshToken: body.refresh_token ?? null,
        idToken: body.id_token ?? null,
        at: Date.now(),
      });
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return {
    api,
    tokens,
    navigations,
    /** The bearer tokens guarded reads carried, in order: those seen from the time `since` and from the `from`-th read on. */
    bearers({ since = 0, from = 0 }: { since?: number; from?: number } = {}): string[] {
      return api
        .slice(from)
        .filter((c) => c.at >= since && c.path !== '/v1/health')
        .map((c) => c.authorization?.replace(/^Bearer /, '') ?? '(none)');
    },
    /** How often the page went to the issuer's login page. */
    loginPages(): number {
      return navigations.filter((u) => u.startsWith(`${stack.issuer}/authorize`)).length;
    },
  };
}

/** Signs in on the local issuer's login page, which the page must be on. */
export async function signInAtIssuer(page: Page, stack: AuthStack, username: string, claims: Record<string, unknown> = {}) {
  await expect(page).toHaveURL(new RegExp(`^${stack.issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/authorize\\?`), { timeout: 45_000 });
  const form = page.locator('form');
  await form.getByLabel('User name').fill(username);
  if (Object.keys(claims).length) {
    // The page asks for a user name only; the issuer's optional claims field stays hidden on it.
    await form.locator('input[name="claims"]').evaluate((field: HTMLInputElement, json) => {
      field.value = json;
      field.disabled = false;
    }, JSON.stringify(claims));
  }
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Every key and value of localStorage and sessionStorage. */
export async function webStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const [name, store] of [
      ['local', window.localStorage],
      ['session', window.sessionStorage],
    ] as const) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i)!;
        out[`${name}:${key}`] = store.getItem(key) ?? '';
      }
    }
    return out;
  });
}

/** No token (or anything shaped like a JWT) in web storage. */
export async function expectNoTokensStored(page: Page, tokens: (string | null)[]) {
  const stored = await webStorage(page);
  const text = JSON.stringify(stored);
  for (const token of tokens.filter((t): t is string => !!t)) expect(text, 'a token is in web storage').not.toContain(token);
  expect(text, 'a JWT is in web storage').not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
  expect(Object.keys(stored).filter((k) => /user:/.test(k)), 'a stored user').toEqual([]);
}
