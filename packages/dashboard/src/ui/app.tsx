/** The app's frame: navigation, connection state, the current page and the token dialog. */
import { ChartsPage } from './charts-page.js';
import { ComparePage } from './compare-page.js';
import { useLive, useRoute } from './hooks.js';
import { NotFound } from './not-found.js';
import { OverviewPage } from './overview-page.js';
import { TokenDialog } from './token-dialog.js';
import { TrialPage } from './trial-page.js';
import { TrialsPage } from './trials-page.js';
import type { Route } from '../routing/route.js';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'trials':
      return <TrialsPage />;
    case 'trial':
      return <TrialPage key={route.id} id={route.id} />;
    case 'charts':
      return <ChartsPage />;
    case 'compare':
      return <ComparePage ids={route.ids} />;
    case 'unknown':
      return <NotFound message={`There is no page ${route.path} in the dashboard.`} />;
  }
}

/** The whole app. */
export function App() {
  const route = useRoute();
  const live = useLive();
  const active = (page: Route['page']) => (route.page === page || (page === 'trials' && route.page === 'trial') ? 'active' : '');
  return (
    <>
      <header class="top">
        <span class="brand">archspace</span>
        <span class="experiment-id">{live.overview?.id ?? ''}</span>
        <nav>
          <a href="#/" class={active('overview')} data-testid="nav-overview">
            Overview
          </a>
          <a href="#/trials" class={active('trials')} data-testid="nav-trials">
            Trials
          </a>
          <a href="#/charts" class={active('charts')} data-testid="nav-charts">
            Charts
          </a>
        </nav>
        <span class={`live ${live.connected ? 'on' : 'off'}`} data-testid="live-indicator" title={live.connected ? 'Receiving live updates' : 'Not connected: reconnecting'}>
          {live.connected ? '● live' : '○ offline'}
        </span>
      </header>
      <main>
        <Page route={route} />
      </main>
      <TokenDialog />
    </>
  );
}
