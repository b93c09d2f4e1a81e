import { describe, expect, it } from 'vitest';
import { NasBench201Space } from '../../hub/nasbench201-space.js';
import { haveNasBench201Table as haveTable, NASBENCH201_TABLE as tableFile, readNasBench201Table as readTable } from '../../test-support/nasbench201-table.js';
import { trace } from '../trace.js';
import { NasBench201FrozenCell } from './nasbench201-frozen-cell.js';

/** NAS-Bench-201's CIFAR-10 network (the hub's) with every cell frozen to `arch`. */
function nasBench201Network(arch: string): NasBench201Space {
  return new NasBench201Space({ cell: (c) => new NasBench201FrozenCell(arch, c, c) });
}

const ALL_NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const ALL_CONV3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';

describe('NAS-Bench-201 CIFAR-10 network', () => {
  it('maps [null, 3, 32, 32] to [null, 10] and records every edge, none included', () => {
    const traced = trace(nasBench201Network(ALL_NONE), [[null, 3, 32, 32]]);
    expect(traced.outputShapes).toEqual([[null, 10]]);
    const zeros = traced.root.nodes.filter((node) => node.type === 'Zero');
    expect(zeros).toHaveLength(15 * 6);
    expect(zeros[0]!.name).toBe('cells.0.edges.0_1');
  });

  it('costs what the benchmark README documents for all-none and all-conv_3x3 cells', () => {
    const none = trace(nasBench201Network(ALL_NONE), [[null, 3, 32, 32]]);
    expect(none.parameterCount()).toBe(73_306);
    expect(none.flops()).toBe(7_783_050);
    const conv = trace(nasBench201Network(ALL_CONV3), [[null, 3, 32, 32]]);
    expect(conv.parameterCount()).toBe(73_306 + 6 * 243_040);
    expect(conv.flops()).toBe(7_783_050 + 6 * 35_389_440);
  });

  it.skipIf(!haveTable)(
    `matches params_c10_M and flops_c10_M of nb201.csv${haveTable ? '' : ` (skipped: ${tableFile.pathname} is absent)`}`,
    () => {
      const table = readTable();
      expect(table).toHaveLength(15_625);
      // Every 25th arch plus the extremes (627 rows, all five ops in every position); every row
      // with ARCHSPACE_NB201_ALL=1 (about 30 s).
      const all = process.env.ARCHSPACE_NB201_ALL === '1';
      const rows = table.filter((row) => all || row.index % 25 === 0 || row.arch === ALL_NONE || row.arch === ALL_CONV3);
      expect(rows.some((row) => row.arch === ALL_NONE) && rows.some((row) => row.arch === ALL_CONV3)).toBe(true);
      let maxParamsError = 0;
      let maxFlopsError = 0;
      for (const row of rows) {
        const traced = trace(nasBench201Network(row.arch), [[null, 3, 32, 32]]);
        const params = traced.parameterCount()! / 1e6;
        const flops = traced.flops()! / 1e6;
        maxParamsError = Math.max(maxParamsError, Math.abs(params - row.params));
        maxFlopsError = Math.max(maxFlopsError, Math.abs(flops - row.flops));
        if (Math.abs(params - row.params) > 1e-6 || Math.abs(flops - row.flops) > 1e-5) {
          expect.fail(`arch ${row.index} ${row.arch}: params ${params} vs ${row.params}, flops ${flops} vs ${row.flops}`);
        }
      }
      expect(rows.length).toBeGreaterThanOrEqual(200);
      expect(maxParamsError).toBeLessThan(1e-9);
      expect(maxFlopsError).toBeLessThan(1e-9);
    },
  );
});
