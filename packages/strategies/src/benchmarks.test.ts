import { describe, expect, it } from 'vitest';
import { NasBench201Space, createRng, enumerateNasBench101, nasBench201ArchString } from '@archspace/mutables';
import { NasBench101Benchmark } from './nasbench101-benchmark.js';
import { NasBench201Benchmark } from './nasbench201-benchmark.js';
import { NotInBenchmarkError } from './not-in-benchmark.js';
import { sharedData } from './test-data.js';

const nb201 = sharedData('nasbench201/nb201.csv');
const nb101 = sharedData('nasbench101/nb101_sample500_naslib.csv');

describe.skipIf(!nb201.present)('NasBench201Benchmark (skipped when ../shared/data/nasbench201 is absent)', () => {
  const bench = NasBench201Benchmark.fromCsv(nb201.path);

  it('holds all 15,625 architectures and finds the benchmark optimum by arch string', () => {
    expect(bench.size).toBe(15625);
    const best = bench.records.reduce((a, b) => (b.test200.cifar10 > a.test200.cifar10 ? b : a));
    expect(best.test200.cifar10).toBeCloseTo(94.37, 2);
    expect(bench.query(best.arch)).toBe(best);
  });

  it('answers samples of the NAS-Bench-201 space, with or without the cell/ prefix', () => {
    const space = NasBench201Space.create();
    const sample = space.random(createRng(4));
    const record = bench.query(sample);
    expect(record.arch).toBe(nasBench201ArchString(sample));
    const bare = Object.fromEntries(Object.entries(sample).map(([k, v]) => [k.slice(5), v]));
    expect(bench.query(bare)).toBe(record);
    expect(record.signal).toBe(record.validation12.cifar10);
    expect(record.costSeconds).toBeGreaterThan(0);
  });

  it('refuses an unknown arch with a clear error', () => {
    expect(() => bench.query('|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|')).toThrow(NotInBenchmarkError);
  });
});

describe.skipIf(!nb101.present)('NasBench101Benchmark (skipped when ../shared/data/nasbench101 is absent)', () => {
  const bench = NasBench101Benchmark.fromCsv(nb101.path);

  it('groups the 500 rows into 292 cells with up to three repeats', () => {
    expect(bench.size).toBe(292);
  });

  it('looks cells up through the official hash, unpruned cells included', () => {
    // The second row of the table: an unpruned 7-vertex spec that prunes to 4 vertices.
    const matrix = [0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    const rows = Array.from({ length: 7 }, (_, i) => matrix.slice(7 * i, 7 * i + 7));
    const ops = ['input', 'maxpool3x3', 'maxpool3x3', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'output'];
    const record = bench.queryCell(rows, ops);
    expect(record.hash).toBe('01f0f1cf81ef9193f2946db78ea759ee');
    expect(record.validationAccuracies).toContain(93.760014);
  });

  it('refuses a cell the table does not hold', () => {
    const absent = [...enumerateNasBench101({ maxVertices: 4 }).entries()].find(([hash]) => {
      try {
        bench.queryHash(hash);
        return false;
      } catch {
        return true;
      }
    })!;
    expect(() => bench.queryHash(absent[0])).toThrow(NotInBenchmarkError);
    expect(() => bench.queryHash(absent[0])).toThrow(/not among the 292 cells/);
  });
});
