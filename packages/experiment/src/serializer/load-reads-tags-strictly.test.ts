/**
 * `load()` reads each tag exactly as `dump()` writes it and refuses every other content with
 * `malformed-tag` at the tag, so that a hand-edited or hostile payload never turns into a value
 * of another type.
 */
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { parseSymbolName } from './symbol-name.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/load-reads-tags-strictly';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
    readonly options: Record<string, unknown> = {},
  ) {}
}
trace(Point, { module: MODULE, name: 'Point', kwargsFromLastArgument: true });
const SYMBOL = `path:${MODULE}:Point`;

describe('numbers JSON cannot write', () => {
  it('reads back each one', () => {
    expect(load('{"__number__":"NaN"}')).toBeNaN();
    expect(load('{"__number__":"Infinity"}')).toBe(Infinity);
    expect(load('{"__number__":"-Infinity"}')).toBe(-Infinity);
    expect(Object.is(load('{"__number__":"-0"}'), -0)).toBe(true);
    expect(load(dump([Infinity, -Infinity]))).toEqual([Infinity, -Infinity]);
  });

  it('refuses any other content, even a number in a string', () => {
    for (const content of ['"12"', '"inf"', '12', 'null']) {
      const error = refusal(() => load(`[{"__number__":${content}}]`));
      expect(error.code).toBe('malformed-tag');
      expect(error.path).toEqual([0, '__number__']);
    }
  });
});

describe('bigints', () => {
  it('refuses content that is not a decimal integer in a string', () => {
    for (const content of ['12', '"12.5"', '"012"', '"1e3"', '"-"', 'null']) {
      const error = refusal(() => load(`{"a":{"__bigint__":${content}}}`));
      expect(error.code).toBe('malformed-tag');
      expect(error.path).toEqual(['a', '__bigint__']);
    }
  });
});

describe('dates', () => {
  it('reads an ISO string, and null as an invalid date', () => {
    expect((load('{"__date__":"2024-01-02T03:04:05.000Z"}') as Date).getTime()).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect((load('{"__date__":null}') as Date).getTime()).toBeNaN();
  });

  it('refuses a number of milliseconds or an unreadable string', () => {
    for (const content of ['0', '"not a date"', 'true', '[]']) {
      const error = refusal(() => load(`{"__date__":${content}}`));
      expect(error.code).toBe('malformed-tag');
      expect(error.path).toEqual(['__date__']);
    }
  });
});

describe('byte arrays', () => {
  it('reads a Uint8Array that owns exactly its bytes, not a view into a shared pool', () => {
    const bytes = load('{"__bytes__":"AQID"}') as Uint8Array;
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(Array.from(bytes)).toEqual([1, 2, 3]);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(3);
  });

  it('reads a Buffer as a Buffer', () => {
    const buffer = load('{"__buffer__":"AQID"}') as Buffer;
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(Array.from(buffer)).toEqual([1, 2, 3]);
  });
});

