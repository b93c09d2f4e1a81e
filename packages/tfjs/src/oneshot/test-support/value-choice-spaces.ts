/**
 * Small spaces whose widths, kernel sizes and depths are ValueChoices and Repeats, for the one-shot
 * tests: seconds on the CPU backend.
 */
import { Label, ModelSpace, Repeat, type Tensor, ValueChoice, nn } from '@archspace/mutables';

/**
 * A stem whose width (`width`: 2 or 4) and kernel size (`kernel`: 1, 3 or 5, padding `kernel // 2`)
 * are choices, a convolution to `width * 2` channels, a Repeat (`depth`: 0 to 2) of conv–BN–ReLU
 * blocks at that width, and a classifier reading `width * 2` features.
 */
export class SlicedWidthsSpace extends ModelSpace {
  readonly width = new ValueChoice([2, 4], { label: Label.absolute('width') });
  readonly kernel = new ValueChoice([1, 3, 5], { label: Label.absolute('kernel') });
  readonly stem: nn.Sequential;
  readonly widen: nn.Sequential;
  readonly blocks: Repeat;
  readonly head: nn.Sequential;

  constructor(numClasses = 4) {
    super();
    const wide = this.width.mul(2);
    this.stem = new nn.Sequential(new nn.Conv2d(3, this.width, this.kernel, { padding: this.kernel.floorDiv(2) }), new nn.BatchNorm2d(this.width), new nn.ReLU());
    this.widen = new nn.Sequential(new nn.Conv2d(this.width, wide, 3, { padding: 1, bias: false }), new nn.MaxPool2d(2, { stride: 2 }));
    this.blocks = new Repeat(() => new nn.Sequential(new nn.Conv2d(wide, wide, 3, { padding: 1 }), new nn.BatchNorm2d(wide), new nn.ReLU()), [0, 2], { label: Label.absolute('depth') });
    this.head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(wide, numClasses));
  }

  /** Stem, widening conv and pooling, the repeated blocks, classifier. */
  forward(x: Tensor): Tensor {
    return this.head.call(this.blocks.call(this.widen.call(this.stem.call(x)))) as Tensor;
  }
}
