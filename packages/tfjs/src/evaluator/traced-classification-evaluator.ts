/**
 * `ClassificationEvaluator` as the package exports it: wrapped by the serializer's `trace()` under
 * `@archspace/tfjs:ClassificationEvaluator`, so a NAS experiment can send it to trial processes that
 * import `@archspace/tfjs` and re-create it with `load()`.
 */
import { trace } from '@archspace/experiment';
import { ClassificationEvaluator as Untraced } from './classification-evaluator.js';

/**
 * Trains an architecture on the procedural shapes dataset or IDX files and scores it (see the class it wraps);
 * traced, so it travels to trial processes.
 *
 * @example
 * ```ts
 * const evaluator = new ClassificationEvaluator({ epochs: 2, dataset: { numClasses: 6 } });
 * const accuracy = await evaluator.evaluate(space.freeze(sample), { report: console.log });
 * ```
 */
export const ClassificationEvaluator = trace(Untraced, { module: '@archspace/tfjs', name: 'ClassificationEvaluator' });

/** An instance of {@link ClassificationEvaluator}. */
export type ClassificationEvaluator = Untraced;
