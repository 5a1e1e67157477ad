/**
 * Test fixtures: the stack's URL as baseURL, short polling through the runtime config (the
 * harness rewrites /config.json, as a deployment would set it), the API for reading what the
 * page should show, desktop and phone screenshots of a view where a test names it, and every
 * Content-Security-Policy violation any page of the test reports: one fails the test, so a
 * change that needs an inline script or a new origin shows up at once.
 */
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import path from 'node:path';
import type { components } from '../src/api/openapi.gen';
import { SCREENSHOT_DIR, readState, type StackState } from './stack';

export const RUNTIME_CONFIG = { poll_interval_ms: 750, health_interval_ms: 1500, retry_interval_ms: 750 };

/** The API's shapes, generated from docs/openapi.v1.yaml like the dashboard's own. */
export type Schemas = components['schemas'];
export type FeedItem = Schemas['FeedItem'];
export type FeedPage = Schemas['FeedPage'];

export class Api {
  constructor(
    private readonly request: APIRequestContext,
    readonly stack: StackState,
  ) {}

  async get<T>(route: string, params: Record<string, string> = {}): Promise<T> {
    const response = await this.request.get(`${this.stack.url}${route}`, { params });
    expect(response.status(), `${route} ${JSON.stringify(params)}`).toBe(200);
    return (await response.json()) as T;
  }

