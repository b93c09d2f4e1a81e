/**
 * An operation whose parameters hold ValueChoices, as the supernet runs it: compiled once at the
 * largest values, its output masked to the chosen channel (or feature) count — the channels past it
 * are zero, so the next operation, compiled at its largest input width, computes exactly what its
 * weights sliced to the chosen width would — and a convolution's kernel masked to its centred k×k
 * part. Whatever masking cannot reproduce exactly is refused, naming the label and the operation.
 *
 * A value's *width* is its channel count (logical axis 1): a plain number, or the mutable that
 * decides it, in which case the channels past the chosen width hold zeros.
 */
import { type Decision, type Shape, isMutable, opDefinition } from '@archspace/mutables';
import { combinationsOf, leavesOf, valueUnder } from './parameter-values.js';
import type { OneShotError } from './one-shot-error.js';

/** A channel count: a number, or the mutable that decides it (the channels past it are zero). */
export type Width = unknown;

/** A convolution whose kernel size a sample decides: the kernel is masked to its centred part. */
export interface KernelChoice {
  /** The kernel size, a mutable. */
  readonly size: unknown;
  /** The largest kernel size, the one compiled. */
  readonly max: number;
}

/** What the supernet needs to run one operation with ValueChoice parameters. */
export interface MixedValueOp {
  /** The parameters at their largest values: what is compiled. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The output shape at the largest values. */
  readonly outputShape: Shape;
  /** The output's width; a mutable one masks the output. */
  readonly outWidth: Width;
  /** Set when the kernel size is a choice. */
  readonly kernel?: KernelChoice;
  /** Whether the output must be masked (again): false when the masked input's zeros stay zeros. */
  readonly remask: boolean;
  /** Whether the operation's own parameters hold ValueChoices (not only its input's width). */
  readonly ownChoices: boolean;
  /** The choices its own parameters depend on, in first-appearance order. */
  readonly choices: readonly Decision[];
}

/** The parameters each operation type may take from a ValueChoice, and what each one means. */
const CHOOSABLE: Readonly<Record<string, { readonly inWidth?: string; readonly outWidth?: string; readonly kernel?: string; readonly padding?: string }>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, never>, {
    Conv2d: { inWidth: 'inChannels', outWidth: 'outChannels', kernel: 'kernelSize', padding: 'padding' },
    Linear: { inWidth: 'inFeatures', outWidth: 'outFeatures' },
    BatchNorm2d: { inWidth: 'numFeatures', outWidth: 'numFeatures' },
  }),
);

/** Operations that act on each channel alone and keep the channel count: a masked input stays masked. */
const PER_CHANNEL = new Set(['ReLU', 'Sigmoid', 'Tanh', 'MaxPool2d', 'AvgPool2d', 'AdaptiveAvgPool2d', 'Identity', 'Zero', 'PixelShift', 'Dropout', 'add']);

/** Operations that map all-zero channels to all-zero channels: their masked output needs no mask again. */
export const KEEPS_ZEROS: ReadonlySet<string> = new Set(['ReLU', 'Tanh', 'MaxPool2d', 'AvgPool2d', 'AdaptiveAvgPool2d', 'Identity', 'Zero', 'PixelShift', 'Dropout', 'add', 'Flatten']);

/** Refuses a ValueChoice of an operation: `(label, detail)` → the error to throw. */
export type Refuse = (label: string, detail: string) => OneShotError;

/** Whether widths `a` and `b` are equal under every combination of their choices' values. */
export function sameWidth(a: Width, b: Width): boolean {
  if (!isMutable(a) && !isMutable(b)) return a === b;
  const combinations = combinationsOf(leavesOf(a, b));
  return combinations !== undefined && combinations.every((sample) => valueUnder(a, sample) === valueUnder(b, sample));
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** The first leaf's label of `value`, for refusals. */
function labelOf(value: unknown, fallback: string): string {
  return leavesOf(value)[0]?.label ?? fallback;
}

/**
 * Checks an operation whose inputs have `inWidths` and returns how to run it, or `undefined` when it
 * needs no masking at all (no ValueChoice and no masked input). `inShapes` are at the largest widths.
 */
export function mixedValueOp(
  node: { readonly type: string; readonly name: string; readonly parameters: Readonly<Record<string, unknown>> },
  inShapes: readonly Shape[],
  inWidths: readonly Width[],
  refuse: Refuse,
): MixedValueOp | undefined {
  const { type, name, parameters } = node;
  const what = `${type} "${name}"`;
  const choosable = CHOOSABLE[type] ?? {};
  const mutableKeys = Object.keys(parameters).filter((key) => isMutable(parameters[key]));
  for (const key of mutableKeys) {
    if (![choosable.inWidth, choosable.outWidth, choosable.kernel, choosable.padding].includes(key)) {
      throw refuse(labelOf(parameters[key], name), ` on the parameter "${key}" of ${what} (only channel counts, feature counts and Conv2d kernel sizes can be sliced)`);
    }
  }
  const masked = inWidths.some(isMutable);
  if (mutableKeys.length === 0 && !masked) return undefined;

  const leaves: Decision[] = leavesOf(...mutableKeys.map((key) => parameters[key]));
  const combinations = combinationsOf(leaves);
  if (combinations === undefined) throw refuse(leaves[0]?.label ?? name, ` in ${what}: its choices must have finitely many values (and few combinations)`);
  const atMax: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, parameters);
  for (const key of mutableKeys) {
    const values = combinations.map((sample) => valueUnder(parameters[key], sample));
    if (!values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0)) throw refuse(labelOf(parameters[key], name), ` on "${key}" of ${what}: its values must be integers ≥ 0`);
    atMax[key] = Math.max(...(values as number[]));
  }
  const kernel = checkKernel(type, what, parameters, combinations, atMax, refuse);
  const outWidth = widthAfter(type, what, parameters, inShapes, inWidths, refuse);
  const definition = opDefinition(type);
  if (definition === undefined) throw refuse(labelOf(inWidths.find(isMutable), name), ` reaching ${what}, an operation without a definition`);
  const outputShape = definition.inferShape(inShapes, atMax as never);
  return { parameters: atMax, outputShape, outWidth: isMutable(outWidth) ? outWidth : outputShape[1], remask: isMutable(outWidth) && (mutableKeys.length > 0 || !KEEPS_ZEROS.has(type)), ownChoices: mutableKeys.length > 0, choices: leaves, ...(kernel ? { kernel } : {}) };
}

