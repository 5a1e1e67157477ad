/**
 * Sign-in against a second local stack started with --auth: the read routes need a token from
 * the local OpenID Connect issuer, whose tokens live TOKEN_LIFETIME seconds. The page signs in
 * with authorization code + PKCE on the issuer's own login page, renews with the refresh grant,
 * signs in again when it must, and signs out at the issuer's end-session endpoint.
 */
import type { Page, Route } from '@playwright/test';
import { join } from 'node:path';
import {
  authorizedGet,
  expectNoTokensStored,
  jwtClaims,
  signInAtIssuer,
  startAuthStack,
  stopAuthStack,
  watch,
  webStorage,
  type AuthStack,
} from './auth';
import { test as base, expect, screenshots, shownIds, type FeedItem } from './fixtures';
import { SCREENSHOT_DIR } from './stack';

const TOKEN_LIFETIME = 20;
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', preferred_username: 'ada' };

let started: AuthStack | undefined;

const test = base.extend<object, { authStack: AuthStack }>({
  // Started for this file's tests, stopped after them (afterAll) or, at the latest, with the worker.
  authStack: [
    async ({}, use) => {
      started = await startAuthStack(TOKEN_LIFETIME);
      await use(started);
      await stopAuthStack(started);
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ authStack }, use) => use(authStack.url),
});

