/**
 * Test support: checks TensorFlow.js gradients against central finite differences, in float32 (the
 * only float type the CPU and WASM backends compute in). The loss is Σ r·y over the outputs, for
 * fixed random r. Three precautions keep the float32 estimate trustworthy:
 *
 * - the difference L(θ + h) − L(θ − h) is summed in float64 from the float32 outputs, so rounding the
 *   loss itself never swamps it, and it is divided by the step actually taken in float32;
 * - the step (10⁻³ by default) is large enough that the outputs' rounding stays near 0.1 % of a
 *   derivative, and small enough that the central difference's h² error is far below that;
 * - the one-sided differences (L(θ + h) − L(θ))/h and (L(θ) − L(θ − h))/h must agree within 2 %:
 *   where a ReLU or a max switches within the step on either side they do not, and the coordinate is
 *   set aside as unreliable rather than judged (a switch that moves the derivative by less than 2 %
 *   moves the central difference by less than 1 %). That decision never looks at the analytic
 *   gradient, so it cannot hide a wrong one.
 */
import { createRng } from '@archspace/mutables';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

/** Options of {@link checkGradients}. */
export interface GradientCheckOptions {
  /** Coordinates drawn from each variable (default 3; every one of a smaller variable). */
  readonly samplesPerTensor?: number;
  /** The finite-difference step h (default 1e-3). */
  readonly step?: number;
  /** Seed of r and of the coordinates drawn (default 0). */
  readonly seed?: number;
}

/** One coordinate's analytic and numerical derivative. */
export interface CoordinateCheck {
  readonly variable: string;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
  /** The two finite-difference estimates disagree: a kink inside the step; not judged. */
  readonly unreliable: boolean;
}

/** The coordinates of one variable that were checked, and how far apart the two gradients are. */
export interface VariableReport {
  readonly variable: string;
  /** ‖numeric − analytic‖ / ‖numeric‖ over the reliable coordinates (see {@link checkGradients}). */
  readonly relativeError: number;
  readonly reliable: number;
  readonly unreliable: number;
}

/** What {@link checkGradients} found. */
export interface GradientCheckReport {
  readonly coordinates: readonly CoordinateCheck[];
  readonly variables: readonly VariableReport[];
  /** The largest relative error of any variable. */
  readonly worst: number;
  /** The share of coordinates set aside as unreliable. */
  readonly unreliableShare: number;
}

/** Sets every value of `variable`. */
function assign(variable: Variable, values: Float32Array): void {
  const t = tf.tensor(values, variable.shape);
  variable.assign(t);
  t.dispose();
}

function asList(t: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(t) ? t : [t];
}

/** Σ r·y over every output y, summed in float64 (r holds the float32 values TensorFlow.js multiplies by). */
function weightedSum(outputs: readonly Float32Array[], r: readonly Float32Array[]): number {
  let sum = 0;
  outputs.forEach((y, k) => {
    const w = r[k]!;
    for (let i = 0; i < y.length; i++) sum += y[i]! * w[i]!;
  });
  return sum;
}

/**
 * Compares the gradient of Σ r·outputs() with respect to each of `variables` (by name: weights,
 * inputs) with central finite differences on a seeded sample of coordinates. `outputs` must be
 * deterministic (the same values for the same variables). A variable's relative error is
 * ‖numeric − analytic‖ / max(‖numeric‖, floor) over its reliable coordinates, where `floor` is 1 %
 * of the largest numerical derivative seen anywhere: a variable the loss barely depends on is judged
 * on absolute error, since float32 noise is about 10⁻³ of the largest derivative.
 *
 * @example
 * ```ts
 * const report = checkGradients(new Map([['w', w]]), () => model.apply(x, { training: true }) as Tensor);
 * report.worst < 0.01; // within 1 %
 * ```
 */
export function checkGradients(variables: ReadonlyMap<string, Variable>, outputs: () => Tensor | Tensor[], options: GradientCheckOptions = {}): GradientCheckReport {
  const rng = createRng(options.seed ?? 0);
  const step = options.step ?? 1e-3;
  const samples = options.samplesPerTensor ?? 3;
  const evaluate = (): Float32Array[] => tf.tidy(() => asList(outputs())).map((t) => {
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
  });
  const shapes = tf.tidy(() => asList(outputs()).map((t) => t.shape));
  const r = shapes.map((shape) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()));
  // Analytic gradients, by variable name.
  const list = [...variables.values()];
  const analytic = new Map<string, Float32Array>();
  tf.tidy(() => {
    const weights = shapes.map((shape, k) => tf.tensor(r[k]!, shape));
    const { grads } = tf.variableGrads(() => tf.addN(asList(outputs()).map((y, k) => tf.sum(tf.mul(y, weights[k]!)))) as Scalar, list);
    // A variable the loss does not reach has no gradient: zero.
    for (const v of list) analytic.set(v.name, grads[v.name] ? (grads[v.name]!.dataSync() as Float32Array).slice() : new Float32Array(v.size));
  });
  const lossAtBase = weightedSum(evaluate(), r);
  /** The one-sided differences at `index` of `variable`: forward, then backward. */
  const differences = (variable: Variable, index: number): [number, number] => {
    const base = variable.dataSync().slice() as Float32Array;
    const value = base[index]!;
    const at = (delta: number): [number, number] => {
      base[index] = value + delta;
      const taken = base[index]!; // the float32 value actually set
      assign(variable, base);
      return [taken - value, weightedSum(evaluate(), r)];
    };
    const [up, lossUp] = at(step);
    const [down, lossDown] = at(-step);
    base[index] = value;
    assign(variable, base);
    return [(lossUp - lossAtBase) / up, (lossAtBase - lossDown) / -down];
  };
  const estimates: { variable: string; index: number; analytic: number; forward: number; backward: number }[] = [];
  for (const [name, variable] of variables) {
    const picked = variable.size <= samples ? Array.from({ length: variable.size }, (_, i) => i) : rng.sampleIndices(variable.size, samples);
    for (const index of picked) {
      const [forward, backward] = differences(variable, index);
      estimates.push({ variable: name, index, analytic: analytic.get(variable.name)![index]!, forward, backward });
    }
  }
  const largest = Math.max(1e-6, ...estimates.map((c) => Math.abs(c.forward + c.backward) / 2));
  // Smooth: the one-sided differences differ by h·f'' (tiny); a kink within h: by a finite jump.
  const coordinates: CoordinateCheck[] = estimates.map(({ forward, backward, ...c }) => ({
    ...c,
    numeric: (forward + backward) / 2,
    unreliable: Math.abs(forward - backward) > 0.02 * Math.max(Math.abs(forward), Math.abs(backward), 0.01 * largest),
  }));
  const floor = 1e-2 * largest;
  const reports = [...variables.keys()].map((name) => {
    const mine = coordinates.filter((c) => c.variable === name);
    const reliable = mine.filter((c) => !c.unreliable);
    const diff = Math.hypot(...reliable.map((c) => c.numeric - c.analytic));
    const norm = Math.hypot(...reliable.map((c) => c.numeric));
    return { variable: name, relativeError: reliable.length === 0 ? 0 : diff / Math.max(norm, floor), reliable: reliable.length, unreliable: mine.length - reliable.length };
  });
  return {
    coordinates,
    variables: reports,
    worst: Math.max(0, ...reports.map((v) => v.relativeError)),
    unreliableShare: coordinates.filter((c) => c.unreliable).length / Math.max(coordinates.length, 1),
  };
}
