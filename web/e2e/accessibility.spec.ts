/**
 * axe-core scans of every view in both themes, at desktop and phone width: no serious or critical
 * violation anywhere. Each scan's violations (any impact) are printed and written to
 * target/axe-summary.json.
 */
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TARGET_DIR } from './stack';
import { expect, test, type FeedItem } from './fixtures';

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
interface Scan {
  view: string;
  theme: string;
  width: number;
  violations: { id: string; impact: Impact; nodes: number; targets: string[] }[];
}

const scans: Scan[] = [];

/** WCAG 2.0–2.2 A and AA and axe's best practices: wcag22aa brings target-size, which axe leaves off by default. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface View {
  name: string;
  /** Opens the view and waits until it shows what it is scanned for. */
  open: (page: Page, ctx: { post: FeedItem }) => Promise<void>;
}

const cards = (page: Page) => expect(page.locator('[data-post-card]').first()).toBeVisible();

const VIEWS: View[] = [
  { name: 'feed', open: async (page) => { await page.goto('/?q=launch'); await cards(page); } },
  {
    name: 'feed, filters open with a custom range',
    open: async (page) => {
      await page.goto('/?since=2026-11-01T00:00:00Z&tier=teammate');
      await cards(page);
      const toggle = page.getByRole('button', { name: /^Filters/ });
      if (await toggle.isVisible()) await toggle.click(); // at phone width the panel is folded away
      await expect(page.getByTestId('filter-since')).toBeVisible();
    },
  },
  {
    name: 'post drawer',
    open: async (page, { post }) => {
      await page.goto(`/posts/${post.status_id}`);
      await expect(page.getByTestId('chart-engagement').locator('canvas')).toBeVisible();
    },
  },
  { name: 'trends', open: async (page) => { await page.goto('/trends?range=7d'); await expect(page.getByTestId('top-posts')).toBeVisible(); } },
  { name: 'summaries', open: async (page) => { await page.goto('/summaries'); await expect(page.locator('.summary-card').first()).toBeVisible(); } },
  { name: 'shifts', open: async (page) => { await page.goto('/shifts'); await expect(page.locator('.shift-card').first()).toBeVisible(); } },
  { name: 'watch list', open: async (page) => { await page.goto('/watchlist'); await expect(page.getByTestId('watch-account').first()).toBeVisible(); } },
  { name: 'not found', open: async (page) => { await page.goto('/no-such-page'); await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible(); } },
  { name: 'post not found', open: async (page) => { await page.goto('/posts/1'); await expect(page.getByTestId('post-not-found')).toBeVisible(); } },
  {
    name: 'feed error',
    open: async (page) => {
      await page.route('**/v1/feed?*', (route) => route.fulfill({ status: 500, json: { error: 'the database is away' } }));
      await page.goto('/');
      await expect(page.getByTestId('feed-error')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: 'sign-in in progress',
    open: async (page) => {
      // An issuer on the page's own origin that never answers: the sign-in waits, saying so.
      await page.route('**/config.json', async (route) => {
        const config = (await (await route.fetch()).json()) as Record<string, unknown>;
        const origin = new URL(route.request().url()).origin;
        await route.fulfill({ json: { ...config, oidc: { issuer: `${origin}/held-issuer`, client_id: 'dashboard', scope: 'openid' } } });
      });
      await page.route('**/held-issuer/**', () => new Promise(() => {}));
      await page.goto('/');
      await expect(page.getByTestId('auth-progress')).toBeVisible();
    },
  },
  {
    name: 'sign-in failed',
    open: async (page) => {
      await page.route('**/config.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
      await page.goto('/');
      await expect(page.getByTestId('auth-error')).toBeVisible({ timeout: 30_000 });
    },
  },
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1400, 390]) {
    test.describe(`${colorScheme} theme at ${width} px`, () => {
      test.use({ colorScheme, viewport: { width, height: width > 600 ? 900 : 844 } });

      test(`axe finds no serious or critical violation in any view (${colorScheme}, ${width} px)`, async ({ page, api }) => {
        test.setTimeout(240_000);
        const post = await api.significantPostWithSnapshots();
        const failures: string[] = [];
        for (const view of VIEWS) {
          await page.unrouteAll({ behavior: 'ignoreErrors' });
          await view.open(page, { post });
          await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
          // Nothing is still fading or sliding in (a spinner or a skeleton's shimmer runs for ever).
          await expect
            .poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length))
            .toBe(0);
          // One options object: AxeBuilder's options() replaces what withTags() set. Only violations
          // are kept whole, so axe skips building selectors for every node that passes.
          const result = await new AxeBuilder({ page })
            .options({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] })
            .analyze();
          const violations = result.violations.map((v) => ({
            id: v.id,
            impact: (v.impact ?? 'minor'),
            nodes: v.nodes.length,
            targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
          }));
          scans.push({ view: view.name, theme: colorScheme, width, violations });
          for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
            failures.push(`${view.name}: ${v.impact} ${v.id} on ${v.nodes} node(s), e.g. ${v.targets.join(' | ')}`);
          }
        }
        expect(failures, `axe (${colorScheme}, ${width} px)`).toEqual([]);
      });
    });
  }
}

test.afterAll(() => {
  const byImpact = (impact: Impact) => scans.reduce((n, s) => n + s.violations.filter((v) => v.impact === impact).reduce((m, v) => m + v.nodes, 0), 0);
  const summary = {
    scans: scans.length,
    views: [...new Set(scans.map((s) => s.view))].length,
    nodes_by_impact: { critical: byImpact('critical'), serious: byImpact('serious'), moderate: byImpact('moderate'), minor: byImpact('minor') },
    rules: [...new Set(scans.flatMap((s) => s.violations.map((v) => `${v.impact} ${v.id}`)))].sort(),
    scans_detail: scans,
  };
  console.log(
    `axe: ${summary.scans} scans (${summary.views} views × themes × widths); violating nodes by impact: ` +
      `critical ${summary.nodes_by_impact.critical}, serious ${summary.nodes_by_impact.serious}, moderate ${summary.nodes_by_impact.moderate}, minor ${summary.nodes_by_impact.minor}` +
      (summary.rules.length ? `; rules: ${summary.rules.join(', ')}` : ''),
  );
  writeFileSync(path.join(TARGET_DIR, 'axe-summary.json'), JSON.stringify(summary, null, 2));
});