test.afterAll(async () => {
  await stopAuthStack(started);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The page's address is exactly this path of the stack. */
const at = (stack: AuthStack, path: string) => new RegExp(`^${escape(stack.url + path)}$`);

/** Opens `path` without a session and signs in as Ada on the issuer's page. */
async function openSignedIn(page: Page, stack: AuthStack, path: string) {
  await page.goto(path);
  await signInAtIssuer(page, stack, 'ada', ADA);
  await expect(page).toHaveURL(at(stack, path));
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
}

/** A few significant investor posts, as the API (with a token of its own) has them. */
async function investorPosts(request: Parameters<typeof authorizedGet>[0], stack: AuthStack): Promise<FeedItem[]> {
  const page = await authorizedGet<{ items: FeedItem[] }>(request, stack, '/v1/feed', { tier: 'investor', significant: 'true', limit: '50' });
  expect(page.items.length, 'significant investor posts in the demo data').toBeGreaterThan(1);
  return page.items;
}

test('a filtered address without a session goes through the issuer and comes back to the same view', async ({ page, authStack, request }) => {
  const expected = await investorPosts(request, authStack);
  const seen = watch(page, authStack);
  const path = '/?tier=investor&significant=true';

  await page.goto(path);
  // The issuer's own login page, asked for a code with PKCE, to come back to /signed-in.
  await expect(page).toHaveURL(new RegExp(`^${escape(authStack.issuer)}/authorize\\?`), { timeout: 30_000 });
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get('response_type')).toBe('code');
  expect(authorize.searchParams.get('client_id')).toBe('xmonitor-dashboard');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${authStack.url}/signed-in`);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(authorize.searchParams.get('scope')).toBe('openid profile email');
  // The local issuer's page: a user-name form in the dashboard's style, nothing else to fill in.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('User name')).toBeFocused();
  await expect(page.locator('input:visible, textarea:visible')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCSS('background-color', 'rgb(29, 78, 216)');
  await screenshots(page, 'auth-issuer-login-page');

  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page).toHaveURL(at(authStack, path));
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect.poll(() => shownIds(page, 2)).toEqual(expected.slice(0, 2).map((p) => p.status_id));
  await expect(page.getByRole('combobox', { name: 'Tier' })).toHaveValue('investor');

  // Who is signed in, and a way out, in the header.
  const account = page.getByTestId('account');
  await expect(account.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  await expect(account.getByTestId('account-name')).toHaveAttribute('title', `Signed in as ${ADA.name} (${ADA.email}, ${ADA.preferred_username})`);
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(account.locator('.user-avatar').first()).toHaveText('AL');

  // The reads went out with the bearer token the code was exchanged for.
  const codeGrant = seen.tokens.find((t) => t.grant === 'authorization_code');
  expect(codeGrant?.status).toBe(200);
  expect(codeGrant?.accessToken).toBeTruthy();
  const reads = seen.api.filter((c) => c.path === '/v1/feed');
  expect(reads.length).toBeGreaterThan(0);
  for (const call of reads) expect(call.authorization).toBe(`Bearer ${codeGrant!.accessToken}`);
  expect(seen.api.filter((c) => c.path !== '/v1/health').every((c) => c.authorization?.startsWith('Bearer eyJ'))).toBe(true);
  expect(seen.api.filter((c) => c.status === 401)).toEqual([]);

  // Tokens live in memory only: nothing of them in web storage, nor the sign-in request state once used.
  await expectNoTokensStored(page, [codeGrant!.accessToken, codeGrant!.refreshToken]);
  expect(Object.keys(await webStorage(page)).filter((k) => k.startsWith('session:xmonitor.oidc.'))).toEqual([]);

  await screenshots(page, 'auth-signed-in-header');

  // On a phone the avatar opens the same in a small menu; the header still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  const toggle = page.getByRole('button', { name: `Account: ${ADA.name}` });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  const menu = page.getByTestId('account-menu');
  await expect(menu).toContainText(`Signed in as${ADA.name}`);
  await expect(menu).toContainText(`${ADA.email}, ${ADA.preferred_username}`);
  await expect(menu.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Two rows, as on any phone: the brand and tools (52 px), and the navigation under them (40 px).
  await expect.poll(() => page.locator('.topbar-inner').evaluate((e) => e.getBoundingClientRect().height)).toBe(92);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'auth-account-menu-phone.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await page.setViewportSize({ width: 1400, height: 900 });

  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshots(page, 'auth-signed-in-header-dark');
});

test('an expiring token is renewed with the refresh grant; the view stays and reads go on', async ({ page, authStack, request }) => {
  const expected = await investorPosts(request, authStack);
  const seen = watch(page, authStack);
  await openSignedIn(page, authStack, '/?tier=investor');
  const signedInAt = Date.now();
  const first = seen.tokens.find((t) => t.grant === 'authorization_code')!.accessToken!;

  // Past the first token's lifetime: it has been renewed (refresh grant) before it ran out.
  await expect
    .poll(() => seen.tokens.filter((t) => t.grant === 'refresh_token' && t.status === 200).length, { timeout: TOKEN_LIFETIME * 1000 })
    .toBeGreaterThan(0);
  await page.waitForTimeout(Math.max(0, signedInAt + (TOKEN_LIFETIME + 2) * 1000 - Date.now()));
  const renewedAt = Date.now();

  // Act: narrow the filters and open a post; data comes, no login page.
  await page.getByTestId('filter-significant').getByRole('radio', { name: 'Yes' }).check();
  await expect(page).toHaveURL(at(authStack, '/?tier=investor&significant=true'));
  await expect.poll(() => shownIds(page, 1).then((ids) => ids[0])).toBe(expected[0].status_id);
  await page.locator(`[data-post-card][data-status-id="${expected[0].status_id}"] .post-body`).click();
  await expect(page).toHaveURL(at(authStack, `/posts/${expected[0].status_id}?tier=investor&significant=true`));
  await expect(page.getByTestId('detail-body')).toHaveText(expected[0].body_text!);

  const later = seen.bearers({ since: renewedAt });
  expect(later.length).toBeGreaterThan(0);
  expect(later).not.toContain(first);
  expect(later.every((t) => seen.tokens.some((g) => g.grant === 'refresh_token' && g.accessToken === t))).toBe(true);
  expect(seen.api.filter((c) => c.status === 401)).toEqual([]);
  expect(seen.loginPages()).toBe(1);
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  await expectNoTokensStored(page, seen.tokens.flatMap((t) => [t.accessToken, t.refreshToken]));
});

test('a 401 from the API is answered with one renewal and the same request again', async ({ page, authStack }) => {
  const seen = watch(page, authStack);
  await openSignedIn(page, authStack, '/watchlist');
  await expect(page.getByRole('heading', { name: 'Watch list' })).toBeVisible();
  const refreshes = () => seen.tokens.filter((t) => t.grant === 'refresh_token').length;
  const before = refreshes();

  // The API refuses the next read once, as it would a token revoked behind the page's back.
  let refused = 0;
  await page.route(/\/v1\/window-summaries(\?|$)/, async (route: Route) => {
    if (refused++ === 0) {
      await route.fulfill({ status: 401, json: { message: 'Unauthorized' }, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    } else {
      await route.fallback();
    }
  });
  await page.getByRole('link', { name: 'Summaries' }).click();
  await expect(page.getByRole('heading', { name: 'Window summaries' })).toBeVisible();
  await expect(page.getByTestId('summary-card').first()).toBeVisible();
  expect(refused).toBe(2);
  expect(refreshes()).toBe(before + 1);
  const summaryCalls = seen.api.filter((c) => c.path === '/v1/window-summaries');
  expect(summaryCalls).toHaveLength(2);
  expect(summaryCalls[1].authorization).not.toBe(summaryCalls[0].authorization);
  expect(seen.loginPages()).toBe(1);
});

test('when renewal is refused the page signs in again and comes back to the same view', async ({ page, authStack, request }) => {
  const [post] = await investorPosts(request, authStack);
  const seen = watch(page, authStack);
  const path = `/posts/${post.status_id}?tier=investor&significant=true`;
  await openSignedIn(page, authStack, path);
  await expect(page.getByTestId('detail-body')).toHaveText(post.body_text!);

  // From now on the issuer refuses the refresh token.
  await page.route(`${authStack.issuer}/token`, async (route) => {
    if (new URLSearchParams(route.request().postData() ?? '').get('grant_type') !== 'refresh_token') return route.fallback();
    await route.fulfill({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'The refresh token has expired' },
      headers: { 'access-control-allow-origin': authStack.url, 'access-control-allow-credentials': 'true' },
    });
  });

  // Once the token runs out, the page goes to the login page by itself, keeping the view.
  await expect(page).toHaveURL(new RegExp(`^${escape(authStack.issuer)}/authorize\\?`), { timeout: (TOKEN_LIFETIME + 15) * 1000 });
  expect(seen.tokens.filter((t) => t.grant === 'refresh_token').every((t) => t.status === 400)).toBe(true);
  await screenshots(page, 'auth-sign-in-again');
  await page.unroute(`${authStack.issuer}/token`);

  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page).toHaveURL(at(authStack, path));
  await expect(page.getByTestId('detail-body')).toHaveText(post.body_text!);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  expect(seen.loginPages()).toBe(2);
});

test('signing out forgets the token and the dashboard asks for a sign-in again', async ({ page, authStack }) => {
  const seen = watch(page, authStack);
  await openSignedIn(page, authStack, '/?tier=teammate');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  const old = seen.tokens.find((t) => t.grant === 'authorization_code')!;

  // What the page shows between the click and leaving for the issuer, as it happens.
  const states: { status: string | null; heading: string | null; account: boolean; cards: number }[] = [];
  await page.exposeFunction('reportAuthState', (state: (typeof states)[number]) => void states.push(state));
  await page.evaluate(() => {
    const report = () => {
      const progress = document.querySelector('[data-testid="auth-progress"]');
      (window as unknown as { reportAuthState: (s: unknown) => void }).reportAuthState({
        status: progress?.getAttribute('data-status') ?? null,
        heading: progress?.querySelector('h1')?.textContent ?? null,
        account: !!document.querySelector('[data-testid="account"]'),
        cards: document.querySelectorAll('[data-post-card]').length,
      });
    };
    new MutationObserver(report).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const endSession: string[] = [];
  const revoked: string[] = [];
  // The page forgets the token before it revokes it, so every read it sends after the revocation
  // request must go without it. Events arrive in the order the page sent the requests; the test's
  // own clock would also count a background read the page sent just before the click.
  let readsBeforeRevocation = -1;
  page.on('request', (request) => {
    if (request.url().startsWith(`${authStack.issuer}/endsession`)) endSession.push(request.url());
    if (request.url() === `${authStack.issuer}/revoke`) {
      revoked.push(request.postData() ?? '');
      readsBeforeRevocation = seen.api.length;
    }
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => endSession.length).toBe(1);
  expect(states).toContainEqual({ status: 'signing-out', heading: 'Signing out…', account: false, cards: 0 });
  // The refresh token was revoked on the way out.
  expect(revoked).toHaveLength(1);
  expect(new URLSearchParams(revoked[0]).get('token')).toBe(old.refreshToken);

  const end = new URL(endSession[0]);
  expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${authStack.url}/`);
  expect(end.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
  // Back at the dashboard, which needs a sign-in again: the login page.
  await signInAtIssuer(page, authStack, 'grace', { name: 'Grace Hopper' });
  await expect(page).toHaveURL(at(authStack, '/'));
  await expect(page.getByTestId('account-name')).toHaveText('Signed in as Grace Hopper');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  expect(seen.navigations.some((u) => u === `${authStack.url}/`)).toBe(true);

  // The old token went with the sign-out: nothing after it carried it, and nothing keeps it.
  const after = seen.bearers({ from: readsBeforeRevocation });
  expect(after.length).toBeGreaterThan(0);
  expect(after).not.toContain(old.accessToken);
  const fresh = seen.tokens.filter((t) => t.grant === 'authorization_code').at(-1)!;
  expect(fresh.accessToken).not.toBe(old.accessToken);
  expect(after.every((t) => t === fresh.accessToken)).toBe(true);
  await expectNoTokensStored(page, [old.accessToken, old.refreshToken, fresh.accessToken, fresh.refreshToken]);
});

test("an error from the issuer is shown with Try again, which signs in to the same view", async ({ page, authStack }) => {
  const path = '/?tier=investor&q=launch';
  // The issuer refuses (as when the reader cancels): straight back with error=access_denied.
  await page.route(`${authStack.issuer}/authorize?**`, async (route) => {
    const asked = new URL(route.request().url());
    const back = new URL(asked.searchParams.get('redirect_uri')!);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'The user cancelled the sign-in');
    back.searchParams.set('state', asked.searchParams.get('state')!);
    await route.fulfill({ status: 302, headers: { location: back.href } });
  });
  await page.goto(path);
  const problem = page.getByTestId('auth-error');
  await expect(problem).toBeVisible();
  await expect(problem.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
  await expect(page.getByTestId('auth-error-message')).toHaveText('The sign-in was cancelled or refused. The user cancelled the sign-in');
  await expect(problem).toContainText('access_denied');
  await expect(page).toHaveURL(at(authStack, path));
  await expect(page.getByTestId('account')).toHaveCount(0);
  await screenshots(page, 'auth-issuer-error');

  await page.unroute(`${authStack.issuer}/authorize?**`);
  await problem.getByRole('button', { name: 'Try again' }).click();
  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page).toHaveURL(at(authStack, path));
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  await expect(page.getByRole('searchbox', { name: 'Search text' })).toHaveValue('launch');
});

