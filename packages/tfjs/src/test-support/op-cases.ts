/**
 * Test support: one small case per op type the compiler translates, shared by the compile tests and
 * the gradient checks, and the wrappers the cases are built from.
 */
import { ChosenInputs, Module, NasBench101Cell, Placeholder, type Sample, type Shape, type Tensor, nn } from '@archspace/mutables';
import { physicalShape } from '../compile/layout.js';

/** A trainable 1×1 convolution (or linear layer), then `layer`: every case has a weight to train. */
export class Trained extends Module {
  readonly first: Module;
  constructor(
    readonly layer: Module,
    shape: Shape,
  ) {
    super();
    const c = shape[1]!;
    this.first = shape.length === 4 ? new nn.Conv2d(c, c, 1) : new nn.Linear(c, c);
  }
  forward(x: Tensor): Tensor {
    return this.layer.call(this.first.call(x));
  }
}

/** A two-input function of modules, for merges. */
export class Pair extends Module {
  constructor(
    readonly a: Module,
    readonly b: Module,
    readonly combine: (x: Tensor, y: Tensor) => Tensor,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.combine(this.a.call(x), this.b.call(x));
  }
}

/** A logical shape as TensorFlow.js stores it: 4-D tensors channels-last. */
export function physical(shape: Shape): Shape {
  return physicalShape(shape, shape.length === 4 ? 'nhwc' : 'plain');
}

/** An NCHW image shape with an unknown batch. */
export const image = (c = 4, h = 6, w = h): Shape => [null, c, h, w];

