/**
 * The progress bar of `search()` (`progress: true`, on stderr): it counts the finished trials out of
 * `maxTrials`, hides the cursor meanwhile, shows the best value so far to five significant digits, and counts the failed trials.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Categorical, MutableDict } from '@archspace/mutables';
import { GridSearch } from './grid-search.js';
import { search } from './search.js';

const space = new MutableDict({ x: new Categorical([0, 1, 2, 3, 4, 5], { label: 'x' }) });
const x = (s: Record<string, unknown>): number => s['x'] as number;

/** Runs `body` with stderr posing as a terminal; returns what was written to it. */
async function onTerminal(body: () => Promise<unknown>): Promise<string> {
  const stderr = process.stderr as { isTTY?: boolean };
  const wasTTY = stderr.isTTY;
  stderr.isTTY = true;
  let written = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  });
  try {
    await body();
  } finally {
    stderr.isTTY = wasTTY;
    vi.restoreAllMocks();
  }
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('search(): progress bar', () => {
  it('shows the trials done, the best value and the failures', async () => {
    const text = await onTerminal(() => search(space, (s) => {
      if (x(s) % 2 === 1) throw new Error('odd');
      return x(s) / 3;
    }, new GridSearch(), { maxTrials: 6 }, { progress: true }));
    expect(text).toContain('GridSearch [');
    expect(text).toContain('6/6 trials | best 1.3333 | failed 3');
    // The cursor is hidden while the bar runs, and shown again at the end.
    expect(text).toContain('\u001b[?25l');
    expect(text).toContain('\u001b[?25h');
  });

  it('shows a dash and no failures before any trial succeeded', async () => {
    const text = await onTerminal(() => search(space, () => Number.NaN, new GridSearch(), { maxTrials: 1 }, { progress: true }));
    expect(text).toContain('0/1 trials | best - | failed 0');
    expect(text).toContain('1/1 trials | best - | failed 1');
  });

  it('writes nothing without progress', async () => {
    const text = await onTerminal(() => search(space, x, new GridSearch(), { maxTrials: 2 }, { progress: false }));
    expect(text).toBe('');
  });
});
