/**
 * The translation of each archspace op type into TensorFlow.js layers. A compiler receives the node,
 * its input values and the output shapes our shape inference gives, and returns the output values.
 */
import { BINARY_FUNCTIONS, type FlatNode, nn, type Shape, UNARY_FUNCTIONS } from '@archspace/mutables';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { CompileError } from '../errors.js';
import { ActivationFunctionLayer } from '../layers/activation-function-layers.js';
import { BatchNorm2dLayer } from '../layers/batch-norm-layer.js';
import { Conv2dLayer } from '../layers/conv2d-layer.js';
import { SeededDropoutLayer } from '../layers/dropout-layer.js';
import { pytorchUniform } from '../layers/layer-support.js';
import { AdaptiveAvgPool2dLayer, Pool2dLayer } from '../layers/pool-layers.js';
import { ReluLayer } from '../layers/relu-layer.js';
import { ChannelSliceLayer, MergeLayer, type MergeLayerConfig, ZeroLayer } from '../layers/shape-layers.js';
import { tfl } from '../tf.js';
import { asImage, asPlain, commonLayout, inLayout, physicalAxis, type Value } from './layout.js';

/** What a compiler knows about the node it translates. */
export interface OpContext {
  readonly node: FlatNode;
  readonly inputs: readonly Value[];
  /** The logical output shapes, from the op catalogue's shape inference. */
  readonly outputShapes: readonly Shape[];
  /** A valid, unique layer name derived from the node's name. */
  readonly layerName: string;
  /** A fresh initialisation seed. */
  nextSeed(): number;
}

/** Translates one node into layers. */
export type OpCompiler = (ctx: OpContext) => Value[];

type Params = Record<string, any>;

function apply(layer: { apply(inputs: SymbolicTensor | SymbolicTensor[]): unknown }, inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(inputs) as SymbolicTensor;
}

function one(ctx: OpContext, tensor: SymbolicTensor, layout: Value['layout']): Value[] {
  return [{ tensor, shape: ctx.outputShapes[0]!, layout }];
}

function refuse(ctx: OpContext, expected: string, received: unknown): never {
  throw new CompileError({ code: 'unsupported-parameter', path: [ctx.node.name], expected: `${ctx.node.type} ${expected}`, received });
}

/** The distinct tensors of `tensors`, and where each of `tensors` is among them. */
function distinct(tensors: readonly SymbolicTensor[]): { unique: SymbolicTensor[]; index: number[] } {
  const unique: SymbolicTensor[] = [];
  const index = tensors.map((t) => {
    const at = unique.indexOf(t);
    if (at >= 0) return at;
    unique.push(t);
    return unique.length - 1;
  });
  return { unique, index };
}

/** Merges `values` (all read; `chosen` of them merged) in a common layout with a {@link MergeLayer}. */
function merge(ctx: OpContext, values: readonly Value[], reduction: MergeLayerConfig['reduction'], chosen: readonly number[] = values.map((_, i) => i), dim = 1): Value[] {
  const layout = commonLayout(values);
  const rank = values[0]!.shape.length;
  const axis = dim < 0 ? rank + dim : dim;
  if (reduction === 'concat' && axis === 0) refuse(ctx, 'along a dimension other than the batch', dim);
  // One input that is also the only one merged passes through unchanged.
  if (values.length === 1 && chosen.length === 1 && chosen[0] === 0 && reduction !== 'none') return [values[0]!];
  const { unique, index } = distinct(values.map((v) => inLayout(v, layout).tensor));
  const layer = new MergeLayer({ inputIndex: index, chosen, reduction, axis: physicalAxis(axis, layout), name: ctx.layerName });
  const out = layer.apply(unique.length === 1 ? unique[0]! : unique) as SymbolicTensor | SymbolicTensor[];
  return (Array.isArray(out) ? out : [out]).map((tensor, i) => ({ tensor, shape: ctx.outputShapes[i]!, layout }));
}

/** The same layout in, the same layout out: activations, dropout, element-wise functions. */
function elementwise(ctx: OpContext, layer: { apply(inputs: SymbolicTensor | SymbolicTensor[]): unknown }): Value[] {
  const input = ctx.inputs[0]!;
  return one(ctx, apply(layer, input.tensor), input.layout);
}

const activation = (name: 'sigmoid' | 'tanh'): OpCompiler => (ctx) => elementwise(ctx, tfl.layers.activation({ activation: name, name: ctx.layerName }));

/**
 * ReLU outputs by input. ReLU is a pure function, so ReLUs of one tensor share one layer: one forward
 * kernel and one backward pass (the consumers' gradients summed first) instead of one per consumer.
 */
const rectified = new WeakMap<SymbolicTensor, SymbolicTensor>();

const passThrough: OpCompiler = (ctx) => [ctx.inputs[0]!];

