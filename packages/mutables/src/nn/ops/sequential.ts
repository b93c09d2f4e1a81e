/** A chain of modules, each fed the previous one's output. */
import { Module } from '../module.js';

/**
 * Runs its modules one after the other (PyTorch's `nn.Sequential`). The modules are stored under
 * the keys `0`, `1`, … of the instance itself, so their paths are `<name>.0`, `<name>.1`, … as in
 * PyTorch; read them with `seq[i]` or {@link Sequential.modules}. An empty chain passes its input
 * through.
 *
 * @example
 * ```ts
 * const block = new Sequential(new ReLU(), new Conv2d(16, 16, 3, { padding: 1, bias: false }), new BatchNorm2d(16));
 * block.length;  // 3
 * block[1];      // the Conv2d, recorded as "<path>.1"
 * ```
 */
export class Sequential extends Module {
  /** The `i`-th module. */
  readonly [index: number]: Module;

  /** How many modules the chain holds. */
  readonly length: number;

  constructor(...modules: Module[]) {
    super();
    modules.forEach((module, i) => {
      if (!(module instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not a Module: ${String(module)}`);
      Object.defineProperty(this, i, { value: module, enumerable: true, writable: false, configurable: true });
    });
    this.length = modules.length;
  }

  /** The modules, in order. */
  get modules(): Module[] {
    return Array.from({ length: this.length }, (_, i) => this[i]!);
  }

  /** Feeds `input` through every module in turn. */
  forward(input: unknown): unknown {
    let x = input;
    for (let i = 0; i < this.length; i++) x = this[i]!.call(x);
    return x;
  }

  /** @inheritdoc */
  override describe(): string {
    return `Sequential(${this.modules.map((m) => m.describe()).join(', ')})`;
  }
}
