import { describe, expect, it } from 'vitest';
import { PageCache, pagesCovering } from './page-cache.js';

describe('pagesCovering', () => {
  it('lists the pages under a row range', () => {
    expect(pagesCovering(0, 0, 100)).toEqual([0]);
    expect(pagesCovering(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesCovering(99_950, 99_999, 100)).toEqual([999]);
    expect(pagesCovering(10, 5, 100)).toEqual([]);
  });
});

describe('PageCache', () => {
  it('asks for each missing page once, and again after a failure', () => {
    const cache = new PageCache<number>('q', 10);
    expect(cache.claimMissing(0, 25)).toEqual([0, 1, 2]);
    expect(cache.claimMissing(0, 25)).toEqual([]);
    cache.release(1);
    expect(cache.claimMissing(0, 25)).toEqual([1]);
  });

  it('serves stored rows by index and stops at the total', () => {
    const cache = new PageCache<string>('q', 10);
    cache.claimMissing(0, 9);
    cache.store(0, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 15);
    expect(cache.row(3)).toBe('d');
    expect(cache.row(12)).toBeUndefined();
    expect(cache.total).toBe(15);
    expect(cache.claimMissing(0, 100)).toEqual([1]);
    expect(cache.loadedPages()).toEqual([0]);
  });

  it('handles a 100,000-row table without touching pages out of view', () => {
    const cache = new PageCache<number>('q');
    cache.store(0, [0], 100_000);
    expect(cache.claimMissing(50_000, 50_030)).toEqual([500]);
  });
});