/** Every op type with a TensorFlow.js translation (AutoActivation's `Unary*` / `Binary*` are added below). */
const COMPILERS: Record<string, OpCompiler> = {
  Conv2d(ctx) {
    const p = ctx.node.parameters as nn.Conv2dParams;
    if (p.inChannels % p.groups !== 0 || p.outChannels % p.groups !== 0) refuse(ctx, 'channels divisible by groups', p);
    const layer = new Conv2dLayer({ ...p, seed: ctx.nextSeed(), name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  Linear(ctx) {
    const p = ctx.node.parameters as Params;
    const seed = ctx.nextSeed();
    const layer = tfl.layers.dense({
      units: p.outFeatures,
      useBias: p.bias,
      kernelInitializer: pytorchUniform(p.inFeatures, seed),
      biasInitializer: pytorchUniform(p.inFeatures, seed + 1),
      name: ctx.layerName,
    });
    return one(ctx, apply(layer, asPlain(ctx.inputs[0]!).tensor), 'plain');
  },
  BatchNorm2d(ctx) {
    const p = ctx.node.parameters as nn.BatchNorm2dParams;
    const layer = new BatchNorm2dLayer({ ...p, name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  ReLU(ctx) {
    // One layer per rectified tensor: NAS-Bench-201 and DARTS rectify a node once per edge leaving it.
    const input = ctx.inputs[0]!;
    let out = rectified.get(input.tensor);
    if (out === undefined) {
      out = apply(new ReluLayer({ name: ctx.layerName }), input.tensor);
      rectified.set(input.tensor, out);
    }
    return one(ctx, out, input.layout);
  },
  Sigmoid: activation('sigmoid'),
  Tanh: activation('tanh'),
  MaxPool2d(ctx) {
    const p = ctx.node.parameters as Params;
    const layer = new Pool2dLayer({ mode: 'max', kernelSize: p.kernelSize, stride: p.stride, padding: p.padding, countIncludePad: false, name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  AvgPool2d(ctx) {
    const p = ctx.node.parameters as Params;
    const layer = new Pool2dLayer({ mode: 'avg', kernelSize: p.kernelSize, stride: p.stride, padding: p.padding, countIncludePad: p.countIncludePad, name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  AdaptiveAvgPool2d(ctx) {
    const [, , oh, ow] = ctx.outputShapes[0]!;
    const layer = new AdaptiveAvgPool2dLayer({ outputSize: [oh!, ow!], name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  Identity: passThrough,
  Placeholder: passThrough,
  Zero(ctx) {
    const [, channels, height, width] = ctx.outputShapes[0]!;
    const layer = new ZeroLayer({ height: height!, width: width!, channels: channels!, name: ctx.layerName });
    return one(ctx, apply(layer, asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
  PixelShift(ctx) {
    // PyTorch's F.pad(x, (0, o, 0, o))[:, :, o:, o:]: o rows and columns of zeros after the image,
    // then its first o rows and columns dropped.
    const o = (ctx.node.parameters as Params).offset;
    const pad = tfl.layers.zeroPadding2d({ padding: [[0, o], [0, o]], dataFormat: 'channelsLast', name: `${ctx.layerName}/pad` });
    const crop = tfl.layers.cropping2D({ cropping: [[o, 0], [o, 0]], dataFormat: 'channelsLast', name: ctx.layerName });
    return one(ctx, apply(crop, apply(pad, asImage(ctx.inputs[0]!).tensor)), 'nhwc');
  },
  Dropout(ctx) {
    const p = ctx.node.parameters as Params;
    return elementwise(ctx, new SeededDropoutLayer({ rate: p.p, seed: ctx.nextSeed(), name: ctx.layerName }));
  },
  Flatten(ctx) {
    const input = ctx.inputs[0]!;
    const out = ctx.outputShapes[0]!;
    const p = ctx.node.parameters as Params;
    const rank = input.shape.length;
    const start = p.startDim < 0 ? rank + p.startDim : p.startDim;
    if (start === 0) refuse(ctx, 'that keeps the batch dimension (startDim ≥ 1)', p.startDim);
    if (out.length === rank) return [input];
    // A feature map of 1×1 has the same element order channels-first and channels-last.
    const collapsible = input.layout === 'nhwc' && out.length === 2 && input.shape[2] === 1 && input.shape[3] === 1;
    const source = collapsible ? input : asPlain(input);
    return one(ctx, apply(tfl.layers.reshape({ targetShape: out.slice(1) as number[], name: ctx.layerName }), source.tensor), 'plain');
  },
  add: (ctx) => merge(ctx, ctx.inputs, 'sum'),
  concat: (ctx) => merge(ctx, ctx.inputs, 'concat', undefined, (ctx.node.parameters as Params).dim),
  ChosenInputs(ctx) {
    const p = ctx.node.parameters as Params;
    if (!['sum', 'mean', 'concat', 'none'].includes(p.reduction)) refuse(ctx, 'reduction among sum, mean, concat, none', p.reduction);
    return merge(ctx, ctx.inputs, p.reduction, p.chosen, 1);
  },
  Truncate(ctx) {
    const p = ctx.node.parameters as Params;
    return one(ctx, apply(new ChannelSliceLayer({ channels: p.channels, name: ctx.layerName }), asImage(ctx.inputs[0]!).tensor), 'nhwc');
  },
};

for (const [fn, beta] of UNARY_FUNCTIONS) {
  COMPILERS[`Unary${fn}`] = (ctx) => elementwise(ctx, new ActivationFunctionLayer({ arity: 1, fn, beta, name: ctx.layerName }));
}
for (const [fn, beta] of BINARY_FUNCTIONS) {
  COMPILERS[`Binary${fn}`] = (ctx) => {
    const layout = commonLayout(ctx.inputs);
    const { unique, index } = distinct(ctx.inputs.map((v) => inLayout(v, layout).tensor));
    return one(ctx, apply(new ActivationFunctionLayer({ arity: 2, fn, beta, inputIndex: index, name: ctx.layerName }), unique.length === 1 ? unique[0]! : unique), layout);
  };
}

/** The compiler of op type `type`, or `undefined`. */
export function opCompiler(type: string): OpCompiler | undefined {
  return Object.hasOwn(COMPILERS, type) ? COMPILERS[type] : undefined;
}

/**
 * Every op type `compileModel` translates, sorted.
 *
 * @example
 * ```ts
 * supportedOpTypes().includes('Conv2d'); // true
 * ```
 */
export function supportedOpTypes(): string[] {
  return Object.keys(COMPILERS).sort();
}
