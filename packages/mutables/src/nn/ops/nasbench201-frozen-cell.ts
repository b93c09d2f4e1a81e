/**
 * A frozen NAS-Bench-201 cell: a dense DAG whose edges have fixed ops, built from the benchmark's
 * arch string or NNI's `{'0_1': op, …}` dict. (The searchable cell, with one choice per edge, is
 * `NasBench201Cell`.)
 */
import { SearchSpaceError } from '@archspace/ir';
import { Module } from '../module.js';
import type { Tensor } from '../tensor.js';
import type { NumberOrChoice } from './arguments.js';
import { add } from './merge.js';
import { NASBENCH201_OP_NAMES, NASBENCH201_OPS, type NasBench201OpFactory, type NasBench201OpName } from './nasbench201-ops.js';

/** A NAS-Bench-201 architecture as NNI writes it: the op of every edge `i_j` (`i < j`). */
export type NasBench201Arch = Readonly<Record<string, NasBench201OpName>>;

function archError(arch: unknown, expected: string): never {
  throw new SearchSpaceError({ code: 'invalid-arch', path: ['arch'], expected, received: arch });
}

function opName(arch: unknown, written: string): NasBench201OpName {
  const name = written.startsWith('nor_') ? written.slice(4) : written;
  if (!(NASBENCH201_OP_NAMES as readonly string[]).includes(name)) archError(arch, `an op among ${NASBENCH201_OP_NAMES.join(', ')} (nor_ prefix allowed), not "${written}"`);
  return name as NasBench201OpName;
}

/**
 * Reads the benchmark's arch string (`|nor_conv_3x3~0|+|none~0|skip_connect~1|+|…|`) into NNI's
 * edge dict; op names lose their `nor_` prefix. Group `j − 1` lists the inputs `0…j − 1` of node `j`.
 *
 * @example
 * ```ts
 * parseNasBench201Arch('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|');
 * // { '0_1': 'conv_3x3', '0_2': 'none', '1_2': 'skip_connect', '0_3': 'none', '1_3': 'none', '2_3': 'avg_pool_3x3' }
 * ```
 */
export function parseNasBench201Arch(arch: string): NasBench201Arch {
  const out: Record<string, NasBench201OpName> = {};
  const groups = arch.split('+');
  groups.forEach((group, g) => {
    const j = g + 1;
    const entries = group.split('|').filter((part) => part !== '');
    if (!/^\|.*\|$/.test(group) || entries.length !== j) archError(arch, `group ${j} to be "|op~0|…|op~${j - 1}|" (${j} entries between bars)`);
    entries.forEach((entry, i) => {
      const [written, source] = entry.split('~');
      if (written === undefined || source !== String(i)) archError(arch, `entry ${i + 1} of group ${j} to read "op~${i}", not "${entry}"`);
      out[`${i}_${j}`] = opName(arch, written);
    });
  });
  return Object.freeze(out);
}

function nodeCount(arch: NasBench201Arch): number {
  const keys = Object.keys(arch);
  const n = Math.round((1 + Math.sqrt(1 + 8 * keys.length)) / 2);
  if (keys.length === 0 || (n * (n - 1)) / 2 !== keys.length) archError(arch, 'one op for every edge i_j of a dense DAG (1, 3, 6, … edges)');
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) if (arch[`${i}_${j}`] === undefined) archError(arch, `an op for edge "${i}_${j}"`);
  for (const name of Object.values(arch)) opName(arch, name);
  return n;
}

/** Options of {@link NasBench201FrozenCell}. */
export interface NasBench201FrozenCellOptions {
  /** The stride of the edges leaving the input node (default 1, as in the benchmark). */
  readonly stride?: number;
  /** The op factories (default {@link NASBENCH201_OPS}). */
  readonly ops?: Readonly<Record<NasBench201OpName, NasBench201OpFactory>>;
}

/**
 * A NAS-Bench-201 cell with fixed ops: node 0 is the input, node `j` is the sum over `i < j` of
 * `op_{i→j}(node i)`, the last node is the output. Edges leaving node 0 map `cIn` to `cOut`
 * channels, the others `cOut` to `cOut`. `none` edges are kept (as {@link Zero}), so every arch
 * records the same dense DAG. The edge ops sit in `edges` under their `i_j` keys.
 *
 * @example
 * ```ts
 * const cell = new NasBench201FrozenCell('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|', 16, 16);
 * trace(cell, [[null, 16, 32, 32]]).parameterCount(); // 2,336: one conv_3x3 edge
 * ```
 */
export class NasBench201FrozenCell extends Module {
  /** The op of every edge, by `i_j`. */
  readonly edges: Readonly<Record<string, Module>>;
  /** The number of nodes, input included (4 in the benchmark). */
  readonly numNodes: number;

  constructor(arch: string | NasBench201Arch, cIn: NumberOrChoice, cOut: NumberOrChoice, options: NasBench201FrozenCellOptions = {}) {
    super();
    const edges = typeof arch === 'string' ? parseNasBench201Arch(arch) : arch;
    this.numNodes = nodeCount(edges);
    const ops = options.ops ?? NASBENCH201_OPS;
    const built: Record<string, Module> = {};
    for (let j = 1; j < this.numNodes; j++) {
      for (let i = 0; i < j; i++) {
        const key = `${i}_${j}`;
        built[key] = ops[edges[key]!](i === 0 ? cIn : cOut, cOut, i === 0 ? (options.stride ?? 1) : 1);
      }
    }
    this.edges = built;
  }

  /** Sums, for each node, the ops applied to the nodes before it; returns the last node. */
  forward(x: Tensor): Tensor {
    const nodes: Tensor[] = [x];
    for (let j = 1; j < this.numNodes; j++) {
      const inputs: Tensor[] = [];
      for (let i = 0; i < j; i++) inputs.push(this.edges[`${i}_${j}`]!.call(nodes[i]!));
      nodes.push(inputs.length === 1 ? inputs[0]! : add(...inputs));
    }
    return nodes[nodes.length - 1]!;
  }
}

/**
 * The frozen cell of `arch` from `cIn` to `cOut` channels; shorthand for
 * `new NasBench201FrozenCell(arch, cIn, cOut)`.
 */
export function nasBench201FrozenCell(arch: string | NasBench201Arch, cIn: NumberOrChoice, cOut: NumberOrChoice): NasBench201FrozenCell {
  return new NasBench201FrozenCell(arch, cIn, cOut);
}
