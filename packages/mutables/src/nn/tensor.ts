/**
 * Symbolic tensors. archspace never computes with real numbers while it builds architectures: a
 * model's `forward` runs on {@link Tensor}s that carry a shape and remember which node made them, so
 * running `forward` records the graph (see `trace`).
 */

/** One dimension: a size, or `null` when unknown (the batch, or a size a choice decides). */
export type Dim = number | null;

/** A tensor shape, outermost dimension first (`[batch, channels, height, width]` for images). */
export type Shape = readonly Dim[];

/** Where a tensor comes from: a node's output slot (`null` for a node's only output). */
export interface TensorSource {
  readonly node: string;
  readonly slot: number | null;
}

/** A symbolic tensor: its shape and the node output it stands for. */
export class Tensor {
  constructor(
    /** The shape; `null` dimensions are unknown. */
    readonly shape: Shape,
    /** The node output this tensor stands for. */
    readonly source: TensorSource,
    /** @internal The recording this tensor belongs to. */
    readonly recording: object,
  ) {}

  /** The number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** `node[slot]` for messages. */
  toString(): string {
    return `Tensor(${this.source.node}${this.source.slot === null ? '' : `[${this.source.slot}]`}, [${this.shape.map((d) => d ?? '?').join(', ')}])`;
  }
}

/** Whether `value` is a {@link Tensor}. */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}
