/**
 * The supernet: one TensorFlow.js network per operation and per layer-choice candidate (compiled by
 * `compileModel`, so each candidate computes exactly what its frozen architecture computes), run
 * step by step so that an architecture can be a weighted mixture or one sampled path.
 */
import type { Module, Sample, Shape } from '@archspace/mutables';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { compileModel } from '../compile/compile-model.js';
import { tf } from '../tf.js';
import { OneShotError } from './one-shot-error.js';
import { type LayerChoiceStep, type SupernetGraph, type SupernetRef, type SupernetStep, lowerSupernet } from './supernet-graph.js';

/**
 * How the supernet decides each choice: `weights` mixes every candidate (`weights.get(label)` holds
 * one weight per candidate, or per input of an InputChoice); `sample` runs only the chosen path.
 */
export type PathSetting = { readonly weights: ReadonlyMap<string, Tensor1D> } | { readonly sample: Sample };

/** A choice the supernet searches: its label, kind and the values a sample may give it. */
export interface SupernetChoice {
  readonly label: string;
  readonly kind: 'layer-choice' | 'input-choice';
  /** LayerChoice: the candidate names; InputChoice: the input indices `0 … nCandidates − 1`. */
  readonly names: readonly (string | number)[];
  /** How many values a sample holds: 1 for a LayerChoice, `nChosen` for an InputChoice. */
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

/** The candidate models of one layer-choice step, or the single model of an operation. */
type Compiled = { readonly op: LayersModel } | { readonly candidates: readonly LayersModel[] } | { readonly inputChoice: true };

/**
 * A weight-sharing supernet over a model space: every candidate of every choice, with its own
 * weights, shared by all the architectures that choose it.
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
  readonly #compiled: readonly Compiled[];

  private constructor(
    /** The lowered steps. */
    readonly graph: SupernetGraph,
    compiled: readonly Compiled[],
  ) {
    this.#compiled = compiled;
    const byLabel = new Map<string, SupernetChoice>();
    for (const step of graph.steps) {
      if (step.kind === 'op' || byLabel.has(step.label)) continue;
      if (step.kind === 'layer-choice') byLabel.set(step.label, { label: step.label, kind: step.kind, names: step.names, nChosen: 1 });
      else byLabel.set(step.label, { label: step.label, kind: step.kind, names: Array.from({ length: step.nCandidates }, (_, i) => i), nChosen: step.nChosen });
    }
    this.choices = [...byLabel.values()];
  }

  /** Lowers `space` and compiles every operation and candidate; equal seeds give equal weights. */
  static compile(space: Module, options: SupernetOptions): Supernet {
    const graph = lowerSupernet(space, options.inputShapes, options.strategy ?? 'one-shot search');
    let seed = options.seed ?? 0;
    const compileOne = (flat: Parameters<typeof compileModel>[0], inputShapes: readonly Shape[], name: string): LayersModel =>
      compileModel(flat, { inputShapes: inputShapes.map(batchless), seed: seed++, name: `supernet/${name}` });
    const compiled = graph.steps.map((step, i): Compiled => {
      if (step.kind === 'op') {
        const outputs = graph.shapes[i]!.map((_, slot, all) => ({ node: 0, slot: all.length === 1 ? null : slot }));
        return { op: compileOne({ inputCount: step.inputs.length, nodes: [step.node], outputs }, step.inputShapes, `s${i}`) };
      }
      if (step.kind === 'layer-choice') return { candidates: step.candidates.map((flat, k) => compileOne(flat, step.inputShapes, `s${i}/c${k}`)) };
      return { inputChoice: true };
    });
    return new Supernet(graph, compiled);
  }

  /** The trainable weights of every operation and candidate (the shared weights). */
  get trainableVariables(): tf.Variable[] {
    const variables: tf.Variable[] = [];
    for (const c of this.#compiled) for (const model of modelsOf(c)) for (const w of model.trainableWeights) variables.push(w.read() as tf.Variable);
    return variables;
  }

  /**
   * The networks of step `index`: an operation's one, a layer choice's candidates in the order of
   * its names, none for an input choice.
   */
  stepModels(index: number): readonly LayersModel[] {
    return modelsOf(this.#compiled[index]);
  }

  /**
   * Runs the supernet on `inputs` (images NHWC, as `compileModel`'s networks take them) along
   * `path`; `training` selects batch statistics in batch norms (and updates their running ones).
   */
  forward(inputs: Tensor | readonly Tensor[], path: PathSetting, training: boolean): Tensor {
    const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
    const values: Tensor[][] = [];
    const read = (ref: SupernetRef): Tensor => (ref.step === -1 ? ins[ref.slot]! : values[ref.step]![ref.slot]!);
    this.graph.steps.forEach((step, i) => {
      values.push(this.runStep(i, step.inputs.map(read), path, training));
    });
    return read(this.graph.outputs[0]!);
  }

  /** Runs step `index` alone on `args` (its inputs, NHWC for images) along `path`; returns its outputs. */
  runStep(index: number, args: readonly Tensor[], path: PathSetting, training: boolean): Tensor[] {
    return this.#runStep(this.graph.steps[index]!, this.#compiled[index]!, [...args], path, training);
  }

  #runStep(step: SupernetStep, compiled: Compiled, args: Tensor[], path: PathSetting, training: boolean): Tensor[] {
    const apply = (model: LayersModel): Tensor[] => {
      const out = model.apply(args.length === 1 ? args[0]! : args, { training }) as Tensor | Tensor[];
      return Array.isArray(out) ? out : [out];
    };
    if ('op' in compiled) return apply(compiled.op);
    if ('candidates' in compiled) {
      const layer = step as LayerChoiceStep;
      if ('sample' in path) return apply(compiled.candidates[candidateIndex(layer, path.sample)]!);
      const w = path.weights.get(layer.label)!;
      const terms = compiled.candidates.map((model, k) => tf.mul(apply(model)[0]!, tf.reshape(tf.slice(w, k, 1), [])));
      return [tf.addN(terms)];
    }
    if (step.kind !== 'input-choice') throw new Error('unreachable');
    const channelAxis = args[0]!.rank === 4 ? 3 : 1;
    if ('sample' in path) {
      const chosen = (path.sample[step.label] as number[]).map((i) => args[i]!);
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
    for (const c of this.#compiled) for (const model of modelsOf(c)) model.dispose();
  }
}

function modelsOf(compiled: Compiled | undefined): readonly LayersModel[] {
  if (compiled === undefined) return [];
  return 'op' in compiled ? [compiled.op] : 'candidates' in compiled ? compiled.candidates : [];
}

function batchless(shape: Shape): Shape {
  return [null, ...shape.slice(1)];
}

/** The index of the candidate `sample` chooses at `step`. */
function candidateIndex(step: LayerChoiceStep, sample: Sample): number {
  const index = step.names.indexOf(sample[step.label] as string | number);
  if (index < 0) {
    throw new OneShotError({ code: 'invalid-sample', path: [step.label], expected: `a candidate of LayerChoice "${step.label}": one of ${step.names.join(', ')}`, received: sample[step.label] });
  }
  return index;
}