/** The output width, after checking that the input widths are what the operation expects. */
function widthAfter(type: string, what: string, parameters: Readonly<Record<string, unknown>>, inShapes: readonly Shape[], inWidths: readonly Width[], refuse: Refuse): Width {
  const choosable = CHOOSABLE[type];
  const inWidth = inWidths[0];
  if (choosable?.inWidth !== undefined) {
    if (type === 'Linear' && inShapes[0]!.length !== 2 && (isMutable(inWidth) || isMutable(parameters['outFeatures']))) {
      throw refuse(labelOf(inWidth, labelOf(parameters['outFeatures'], what)), ` in ${what}: a Linear is sliced only on [batch, features] inputs`);
    }
    const expected = parameters[choosable.inWidth];
    if (!sameWidth(inWidth, expected)) {
      throw refuse(labelOf(expected, labelOf(inWidth, what)), ` in ${what}: its ${choosable.inWidth} (${String(expected)}) must equal its input's channel count (${String(inWidth)}) for every choice`);
    }
    if (type === 'Conv2d' && parameters['groups'] !== 1 && (isMutable(inWidth) || isMutable(parameters['outChannels']))) {
      throw refuse(labelOf(inWidth, labelOf(parameters['outChannels'], what)), ` in ${what}: grouped convolutions are not sliced`);
    }
    return parameters[choosable.outWidth!];
  }
  const maskedInput = inWidths.find(isMutable);
  if (maskedInput === undefined) return undefined;
  const label = labelOf(maskedInput, what);
  if (type === 'Flatten') {
    const [, , ...spatial] = inShapes[0]!;
    if (spatial.every((d) => d === 1)) return maskedInput;
    throw refuse(label, ` reaching ${what}: only a flatten of 1×1 feature maps keeps the chosen channels first`);
  }
  if (!PER_CHANNEL.has(type) && !type.startsWith('Unary') && !type.startsWith('Binary')) {
    throw refuse(label, ` reaching ${what}: a ${type} cannot take a sliced input (it is not computed channel by channel)`);
  }
  if (!inWidths.every((w) => sameWidth(w, maskedInput))) throw refuse(label, ` reaching ${what}: its inputs must have equal channel counts for every choice`);
  return maskedInput;
}

/** The kernel choice of a Conv2d, checked to be exactly its centred part at the largest kernel. */
function checkKernel(type: string, what: string, parameters: Readonly<Record<string, unknown>>, combinations: readonly Record<string, unknown>[], atMax: Record<string, unknown>, refuse: Refuse): KernelChoice | undefined {
  if (type !== 'Conv2d') return undefined;
  const size = parameters['kernelSize'];
  const padding = parameters['padding'];
  if (!isMutable(size)) {
    if (isMutable(padding)) throw refuse(labelOf(padding, what), ` on the padding of ${what} with a fixed kernel size (the output size would change)`);
    return undefined;
  }
  const label = labelOf(size, what);
  const { stride, dilation, groups } = parameters as Record<string, unknown>;
  if (!isWholeNumber(stride) || !isWholeNumber(dilation) || groups !== 1 || (stride > 1 && dilation > 1)) throw refuse(label, ` on the kernel size of ${what}: stride and dilation must be fixed (not both above 1) and groups 1`);
  const kMax = atMax['kernelSize'] as number;
  // The centred k×k part of the largest kernel, at the largest padding, is the k×k convolution iff
  // padding − dilation·(k − 1)/2 is the same for every choice (and k has the largest kernel's parity).
  const offset = (k: number, p: number) => p - (dilation * (k - 1)) / 2;
  const reference = offset(kMax, valueUnder(padding, combinations.find((s) => valueUnder(size, s) === kMax)!) as number);
  for (const sample of combinations) {
    const k = valueUnder(size, sample) as number;
    if (k < 1 || (kMax - k) % 2 !== 0 || offset(k, valueUnder(padding, sample) as number) !== reference) {
      throw refuse(label, ` on the kernel size of ${what}: every kernel size needs the largest one's parity and a padding that keeps the window centred (padding = dilation·(k − 1)/2 + a constant)`);
    }
  }
  atMax['padding'] = reference + (dilation * (kMax - 1)) / 2;
  return { size, max: kMax };
}
