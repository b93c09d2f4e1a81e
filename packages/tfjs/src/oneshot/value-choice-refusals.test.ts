import { Label, LayerChoice, ModelSpace, Module, Repeat, type Tensor, ValueChoice, nn } from '@archspace/mutables';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { Darts } from './darts.js';
import { OneShotError } from './one-shot-error.js';
import { oneShot } from './one-shot.js';
import { Supernet } from './supernet.js';
import { smallShapes } from './test-support/small-spaces.js';

const INPUT: [null, number, number, number] = [null, 3, 8, 8];
const choice = (label: string, values: readonly number[]) => new ValueChoice(values, { label: Label.absolute(label) });

/** A space around `body` (input 3 channels, `channels` out of it), classified into 4 classes. */
function spaceAround(body: () => Module, channels: unknown): ModelSpace {
  class Around extends ModelSpace {
    readonly body = body();
    readonly pool = new nn.AdaptiveAvgPool2d(1);
    readonly flatten = new nn.Flatten();
    readonly classifier = new nn.Linear(channels as number, 4);
    forward(x: Tensor): Tensor {
      return this.classifier.call(this.flatten.call(this.pool.call(this.body.call(x) as Tensor))) as Tensor;
    }
  }
  return Around.create();
}

/** The error `f` throws, checked to be a OneShotError refusing a primitive. */
function refusal(f: () => unknown): OneShotError {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OneShotError);
  expect((error as OneShotError).code).toBe('unsupported-primitive');
  return error as OneShotError;
}

const compile = (space: ModelSpace) => Supernet.compile(space, { inputShapes: [INPUT], strategy: 'RandomOneShot' });

describe('the supernet refuses, naming the label and the operation, every ValueChoice it cannot slice exactly', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('refuses a ValueChoice of a stride or a pooling window', () => {
    const stride = refusal(() => compile(spaceAround(() => new nn.Conv2d(3, 4, 3, { stride: choice('stride', [1, 2]), padding: 1 }), 4)));
    expect(stride.path).toEqual(['stride']);
    expect(stride.message).toMatch(/^RandomOneShot cannot search the ValueChoice "stride" on the parameter "stride" of Conv2d "body"/);
    const pool = refusal(() => compile(spaceAround(() => new nn.MaxPool2d(choice('window', [2, 3])), 3)));
    expect(pool.message).toMatch(/ValueChoice "window" on the parameter "kernelSize" of MaxPool2d "body"/);
  });

  it('refuses a kernel size whose padding does not keep the window centred', () => {
    const error = refusal(() => compile(spaceAround(() => new nn.Conv2d(3, 4, choice('k', [1, 3]), { padding: 1 }), 4)));
    expect(error.message).toMatch(/ValueChoice "k" on the kernel size of Conv2d "body".*padding/);
    const parity = refusal(() => compile(spaceAround(() => new nn.Conv2d(3, 4, choice('k', [2, 3]), { padding: 0 }), 4)));
    expect(parity.path).toEqual(['k']);
  });

  it('refuses widths an operation would read at the wrong offset or against a fixed size', () => {
    const width = choice('w', [2, 4]);
    const concat = refusal(() =>
      compile(
        spaceAround(() => {
          class Twin extends Module {
            readonly a = new nn.Conv2d(3, width, 3, { padding: 1 });
            readonly b = new nn.Conv2d(3, width, 3, { padding: 1 });
            forward(x: Tensor): Tensor {
              return nn.concat([this.a.call(x) as Tensor, this.b.call(x) as Tensor], 1);
            }
          }
          return new Twin();
        }, width.mul(2)),
      ),
    );
    expect(concat.message).toMatch(/ValueChoice "w" reaching concat/);
    const fixed = refusal(() => compile(spaceAround(() => new nn.Sequential(new nn.Conv2d(3, width, 3, { padding: 1 }), new nn.Conv2d(4, 4, 1)), 4)));
    expect(fixed.message).toMatch(/ValueChoice "w" in Conv2d "body.1": its inChannels \(4\) must equal its input's channel count/);
  });

  it('refuses a Repeat whose depths give different channel counts', () => {
    const error = refusal(() => compile(spaceAround(() => new Repeat((i) => new nn.Conv2d(3 + i, 4 + i, 1), [1, 2], { label: Label.absolute('depth') }), 4)));
    expect(error.message).toMatch(/^RandomOneShot cannot search the Repeat "depth": its output after 1 blocks/);
  });

  it('refuses a choice nested in a LayerChoice candidate, but slices ValueChoices inside candidates', () => {
    const nested = refusal(() => compile(spaceAround(() => new LayerChoice([new nn.Conv2d(3, 4, 1), new LayerChoice([new nn.Conv2d(3, 4, 1)], { label: Label.absolute('inner') })], { label: Label.absolute('outer') }), 4)));
    expect(nested.message).toMatch(/LayerChoice "inner" nested inside a candidate of LayerChoice "outer"/);
    const width = choice('w', [2, 4]);
    const sliced = compile(spaceAround(() => new LayerChoice({ conv: new nn.Conv2d(3, width, 3, { padding: 1 }), wide: new nn.Conv2d(3, width, 1) }, { label: Label.absolute('op') }), width));
    expect(sliced.choices.map((c) => [c.label, c.kind])).toEqual([
      ['op', 'layer-choice'],
      ['w', 'value-choice'],
    ]);
    sliced.dispose();
  });

  it('lets Darts refuse a width computed from two choices (a mixture weighs the values of one), which a single path runs', async () => {
    const make = () => {
      const a = choice('a', [1, 2]);
      const b = choice('b', [2, 4]);
      return spaceAround(() => new nn.Conv2d(3, a.mul(b), 3, { padding: 1 }), a.mul(b));
    };
    const supernet = compile(make());
    expect(supernet.choices.map((c) => c.label)).toEqual(['a', 'b']);
    supernet.dispose();
    const data = smallShapes();
    const error = await oneShot(make(), { strategy: new Darts(), data, batchSize: 16 }).then(
      () => undefined,
      (e: unknown) => e as OneShotError,
    );
    expect(error?.message).toMatch(/^Darts cannot search the ValueChoice "a" \(\(a \* b\)|^Darts cannot search the ValueChoice "a"/);
  });
});
