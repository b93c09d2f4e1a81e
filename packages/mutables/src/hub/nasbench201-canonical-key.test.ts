/**
 * The canonical key of a NAS-Bench-201 cell names the function the cell computes: checked on all
 * 15,625 cells against a numeric evaluation with made-up nonlinear ops (equal keys, equal outputs;
 * different keys, different outputs), and against the benchmark's own isomorphism classes, which it
 * never splits.
 */
import { describe, expect, it } from 'vitest';
import { NASBENCH201_OP_NAMES } from '../nn/ops/nasbench201-ops.js';
import { haveNasBench201Table, readNasBench201Table } from '../test-support/nasbench201-table.js';
import { nasBench201CanonicalKey } from './nasbench201-canonical.js';
import { NASBENCH201_EDGES, nasBench201Sample } from './nasbench201-space.js';

/** Every value-space sample (`0_1` … keys), edge `0_1` slowest. */
function allSamples(): Record<string, string>[] {
  const samples: Record<string, string>[] = [];
  const n = NASBENCH201_OP_NAMES.length;
  for (let code = 0; code < n ** 6; code++) {
    samples.push(Object.fromEntries(NASBENCH201_EDGES.map((edge, k) => [edge, NASBENCH201_OP_NAMES[Math.floor(code / n ** (5 - k)) % n]!])));
  }
  return samples;
}

/**
 * Stand-ins for the ops: nonlinear, so that op(a + b) tells apart from op(a) + op(b), and zero at
 * zero, as the key (and the benchmark) take an op on a node nothing reaches to give nothing.
 */
const OPS: Record<string, (x: number) => number> = {
  none: () => 0,
  skip_connect: (x) => x,
  conv_1x1: (x) => Math.tanh(1.7 * x) + 0.3 * x * x,
  conv_3x3: (x) => Math.sin(2.3 * x) - 0.1 * x * x * x,
  avg_pool_3x3: (x) => 0.5 * x * x + 0.2 * x,
};

/** The cell's output for input `x`, node by node, as the network computes it. */
function evaluate(sample: Record<string, string>, x: number): number {
  const node = [x, 0, 0, 0];
  for (const edge of NASBENCH201_EDGES) {
    const from = Number(edge[0]);
    const to = Number(edge[2]);
    node[to]! += OPS[sample[edge]!]!(node[from]!);
  }
  return node[3]!;
}

describe('nasBench201CanonicalKey', () => {
  const samples = allSamples();
  const inputs = [0.37, -1.21, 2.05];

  it('gives equal keys exactly to cells that compute the same function (all 15,625 cells)', () => {
    const signatureOf = new Map<string, string>();
    const keyOf = new Map<string, string>();
    for (const sample of samples) {
      const key = nasBench201CanonicalKey(sample);
      const signature = inputs.map((x) => evaluate(sample, x).toFixed(9)).join(',');
      const known = signatureOf.get(key);
      if (known === undefined) signatureOf.set(key, signature);
      else expect(signature, `${key}: ${JSON.stringify(sample)}`).toBe(known);
      const other = keyOf.get(signature);
      if (other === undefined) keyOf.set(signature, key);
      else expect(key, `same outputs as ${other}`).toBe(other);
    }
    expect(signatureOf.size).toBe(keyOf.size);
    expect(signatureOf.size).toBe(4930);
  });

  it('reads hub keys (cell/0_1 …) and value-space keys (0_1 …) alike', () => {
    const arch = '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|';
    const hub = nasBench201Sample(arch);
    const plain = Object.fromEntries(NASBENCH201_EDGES.map((edge) => [edge, hub[`cell/${edge}`]]));
    expect(nasBench201CanonicalKey(hub)).toBe('avg_pool_3x3(conv_3x3(x))');
    expect(nasBench201CanonicalKey(plain)).toBe('avg_pool_3x3(conv_3x3(x))');
  });

  it('takes out skips, dead edges and cells cut off from the input', () => {
    const none = Object.fromEntries(NASBENCH201_EDGES.map((edge) => [edge, 'none']));
    expect(nasBench201CanonicalKey(none)).toBe('0');
    expect(nasBench201CanonicalKey({ ...none, '0_1': 'conv_3x3', '1_3': 'skip_connect' })).toBe(nasBench201CanonicalKey({ ...none, '0_3': 'conv_3x3' }));
    // Node 2 reaches nothing: its edges do not count.
    expect(nasBench201CanonicalKey({ ...none, '0_3': 'conv_1x1', '0_2': 'conv_3x3', '1_2': 'avg_pool_3x3' })).toBe('conv_1x1(x)');
  });

  it('names the edge a sample lacks', () => {
    expect(() => nasBench201CanonicalKey({ '0_1': 'none' })).toThrow(/no op for edge 0_2 \(keys "cell\/0_2" or "0_2"\)/);
  });

  it.skipIf(!haveNasBench201Table)('never splits one of the benchmark’s isomorphism classes (skipped when ../shared/data is absent)', () => {
    const keyOfClass = new Map<number, string>();
    const classes = new Set<string>();
    for (const row of readNasBench201Table()) {
      const key = nasBench201CanonicalKey(nasBench201Sample(row.arch));
      classes.add(key);
      const known = keyOfClass.get(row.isoId);
      if (known === undefined) keyOfClass.set(row.isoId, key);
      else expect(key, `iso class ${row.isoId}`).toBe(known);
    }
    // The benchmark keeps apart some cells that compute the same function (a skip after an op, or
    // the op on the direct edge), so its classes are finer: 6,466 against fewer keys.
    expect(keyOfClass.size).toBe(6466);
    expect(classes.size).toBeLessThan(6466);
  });
});
