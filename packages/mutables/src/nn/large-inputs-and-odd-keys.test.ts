/**
 * Module-level code on data a user may give: an InputChoice over many candidates walks its grid
 * lazily, descriptions of deep or long values stay short, and a dict field keyed "__proto__" keeps
 * that key through freeze and clone.
 */
import { expect, it } from 'vitest';
import { Categorical } from '../categorical.js';
import { pyRepr } from '../repr.js';
import { cloneModule } from './clone-module.js';
import { InputChoice } from './input-choice.js';
import { Module } from './module.js';

it('walks the grid of an InputChoice over 1,000 candidates one point at a time', () => {
  const choice = new InputChoice(1000, 2, 'sum', { label: 'inputs' });
  const first: unknown[] = [];
  for (const point of choice.grid()) {
    first.push(point['inputs']);
    if (first.length === 3) break;
  }
  expect(first).toEqual([[0, 1], [0, 2], [0, 3]]);
});

it('describes deep and long values briefly instead of overflowing', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 10_000; i++) deep = [deep];
  expect(pyRepr(deep)).toBe(`${'['.repeat(16)}...${']'.repeat(16)}`);
  const long = pyRepr(Array.from({ length: 1000 }, (_, i) => i));
  expect(long.endsWith(', 99, ...]')).toBe(true);
  expect(pyRepr({ a: [1, 'x'], b: null })).toBe("{'a': [1, 'x'], 'b': None}");
});

class Holder extends Module {
  readonly table: Record<string, unknown>;
  constructor() {
    super();
    this.table = JSON.parse('{"__proto__": 1, "width": 0}') as Record<string, unknown>;
    this.table['width'] = new Categorical([8, 16], { label: 'width' });
  }
  forward(x: never) {
    return x;
  }
}

it('keeps a "__proto__" key of a module field as a key through freeze and clone', () => {
  const holder = new Holder();
  const frozen = holder.freeze({ width: 16 }) as Holder;
  expect(Object.getPrototypeOf(frozen.table)).toBe(Object.prototype);
  expect(Object.hasOwn(frozen.table, '__proto__')).toBe(true);
  expect(frozen.table['width']).toBe(16);
  const cloned = cloneModule(holder);
  expect(Object.hasOwn(cloned.table, '__proto__')).toBe(true);
});
