import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real local stack (`xmonitor local`), which the global setup starts
 * from XMONITOR_JAR and which serves the built app from web/dist. Debian's Chromium is used as
 * installed (CHROMIUM_PATH overrides /usr/bin/chromium); nothing is downloaded.
 */
const BESIDE = ['auth.spec.ts', 'accessibility.spec.ts'];
const ALONE = ['performance.spec.ts', 'long-session.spec.ts', 'outage.spec.ts'];

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: './target/test-results',
  fullyParallel: false,
  // One worker per project. The shared stack's tests change its data and compare what the page shows
  // with the API's answers, so they run one at a time; the sign-in tests (a stack of their own) and
  // the axe scans (reads only) beside them, on the CPU the first project leaves idle while it waits.
  // Last, with nothing beside them: the timings, and the outage, which stops the shared stack. A
  // file of that last project runs by itself with --no-deps (else the other projects run first).
  workers: 2,
  projects: [
    { name: 'shared stack', testIgnore: [...BESIDE, ...ALONE], workers: 1 },
    { name: 'beside', testMatch: BESIDE, workers: 1 },
    { name: 'alone', testMatch: ALONE, workers: 1, dependencies: ['shared stack', 'beside'] },
  ],
  retries: 0,
  // A focused test (test.only) never passes for the whole suite, in CI or anywhere: run one with
  // `npx playwright test e2e/x.spec.ts:LINE` or `-g` instead.
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: './target/playwright-report', open: 'never' }]],
  use: {
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    colorScheme: 'light',
    trace: 'retain-on-failure',
    // What a failing test showed last; views worth looking at are screenshotted where a test names them.
    screenshot: 'only-on-failure',
    // A step that hangs fails on its own, well inside the test's time.
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
