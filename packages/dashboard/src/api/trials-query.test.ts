import { describe, expect, it } from 'vitest';
import { apiRoot, archspacePath, nniPath } from './api-base.js';
import { DEFAULT_TRIALS_QUERY, filterParams, parseBound, toggleSort, trialsQueryKey, trialsQueryString } from './trials-query.js';

describe('trialsQueryString', () => {
  it('asks for a page in the default order', () => {
    expect(trialsQueryString(DEFAULT_TRIALS_QUERY, 200, 100)).toBe('offset=200&limit=100&sort=sequenceId&order=asc');
  });

  it('adds every set filter and encodes them', () => {
    const text = trialsQueryString({ sort: 'param:model/layer 1', order: 'desc', statuses: ['RUNNING', 'SUCCEEDED'], metricMin: 0.5, metricMax: 0.9, search: ' conv&3 ' }, 0, 50);
    const params = new URLSearchParams(text);
    expect(Object.fromEntries(params)).toEqual({
      offset: '0',
      limit: '50',
      sort: 'param:model/layer 1',
      order: 'desc',
      status: 'RUNNING,SUCCEEDED',
      metricMin: '0.5',
      metricMax: '0.9',
      search: 'conv&3',
    });
  });

  it('asks for an objective sort with the name as data, encoded', () => {
    const params = new URLSearchParams(trialsQueryString({ ...DEFAULT_TRIALS_QUERY, sort: 'objective:a&b=__proto__', order: 'desc' }, 0, 10));
    expect(params.get('sort')).toBe('objective:a&b=__proto__');
    expect(params.get('order')).toBe('desc');
  });

  it('cuts the search to the 200 characters the server accepts', () => {
    const params = new URLSearchParams(trialsQueryString({ ...DEFAULT_TRIALS_QUERY, search: 'x'.repeat(300) }, 0, 1));
    expect(params.get('search')).toHaveLength(200);
  });

  it('keys queries by rows asked for, not by page', () => {
    expect(trialsQueryKey(DEFAULT_TRIALS_QUERY)).toBe(trialsQueryKey({ ...DEFAULT_TRIALS_QUERY }));
    expect(trialsQueryKey(DEFAULT_TRIALS_QUERY)).not.toBe(trialsQueryKey({ ...DEFAULT_TRIALS_QUERY, order: 'desc' }));
  });

  it('leaves unset bounds and statuses out of the filter', () => {
    expect(filterParams(DEFAULT_TRIALS_QUERY).toString()).toBe('');
    expect(filterParams({ statuses: [], metricMin: 0, metricMax: null }).toString()).toBe('metricMin=0');
  });
});

describe('toggleSort', () => {
  it('flips the order of the sorted column and sorts a new column ascending', () => {
    const byMetric = toggleSort(DEFAULT_TRIALS_QUERY, 'metric');
    expect([byMetric.sort, byMetric.order]).toEqual(['metric', 'asc']);
    expect(toggleSort(byMetric, 'metric').order).toBe('desc');
    expect(toggleSort(toggleSort(byMetric, 'metric'), 'duration').order).toBe('asc');
    const byObjective = toggleSort(byMetric, 'objective:flops');
    expect([byObjective.sort, byObjective.order]).toEqual(['objective:flops', 'asc']);
    expect(toggleSort(byObjective, 'objective:flops').order).toBe('desc');
  });
});

describe('parseBound', () => {
  it('reads numbers and treats anything else as unset', () => {
    expect(parseBound(' 0.25 ')).toBe(0.25);
    expect(parseBound('-1e3')).toBe(-1000);
    expect(parseBound('')).toBeNull();
    expect(parseBound('abc')).toBeNull();
    expect(parseBound('Infinity')).toBeNull();
  });
});

describe('api paths', () => {
  it('resolve against the page folder, so a URL prefix works', () => {
    expect(apiRoot('/')).toBe('/api/v1/');
    expect(apiRoot('/prefix/')).toBe('/prefix/api/v1/');
    expect(apiRoot('/prefix/index.html')).toBe('/prefix/api/v1/');
    expect(archspacePath('/p/', 'trials?limit=1')).toBe('/p/api/v1/archspace/trials?limit=1');
    expect(nniPath('/', 'experiment')).toBe('/api/v1/nni/experiment');
  });
});