describe('maps and escaped objects', () => {
  it('points at a map entry that is not a [key, value] pair', () => {
    const error = refusal(() => load('{"__map__":[[1,2],[3]]}'));
    expect(error.code).toBe('malformed-tag');
    expect(error.path).toEqual(['__map__', 1]);
  });

  it('points at a refusal inside a map key or value', () => {
    expect(refusal(() => load('{"__map__":[[{"__number__":"x"},1]]}')).path).toEqual(['__map__', 0, 0, '__number__']);
    expect(refusal(() => load('{"__map__":[[1,2],[3,{"__number__":"x"}]]}')).path).toEqual(['__map__', 1, 1, '__number__']);
  });

  it('refuses __proto__ inside an escaped object, at that key', () => {
    const error = refusal(() => load('{"__object__":{"__proto__":{"polluted":true}}}'));
    expect(error.code).toBe('forbidden-key');
    expect(error.path).toEqual(['__object__', '__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads the keys of an escaped object literally', () => {
    expect(load('{"__object__":{"__set__":[1],"__symbol__":"x"}}')).toEqual({ __set__: [1], __symbol__: 'x' });
  });
});

describe('traced calls', () => {
  it('reads the keys of a traced call in any order', () => {
    const expected = new Point(1, 2, { scale: 3 });
    for (const payload of [
      `{"__args__":[1,2],"__symbol__":"${SYMBOL}","__kwargs__":{"scale":3}}`,
      `{"__kwargs__":{"scale":3},"__args__":[1,2],"__symbol__":"${SYMBOL}"}`,
      `{"__kwargs__":{"scale":3},"__symbol__":"${SYMBOL}","__args__":[1,2]}`,
    ]) {
      const point = load(payload);
      expect(point).toBeInstanceOf(Point);
      expect(point).toEqual(expected);
    }
  });

  it('lists the keys a traced call may have when it has others', () => {
    const error = refusal(() => load(`{"__symbol__":"${SYMBOL}","__args__":[1,2],"extra":1}`));
    expect(error.code).toBe('malformed-tag');
    expect(error.expected).toContain('"__symbol__", "__args__", "__kwargs__"');
    expect(refusal(() => load('{"__args__":[1,2]}')).code).toBe('malformed-tag');
  });

  it('points at arguments that are not an array and keyword arguments that are not an object', () => {
    const args = refusal(() => load(`{"__symbol__":"${SYMBOL}","__args__":{"0":1}}`));
    expect(args.code).toBe('malformed-tag');
    expect(args.path).toEqual(['__args__']);
    const kwargs = refusal(() => load(`{"__symbol__":"${SYMBOL}","__args__":[1,2],"__kwargs__":[3]}`));
    expect(kwargs.code).toBe('malformed-tag');
    expect(kwargs.path).toEqual(['__kwargs__']);
  });
});

describe('symbol names', () => {
  it('refuses a malformed name as malformed-tag, before looking it up', () => {
    for (const name of ['path:Net', 'path::Net', 'path:m:', 'path:m:1x', 'path:m:a.1b', 'path:m:a..b', 'path:has space:Net', 'Net', 'path:m:N-t']) {
      const error = refusal(() => load(JSON.stringify({ __symbol__: name })));
      expect(error.code).toBe('malformed-tag');
      expect(error.path).toEqual(['__symbol__']);
    }
  });

  it('refuses a well-formed name nobody registered as unregistered-symbol, saying how to register it', () => {
    const error = refusal(() => load('{"__symbol__":"path:node:fs:nn.Conv2d"}'));
    expect(error.code).toBe('unregistered-symbol');
    expect(error.message).toContain("trace(nn.Conv2d, { module: 'node:fs', name: 'nn.Conv2d' })");
  });

  it('quotes a name without the path: prefix in its refusal, cut to a readable length', () => {
    expect(refusal(() => load('{"__symbol__":"Net"}')).message).toContain('received "Net"');
    const long = 'N'.repeat(1000);
    const error = refusal(() => load(JSON.stringify({ __symbol__: long })));
    expect(error.message).not.toContain('N'.repeat(300));
    expect(error.message).toContain('N'.repeat(150));
  });

  it('parses a module that itself has colons, splitting at the last one', () => {
    expect(parseSymbolName('path:node:fs:readFile', [])).toEqual({ module: 'node:fs', name: 'readFile' });
    expect(parseSymbolName('path:@scope/pkg:nn.Conv2d', [])).toEqual({ module: '@scope/pkg', name: 'nn.Conv2d' });
  });

  it('refuses a name that is not even a string, also one JSON cannot write', () => {
    for (const name of [undefined, 12, null, ['path:m:N']]) {
      const error = refusal(() => parseSymbolName(name, ['at']));
      expect(error.code).toBe('malformed-tag');
      expect(error.path).toEqual(['at']);
    }
    expect(refusal(() => parseSymbolName(undefined, [])).message).toContain('received undefined');
  });
});

describe("the reference's pickles", () => {
  it('refuses a pickled object, naming its key', () => {
    const error = refusal(() => load('{"a":{"__nni_obj__":5}}'));
    expect(error.code).toBe('pickled-payload');
    expect(error.path).toEqual(['a', '__nni_obj__']);
    expect(error.received).toBeUndefined();
    expect(error.message).toContain('("__nni_obj__")');
    expect(refusal(() => load('{"__nni_obj__":"gASV"}')).received).toBe('gASV');
  });

  it('reads "bytes:" under any other key, and a path name under a reference key, as data', () => {
    expect(load('{"note":"bytes:abc"}')).toEqual({ note: 'bytes:abc' });
    expect(load('{"__nni_type__":"path:m:X"}')).toEqual({ __nni_type__: 'path:m:X' });
    expect(refusal(() => load('{"__nni_type__":"bytes:gASV"}')).code).toBe('pickled-payload');
  });
});

describe('a symbol name that is not a string', () => {
  it('is refused without walking it, however deep it is (the fuzz suite found a 10,000-deep list overflowing the message)', () => {
    for (const depth of [1, 10, 10_000]) {
      const error = refusal(() => load(`{"__symbol__":${'['.repeat(depth)}1${']'.repeat(depth)}}`));
      expect(error.code).toBe('malformed-tag');
      expect(error.message).toMatch(/received a list of 1 item/);
    }
    expect(refusal(() => load('{"__symbol__":{"a":1}}')).message).toMatch(/received an object/);
    expect(refusal(() => load('{"__symbol__":null}')).message).toMatch(/received null/);
    expect(refusal(() => load('{"__symbol__":12}')).message).toMatch(/received 12/);
  });
});
