import { expect, test, type FeedItem } from './fixtures';
import type { Page } from '@playwright/test';

/** WCAG contrast ratios of text against what is behind it, for a sample of the page's elements. */
async function contrasts(page: Page, selectors: string[]) {
  return page.evaluate((sels) => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): { r: number; g: number; b: number } => {
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg.a > 0.5) return bg;
      }
      return parse(getComputedStyle(document.body).backgroundColor)!;
    };
    return sels.flatMap((sel) =>
      [...document.querySelectorAll(sel)].slice(0, 3).map((el) => {
        const fg = parse(getComputedStyle(el).color)!;
        const bg = background(el);
        const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        return { sel, ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100 };
      }),
    );
  }, selectors);
}

const TEXT = [
  '.post-body',
  '.author-name',
  '.post-time',
  '.metric',
  '.post-open-x',
  '.tier-teammate',
  '.tier-influencer',
  '.tier-ecosystem',
  '.tier-investor',
  '.badge-significant',
  '.badge-reported',
  '.field-label',
  '.field-hint',
  '.nav-link',
  '.nav-link.is-active',
  '.chip-button',
  '.chip-button[aria-pressed="true"]',
  '.active-chip',
  '.active-count',
  'mark',
  '.health',
  '.avatar',
];

test('light and dark themes: the toggle switches, the choice survives a reload, text meets WCAG AA', async ({ page, api }) => {
  // A page that shows every tier, both badges and a highlight.
  const [sample] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { limit: '1' })).items;
  const term = sample.body_text!.split(' ')[0];
  await page.goto(`/?q=${encodeURIComponent(term)}`);
  await expect(page.locator('[data-post-card]').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  for (const theme of ['light', 'dark']) {
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // Nothing is still fading between the themes.
    await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a instanceof CSSTransition).length)).toBe(0);
    const results = await contrasts(page, TEXT);
    expect(results.length).toBeGreaterThan(15);
    for (const r of results) expect(r.ratio, `${theme}: ${r.sel}`).toBeGreaterThanOrEqual(4.5);
    if (theme === 'light') await page.getByTestId('theme-toggle').click();
  }
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveAccessibleName('Switch to light theme');
});

test.describe('with a dark system preference', () => {
  test.use({ colorScheme: 'dark' });

  test('the dashboard follows the system theme, detail and chart included', async ({ page, api }) => {
    const [post] = (await api.get<{ items: FeedItem[] }>('/v1/feed', { significant: 'true', limit: '1' })).items;
    await page.goto(`/posts/${post.status_id}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('chart-engagement').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('chart-views').locator('canvas')).toBeVisible();
    const results = await contrasts(page, ['.detail-body', '.kv dt', '.kv dd', '.table th', '.table td', '.chart-caption', '.u-legend']);
    for (const r of results) expect(r.ratio, r.sel).toBeGreaterThanOrEqual(4.5);
  });
});
