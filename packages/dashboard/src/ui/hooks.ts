/** Small Preact hooks the pages share. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { liveState, onLiveChange, type LiveState } from '../live/live-store.js';
import { parseRoute, type Route } from '../routing/route.js';

/** The shared live state, re-rendering on change. */
export function useLive(): LiveState {
  const [state, setState] = useState(liveState());
  useEffect(() => {
    setState(liveState());
    return onLiveChange(() => setState(liveState()));
  }, []);
  return state;
}

/** The page the location hash names, re-rendering on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** `value`, but only after it stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `value`, changed at most once every `ms`: a steady stream of changes still shows, `ms` apart. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    const timer = setTimeout(
      () => {
        shownAt.current = Date.now();
        setShown(value);
      },
      Math.max(0, shownAt.current + ms - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

/** The time now (ms), updated every `ms` while `running`. */
export function useNow(running: boolean, ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [running, ms]);
  return now;
}

/** An async read's state. */
export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'ok'; readonly value: T } | { readonly state: 'error'; readonly error: Error };

/**
 * Runs `load` when `deps` change and keeps its last answer; while a re-read runs, the earlier answer
 * stays on screen.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (value) => !abort.signal.aborted && setLoaded({ state: 'ok', value }),
      (error: unknown) => !abort.signal.aborted && setLoaded({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => abort.abort();
  }, deps);
  return loaded;
}
