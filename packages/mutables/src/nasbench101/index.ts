/**
 * NAS-Bench-101 graph algorithms: pruning, validity, the official graph hash and the enumeration of
 * the search space, all pure functions over an adjacency matrix and op names (or integer labels).
 */
export {
  NASBENCH101_INPUT,
  NASBENCH101_INPUT_LABEL,
  NASBENCH101_OPS,
  NASBENCH101_OUTPUT,
  NASBENCH101_OUTPUT_LABEL,
  nasBench101Labels,
  nasBench101Ops,
  type NasBench101Spec,
  type NasBench101Matrix,
  type NasBench101Op,
} from './nasbench101-ops.js';
export {
  pruneNasBench101,
  type DisconnectedNasBench101Cell,
  type NasBench101PruneResult,
  type PrunedNasBench101Cell,
} from './nasbench101-prune.js';
export {
  NASBENCH101_LIMITS,
  assertNasBench101Cell,
  checkNasBench101Cell,
  type NasBench101CellCheck,
  type NasBench101CheckOptions,
} from './nasbench101-check.js';
export { hashNasBench101, hashNasBench101Cell } from './nasbench101-hash.js';
export {
  enumerateNasBench101,
  type NasBench101EnumeratedCell,
  type NasBench101EnumerateOptions,
} from './nasbench101-enumerate.js';
