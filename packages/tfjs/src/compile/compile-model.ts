/**
 * compileModel: a frozen archspace architecture — a module tree, an IR model or a flattened model —
 * becomes a `tf.LayersModel` built with the functional API, with PyTorch's semantics, outputs and
 * parameter counts.
 */
import { type Model as IrModel, type ModelIr, loadModel } from '@archspace/ir';
import { type FlatModel, type FlatNode, Module, type Shape, createRng, flattenModel, opDefinition, resolveParams, trace } from '@archspace/mutables';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { assertTfjsEnabled, ensureTfBackendSync } from '../backend.js';
import { CompileError, UnsupportedOpError } from '../errors.js';
import { tfl } from '../tf.js';
import { asImage, physicalShape, type Value } from './layout.js';
import { opCompiler, supportedOpTypes } from './op-compilers.js';

/** What {@link compileModel} accepts: a frozen module tree, an IR model, or a flattened model. */
export type CompileSource = Module | IrModel | FlatModel;

/** Options of {@link compileModel}. */
export interface CompileOptions {
  /** The input shapes, PyTorch's way: `[batch, channels, height, width]` for images, batch `null`. */
  readonly inputShapes: readonly Shape[];
  /** Seed of the weight initialisation (default 0): equal seeds give equal initial weights. */
  readonly seed?: number;
  /** The model's name. */
  readonly name?: string;
}

function isFlatModel(source: CompileSource): source is FlatModel {
  return !(source instanceof Module) && Array.isArray((source as FlatModel).nodes) && typeof (source as FlatModel).inputCount === 'number';
}

/**
 * The flattened form of `source` (nodes in execution order, cells inlined). A module must be frozen:
 * its decisions are listed in the error otherwise.
 */
export function toFlatModel(source: CompileSource, inputShapes: readonly Shape[]): FlatModel {
  if (isFlatModel(source)) return source;
  if (source instanceof Module) {
    const undecided = Object.keys(source.simplify());
    if (undecided.length > 0) {
      throw new CompileError({
        code: 'not-frozen',
        path: [],
        expected: 'a frozen module without decisions (space.freeze(sample))',
        received: undecided,
      });
    }
    return flattenModel(loadModel(trace(source, inputShapes).toJSON() as unknown as ModelIr));
  }
  return flattenModel(source);
}

const VALID_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

