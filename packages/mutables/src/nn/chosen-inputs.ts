/**
 * ChosenInputs: the frozen form of an InputChoice. It reads every candidate tensor (so the graph
 * keeps the same edges as the IR path gives) and passes on the chosen ones, reduced.
 */
import { SearchSpaceError } from '@archspace/ir';
import { defineOp, Op, type Resolved, shapeError } from './op.js';
import { mergeShapes, sumAlong } from './shapes.js';
import type { Shape, Tensor } from './tensor.js';
import { activeRecorder } from './recorder.js';

/** How chosen inputs are combined. */
export type Reduction = 'sum' | 'mean' | 'concat' | 'none';

/** The reductions an InputChoice accepts. */
export const REDUCTIONS: readonly Reduction[] = ['sum', 'mean', 'concat', 'none'];

/** Parameters of the `ChosenInputs` operation. */
export interface ChosenInputsParams extends Record<string, unknown> {
  readonly chosen: readonly number[];
  readonly reduction: Reduction;
}

/** The output shapes of reducing `shapes` (`"none"` keeps one output per input). */
export function reducedShapes(shapes: readonly Shape[], reduction: Reduction, type: string): Shape[] {
  if (reduction === 'none') return [...shapes];
  if (shapes.length === 0) return [];
  if (reduction === 'concat') {
    const first = shapes[0]!;
    return [first.map((d, i) => (i === 1 ? sumAlong(shapes, 1) : shapes.every((s) => s[i] === d) ? d : null))];
  }
  const rank = shapes[0]!.length;
  if (shapes.some((s) => s.length !== rank)) shapeError(type, `shapes of equal rank to ${reduction}`, shapes);
  return [mergeShapes(shapes)];
}

/** The `ChosenInputs` operation. */
export const CHOSEN_INPUTS = defineOp<ChosenInputsParams>({
  type: 'ChosenInputs',
  arity: 'variadic',
  inferShape(inputs, params: Resolved<ChosenInputsParams>) {
    const chosen = params.chosen.map((i) => inputs[i] ?? shapeError('ChosenInputs', `an index below ${inputs.length}`, i));
    const out = reducedShapes(chosen, params.reduction, 'ChosenInputs');
    if (out.length !== 1) shapeError('ChosenInputs', 'a reduction with one output (use the module form for "none")', params.reduction);
    return out[0]!;
  },
});

/**
 * Picks inputs `chosen` from a list of candidate tensors and reduces them: `sum`, `mean`, `concat`
 * (along the channels) or `none` (the list itself).
 *
 * @example
 * ```ts
 * new ChosenInputs([0, 2], 'concat').call([a, b, c]); // concat of a and c
 * ```
 */
export class ChosenInputs extends Op<ChosenInputsParams> {
  readonly definition = CHOSEN_INPUTS;

  constructor(chosen: number | readonly number[], reduction: Reduction = 'sum') {
    if (!REDUCTIONS.includes(reduction)) {
      throw new SearchSpaceError({ code: 'invalid-reduction', expected: `one of ${REDUCTIONS.join(', ')}`, received: reduction });
    }
    super({ chosen: Object.freeze(typeof chosen === 'number' ? [chosen] : [...chosen]), reduction });
  }

  /** Records the selection; returns one tensor, a list for `"none"`, or `null` when nothing is chosen. */
  override forward(...inputs: (Tensor | Tensor[])[]): any {
    const candidates = inputs.length === 1 && Array.isArray(inputs[0]) ? inputs[0] : (inputs as Tensor[]);
    const { chosen, reduction } = this.params;
    if (chosen.length === 0 && reduction !== 'none') return null;
    const recorder = activeRecorder('ChosenInputs');
    const shapes = chosen.map((i) => candidates[i]?.shape ?? shapeError('ChosenInputs', `an index below ${candidates.length}`, i));
    const outputs = recorder.record(CHOSEN_INPUTS.type, this.params, candidates, reducedShapes(shapes, reduction, 'ChosenInputs'));
    return reduction === 'none' ? outputs : outputs[0];
  }
}