/** `[name (op type first), the module, its input shape]`: every op type of the compiler, in a small case. */
export const OP_CASES: [string, () => Module, Shape][] = [
  ['Conv2d 3×3 padding 1', () => new nn.Conv2d(4, 6, 3, { padding: 1 }), image()],
  ['Conv2d stride 2 no bias', () => new nn.Conv2d(4, 6, 3, { stride: 2, padding: 1, bias: false }), image()],
  ['Conv2d dilation 2', () => new nn.Conv2d(4, 4, 3, { padding: 2, dilation: 2 }), image()],
  ['Conv2d groups 2', () => new nn.Conv2d(4, 6, 3, { padding: 1, groups: 2 }), image()],
  ['Conv2d depthwise, multiplier 2', () => new nn.Conv2d(4, 8, 3, { padding: 1, groups: 4 }), image()],
  ['Conv2d depthwise stride 2 dilation 2', () => new nn.Conv2d(4, 4, 3, { stride: 2, padding: 2, dilation: 2, groups: 4, bias: false }), image(4, 7)],
  ['Conv2d 1×1 stride 2, odd size', () => new nn.Conv2d(4, 3, 1, { stride: 2 }), image(4, 5, 7)],
  ['Linear', () => new nn.Linear(12, 5), [null, 12]],
  ['Linear over the width of a feature map', () => new nn.Linear(6, 3), image()],
  ['BatchNorm2d', () => new nn.BatchNorm2d(4), image()],
  ['BatchNorm2d not affine', () => new nn.BatchNorm2d(4, { affine: false }), image()],
  ['ReLU', () => new nn.ReLU(), image()],
  ['Sigmoid', () => new nn.Sigmoid(), [null, 7]],
  ['Tanh', () => new nn.Tanh(), image()],
  ['MaxPool2d 3 stride 2 padding 1', () => new nn.MaxPool2d(3, { stride: 2, padding: 1 }), image(4, 8)],
  ['AvgPool2d countIncludePad', () => new nn.AvgPool2d(3, { stride: 2, padding: 1 }), image(4, 8)],
  ['AvgPool2d not countIncludePad', () => new nn.AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }), image()],
  ['AvgPool2d 2', () => new nn.AvgPool2d(2), image()],
  ['AdaptiveAvgPool2d 1', () => new nn.AdaptiveAvgPool2d(1), image()],
  ['AdaptiveAvgPool2d uneven', () => new nn.AdaptiveAvgPool2d([4, 3]), image(4, 6, 7)],
  ['Identity', () => new nn.Identity(), image()],
  ['Zero stride 2', () => new Pair(new nn.Conv2d(4, 4, 3, { stride: 2, padding: 1 }), new nn.Zero({ stride: 2 }), (a, b) => nn.add(a, b)), image(4, 7)],
  // The reference's Zero with C_in != C_out keeps the input's size, whatever the stride.
  ['Zero with more channels, stride 2 ignored', () => new Pair(new nn.Conv2d(4, 6, 3, { padding: 1 }), new nn.Zero({ stride: 2, cIn: 4, cOut: 6 }), (a, b) => nn.add(a, b)), image(4, 7)],
  ['PixelShift in FactorizedReduce', () => new nn.FactorizedReduce(4, 6), image(4, 6)],
  ['PixelShift in FactorizedReduce, odd size', () => new nn.FactorizedReduce(4, 5), image(4, 7, 5)],
  ['Dropout', () => new nn.Dropout(0.5), image()],
  ['Flatten', () => new nn.Flatten(), image()],
  ['Flatten of the spatial dimensions', () => new nn.Flatten({ startDim: 2 }), image()],
  ['add', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => nn.add(a, b)), image()],
  ['add of a tensor with itself (an all-skip NAS-Bench-201 cell)', () => new Pair(new nn.Identity(), new nn.Identity(), (a, b) => nn.add(a, b, a)), image()],
  ['concat of channels', () => new Pair(new nn.Conv2d(4, 2, 1), new nn.Identity(), (a, b) => nn.concat([a, b], 1)), image()],
  ['concat of heights', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => nn.concat([a, b], 2)), image()],
  ['ChosenInputs sum', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => new ChosenInputs([0, 1], 'sum').call([a, b])), image()],
  ['ChosenInputs mean', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => new ChosenInputs([1, 0], 'mean').call([a, b])), image()],
  ['ChosenInputs concat', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => new ChosenInputs([0, 1], 'concat').call([a, b])), image()],
  ['ChosenInputs leaving a candidate out (its layers stay, as in PyTorch)', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => new ChosenInputs([1], 'sum').call([a, b])), image()],
  ['ChosenInputs none', () => new Pair(new nn.Conv2d(4, 4, 1), new nn.Identity(), (a, b) => nn.add(...(new ChosenInputs([1, 0], 'none').call([a, b]) as Tensor[]))), image()],
  ['Placeholder', () => new Placeholder('marker'), image()],
  ['Sequential', () => new nn.Sequential(new nn.ReLU(), new nn.Conv2d(4, 4, 3, { padding: 1, bias: false }), new nn.BatchNorm2d(4)), image()],
  ['Truncate (NAS-Bench-101 cell)', () => nasBench101Cell(4, 6).freeze(nasBench101Sample()), image(4, 6)],
];

/** A NAS-Bench-101 cell labelled `nb101` over 3×3 convolutions and max pooling, 1×1 projections. */
export function nasBench101Cell(inChannels: number, outChannels: number, maxNumNodes?: number): NasBench101Cell {
  return new NasBench101Cell(
    { conv3x3: (c: number) => new nn.Conv2d(c, c, 3, { padding: 1 }), maxpool: () => new nn.MaxPool2d(3, { stride: 1, padding: 1 }) },
    inChannels,
    outChannels,
    (i: number, o: number) => new nn.Conv2d(i, o, 1),
    { label: 'nb101', ...(maxNumNodes === undefined ? {} : { maxNumNodes }) },
  );
}

/** Two interior vertices of widths 3 and 3 feeding the output; the second reads the first (truncated). */
export function nasBench101Sample(): Sample {
  return { 'nb101/num_nodes': 5, 'nb101/op1': 'conv3x3', 'nb101/op2': 'maxpool', 'nb101/op3': 'conv3x3', 'nb101/input1': [0], 'nb101/input2': [0, 1], 'nb101/input3': [1, 2], 'nb101/input4': [2, 3] };
}

