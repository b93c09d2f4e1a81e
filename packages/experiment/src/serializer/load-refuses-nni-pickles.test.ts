import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { refusal } from './test-support/serialization-errors.js';
import { trace } from './trace.js';

const MODULE = 'test/nni-pickles';

class Holder {
  constructor(
    readonly content: unknown,
    readonly options: Record<string, unknown> = {},
  ) {}
}
const TracedHolder = trace(Holder, { module: MODULE, name: 'Holder', kwargsFromLastArgument: true });

/** What NNI's `nni.dump` writes for an object it can only pickle (cloudpickle of `os.system`). */
const PICKLE = 'gASVKAAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjAJsc5SFlFKULg==';

type Segment = string | number;

/**
 * One level of nesting around a value: the JSON it becomes and the path segments `load()` reports
 * on the way down to the value.
 */
const wrapper: fc.Arbitrary<{ wrap: (inner: unknown) => unknown; segments: readonly Segment[] }> = fc.oneof(
  fc.tuple(fc.nat({ max: 2 }), fc.constantFrom<unknown>(1, 'x', null, { a: [true] }, [])).map(([index, filler]) => ({
    wrap: (inner: unknown) => [...Array.from({ length: index }, () => filler), inner, filler],
    segments: [index],
  })),
  fc.constantFrom('a', 'opt', '__comment__', 'constructor').map((key) => ({ wrap: (inner: unknown) => ({ other: 1, [key]: inner }), segments: [key] })),
  fc.constant({ wrap: (inner: unknown) => ({ __map__: [['k', inner]] }), segments: ['__map__', 0, 1] }),
  fc.constant({ wrap: (inner: unknown) => ({ __set__: [1, inner] }), segments: ['__set__', 1] }),
  fc.constant({
    wrap: (inner: unknown) => ({ __symbol__: `path:${MODULE}:Holder`, __args__: [inner] }),
    segments: ['__args__', 0],
  }),
  fc.constant({
    wrap: (inner: unknown) => ({ __symbol__: `path:${MODULE}:Holder`, __args__: [1], __kwargs__: { lr: inner } }),
    segments: ['__kwargs__', 'lr'],
  }),
);

/** The forms of the reference's pickles, with the key `load()` names in the path. */
const pickle = fc.constantFrom(
  { json: { __nni_obj__: PICKLE }, key: '__nni_obj__' },
  { json: { __nni_type__: `bytes:${PICKLE}` }, key: '__nni_type__' },
  { json: { __instance_type__: `bytes:${PICKLE}`, lr: 0.1 }, key: '__instance_type__' },
  { json: { __symbol__: `bytes:${PICKLE}`, __args__: [1] }, key: '__symbol__' },
  { json: { __archspace_type__: `bytes:${PICKLE}` }, key: '__archspace_type__' },
);

describe('load() refuses the pickled payloads of the reference (NNI)', () => {
  it('refuses {"__nni_obj__": "<base64>"} with a message saying it is not supported and what to do', () => {
    const error = refusal(() => load(JSON.stringify({ __nni_obj__: PICKLE })));
    expect(error.code).toBe('pickled-payload');
    expect(error.path).toEqual(['__nni_obj__']);
    expect(error.received).toBe(PICKLE);
    expect(error.message).toContain('Pickled payloads from NNI are not supported');
    expect(error.message).toContain('trace(');
    expect(error.message).toContain('dump()');
  });

  it('refuses every pickled form at any depth, naming its path, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(wrapper, { maxLength: 12 }), pickle, (wrappers, { json, key }) => {
        let document: unknown = json;
        for (const { wrap } of wrappers) document = wrap(document);
        const expectedPath = [...[...wrappers].reverse().flatMap((w) => w.segments), key];
        const error = refusal(() => load(JSON.stringify(document)));
        expect(error.code).toBe('pickled-payload');
        expect(error.path).toEqual(expectedPath);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a pickle 10,000 containers deep (no depth limit lets one through)', () => {
    // Written as text: JSON.stringify itself overflows the stack on such a document.
    const open = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? '{"x":' : '[')).join('');
    const close = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? ']' : '}')).join('');
    const error = refusal(() => load(`${open}{"__nni_obj__":"${PICKLE}"}${close}`, { maxDepth: Infinity }));
    expect(error.code).toBe('pickled-payload');
    expect(error.path).toHaveLength(10_001);
    expect(error.path.at(-1)).toBe('__nni_obj__');
  });

  it('data that merely has those keys round-trips: dump() escapes it, so it never reads as a pickle', () => {
    const data = {
      __nni_obj__: PICKLE,
      nested: [{ __nni_type__: `bytes:${PICKLE}` }, { __instance_type__: 'bytes:', n: 1 }],
      holder: new TracedHolder({ __nni_obj__: 'x' }, { __nni_obj__: 'y' }),
    };
    const text = dump(data);
    expect(JSON.parse(text)).toHaveProperty('__object__');
    const loaded = load(text) as typeof data;
    expect(loaded).toEqual(data);
    expect(dump(loaded)).toBe(text);
  });
});
