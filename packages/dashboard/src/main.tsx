/** The dashboard's entry: reads the token from the fragment, starts the live data, mounts the app. */
import { render } from 'preact';
import { initToken } from './auth/token-keeper.js';
import { startLive } from './live/live-store.js';
import { App } from './ui/app.js';
import './styles.css';

initToken();
startLive();
render(<App />, document.getElementById('app')!);
