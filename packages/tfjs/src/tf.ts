/**
 * The TensorFlow.js modules this package builds on, loaded once: the core (with every gradient, which
 * the layers package registers), the pure-JavaScript CPU backend and the layers API. The WebAssembly
 * backend is loaded by `backend.ts` on first use.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

// PROD mode skips debug checks and the advice to install the native Node.js backend, which cannot be
// installed offline (it downloads a binary).
tf.env().set('PROD', true);

/**
 * `tf` is `@tensorflow/tfjs-core` (tensors, ops, optimizers), `tfl` is `@tensorflow/tfjs-layers`
 * (models and layers) — the instances this package registers its backends and layers with.
 *
 * @example
 * ```ts
 * import { tf } from '@archspace/tfjs';
 * model.predict(tf.zeros([8, 16, 16, 3]));
 * ```
 */
export { tf, tfl };
