/**
 * Small model spaces and data for the one-shot tests: seconds on the CPU backend.
 */
import { InputChoice, Label, LayerChoice, ModelSpace, NasBench201Space, type Reduction, type Tensor, nn } from '@archspace/mutables';
import { type ShapesDataset, makeShapesDataset } from '../../data/shapes-dataset.js';

/** NAS-Bench-201 two channels wide, one cell per stage, four classes. */
export function smallNasBench201(): NasBench201Space {
  return NasBench201Space.create({ channels: 2, cellsPerStage: 1, numClasses: 4 });
}

/** Four shape classes on 8×8 images: 48 training and 32 validation images. */
export function smallShapes(seed = 1): ShapesDataset {
  return makeShapesDataset({ numClasses: 4, imageSize: 8, trainSize: 48, validationSize: 32, seed });
}

/**
 * A stem, a LayerChoice (labelled `constructor` by default) and an InputChoice (`__proto__`) choosing
 * between the stem's output and the choice's: labels that must work like any other.
 */
export class SkipSpace extends ModelSpace {
  readonly stem = new nn.Conv2d(3, 4, 3, { padding: 1 });
  readonly op: LayerChoice;
  readonly skip: InputChoice;
  readonly pool = new nn.AdaptiveAvgPool2d(1);
  readonly flatten = new nn.Flatten();
  readonly classifier: nn.Linear;

  constructor(nChosen: number | null = 1, reduction: Reduction = 'sum', labels: readonly [string, string] = ['constructor', '__proto__']) {
    super();
    const candidates = { conv: new nn.Conv2d(4, 4, 3, { padding: 1 }), pool: new nn.AvgPool2d(3, { stride: 1, padding: 1 }), skip: new nn.Identity() };
    this.op = new LayerChoice(candidates, { label: Label.absolute(labels[0]) });
    this.skip = new InputChoice(2, nChosen, reduction, { label: Label.absolute(labels[1]) });
    this.classifier = new nn.Linear(reduction === 'concat' ? 4 * (nChosen ?? 1) : 4, 4);
  }

  /** Stem, the op, the chosen input, pooling, classifier. */
  forward(x: Tensor): Tensor {
    const s = this.stem.call(x) as Tensor;
    const y = this.op.call(s) as Tensor;
    return this.classifier.call(this.flatten.call(this.pool.call(this.skip.call([s, y]) as Tensor)));
  }
}