test('an API that refuses every token ends in a message, not in a loop of sign-ins', async ({ page, authStack }) => {
  const seen = watch(page, authStack);
  await page.route(/\/v1\/feed\?/, (route) =>
    route.fulfill({ status: 401, json: { message: 'Unauthorized' }, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }),
  );
  await page.goto('/?tier=ecosystem');
  await signInAtIssuer(page, authStack, 'ada', ADA);
  // Refused, renewed, refused again: one more sign-in round trip...
  await signInAtIssuer(page, authStack, 'ada', ADA);
  // ...refused again: the page stops and says so.
  const problem = page.getByTestId('auth-error');
  await expect(problem.getByRole('heading', { name: 'Signed in, but the API does not accept it' })).toBeVisible();
  await expect(page).toHaveURL(at(authStack, '/?tier=ecosystem'));
  // The page goes on living (two more health checks, each 1.5 s apart) without another sign-in.
  for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().includes('/v1/health'));
  await expect(page).toHaveURL(at(authStack, '/?tier=ecosystem'));
  expect(seen.loginPages()).toBe(2);
  await screenshots(page, 'auth-api-refuses');

  // Asked by the reader, it tries once more; with the API accepting tokens again, all is well.
  await page.unroute(/\/v1\/feed\?/);
  await problem.getByRole('button', { name: 'Try again' }).click();
  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page).toHaveURL(at(authStack, '/?tier=ecosystem'));
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
});

