/**
 * ModelSpace: the root of a model space. `Net.create(...args)` builds it inside a label scope (the
 * class's `labelPrefix`), so automatic labels are the same every time the program builds it, and
 * remembers how it was built so that a sample can rebuild it (needed by ModelParameterChoice).
 */
import type { ValueOf } from '../mutable.js';
import { labelScope } from '../label.js';
import type { SpaceNode } from '../decision.js';
import { ModelParameterCollector, withFixedParameters } from './model-parameter-choice.js';
import { Module } from './module.js';

/** How a space was built: its class and constructor arguments. */
interface Recipe {
  readonly cls: new (...args: any[]) => ModelSpace;
  readonly args: readonly unknown[];
}

/**
 * Base class of model spaces. Build instances with `create`, not `new`, to get deterministic labels.
 *
 * @example
 * ```ts
 * class Net extends ModelSpace {
 *   static override labelPrefix = 'net';
 *   conv = new nn.Conv2d(3, new ValueChoice([16, 32]), 3); // label "net/1"
 *   forward(x: Tensor) { return this.conv.call(x); }
 * }
 * const space = Net.create();
 * ```
 */
export abstract class ModelSpace extends Module {
  /** The label scope the constructor runs in. */
  static labelPrefix = 'model';

  /** Builds the space in its label scope, collecting its ModelParameterChoices. */
  static create<T extends ModelSpace, A extends unknown[]>(this: new (...args: A) => T, ...args: A): T {
    const cls = this;
    const prefix = (this as unknown as typeof ModelSpace).labelPrefix;
    const collector = new ModelParameterCollector();
    const space = labelScope(prefix, () => collector.collect(() => new cls(...args)));
    Object.defineProperty(space, 'recipe', { value: { cls, args } satisfies Recipe, enumerable: false });
    collector.attachTo(space);
    return space;
  }

  /** @inheritdoc Its members, and the decisions of its model parameter choices. */
  override children(): readonly SpaceNode[] {
    const parameters = ModelParameterCollector.of(this);
    return parameters.length === 0 ? super.children() : [...super.children(), ...parameters];
  }

  /** @inheritdoc Rebuilds the space when its structure depends on model parameter choices. */
  override materialize(valueOf: ValueOf): Module {
    const recipe = (this as unknown as { recipe?: Recipe }).recipe;
    const parameters = ModelParameterCollector.of(this);
    if (!recipe || parameters.length === 0) return super.materialize(valueOf);
    const fixed = Object.fromEntries(parameters.map((p) => [p.label, valueOf(p)]));
    const rebuilt = withFixedParameters(fixed, () => (recipe.cls as unknown as { create(...a: unknown[]): ModelSpace }).create(...recipe.args));
    return Module.prototype.materialize.call(rebuilt, valueOf);
  }
}
