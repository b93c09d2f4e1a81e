/**
 * NAS-Bench-101 graph algorithms: the enumeration of the whole search space with the official hash
 * (checked against the published count and the checksum of the hash set), and one hash of a cell.
 */
import { createHash } from 'node:crypto';
// By path rather than '@archspace/mutables', so the bench runs on the sources without a fresh dist.
import { enumerateNasBench101, hashNasBench101, hashNasBench101Cell, nasBench101Labels } from '@archspace/mutables';
import { measureOnce, measureTime } from './harness.js';

/** md5 of the sorted hash set, each hash followed by "\n" (shared/data/nasbench101/README.md). */
const ALL_HASHES_MD5 = 'cb21faeee80b2b81bd0d989541f1aa89';
const ALL_CELLS = 423_624;
/** Unique cells with exactly 2 … 7 vertices, then with exactly 1 … 9 edges (same README). */
const BY_VERTICES_AND_EDGES = '1,6,84,2441,62010,359082 / 1,3,12,60,339,2134,13984,78822,328269';

/** The Inception-like cell of the NAS-Bench-101 README: 7 vertices, 6 edges. */
const MATRIX = [
  [0, 1, 1, 1, 0, 1, 0],
  [0, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 1, 0, 0],
  [0, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 0],
];
const OPS = ['input', 'conv1x1-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'maxpool3x3', 'output'];

export default async function (): Promise<void> {
  await measureOnce(
    'NAS-Bench-101 full enumeration with hashing (423,624 cells)',
    () => {
      const cells = enumerateNasBench101();
      if (cells.size !== ALL_CELLS) throw new Error(`expected ${ALL_CELLS} cells, got ${cells.size}`);
      const sorted = [...cells.keys()].sort();
      const digest = createHash('md5').update(sorted.map((hash) => `${hash}\n`).join('')).digest('hex');
      if (digest !== ALL_HASHES_MD5) throw new Error(`hash set checksum ${digest}, expected ${ALL_HASHES_MD5}`);
      const byVertices = new Array<number>(8).fill(0);
      const byEdges = new Array<number>(10).fill(0);
      for (const { matrix } of cells.values()) {
        byVertices[matrix.length]!++;
        byEdges[matrix.flat().reduce((a, b) => a + b, 0)]!++;
      }
      const counts = `${byVertices.slice(2).join()} / ${byEdges.slice(1).join()}`;
      if (counts !== BY_VERTICES_AND_EDGES) throw new Error(`cells by vertex / edge count ${counts}, expected ${BY_VERTICES_AND_EDGES}`);
    },
    { bound: '≤', value: 20, unit: 's', reference: 'plain Python ≈ 6 min' },
  );

  const labels = nasBench101Labels(OPS);
  if (hashNasBench101(MATRIX, labels) !== '28cfc7874f6d200472e1a9dcd8650aa0') throw new Error('README cell hashes wrongly');
  await measureTime('NAS-Bench-101 hash of one 7-vertex cell (hashNasBench101)', () => hashNasBench101(MATRIX, labels), {
    bound: '≤',
    value: 50,
    unit: 'µs',
    reference: 'plain Python ≈ 280 µs per hash during its enumeration; 57 native MD5 calls alone ≈ 25 µs',
  });
  await measureTime('NAS-Bench-101 prune + label + hash of one 7-vertex cell (hashNasBench101Cell)', () => hashNasBench101Cell(MATRIX, OPS), {
    bound: '≤',
    value: 50,
    unit: 'µs',
  });
}
