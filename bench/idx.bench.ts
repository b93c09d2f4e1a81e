/**
 * Reading Fashion-MNIST's 60,000 training images (Debian's dataset-fashion-mnist: 26 MB gzipped,
 * 47 MB of pixels), against the bare operations it cannot avoid, on the same machine (absolute times
 * on two shared cores vary several-fold with the load). Goals: the checks of `decodeIdx` (the header
 * peek, the bounded gunzip, the exact size) cost at most 30 % over a bare `gunzipSync` of the file;
 * decoding the uncompressed bytes (which copies them) at most 50 % over a bare copy; scaling the
 * images to [0, 1] float32 in `loadIdxImageSet` at most 50 % over a bare scaling loop.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeIdx, fashionMnist, fashionMnistMissing, loadIdxImageSet, readIdx } from '@archspace/tfjs';
import { report } from './harness.js';

/** The least milliseconds of `runs` calls of `fn`. */
function bestMs(runs: number, fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export default async function (): Promise<void> {
  const missing = fashionMnistMissing();
  if (missing !== undefined) throw new Error(missing);
  const { train } = fashionMnist();
  const packed = readFileSync(train.images);
  const bare = bestMs(3, () => gunzipSync(packed));
  const checked = bestMs(3, () => decodeIdx(packed, train.images));
  report(`decodeIdx of the gzipped training images (${checked.toFixed(0)} ms), over a bare gunzipSync (${bare.toFixed(0)} ms)`, checked / bare, { bound: '≤', value: 1.3, unit: '×' });
  const plain = gunzipSync(packed);
  const copy = bestMs(3, () => new Uint8Array(plain.length).set(plain));
  const decoded = bestMs(3, () => decodeIdx(plain, 'plain'));
  report(`decodeIdx of the uncompressed bytes (${decoded.toFixed(0)} ms), over a bare copy (${copy.toFixed(0)} ms)`, decoded / copy, { bound: '≤', value: 1.5, unit: '×' });
  const pixels = readIdx(train.images).data as Uint8Array;
  const scaling = bestMs(2, () => {
    const out = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 255;
  });
  const read = bestMs(2, () => readIdx(train.images));
  const loaded = bestMs(2, () => loadIdxImageSet(train));
  report(
    `loadIdxImageSet beyond readIdx (${(loaded - read).toFixed(0)} ms), over a bare scaling loop (${scaling.toFixed(0)} ms)`,
    (loaded - read) / scaling,
    { bound: '≤', value: 1.5, unit: '×' },
  );
}
