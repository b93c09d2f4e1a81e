/**
 * The supernet: one TensorFlow.js network per operation and per layer-choice candidate (compiled by
 * `compileModel`, so each computes exactly what its frozen architecture computes), run step by step
 * so that an architecture can be a weighted mixture or one sampled path. Operations with ValueChoice
 * parameters are compiled once at their largest values and masked down to a path's values; a Repeat
 * runs its first blocks up to the path's depth.
 */
import { type Module, type Sample, type Shape, isMutable } from '@archspace/mutables';
import type { Tensor, Tensor1D, Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { compileModel } from '../compile/compile-model.js';
import { makeConv2d } from '../layers/conv-kernels.js';
import { tf } from '../tf.js';
import { channelMask, kernelMask, mixtureValues } from './channel-masks.js';
import { OneShotError } from './one-shot-error.js';
import { leafValues, valueKey as parameterKey } from './parameter-values.js';
import { repeatDepth, repeatMixture } from './repeat-step.js';
import { type LayerChoiceStep, type OpStep, type SupernetGraph, type SupernetRef, type SupernetStep, allSteps, lowerSupernet } from './supernet-graph.js';

/**
 * How the supernet decides each choice: `weights` mixes every candidate (`weights.get(label)` holds
 * one weight per value in the order of the choice's `names`, or per input of an InputChoice);
 * `sample` runs only the chosen path.
 */
export type PathSetting = { readonly weights: ReadonlyMap<string, Tensor1D> } | { readonly sample: Sample };

/**
 * A choice the supernet searches: its label, kind and the values a sample may give it. Every kind
 * but `'input-choice'` is a categorical: a sample gives it one of `names`.
 */
export interface SupernetChoice {
  readonly label: string;
  readonly kind: 'layer-choice' | 'input-choice' | 'value-choice' | 'repeat';
  /**
   * LayerChoice: the candidate names; InputChoice: the input indices `0 … nCandidates − 1`;
   * ValueChoice: its values; Repeat: the allowed depths.
   */
  readonly names: readonly (string | number)[];
  /** How many values a sample holds: `nChosen` for an InputChoice, 1 for every other kind. */
  readonly nChosen: number;
}

/** Options of {@link Supernet.compile}. */
export interface SupernetOptions {
  /** The input shapes, PyTorch's way (`[null, channels, height, width]` for images). */
  readonly inputShapes: readonly Shape[];
  /** Seed of the weight initialisation. */
  readonly seed?: number;
  /** The strategy's name, for refusals. */
  readonly strategy?: string;
}

/** A convolution run through its compiled kernel times a kernel mask. */
type MaskedConv = (x: Tensor4D, mask: Tensor) => Tensor;
/** The compiled steps of a graph. */
interface CompiledGraph {
  readonly steps: readonly Compiled[];
}
/** What one step compiled to. */
type Compiled =
  | { readonly op: LayersModel; readonly maskedConv?: MaskedConv }
  | { readonly candidates: readonly (LayersModel | CompiledGraph)[] }
  | { readonly blocks: readonly CompiledGraph[] }
  | { readonly inputChoice: true };

/**
 * A weight-sharing supernet over a model space: every candidate of every choice, with its own
 * weights, shared by all the architectures that choose it; an operation with ValueChoice widths or
 * kernel sizes holds the largest weights, which every value shares (sliced by masking).
 *
 * @example
 * ```ts
 * const net = Supernet.compile(NasBench201Space.create({ channels: 4, cellsPerStage: 1 }), { inputShapes: [[null, 3, 8, 8]] });
 * const logits = net.forward(images, { sample: space.random(rng) }, false);
 * ```
 */
export class Supernet {
  /** Every choice, once per label, in the order the network first meets it. */
  readonly choices: readonly SupernetChoice[];
  readonly #compiled: CompiledGraph;
  readonly #strategy: string;
  /** The masks of the forward pass under way, by width (or kernel size) and size: each is made once per pass. */
  #masks = new Map<string, Tensor | null>();

  private constructor(
    /** The lowered steps. */
    readonly graph: SupernetGraph,
    compiled: CompiledGraph,
    strategy: string,
  ) {
    this.#compiled = compiled;
    this.#strategy = strategy;
    this.choices = choicesOf(graph);
  }

  /** Lowers `space` and compiles every operation and candidate; equal seeds give equal weights. */
  static compile(space: Module, options: SupernetOptions): Supernet {
    const strategy = options.strategy ?? 'one-shot search';
    const graph = lowerSupernet(space, options.inputShapes, strategy);
    let seed = options.seed ?? 0;
    const compileOne = (flat: Parameters<typeof compileModel>[0], inputShapes: readonly Shape[], name: string): LayersModel =>
      compileModel(flat, { inputShapes: inputShapes.map(batchless), seed: seed++, name: `supernet/${name}` });
    const compileGraph = (g: SupernetGraph, prefix: string): CompiledGraph => ({
      steps: g.steps.map((step, i): Compiled => {
        const name = `${prefix}s${i}`;
        if (step.kind === 'op') {
          const outputs = g.shapes[i]!.map((_, slot, all) => ({ node: 0, slot: all.length === 1 ? null : slot }));
          const op = compileOne({ inputCount: step.inputs.length, nodes: [step.node], outputs }, step.inputShapes, name);
          return step.mixed?.kernel ? { op, maskedConv: maskedConvOf(op, step) } : { op };
        }
        if (step.kind === 'layer-choice') {
          return { candidates: step.candidates.map((flat, k) => (step.stepwise[k] ? compileGraph(step.stepwise[k]!, `${name}/c${k}/`) : compileOne(flat, step.inputShapes, `${name}/c${k}`))) };
        }
        if (step.kind === 'repeat') return { blocks: step.blocks.map((block, b) => compileGraph(block, `${name}/b${b}/`)) };
        return { inputChoice: true };
      }),
    });
    return new Supernet(graph, compileGraph(graph, ''), strategy);
  }

  /** The trainable weights of every operation and candidate (the shared weights). */
  get trainableVariables(): tf.Variable[] {
    return modelsIn(this.#compiled).flatMap((model) => model.trainableWeights.map((w) => w.read() as tf.Variable));
  }

  /**
   * The networks of top-level step `index`: an operation's one, a layer choice's candidates in the
   * order of its names (all the operations of a candidate run step by step), a Repeat's, none for an
   * input choice.
   */
  stepModels(index: number): readonly LayersModel[] {
    const compiled = this.#compiled.steps[index];
    return compiled === undefined ? [] : modelsIn({ steps: [compiled] });
  }

  /**
   * The networks that `sample`'s path runs, in execution order: their weights (at the largest values,
   * to be sliced to the sample's) are what it inherits.
   *
   * @example
   * ```ts
   * const kernels = net.modelsAlong({ width: 8, depth: 2 }).flatMap((m) => m.getWeights());
   * ```
   */
  modelsAlong(sample: Sample): LayersModel[] {
    const along = (graph: SupernetGraph, compiled: CompiledGraph): LayersModel[] =>
      graph.steps.flatMap((step, i) => {
        const c = compiled.steps[i]!;
        if ('op' in c) return [c.op];
        if ('candidates' in c) {
          const k = candidateIndex(step as LayerChoiceStep, sample);
          const chosen = c.candidates[k]!;
          return 'steps' in chosen ? along((step as LayerChoiceStep).stepwise[k]!, chosen) : [chosen];
        }
        if ('blocks' in c && step.kind === 'repeat') return c.blocks.slice(0, repeatDepth(step, sample)).flatMap((block, b) => along(step.blocks[b]!, block));
        return [];
      });
    return along(this.graph, this.#compiled);
  }

  /**
   * Refuses, naming the primitive and `strategy`, what a weighted mixture cannot run: a width,
   * kernel size or depth computed from more than one choice.
   *
   * @example
   * ```ts
   * net.checkMixable('Darts'); // throws OneShotError 'unsupported-primitive' for a width `a * b`
   * ```
   */
  checkMixable(strategy: string): void {
    for (const step of allSteps(this.graph)) {
      if (step.kind === 'op' && step.mixed) {
        if (isMutable(step.mixed.outWidth)) mixtureValues(step.mixed.outWidth, strategy, `the width of ${step.node.type} "${step.name}"`);
        if (step.mixed.kernel) mixtureValues(step.mixed.kernel.size, strategy, `the kernel size of "${step.name}"`);
      }
      if (step.kind === 'repeat') repeatMixture(step, strategy);
    }
  }

  /**
   * Runs the supernet on `inputs` (images NHWC, as `compileModel`'s networks take them) along
   * `path`; `training` selects batch statistics in batch norms (and updates their running ones).
   */
  forward(inputs: Tensor | readonly Tensor[], path: PathSetting, training: boolean): Tensor {
    const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
    return this.#withMasks(() => this.#runGraph(this.graph, this.#compiled, ins, path, training)[0]!);
  }

  /** Runs top-level step `index` alone on `args` (its inputs, NHWC for images) along `path`; returns its outputs. */
  runStep(index: number, args: readonly Tensor[], path: PathSetting, training: boolean): Tensor[] {
    return this.#withMasks(() => this.#runStep(this.graph.steps[index]!, this.#compiled.steps[index]!, [...args], path, training));
  }

  /** Runs `pass` with a fresh mask cache (its masks belong to the caller's tensors, as its outputs do). */
  #withMasks<T>(pass: () => T): T {
    this.#masks = new Map();
    try {
      return pass();
    } finally {
      this.#masks = new Map();
    }
  }

  /** The mask `make` builds for `value` over `size`, made once per pass. */
  #mask<T extends Tensor | null>(kind: string, value: unknown, size: number, make: () => T): T {
    const key = `${kind}|${size}|${parameterKey(value)}`;
    if (!this.#masks.has(key)) this.#masks.set(key, make());
    return this.#masks.get(key) as T;
  }

  #runGraph(graph: SupernetGraph, compiled: CompiledGraph, ins: readonly Tensor[], path: PathSetting, training: boolean): Tensor[] {
    const values: Tensor[][] = [];
    const read = (ref: SupernetRef): Tensor => (ref.step === -1 ? ins[ref.slot]! : values[ref.step]![ref.slot]!);
    graph.steps.forEach((step, i) => {
      values.push(this.#runStep(step, compiled.steps[i]!, step.inputs.map(read), path, training));
    });
    return graph.outputs.map(read);
  }

  #runStep(step: SupernetStep, compiled: Compiled, args: Tensor[], path: PathSetting, training: boolean): Tensor[] {
    const apply = (model: LayersModel): Tensor[] => {
      const out = model.apply(args.length === 1 ? args[0]! : args, { training }) as Tensor | Tensor[];
      return Array.isArray(out) ? out : [out];
    };
    const masked = (outputs: Tensor[], width: unknown, max: number | null, what: string): Tensor[] => {
      const mask = isMutable(width) ? this.#mask('channels', width, max ?? 0, () => channelMask(width, max ?? 0, path, this.#strategy, what)) : null;
      return mask === null ? outputs : outputs.map((t) => tf.mul(t, mask));
    };
    if ('op' in compiled) {
      const op = step as OpStep;
      let outputs: Tensor[];
      if (compiled.maskedConv) {
        const { size, max } = op.mixed!.kernel!;
        const mask = this.#mask('kernel', size, max, () => kernelMask(size, max, path, this.#strategy, `the kernel size of "${op.name}"`));
        outputs = [compiled.maskedConv(args[0] as Tensor4D, mask)];
      } else outputs = apply(compiled.op);
      return op.mixed?.remask ? masked(outputs, op.mixed.outWidth, op.mixed.outputShape[1]!, `the width of ${op.node.type} "${op.name}"`) : outputs;
    }
    if ('candidates' in compiled) {
      const layer = step as LayerChoiceStep;
      const run = (k: number): Tensor[] => {
        const candidate = compiled.candidates[k]!;
        return 'steps' in candidate ? this.#runGraph(layer.stepwise[k]!, candidate, args, path, training) : apply(candidate);
      };
      let outputs: Tensor[];
      if ('sample' in path) outputs = run(candidateIndex(layer, path.sample));
      else {
        const w = path.weights.get(layer.label)!;
        outputs = [tf.addN(compiled.candidates.map((_, k) => tf.mul(run(k)[0]!, tf.reshape(tf.slice(w, k, 1), []))))];
      }
      return layer.remask ? masked(outputs, layer.outWidth, outputs[0]!.shape[outputs[0]!.rank - 1]!, `the output of LayerChoice "${layer.label}"`) : outputs;
    }
    if ('blocks' in compiled && step.kind === 'repeat') {
      const runBlock = (x: Tensor, b: number): Tensor => this.#runGraph(step.blocks[b]!, compiled.blocks[b]!, [x], path, training)[0]!;
      if ('sample' in path) {
        let x = args[0]!;
        for (let b = 0; b < repeatDepth(step, path.sample); b++) x = runBlock(x, b);
        return [x];
      }
      const { label, depths } = repeatMixture(step, this.#strategy);
      const w = path.weights.get(label)!;
      const after: Tensor[] = [args[0]!];
      for (let b = 0; b < Math.max(...depths); b++) after.push(runBlock(after[b]!, b));
      return [tf.addN(depths.map((d, j) => tf.mul(after[d]!, tf.reshape(tf.slice(w, j, 1), []))))];
    }
    if (step.kind !== 'input-choice') throw new Error('unreachable');
    const channelAxis = args[0]!.rank === 4 ? 3 : 1;
    if ('sample' in path) {
      const chosen = chosenInputs(step.label, step.nChosen, path.sample, args.length).map((i) => args[i]!);
      if (step.reduction === 'concat') return [tf.concat(chosen, channelAxis)];
      const sum = chosen.length === 1 ? chosen[0]! : tf.addN(chosen);
      return [step.reduction === 'mean' ? tf.div(sum, chosen.length) : sum];
    }
    const w = path.weights.get(step.label)!;
    // Weighted: every input counts by its weight, scaled to the number of inputs a sample keeps.
    const terms = args.map((x, k) => tf.mul(x, tf.reshape(tf.slice(w, k, 1), [])));
    const mixed = tf.addN(terms);
    return [step.reduction === 'sum' ? tf.mul(mixed, step.nChosen) : mixed];
  }

  /** Frees every weight. */
  dispose(): void {
    for (const model of modelsIn(this.#compiled)) model.dispose();
  }
}

/** Every choice of `graph`, once per label, in the order the network first meets it. */
function choicesOf(graph: SupernetGraph): SupernetChoice[] {
  const byLabel = new Map<string, SupernetChoice>();
  const add = (choice: SupernetChoice) => {
    if (!byLabel.has(choice.label)) byLabel.set(choice.label, choice);
  };
  const addLeaves = (leaves: readonly { label: string }[]) => {
    for (const leaf of leaves) add({ label: leaf.label, kind: 'value-choice', names: leafValues(leaf as never) as (string | number)[], nChosen: 1 });
  };
  for (const step of allSteps(graph)) {
    if (step.kind === 'layer-choice') add({ label: step.label, kind: step.kind, names: step.names, nChosen: 1 });
    else if (step.kind === 'input-choice') add({ label: step.label, kind: step.kind, names: Array.from({ length: step.nCandidates }, (_, i) => i), nChosen: step.nChosen });
    else if (step.kind === 'repeat') {
      if (step.expression === undefined) add({ label: step.label, kind: 'repeat', names: step.depths, nChosen: 1 });
      else addLeaves(isMutable(step.expression) ? step.expression.leaves() : []);
    } else if (step.mixed?.ownChoices) addLeaves(step.mixed.choices);
  }
  return [...byLabel.values()];
}

/** The compiled convolution of `step` run on its kernel times a mask (its kernel size is a choice). */
function maskedConvOf(model: LayersModel, step: OpStep): MaskedConv {
  const p = step.mixed!.parameters as { kernelSize: number; stride: number; padding: number; dilation: number; bias: boolean };
  const conv = makeConv2d({ kernel: p.kernelSize, stride: p.stride, padding: p.padding, dilation: p.dilation });
  const layer = model.layers.find((l) => l.trainableWeights.length > 0)!;
  return (x, mask) => {
    const [kernel, bias] = layer.trainableWeights.map((w) => w.read());
    const y = conv(x, tf.mul(kernel!, mask) as Tensor4D);
    return bias === undefined ? y : tf.add(y, bias);
  };
}

/** Every network compiled in `compiled`, in compile order. */
function modelsIn(compiled: CompiledGraph): LayersModel[] {
  return compiled.steps.flatMap((c) => {
    if ('op' in c) return [c.op];
    if ('candidates' in c) return c.candidates.flatMap((k) => ('steps' in k ? modelsIn(k) : [k]));
    if ('blocks' in c) return c.blocks.flatMap(modelsIn);
    return [];
  });
}

function batchless(shape: Shape): Shape {
  return [null, ...shape.slice(1)];
}

/** The `nChosen` distinct input indices (below `count`) that `sample` gives InputChoice `label`. */
function chosenInputs(label: string, nChosen: number, sample: Sample, count: number): number[] {
  const value = sample[label];
  const ok = Array.isArray(value) && value.length === nChosen && new Set(value).size === nChosen && value.every((i) => Number.isInteger(i) && i >= 0 && i < count);
  if (!ok) throw new OneShotError({ code: 'invalid-sample', path: [label], expected: `${nChosen} distinct input indices of InputChoice "${label}"`, received: value });
  return value as number[];
}

/** The index of the candidate `sample` chooses at `step`. */
function candidateIndex(step: LayerChoiceStep, sample: Sample): number {
  const index = step.names.indexOf(sample[step.label] as string | number);
  if (index < 0) {
    throw new OneShotError({ code: 'invalid-sample', path: [step.label], expected: `a candidate of LayerChoice "${step.label}": one of ${step.names.join(', ')}`, received: sample[step.label] });
  }
  return index;
}

