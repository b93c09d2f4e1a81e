/**
 * The trials table: one row per trial (id, status, one column per label, final metric or one column
 * per objective the config names, duration), sorted and filtered by the server (`GET /trials`), paged
 * as the user scrolls, with only the visible rows in the DOM. Rows can be selected (2–4) to compare.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getArchspace } from '../api/api-client.js';
import { TRIAL_STATUSES, type TrialPage, type TrialStatus, type TrialSummary } from '../api/api-types.js';
import { DEFAULT_TRIALS_QUERY, parseBound, toggleSort, trialsQueryKey, trialsQueryString, type TrialsQuery } from '../api/trials-query.js';
import { compareHref, MAX_COMPARED } from '../routing/route.js';
import { PageCache } from '../trials/page-cache.js';
import { useDebounced, useLive } from './hooks.js';
import { columnsFor } from './trials-columns.js';
import { useVirtualRows } from './use-virtual-rows.js';

/** The height of a table row, in pixels. */
const ROW_HEIGHT = 34;

/** The trials page. */
export function TrialsPage() {
  const live = useLive();
  const labels = live.overview?.labels ?? [];
  const objectives = live.overview?.objectives ?? [];
  const columns = useMemo(() => columnsFor(labels, objectives), [JSON.stringify([labels, objectives])]);
  const [query, setQuery] = useState<TrialsQuery>(DEFAULT_TRIALS_QUERY);
  const [searchText, setSearchText] = useState('');
  const [minText, setMinText] = useState('');
  const [maxText, setMaxText] = useState('');
  const search = useDebounced(searchText, 300);
  const metricMin = useDebounced(parseBound(minText), 300);
  const metricMax = useDebounced(parseBound(maxText), 300);
  const effective: TrialsQuery = { ...query, search, metricMin, metricMax };
  const key = trialsQueryKey(effective);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const cache = useRef<PageCache<TrialSummary>>(new PageCache(key));
  const stale = useRef<PageCache<TrialSummary> | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  // A new query starts from the top with nothing loaded; new data keeps the old rows until re-read.
  const cacheFor = useRef({ key, version: live.dataVersion });
  if (cacheFor.current.key !== key || cacheFor.current.version !== live.dataVersion) {
    const sameQuery = cacheFor.current.key === key;
    stale.current = sameQuery ? cache.current : null;
    cache.current = new PageCache(key);
    cacheFor.current = { key, version: live.dataVersion };
  }
  const total = cache.current.total ?? stale.current?.total ?? 0;
  const { items, totalSize, scrollToTop } = useVirtualRows(scroller, total, ROW_HEIGHT);
  useEffect(() => scrollToTop(), [key]);

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const current = cache.current;
    const pages = current.total === null && stale.current === null ? current.claimMissing(0, 0) : current.claimMissing(first, Math.max(first, last));
    for (const page of pages) {
      getArchspace<TrialPage>(`trials?${trialsQueryString(effective, page * current.pageSize, current.pageSize)}`).then(
        (answer) => {
          current.store(page, answer.trials, answer.total);
          setError(null);
          if (current === cache.current) setTick((n) => n + 1);
        },
        (failure: unknown) => {
          current.release(page);
          if (current === cache.current) setError((failure as Error).message);
        },
      );
    }
  });

  const rowAt = (index: number) => cache.current.row(index) ?? stale.current?.row(index);
  const template = `36px ${columns.map((c) => `${c.width}px`).join(' ')}`;
  const width = 36 + columns.reduce((w, c) => w + c.width, 0);
  const toggle = (id: string) => setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : ids.length >= MAX_COMPARED ? ids : [...ids, id]));
  const status = query.statuses[0] ?? '';

  return (
    <section class="panel trials">
      <div class="filters">
        <label>
          Status{' '}
          <select data-testid="status-filter" value={status} onChange={(e) => setQuery({ ...query, statuses: e.currentTarget.value === '' ? [] : [e.currentTarget.value as TrialStatus] })}>
            <option value="">all</option>
            {TRIAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {objectives.length === 0 ? 'Metric' : 'default'} ≥ <input data-testid="metric-min" class="narrow" inputMode="decimal" value={minText} onInput={(e) => setMinText(e.currentTarget.value)} aria-invalid={minText.trim() !== '' && parseBound(minText) === null} />
        </label>
        <label>
          ≤ <input data-testid="metric-max" class="narrow" inputMode="decimal" value={maxText} onInput={(e) => setMaxText(e.currentTarget.value)} aria-invalid={maxText.trim() !== '' && parseBound(maxText) === null} />
        </label>
        <label>
          Search parameters <input data-testid="search" type="search" maxLength={200} value={searchText} onInput={(e) => setSearchText(e.currentTarget.value)} placeholder="e.g. conv3x3" />
        </label>
        <span data-testid="trials-total" class="total">
          {cache.current.total ?? stale.current?.total ?? '…'} trials
        </span>
        <a
          class={`button${selected.length < 2 ? ' disabled' : ''}`}
          data-testid="compare-selected"
          aria-disabled={selected.length < 2}
          href={selected.length >= 2 ? compareHref(selected) : undefined}
        >
          Compare {selected.length > 0 ? `(${selected.length})` : ''}
        </a>
      </div>
      {error !== null && (
        <p class="error" data-testid="trials-error">
          {error}
        </p>
      )}
      <div class="table-scroll" ref={scroller} data-testid="trials-table" role="table" aria-rowcount={total}>
        <div class="table-head" role="row" style={{ gridTemplateColumns: template, width: `${width}px` }}>
          <span role="columnheader" />
          {columns.map((c) => (
            <span key={c.key} role="columnheader" aria-sort={query.sort === c.key ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button data-testid={`sort-${c.key}`} title={`Sort by ${c.title}`} onClick={() => setQuery(toggleSort(query, c.key))}>
                {c.title}
                {query.sort === c.key ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            </span>
          ))}
        </div>
        <div class="table-body" style={{ height: `${totalSize}px`, width: `${width}px` }}>
          {items.map((item) => {
            const trial = rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px`, gridTemplateColumns: template };
            if (trial === undefined) {
              return (
                <div key={`loading-${item.index}`} class="table-row loading" data-testid="trial-row-loading" role="row" style={style}>
                  <span />
                  <span>loading…</span>
                </div>
              );
            }
            return (
              <div key={trial.trialJobId} class={`table-row${selected.includes(trial.trialJobId) ? ' selected' : ''}`} data-testid="trial-row" data-trial-id={trial.trialJobId} data-index={item.index} role="row" style={style}>
                <span role="cell">
                  <input type="checkbox" data-testid="select-trial" aria-label={`select trial ${trial.trialJobId}`} checked={selected.includes(trial.trialJobId)} onChange={() => toggle(trial.trialJobId)} />
                </span>
                {columns.map((c) => (
                  <span role="cell" key={c.key} data-column={c.key}>
                    {c.cell(trial)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