/** A layer name tfjs accepts (letters, digits, `-._/`), unique in this model. */
function layerNamer(prefix: string): (nodeName: string) => string {
  const used = new Set<string>();
  return (nodeName) => {
    let base = `${prefix}/${nodeName}`.replace(/[^-A-Za-z0-9._/]/g, '_').replace(/\/+/g, '/');
    if (!VALID_NAME.test(base)) base = `n${base}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

function checkFrozen(node: FlatNode): void {
  const visit = (value: unknown, path: string[]): void => {
    if (value !== null && typeof value === 'object') {
      if ('$mutable' in value) {
        throw new CompileError({
          code: 'not-frozen',
          path: [node.name, ...path],
          expected: `a decided value for ${node.type} parameter "${path.join('.')}" (apply a sample first)`,
          received: (value as { $mutable: unknown }).$mutable,
        });
      }
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  visit(node.parameters, []);
}

/** Our output shapes of `node` on inputs of `shapes`. */
function inferShapes(node: FlatNode, shapes: readonly Shape[]): Shape[] {
  if (node.type === 'ChosenInputs') {
    const { chosen, reduction } = node.parameters as { chosen: number[]; reduction: string };
    if (reduction === 'none') return chosen.map((i) => shapes[i]!);
  }
  const definition = opDefinition(node.type);
  if (!definition) throw unsupported(node);
  try {
    return [definition.inferShape(shapes, resolveParams(node.parameters))];
  } catch (error) {
    throw new CompileError({ code: 'shape-mismatch', path: [node.name], message: `${node.type} cannot take inputs of shapes ${JSON.stringify(shapes)}: ${(error as Error).message}` });
  }
}

/** The error for a node whose op type has no translation. */
function unsupported(node: FlatNode): UnsupportedOpError {
  const plain = supportedOpTypes().filter((t) => !/^(Unary|Binary)[A-Z]/.test(t));
  const expected = `an op type with a TensorFlow.js translation: ${plain.join(', ')}, or an AutoActivation Unary*/Binary* function`;
  return new UnsupportedOpError({
    code: 'unsupported-op',
    path: [node.name],
    expected,
    received: node.type,
    message: `node "${node.name}" has op type "${node.type}", which compileModel cannot translate; expected ${expected}`,
  });
}

function checkInputShape(shape: Shape, index: number): void {
  if (shape.length < 2 || shape.slice(1).some((d) => d === null || !Number.isInteger(d) || d < 1)) {
    throw new CompileError({ code: 'unknown-size', path: ['inputShapes', index], expected: 'a shape [batch, ...sizes] whose sizes (all but the batch) are known positive integers', received: shape });
  }
}

function sameShape(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => i === 0 || d === b[i]);
}

/**
 * Builds a TensorFlow.js network (functional API) that computes `source`. Images are NCHW for
 * archspace and NHWC inside TensorFlow.js: the model's inputs and 4-D outputs are channels-last
 * (`[n, h, w, c]`); everything else — in particular a classifier's `[n, classes]` output — is as
 * archspace describes it. Trainable parameters equal `trace(...).parameterCount()`; batch norms
 * also hold their running mean and variance as non-trainable weights.
 *
 * The active TensorFlow.js backend is used; when none is active yet, the CPU backend is started
 * (`await useTfBackend()` first to train on WASM).
 *
 * @throws {UnsupportedOpError} for an op type without a translation (names the node and the type).
 * @throws {CompileError} for an undecided parameter, an unknown input size or shapes that do not fit.
 *
 * @example
 * ```ts
 * const net = compileModel(space.freeze(sample), { inputShapes: [[null, 3, 16, 16]], seed: 1 });
 * net.predict(tf.zeros([8, 16, 16, 3])); // [8, 10] logits
 * ```
 */
export function compileModel(source: CompileSource, options: CompileOptions): LayersModel {
  assertTfjsEnabled('compileModel');
  ensureTfBackendSync();
  const { inputShapes } = options;
  inputShapes.forEach(checkInputShape);
  const flat = toFlatModel(source, inputShapes);
  if (flat.inputCount !== inputShapes.length) {
    throw new CompileError({ code: 'input-count', path: ['inputShapes'], expected: `${flat.inputCount} input shape(s)`, received: inputShapes.length });
  }
  const rng = createRng(options.seed ?? 0);
  const name = options.name ?? 'archspace';
  const nameFor = layerNamer(name);
  const inputs: Value[] = inputShapes.map((shape, i) => {
    const layout: Value['layout'] = shape.length === 4 ? 'nhwc' : 'plain';
    const tensor = tfl.input({ shape: physicalShape(shape, layout).slice(1) as number[], name: nameFor(`input_${i}`) });
    return { tensor, shape, layout };
  });
  const values: Value[][] = [];
  const read = (ref: { node: number; slot: number | null }, where: string): Value => {
    const value = ref.node === -1 ? inputs[ref.slot ?? 0] : values[ref.node]?.[ref.slot ?? 0];
    if (!value) throw new CompileError({ code: 'dangling-input', path: [where], expected: 'an input computed earlier', received: ref });
    return value;
  };
  flat.nodes.forEach((node) => {
    const ins = node.inputs.map((ref) => read(ref, node.name));
    checkFrozen(node);
    const compiler = opCompiler(node.type);
    if (!compiler) throw unsupported(node);
    const outputShapes = inferShapes(node, ins.map((v) => v.shape));
    const outs = compiler({ node, inputs: ins, outputShapes, layerName: nameFor(node.name), nextSeed: () => rng.int(2 ** 30) });
    outs.forEach((out, i) => {
      const expected = physicalShape(outputShapes[i]!, out.layout);
      if (!sameShape(out.tensor.shape, expected)) {
        throw new CompileError({ code: 'shape-mismatch', path: [node.name], expected: `a TensorFlow.js shape ${JSON.stringify(expected)} (${out.layout})`, received: out.tensor.shape });
      }
    });
    values.push(outs);
  });
  const outputs = flat.outputs.map((ref) => {
    const value = read(ref, 'outputs');
    let tensor = (value.shape.length === 4 ? asImage(value) : value).tensor;
    // A model output that is a model input still needs a layer between them.
    if (inputs.some((v) => v.tensor === tensor)) tensor = tfl.layers.activation({ activation: 'linear' }).apply(tensor) as SymbolicTensor;
    return tensor;
  });
  return tfl.model({ inputs: inputs.map((v) => v.tensor), outputs, name });
}

/**
 * The number of trainable weights of a TensorFlow.js model — what `trace(...).parameterCount()`
 * counts for the same architecture (PyTorch's parameters). `model.countParams()` also counts the
 * batch norms' running statistics: `2 × numFeatures` more per `BatchNorm2d`.
 *
 * @example
 * ```ts
 * trainableParameterCount(compileModel(net, { inputShapes })) === trace(net, inputShapes).parameterCount(); // true
 * ```
 */
export function trainableParameterCount(model: LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}
