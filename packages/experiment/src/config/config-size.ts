/**
 * Measures a config value against {@link ConfigLimits} without expanding it and without recursion:
 * how deep it nests, how many values and how many characters of text it stands for once every shared
 * part (a YAML alias, or an object referenced twice) is counted each time it is used. Shared parts are
 * measured once and remembered, so a "billion laughs" document is measured in time proportional to
 * what is written. Internal: not exported from the package.
 */
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { ConfigError } from './config-error.js';
import { type ConfigLimits, raiseLimitHint } from './config-limits.js';

/** How the walk sees a value's parts. */
export interface ValueShape {
  /** The values a list or mapping holds; `undefined` for a scalar. */
  children(node: unknown): ArrayLike<unknown> | undefined;
  /** The characters of text `node` holds itself: a string's, or a mapping's keys. */
  ownChars(node: unknown): number;
}

/**
 * A limit a value passes. `count` is the value's size, or — when `exact` is false — a lower bound of
 * it (a list longer than the limit is not walked).
 */
export type SizeViolation =
  | { readonly kind: 'depth' }
  | { readonly kind: 'nodes'; readonly count: number; readonly exact: boolean }
  | { readonly kind: 'chars'; readonly count: number }
  | { readonly kind: 'cycle' };

type Size = { readonly nodes: number; readonly chars: number; readonly depth: number };
type Frame = { readonly node: object; readonly kids: ArrayLike<unknown>; next: number; readonly level: number; deepest: number; readonly startNodes: number; readonly startChars: number };

/** The stop signal of the walk. */
class Stop {
  constructor(readonly violation: SizeViolation) {}
}

/**
 * A limit of `limits` that `root` passes (`maxDepth`, `maxExpandedNodes`, and `maxBytes` as
 * characters of text), or a cycle; `undefined` when it passes none. The walk stops at once on a
 * cycle or too deep a value; past a size limit it goes on, to report the whole size.
 */
export function findSizeViolation(root: unknown, shape: ValueShape, limits: ConfigLimits): SizeViolation | undefined {
  const sizes = new Map<object, Size>();
  const open = new Set<object>();
  const frames: Frame[] = [];
  let nodes = 0;
  let chars = 0;
  const add = (size: Size, depth: number): void => {
    nodes += size.nodes;
    chars += size.chars;
    if (depth > limits.maxDepth) throw new Stop({ kind: 'depth' });
    const parent = frames.at(-1);
    if (parent !== undefined && depth > parent.deepest) parent.deepest = depth;
  };
  const enter = (node: unknown, level: number): void => {
    const kids = shape.children(node);
    if (kids === undefined) return add({ nodes: 1, chars: shape.ownChars(node), depth: 0 }, level);
    const known = sizes.get(node as object);
    if (known !== undefined) return add(known, level + known.depth);
    if (open.has(node as object)) throw new Stop({ kind: 'cycle' });
    if (kids.length > limits.maxExpandedNodes) throw new Stop({ kind: 'nodes', count: nodes + kids.length, exact: false });
    const frame: Frame = { node: node as object, kids, next: 0, level: level + 1, deepest: level + 1, startNodes: nodes, startChars: chars };
    add({ nodes: 1, chars: shape.ownChars(node), depth: 1 }, level + 1);
    open.add(frame.node);
    frames.push(frame);
  };
  try {
    enter(root, 0);
    for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
      if (frame.next < frame.kids.length) {
        enter(frame.kids[frame.next++], frame.level);
        continue;
      }
      frames.pop();
      open.delete(frame.node);
      sizes.set(frame.node, { nodes: nodes - frame.startNodes, chars: chars - frame.startChars, depth: frame.deepest - frame.level + 1 });
      const parent = frames.at(-1);
      if (parent !== undefined && frame.deepest > parent.deepest) parent.deepest = frame.deepest;
    }
    if (nodes > limits.maxExpandedNodes) return { kind: 'nodes', count: nodes, exact: true };
    if (chars > limits.maxBytes) return { kind: 'chars', count: chars };
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.violation;
    throw error;
  }
}

/** A JavaScript value: arrays and objects hold values; an object's keys and strings are text. */
export const PLAIN_VALUE_SHAPE: ValueShape = {
  children: (node) => (Array.isArray(node) ? node : typeof node === 'object' && node !== null ? Object.values(node) : undefined),
  ownChars: (node) => {
    if (typeof node === 'string') return node.length;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return 0;
    let chars = 0;
    for (const key of Object.keys(node)) chars += key.length;
    return chars;
  },
};

const scalarText = (node: unknown): number => (isScalar(node) ? String(node.value).length : 0);

/** A composed YAML node whose aliases {@link inlineAliases} has replaced: maps, sequences, scalars. */
export const YAML_NODE_SHAPE: ValueShape = {
  children: (node) => (isMap(node) ? node.items.map((pair) => (pair as Pair).value) : isSeq(node) ? node.items : undefined),
  ownChars: (node) => {
    if (isScalar(node)) return typeof node.value === 'string' ? node.value.length : 0;
    if (!isMap(node)) return 0;
    let chars = 0;
    for (const pair of node.items) chars += scalarText((pair as Pair).key);
    return chars;
  },
};

/**
 * The {@link ConfigError} for `violation` of `subject` (`"the config"`, `the file "space.yml"`):
 * `"config-too-deep"`, `"config-too-large"`, or `"invalid-value"` for a cycle. `viaAliases` says
 * the size comes from expanding YAML aliases.
 */
export function sizeViolationError(violation: SizeViolation, limits: ConfigLimits, subject: string, viaAliases: boolean): ConfigError {
  const expanded = viaAliases ? ' once its aliases are expanded' : '';
  switch (violation.kind) {
    case 'depth':
      return new ConfigError({
        code: 'config-too-deep',
        message: `${subject} nests lists and mappings more than ${limits.maxDepth} deep${expanded}: ${raiseLimitHint(limits, 'maxDepth')}`,
      });
    case 'nodes':
      return new ConfigError({
        code: 'config-too-large',
        message: `${subject} holds ${violation.exact ? '' : 'at least '}${violation.count} values${expanded}, more than the limit: ${raiseLimitHint(limits, 'maxExpandedNodes')}`,
      });
    case 'chars':
      return new ConfigError({
        code: 'config-too-large',
        message: `${subject} holds ${violation.count} characters of text${expanded}, more than the limit: ${raiseLimitHint(limits, 'maxBytes')}`,
      });
    case 'cycle':
      return new ConfigError({ code: 'invalid-value', expected: 'plain data: a list or mapping may not contain itself', message: `${subject} contains itself: a list or mapping in it holds a reference to itself` });
  }
}
