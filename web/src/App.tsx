import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useRoute, useSearch } from 'wouter';
import { useAuth } from './auth';
import { CALLBACK_PATH } from './auth/paths';
import { AccountMenu, AuthScreen, blocksViews } from './components/Account';
import { HealthIndicator, OutageBanner } from './components/StatusBar';
import { LogoIcon, MoonIcon, SunIcon } from './components/Icons';
import { PostDrawer } from './components/PostDrawer';
import { BlockSkeleton } from './components/Skeletons';
import { useTheme } from './lib/theme';
import { usePageTitle } from './lib/title';
import { useZone } from './lib/zone';
import { ZonePicker } from './components/ZonePicker';
import { filtersSearch, parseFilters } from './lib/filters';
import { trendFilters } from './lib/trends';
import { FeedView } from './views/FeedView';
import { ShiftsView } from './views/ShiftsView';
import { SummariesView } from './views/SummariesView';
import { WatchListView } from './views/WatchListView';

// Trends draws with uPlot: the chart library loads with the page that needs it.
const TrendsView = lazy(() => import('./views/TrendsView').then((m) => ({ default: m.TrendsView })));

function Nav() {
  const [location] = useLocation();
  const search = useSearch();
  const onFeed = location === '/' || location.startsWith('/posts/');
  // The feed and Trends take the same filters: going from one to the other keeps them.
  const filters = onFeed || location === '/trends' ? filtersSearch(trendFilters(parseFilters(search))) : '';
  const items = [
    { href: `/${filters}`, label: 'Feed', active: onFeed },
    { href: `/trends${filters}`, label: 'Trends', active: location === '/trends' },
    { href: '/summaries', label: 'Summaries', active: location === '/summaries' },
    { href: '/shifts', label: 'Shifts', active: location === '/shifts' },
    { href: '/watchlist', label: 'Watch list', active: location === '/watchlist' },
  ];
  return (
    <nav className="nav" aria-label="Main">
      {items.map((i) => (
        <Link key={i.href} href={i.href} className={`nav-link${i.active ? ' is-active' : ''}`} aria-current={i.active ? 'page' : undefined}>
          {i.label}
        </Link>
      ))}
    </nav>
  );
}

function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section className="page empty-state">
      <h1>Nothing here</h1>
      <p>This address is not part of the dashboard.</p>
      <Link href="/" className="button">
        Go to the feed
      </Link>
    </section>
  );
}

/** The view a path shows, as the title and the announcement name it; the post drawer belongs to the feed. */
export function viewName(path: string): string {
  if (path === '/' || path.startsWith('/posts/')) return 'Feed';
  const views: Record<string, string> = { '/trends': 'Trends', '/summaries': 'Summaries', '/shifts': 'Narrative shifts', '/watchlist': 'Watch list' };
  return views[path] ?? 'Not found';
}

/** Focuses the view's heading (without scrolling to it); false while the view has none yet. */
function focusViewHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  return true;
}

/**
 * After a move to another view (not on the first page load, nor opening or closing a post): focus
 * goes to the view's heading, so the next Tab starts there, and a polite live region names it.
 */
function useRouteFocus(): string {
  const [location] = useLocation();
  const view = viewName(location);
  const [shown, setShown] = useState({ view, announced: '' });
  if (shown.view !== view) setShown({ view, announced: `${view} page` });
  const previous = useRef(view);
  useEffect(() => {
    if (previous.current === view) return;
    previous.current = view;
    let frames = 0;
    let id = 0;
    // A view that loads its code (Trends) shows its heading a little later: wait for it, a second at most.
    const focusHeading = () => {
      const focused = focusViewHeading();
      if (focused || frames++ > 60) {
        if (!focused) document.getElementById('main')?.focus({ preventScroll: true });
        window.scrollTo({ top: 0 });
        return;
      }
      id = requestAnimationFrame(focusHeading);
    };
    id = requestAnimationFrame(focusHeading);
    return () => cancelAnimationFrame(id);
  }, [view]);
  return shown.announced;
}

export function App() {
  const [theme, toggleTheme] = useTheme();
  const [, zone] = useZone();
  const announced = useRouteFocus();
  const [isFeed] = useRoute('/');
  const [isPost, postParams] = useRoute<{ id: string }>('/posts/:id');
  const [isCallback] = useRoute(CALLBACK_PATH);
  const { status: authStatus } = useAuth();
  // While signing in or out the views wait (and ask the API nothing); without an issuer they never do.
  const blocked = blocksViews(authStatus) || (isCallback && authStatus === 'pending');
  const search = useSearch();
  const [, navigate] = useLocation();
  const openId = isPost && !blocked ? decodeURIComponent(postParams.id) : null;
  const query = search ? `?${search}` : '';

  const openPost = useCallback((id: string) => navigate(`/posts/${encodeURIComponent(id)}${query}`), [navigate, query]);
  const closePost = useCallback(() => navigate(`/${query}`), [navigate, query]);

  // Focus goes back to the post that was open. A post opened by its link may have no card drawn
  // behind the drawer (or none at all): then to the feed's heading, where the page is.
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    if (openId) {
      lastOpen.current = openId;
    } else if (lastOpen.current) {
      const card = document.querySelector<HTMLElement>(`[data-post-card][data-status-id="${CSS.escape(lastOpen.current)}"]`);
      if (card) card.focus({ preventScroll: true });
      else focusViewHeading();
      lastOpen.current = null;
    }
  }, [openId]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/" className="brand" aria-label="XMonitor home">
            <LogoIcon size={22} />
            <span>XMonitor</span>
          </Link>
          <Nav />
          <div className="topbar-tools">
            <HealthIndicator />
            <ZonePicker />
            <button
              type="button"
              className="icon-button"
              onClick={toggleTheme}
              aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
              data-testid="theme-toggle"
            >
              {theme === 'dark' ? <SunIcon size={18} /> : <MoonIcon size={18} />}
            </button>
            <AccountMenu />
          </div>
        </div>
      </header>
      <OutageBanner />
      <div className="sr-only" role="status" aria-live="polite" data-testid="route-announcer">
        {announced}
      </div>
      <main id="main" className="main" tabIndex={-1}>
        {blocked && <AuthScreen atCallback={isCallback} />}
        {!blocked && (isFeed || isPost) && <FeedView zone={zone} onOpen={openPost} drawerOpen={!!openId} />}
        {!blocked && !isFeed && !isPost && (
          <Switch>
            {/* The sign-in callback with nothing (more) to finish, e.g. with open reads: on to the feed. */}
            <Route path={CALLBACK_PATH}>
              <Redirect to="/" replace />
            </Route>
            <Route path="/trends">
              <Suspense fallback={<div className="card"><BlockSkeleton lines={8} label="Loading trends" /></div>}>
                <TrendsView zone={zone} theme={theme} />
              </Suspense>
            </Route>
            <Route path="/summaries">
              <SummariesView zone={zone} />
            </Route>
            <Route path="/shifts">
              <ShiftsView zone={zone} />
            </Route>
            <Route path="/watchlist" component={WatchListView} />
            <Route component={NotFoundPage} />
          </Switch>
        )}
      </main>
      {openId && <PostDrawer id={openId} onClose={closePost} theme={theme} zone={zone} />}
    </div>
  );
}
