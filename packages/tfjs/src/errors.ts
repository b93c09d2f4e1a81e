/**
 * The errors of this package. Like every archspace error they carry a `code`, a `path` (here the node
 * of the flattened model), what was `expected` and what was `received`.
 */
import { ArchspaceError } from '@archspace/ir';

/**
 * A model cannot be turned into a TensorFlow.js network: a parameter is still undecided, an input
 * shape does not fit, or the layout cannot be mapped.
 *
 * @example
 * ```ts
 * try { compileModel(space, { inputShapes: [[null, 3, 16, 16]] }); } catch (e) {
 *   if (e instanceof CompileError) console.log(e.code, e.path); // 'not-frozen', []
 * }
 * ```
 */
export class CompileError extends ArchspaceError {}

/**
 * A node's operation type has no TensorFlow.js translation. `path` names the node, `received` its
 * type, `expected` the supported types.
 */
export class UnsupportedOpError extends CompileError {}

/**
 * Real training was asked for while the archspace backend is `'none'` (see `setDefaultBackend`).
 */
export class BackendDisabledError extends ArchspaceError {}
