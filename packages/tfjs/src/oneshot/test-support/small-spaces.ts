/**
 * Small model spaces and data for the one-shot tests: seconds on the CPU backend.
 */
import fc from 'fast-check';
import { InputChoice, Label, LayerChoice, ModelSpace, NasBench201Space, type Reduction, type Tensor, createRng, nn } from '@archspace/mutables';
import { type ImageSet, type ShapesDataset, makeShapesDataset } from '../../data/shapes-dataset.js';
import type { OneShotData } from '../one-shot.js';

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

/**
 * A LayerChoice labelled `edge` between zeroing the image (`zero`) and keeping it (`keep`), then a
 * linear classifier over every pixel: only `keep` can fit the labels, so a search should favour it.
 */
export class OneGoodCandidateSpace extends ModelSpace {
  readonly edge = new LayerChoice({ zero: new nn.Zero(), keep: new nn.Identity() }, { label: Label.absolute('edge') });
  readonly flatten = new nn.Flatten();
  readonly classifier = new nn.Linear(3 * 8 * 8, 4);

  /** The chosen edge, then the classifier. */
  forward(x: Tensor): Tensor {
    return this.classifier.call(this.flatten.call(this.edge.call(x) as Tensor));
  }
}

/** `count` noisy 8×8×3 images whose class (0–3) is the quadrant made brighter. */
function quadrantSet(count: number, seed: string): ImageSet {
  const rng = createRng(seed);
  const images = new Float32Array(count * 8 * 8 * 3);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = n % 4;
    for (let row = 0; row < 8; row++) {
      for (let column = 0; column < 8; column++) {
        const quadrant = 2 * Number(row >= 4) + Number(column >= 4);
        for (let c = 0; c < 3; c++) images[((n * 8 + row) * 8 + column) * 3 + c] = 0.3 * rng.normal() + (quadrant === labels[n] ? 1 : 0);
      }
    }
  }
  return { images, labels, count };
}

/** Data that {@link OneGoodCandidateSpace}'s `keep` fits easily and `zero` cannot: the class is the bright quadrant. */
export function quadrantData(seed = 0): OneShotData {
  return { train: quadrantSet(48, `train:${seed}`), validation: quadrantSet(32, `validation:${seed}`), imageSize: 8, channels: 3 };
}

/** Two distinct labels a user might write (any characters but `/`, no surrounding blanks), for {@link SkipSpace}. */
export function arbitraryLabelPair(): fc.Arbitrary<[string, string]> {
  const label = fc.string({ minLength: 1, maxLength: 12 }).filter((l) => !l.includes('/') && l.trim() === l);
  return fc.uniqueArray(label, { minLength: 2, maxLength: 2 }).map(([a, b]) => [a!, b!]);
}
