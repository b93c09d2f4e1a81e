import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SymbolRegistry, defaultRegistry } from './symbol-registry.js';
import { refusal } from './test-support/serialization-errors.js';
import { trace } from './trace.js';

const MODULE = 'test/given-registry';

/** Traced into a custom registry only. */
class OnlyCustom {
  constructor(readonly n: number) {}
}
const custom = new SymbolRegistry();
const TracedOnlyCustom = trace(OnlyCustom, { module: MODULE, name: 'OnlyCustom', registry: custom });

/** Traced into the default registry only. */
class OnlyDefault {
  constructor(readonly n: number) {}
}
const TracedOnlyDefault = trace(OnlyDefault, { module: MODULE, name: 'OnlyDefault' });

const CUSTOM_NAME = `path:${MODULE}:OnlyCustom`;
const DEFAULT_NAME = `path:${MODULE}:OnlyDefault`;

describe('load() resolves symbols in exactly one registry', () => {
  it('the two symbols each live in one registry', () => {
    expect(custom.names()).toEqual([CUSTOM_NAME]);
    expect(defaultRegistry.has(CUSTOM_NAME)).toBe(false);
    expect(defaultRegistry.has(DEFAULT_NAME)).toBe(true);
  });

  it('with { registry }: accepts the symbol of that registry and refuses the default registry’s', () => {
    const mine = load(dump(new TracedOnlyCustom(1)), { registry: custom });
    expect(mine).toBeInstanceOf(OnlyCustom);
    expect((mine as OnlyCustom).n).toBe(1);

    const error = refusal(() => load(dump(new TracedOnlyDefault(2)), { registry: custom }));
    expect(error.code).toBe('unregistered-symbol');
    expect(error.received).toBe(DEFAULT_NAME);
    // As a class reference too, not only as an instance.
    expect(refusal(() => load(dump(TracedOnlyDefault), { registry: custom })).code).toBe('unregistered-symbol');
    expect(load(dump(TracedOnlyCustom), { registry: custom })).toBe(TracedOnlyCustom);
  });

  it('without the option: accepts the default registry’s symbol and refuses the custom one', () => {
    const theirs = load(dump(new TracedOnlyDefault(3)));
    expect(theirs).toBeInstanceOf(OnlyDefault);
    expect((theirs as OnlyDefault).n).toBe(3);

    const error = refusal(() => load(dump(new TracedOnlyCustom(4))));
    expect(error.code).toBe('unregistered-symbol');
    expect(error.received).toBe(CUSTOM_NAME);
    expect(refusal(() => load(dump(TracedOnlyCustom))).code).toBe('unregistered-symbol');
    expect(load(dump(TracedOnlyDefault))).toBe(TracedOnlyDefault);
  });

  it('in one payload holding both, each registry refuses exactly the other’s symbol, wherever it sits', () => {
    const text = dump([{ a: new TracedOnlyCustom(5) }, { b: new TracedOnlyDefault(6) }]);
    expect(refusal(() => load(text, { registry: custom })).path).toEqual([1, 'b', '__symbol__']);
    expect(refusal(() => load(text)).path).toEqual([0, 'a', '__symbol__']);
    const both = new SymbolRegistry([TracedOnlyCustom, TracedOnlyDefault]);
    const loaded = load(text, { registry: both }) as [{ a: OnlyCustom }, { b: OnlyDefault }];
    expect(loaded[0].a).toBeInstanceOf(OnlyCustom);
    expect(loaded[1].b).toBeInstanceOf(OnlyDefault);
  });
});