  /** Every post for the filters, paging the API itself. */
  async allPosts(params: Record<string, string> = {}): Promise<FeedItem[]> {
    const out: FeedItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: FeedItem[]; next_cursor: string | null } = await this.get('/v1/feed', {
        ...params,
        limit: '200',
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return out;
  }

  async ingest(kind: string, items: unknown[]) {
    const response = await this.request.post(`${this.stack.url}/v1/ingest/${kind}/batch`, {
      headers: { 'x-api-key': this.stack.key },
      data: { items },
    });
    expect(response.status(), await response.text()).toBe(202);
    return (await response.json()) as unknown;
  }

  /** The newest significant post with metrics snapshots (posts other tests ingest have none). */
  async significantPostWithSnapshots(): Promise<FeedItem> {
    for (const item of (await this.get<FeedPage>('/v1/feed', { significant: 'true', limit: '50' })).items) {
      if ((await this.get<Schemas['PostDetail']>(`/v1/posts/${item.status_id}`)).snapshots.length > 0) return item;
    }
    throw new Error('no significant post with snapshots among the newest 50');
  }

  /** Posts one new post (discovered now) and waits until the API serves it. */
  async ingestPost(fields: Partial<FeedItem> & { author_handle: string; body_text: string | null }): Promise<FeedItem> {
    const statusId = fields.status_id ?? uniqueStatusId();
    const now = new Date().toISOString();
    await this.ingest('posts', [
      {
        status_id: statusId,
        url: `https://x.com/${fields.author_handle}/status/${statusId}`,
        discovered_at: now,
        last_seen_at: now,
        watch_tier: 'teammate',
        likes: 12,
        reposts: 3,
        replies: 1,
        views: 480,
        ...fields,
      },
    ]);
    await expect
      .poll(async () => (await this.request.get(`${this.stack.url}/v1/posts/${statusId}`)).status(), { timeout: 20_000 })
      .toBe(200);
    return (await this.get<{ post: FeedItem }>(`/v1/posts/${statusId}`)).post;
  }
}

let sequence = 0;
export function uniqueStatusId(): string {
  sequence += 1;
  // 19 digits, the most a status id may have: 7, milliseconds (13), process (2), sequence (3).
  return `7${Date.now()}${String(process.pid % 100).padStart(2, '0')}${String(sequence % 1000).padStart(3, '0')}`;
}

type Device = 'desktop' | 'phone';
const DEVICES = [[1400, 900, 'desktop'], [390, 844, 'phone']] as const;

/**
 * A desktop (1400×900) and a phone (390×844) screenshot of the page as it is now, in
 * target/screenshots/NAME-desktop.png and NAME-phone.png; `fullPage` takes the whole page, not
 * the viewport, `atEachWidth` runs once each width is drawn, before its screenshot, and `devices`
 * names the widths when a view exists at one only (the folded filters of a phone).
 */
export async function screenshots(
  page: Page,
  name: string,
  {
    fullPage = false,
    atEachWidth,
    devices = ['desktop', 'phone'],
  }: { fullPage?: boolean; atEachWidth?: (device: Device) => Promise<void>; devices?: readonly Device[] } = {},
) {
  const original = page.viewportSize();
  for (const [width, height, device] of DEVICES.filter(([, , device]) => devices.includes(device))) {
    await page.setViewportSize({ width, height });
    // Charts redraw for their new width on the next frames.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await atEachWidth?.(device);
    await page.screenshot({ animations: 'disabled', caret: 'hide', timeout: 20_000, fullPage, path: path.join(SCREENSHOT_DIR, `${name}-${device}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

export const test = base.extend<{ stack: StackState; api: Api; shortPolling: boolean; cspViolations: string[] }>({
  /** Rewrite /config.json for short polling intervals (off: the page gets the stack's own). */
  shortPolling: [true, { option: true }],
  stack: async ({}, use) => use(readState()),
  baseURL: async ({ stack }, use) => use(stack.url),
  api: async ({ request, stack }, use) => use(new Api(request, stack)),
  /** What the pages reported, as `<directive> blocked <what> in <page>`; a test that provokes one on purpose empties it. */
  cspViolations: async ({}, use) => use([]),
  context: async ({ context, cspViolations }, use) => {
    await context.exposeBinding('reportCspViolation', (_source, violation: string) => void cspViolations.push(violation));
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (e) => {
          const where = e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : '';
          (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
            `${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} in ${e.documentURI}${where}`,
          );
        },
        true,
      );
    });
    await use(context);
    expect(cspViolations, 'Content-Security-Policy violations in this test').toEqual([]);
  },
  page: async ({ page, shortPolling }, use) => {
    if (shortPolling) await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, ...RUNTIME_CONFIG } });
    });
    await use(page);
  },
});

export { expect };

/**
 * The stack's own /config.json with `pollIntervalMs` as its poll interval, for one test (its health
 * and retry intervals stay the stack's, not RUNTIME_CONFIG's): the feed polls every
 * `pollIntervalMs`, and every list and figure refreshes itself every `pollIntervalMs` × 4.
 */
export async function pollEvery(page: Page, pollIntervalMs: number) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...((await response.json()) as object), poll_interval_ms: pollIntervalMs } });
  });
}

/** How many posts the feed says it has loaded ("50 posts loaded"), or 0 before it has any. */
export async function loadedCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('feed-count').textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, '')) || 0;
}

/**
 * The feed's cards in feed order, each read by `read` in the page. The list draws only the cards
 * near the viewport, so this scrolls through it from the top, collecting every card by its
 * `aria-posinset`, and then puts the reader back where they were. Scrolling to the end loads
 * older pages as a reader's scrolling does: pass `limit` to read only that many cards from the
 * top (fewer scrolls), otherwise every loaded card is read.
 */
export async function readFeed<T>(page: Page, read: (cards: Element[]) => Array<T & { pos: number }>, limit = Infinity): Promise<T[]> {
  // One call runs the whole walk in the page: a round trip a scroll step would make it slow.
  const walk = async (readCards: (cards: Element[]) => Array<{ pos: number }>, max: number) => {
    const list = document.querySelector('[data-testid="feed-list"]');
    if (!list) return [];
    const drawn = () => [...list.querySelectorAll('[data-post-card]')];
    const loaded = () => Number((document.querySelector('[data-testid="feed-count"]')?.textContent ?? '').replace(/[^0-9]/g, '')) || 0;
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    // What is drawn is a run of consecutive posts, each card just below the one before it.
    const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
    const checkDrawn = (cards: Element[]) => {
      for (let i = 1; i < cards.length; i++) {
        const [above, below] = [cards[i - 1], cards[i]];
        const [a, b] = [Number(above.getAttribute('aria-posinset')), Number(below.getAttribute('aria-posinset'))];
        if (b !== a + 1) throw new Error(`the feed draws post ${b} right after post ${a}`);
        const off = below.getBoundingClientRect().top - (above.getBoundingClientRect().bottom + gap);
        if (Math.abs(off) > 1) throw new Error(`post ${b} is drawn ${off.toFixed(1)} px off where post ${a} ends`);
      }
    };
    const anchor = drawn()
      .map((c) => ({ pos: c.getAttribute('aria-posinset'), top: c.getBoundingClientRect().top, bottom: c.getBoundingClientRect().bottom }))
      .find((c) => c.bottom > 0);
    const start = window.scrollY;
    const seen = new Map<number, unknown>();
    // How many posts are read: what was loaded when the walk had them all (a page arriving while
    // it scrolls back is not read).
    let want = 0;
    const complete = () => {
      want = Math.min(max, loaded());
      for (let pos = 1; pos <= want; pos++) if (!seen.has(pos)) return false;
      return true;
    };
    window.scrollTo(0, 0);
    let still = 0;
    for (let step = 0; step < 20_000 && still < 600; step++) {
      await frame();
      const cards = drawn();
      checkDrawn(cards);
      for (const { pos, ...value } of readCards(cards)) seen.set(pos, value);
      if (complete()) break;
      const before = window.scrollY;
      window.scrollBy(0, Math.round(window.innerHeight * 0.6));
      // At the end with cards still to read: an older page is on its way.
      still = window.scrollY === before ? still + 1 : 0;
    }
    // Back to where the reader was: the same card at the same height (cards measured on the way
    // may have moved it in the page).
    window.scrollTo(0, start);
    for (let i = 0; anchor; i++) {
      await frame();
      const card = list.querySelector(`[data-post-card][aria-posinset="${anchor.pos}"]`);
      if (card) {
        const by = Math.round(card.getBoundingClientRect().top - anchor.top);
        if (by === 0) break;
        window.scrollBy(0, by);
      } else {
        // Not drawn where it was: step towards it by the drawn cards' mean height.
        const shown = drawn();
        if (i >= 20 || shown.length === 0) throw new Error(`post ${anchor.pos}, at the top before reading, cannot be scrolled back to`);
        const top = shown[0].getBoundingClientRect().top;
        const mean = (shown[shown.length - 1].getBoundingClientRect().bottom - top) / shown.length;
        window.scrollBy(0, Math.round((Number(anchor.pos) - Number(shown[0].getAttribute('aria-posinset'))) * mean + top - anchor.top));
      }
    }
    const missing = Array.from({ length: want }, (_, i) => i + 1).filter((pos) => !seen.has(pos));
    if (missing.length > 0) throw new Error(`posts never drawn while scrolling through the feed: ${missing.slice(0, 10).join(', ')}`);
    return Array.from({ length: want }, (_, i) => seen.get(i + 1));
  };
  return page.evaluate<T[]>(`(${walk.toString()})(${read.toString()}, ${limit})`);
}

/** How many cards to read to compare the feed with an API page: all of them after the last page. */
export function upTo(answer: { items: unknown[]; next_cursor?: string | null }): number {
  return answer.next_cursor ? answer.items.length : Infinity;
}

/** The status ids of the feed's cards, in feed order (the first `limit` of them). */
export async function shownIds(page: Page, limit = Infinity): Promise<string[]> {
  const ids = await readFeed(
    page,
    (cards) => cards.map((c) => ({ pos: Number(c.getAttribute('aria-posinset')), id: (c as HTMLElement).dataset.statusId! })),
    limit,
  );
  return ids.map((i) => i.id);
}

/** What a post card shows, read from the page, in the terms of the API's fields. */
export interface ShownCard {
  status_id: string;
  author_handle: string;
  author: string;
  tier: string | null;
  body: string;
  discovered_at: string;
  url: string;
  metrics: string[];
  significant: string | null;
  reported: boolean;
}

/** Every card the feed shows (the first `limit` of them), as the API's fields. */
export async function shownCards(page: Page, limit = Infinity): Promise<ShownCard[]> {
  return readFeed<ShownCard>(
    page,
    (cards) =>
      cards.map((card) => {
        const text = (sel: string) => card.querySelector(sel)?.textContent ?? null;
        return {
          pos: Number(card.getAttribute('aria-posinset')),
          status_id: (card as HTMLElement).dataset.statusId!,
          author_handle: card.querySelector<HTMLElement>('.post-author')!.dataset.authorHandle!,
          author: text('.post-author')!,
          tier: text('.tier'),
          body: text('.post-body')!,
          discovered_at: card.querySelector('time')!.getAttribute('datetime')!,
          url: card.querySelector('.post-open-x')!.getAttribute('href')!,
          metrics: [...card.querySelectorAll('.metric .sr-only')].map((m) => m.textContent ?? ''),
          significant: text('[data-testid="significant-badge"]'),
          reported: card.querySelector('[data-testid="reported-badge"]') !== null,
        };
      }),
    limit,
  );
}

/** The card a post from the API should make: every field, none skipped. */
export function expectedCard(item: FeedItem): ShownCard {
  const handle = `@${item.author_handle.replace(/^@+/, '')}`;
  const display = item.author_display && item.author_display.replace(/^@+/, '') !== item.author_handle.replace(/^@+/, '') ? item.author_display : null;
  return {
    status_id: item.status_id,
    author_handle: item.author_handle,
    author: display ? `${display} ${handle}` : handle,
    tier: item.watch_tier,
    body: item.body_text ?? 'No text',
    discovered_at: item.discovered_at,
    url: item.url,
    metrics: (['likes', 'reposts', 'replies', 'views'] as const).map((k) => `${item[k].toLocaleString('en')} ${k}`),
    significant: item.is_significant ? `Significant${item.significance_reason ? ` · ${item.significance_reason}` : ''}` : null,
    reported: item.reported_at !== null,
  };
}

/** Scrolls until the feed says it has everything. */
export async function loadWholeFeed(page: Page) {
  const end = page.getByTestId('feed-end');
  for (let i = 0; i < 200 && !(await end.isVisible()); i++) {
    const before = await loadedCount(page);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(async () => (await end.isVisible()) || (await loadedCount(page)) > before).toBe(true);
  }
  await expect(end).toBeVisible();
}