test('the sign-in sends a nonce, and an ID token that does not carry it back is refused', async ({ page, authStack }) => {
  const seen = watch(page, authStack);
  await page.goto('/?tier=investor');
  await expect(page).toHaveURL(new RegExp(`^${escape(authStack.issuer)}/authorize\\?`), { timeout: 30_000 });
  const nonce = new URL(page.url()).searchParams.get('nonce');
  expect(nonce, '256 random bits, base64url').toMatch(/^[\w-]{43}$/);
  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  const idToken = seen.tokens.find((t) => t.grant === 'authorization_code')!.idToken!;
  expect(jwtClaims(idToken).nonce).toBe(nonce);

  // A second sign-in gets a nonce of its own; this time the ID token comes back with another one.
  const other = await page.context().newPage();
  await other.route(/^https?:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
  const secondNonce: string[] = [];
  other.on('request', (request) => {
    // The sign-in page's own form posts back to the same address; the dashboard's request is the GET.
    if (request.method() === 'GET' && request.url().startsWith(`${authStack.issuer}/authorize?`)) {
      secondNonce.push(new URL(request.url()).searchParams.get('nonce')!);
    }
  });
  await other.route(`${authStack.issuer}/token`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { id_token?: string };
    if (body.id_token) {
      const [header, payload, signature] = body.id_token.split('.');
      const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>), nonce: 'replayed-from-another-sign-in' };
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    }
    await route.fulfill({ response, json: body });
  });
  await other.goto('/?tier=teammate');
  await signInAtIssuer(other, authStack, 'ada', ADA);
  const problem = other.getByTestId('auth-error');
  await expect(problem.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
  await expect(other.getByTestId('auth-error-message')).toContainText('nonce');
  await expect(other.getByTestId('account')).toHaveCount(0);
  expect(secondNonce).toHaveLength(1);
  expect(secondNonce[0]).toMatch(/^[\w-]{43}$/);
  expect(secondNonce[0]).not.toBe(nonce);
  await other.close();
});

