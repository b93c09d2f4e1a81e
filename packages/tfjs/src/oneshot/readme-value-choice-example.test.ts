// Runs the ValueChoice one-shot example of packages/tfjs/README.md as written, so that it keeps working.
import { Label, ModelSpace, Repeat, type Tensor, ValueChoice, nn } from '@archspace/mutables';
import { expect, it } from 'vitest';
import { Darts, makeShapesDataset, oneShot, useTfBackend } from '../index.js';

class Net extends ModelSpace {
  readonly width = new ValueChoice([4, 8], { label: Label.absolute('width') });
  readonly kernel = new ValueChoice([3, 5], { label: Label.absolute('kernel') });
  readonly stem = new nn.Sequential(new nn.Conv2d(3, this.width, this.kernel, { padding: this.kernel.floorDiv(2) }), new nn.BatchNorm2d(this.width), new nn.ReLU());
  readonly blocks = new Repeat(() => new nn.Sequential(new nn.Conv2d(this.width, this.width, 3, { padding: 1 }), new nn.ReLU()), [1, 3], { label: Label.absolute('depth') });
  readonly head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(this.width, 4));
  forward(x: Tensor): Tensor {
    return this.head.call(this.blocks.call(this.stem.call(x))) as Tensor;
  }
}

it('runs the ValueChoice one-shot README example', async () => {
  await useTfBackend('cpu');
  const space = Net.create();
  const data = makeShapesDataset({ numClasses: 4, imageSize: 8, trainSize: 32, validationSize: 32 });
  const { sample } = await oneShot(space, { strategy: new Darts(), data, batchSize: 16 });
  expect(Object.keys(sample).sort()).toEqual(['depth', 'kernel', 'width']);
  expect(space.freeze(sample)).toBeDefined();
});
