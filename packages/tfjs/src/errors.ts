/**
 * The errors of this package. Like every archspace error they carry a `code`, a `path` (here the node
 * of the flattened model), what was `expected` and what was `received`.
 */
import { ArchspaceError, type ErrorDetails } from '@archspace/ir';

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

/** Where in which file an {@link IdxFormatError} was found. */
export interface IdxErrorDetails extends ErrorDetails {
  /** The file (or the name given to the bytes). */
  readonly file: string;
  /** The byte offset of the problem; in a gzip file, an offset of the decompressed bytes. */
  readonly offset: number;
}

/**
 * A dataset file is not a well-formed IDX file, or does not hold what was asked of it (images of
 * `N × H × W` unsigned bytes, labels of `N`). The message starts with the file and the byte offset,
 * e.g. `train-images-idx3-ubyte.gz: byte 16: 47,040,000 bytes of data declared, 1,000 present`.
 *
 * @example
 * ```ts
 * try { readIdx('labels.idx'); } catch (e) {
 *   if (e instanceof IdxFormatError) console.log(e.file, e.offset, e.code); // 'labels.idx', 2, 'idx-type'
 * }
 * ```
 */
export class IdxFormatError extends ArchspaceError {
  /** The file (or the name given to the bytes). */
  readonly file: string;
  /** The byte offset of the problem (of the decompressed bytes when the file is gzipped). */
  readonly offset: number;

  constructor(details: IdxErrorDetails) {
    super(details);
    this.file = details.file;
    this.offset = details.offset;
  }
}