test('signing out in one tab signs every tab out: each revokes its refresh token and stops reading', async ({ page, authStack, request }) => {
  const first = watch(page, authStack);
  await openSignedIn(page, authStack, '/?tier=teammate');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();

  const second = await page.context().newPage();
  await second.route(/^https?:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
  const seen = watch(second, authStack);
  const revoked: string[] = [];
  second.on('request', (r) => {
    if (r.url() === `${authStack.issuer}/revoke`) revoked.push(new URLSearchParams(r.postData() ?? '').get('token') ?? '');
  });
  await openSignedIn(second, authStack, '/summaries');
  await expect(second.getByTestId('summary-card').first()).toBeVisible();
  const secondTokens = seen.tokens.find((t) => t.grant === 'authorization_code')!;
  expect(secondTokens.refreshToken).toBeTruthy();
  expect(secondTokens.refreshToken).not.toBe(first.tokens.find((t) => t.grant === 'authorization_code')!.refreshToken);

  await page.getByRole('button', { name: 'Sign out' }).click();
  const signedOutAt = Date.now();

  // The other tab says so, offers a new sign-in, and has forgotten and revoked what it held.
  const problem = second.getByTestId('auth-error');
  await expect(problem.getByRole('heading', { name: 'You signed out' })).toBeVisible();
  await expect(second.getByTestId('auth-error-message')).toHaveText('You signed out of the dashboard in another tab, so this one no longer reads anything either.');
  await expect(second.getByTestId('account')).toHaveCount(0);
  await expect.poll(() => revoked).toEqual([secondTokens.refreshToken]);
  const refused = await request.post(`${authStack.issuer}/token`, {
    form: { grant_type: 'refresh_token', refresh_token: secondTokens.refreshToken!, client_id: authStack.clientId },
  });
  expect(refused.status(), 'the revoked refresh token renews nothing').toBe(400);
  await screenshots(second, 'auth-signed-out-in-another-tab');

  // It stops reading: nothing with a token after the sign-out, nothing at all but the health check.
  await second.waitForTimeout(3000);
  expect(seen.api.filter((c) => c.at > signedOutAt + 500 && c.path !== '/v1/health')).toEqual([]);
  expect(seen.api.filter((c) => c.at > signedOutAt && c.authorization)).toEqual([]);
  await expectNoTokensStored(second, [secondTokens.accessToken, secondTokens.refreshToken]);

  // Asked, it signs in again and comes back to where it was.
  await problem.getByRole('button', { name: 'Sign in again' }).click();
  await signInAtIssuer(second, authStack, 'grace', { name: 'Grace Hopper' });
  await expect(second).toHaveURL(at(authStack, '/summaries'));
  await expect(second.getByTestId('account-name')).toHaveText('Signed in as Grace Hopper');
  await second.close();
});

test('a /config.json that fails is asked again, and one that keeps failing says what failed until Try again works', async ({ page, authStack }) => {
  const seen = watch(page, authStack);
  // Failing twice, then answering: the sign-in starts as if nothing happened.
  let failures = 0;
  await page.route('**/config.json', (route) => (failures++ < 2 ? route.fulfill({ status: 503, body: 'busy' }) : route.fallback()));
  await page.goto('/?tier=investor');
  await expect(page).toHaveURL(new RegExp(`^${escape(authStack.issuer)}/authorize\\?`), { timeout: 30_000 });
  expect(failures).toBe(3);
  await signInAtIssuer(page, authStack, 'ada', ADA);
  await expect(page.getByTestId('account-name')).toHaveText(`Signed in as ${ADA.name}`);
  await page.unroute('**/config.json');

  // Failing every time: a message naming the file and the answer, and no read without a token.
  const other = await page.context().newPage();
  const otherSeen = watch(other, authStack);
  await other.route('**/config.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await other.goto('/watchlist');
  const problem = other.getByTestId('auth-error');
  await expect(problem.getByRole('heading', { name: 'The dashboard could not start' })).toBeVisible({ timeout: 20_000 });
  await expect(other.getByTestId('auth-error-message')).toHaveText(
    "The dashboard's configuration (/config.json) could not be loaded: it answered 503 Service Unavailable.",
  );
  await screenshots(other, 'auth-config-unavailable');
  expect(otherSeen.api.filter((c) => c.path !== '/v1/health')).toEqual([]);

  await other.unroute('**/config.json');
  await problem.getByRole('button', { name: 'Try again' }).click();
  await signInAtIssuer(other, authStack, 'ada', ADA);
  await expect(other).toHaveURL(at(authStack, '/watchlist'));
  await expect(other.getByRole('heading', { name: 'Watch list' })).toBeVisible();
  expect(seen.api.filter((c) => c.status === 401)).toEqual([]);
  await other.close();
});
