/**
 * Adam with its update computed in one pass per weight on the host instead of fourteen kernel calls.
 * A small network has dozens of weight tensors of a few hundred numbers each; TensorFlow.js's Adam
 * spends more time dispatching its ~14 kernels per weight (a third of all the kernel calls of a
 * NAS-Bench-201 training step on the WASM backend) than computing. This one reads the gradient, the
 * weight and both moments, updates them in a plain loop and writes the three results back.
 *
 * It rounds every intermediate to float32 in the order TensorFlow.js's `AdamOptimizer` computes them,
 * so its updates are bit-for-bit those of `tf.train.adam` (IEEE float32 arithmetic on both backends).
 * Its state is the base class's (same moment variables, `getWeights`, `setWeights`, `getConfig`).
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

/** The base class's private state, which this subclass keeps in the same form. */
interface AdamState {
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: Variable } | undefined)[];
}

const f32 = Math.fround;

/** What `applyGradients` takes: gradients by weight name, as a record or a list. */
type WeightGradients = Parameters<InstanceType<typeof tf.AdamOptimizer>['applyGradients']>[0];

/** The moment variable of weight `i` in `list`, created at zero on first use as the base class does. */
function moment(list: AdamState['accumulatedFirstMoment'], i: number, name: string, suffix: string, value: Tensor): Variable {
  let entry = list[i];
  if (entry == null) {
    entry = { originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
    list[i] = entry;
  }
  return entry.variable;
}

/** `tf.train.adam` with fused updates: same results, a few host loops instead of ~14 kernels per weight. */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: WeightGradients): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.keys(variableGradients).map((name) => [name, variableGradients[name]] as const);
    const state = this as unknown as AdamState;
    const b1 = f32(this.beta1);
    const b2 = f32(this.beta2);
    const oneMinusB1 = f32(1 - this.beta1);
    const oneMinusB2 = f32(1 - this.beta2);
    const eps = f32(this.epsilon);
    const negLr = f32(-this.learningRate);
    const acc1 = state.accBeta1.dataSync()[0]!;
    const acc2 = state.accBeta2.dataSync()[0]!;
    const correction1 = f32(1 - acc1);
    const correction2 = f32(1 - acc2);
    tf.tidy(() => {
      named.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name]!;
        const mVar = moment(state.accumulatedFirstMoment, i, name, 'm', value);
        const vVar = moment(state.accumulatedSecondMoment, i, name, 'v', value);
        if (gradient == null) return;
        const g = gradient.dataSync() as Float32Array;
        const p = value.dataSync() as Float32Array;
        const m = mVar.dataSync() as Float32Array;
        const v = vVar.dataSync() as Float32Array;
        const mOut = new Float32Array(g.length);
        const vOut = new Float32Array(g.length);
        const pOut = new Float32Array(g.length);
        for (let j = 0; j < g.length; j++) {
          const gj = g[j]!;
          const mj = f32(f32(m[j]! * b1) + f32(gj * oneMinusB1));
          const vj = f32(f32(v[j]! * b2) + f32(f32(gj * gj) * oneMinusB2));
          mOut[j] = mj;
          vOut[j] = vj;
          const step = f32(f32(mj / correction1) / f32(f32(Math.sqrt(f32(vj / correction2))) + eps));
          pOut[j] = f32(f32(step * negLr) + p[j]!);
        }
        mVar.assign(tf.tensor(mOut, value.shape, 'float32'));
        vVar.assign(tf.tensor(vOut, value.shape, 'float32'));
        value.assign(tf.tensor(pOut, value.shape, 'float32'));
      });
      state.accBeta1.assign(tf.scalar(f32(acc1 * b1)));
      state.accBeta2.assign(tf.scalar(f32(acc2 * b2)));
    });
    this.incrementIterations();
  }
}
