import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dump } from './dump.js';
import { load } from './load.js';
import { SerializationError } from './serialization-error.js';
import { SymbolRegistry, defaultRegistry } from './symbol-registry.js';
import { trace } from './trace.js';
import { refusal } from './test-support/serialization-errors.js';

const MODULE = 'test/registered';

let constructed = 0;
class Net {
  constructor(readonly width: number) {
    constructed++;
  }
}
const TracedNet = trace(Net, { module: MODULE, name: 'Net' });

class Secret {
  constructor(readonly value: string) {}
}
const isolated = new SymbolRegistry();
const TracedSecret = trace(Secret, { module: MODULE, name: 'Secret', registry: isolated });


describe('load() re-creates only registered symbols', () => {
  it('refuses an unregistered symbol, naming it and saying how to register it', () => {
    const error = refusal(() => load('{"__symbol__":"path:my-models:Evil","__args__":["rm -rf /"]}'));
    expect(error.code).toBe('unregistered-symbol');
    expect(error.received).toBe('path:my-models:Evil');
    expect(error.path).toEqual(['__symbol__']);
    expect(error.message).toContain('"path:my-models:Evil" is not registered');
    expect(error.message).toContain("trace(Evil, { module: 'my-models', name: 'Evil' })");
    expect(error.message).toContain('registry');
  });

  it('refuses an unregistered class or function reference too', () => {
    expect(refusal(() => load('{"__archspace_type__":"path:node:child_process:exec"}')).code).toBe('unregistered-symbol');
    expect(refusal(() => load('{"__archspace_type__":"path:fs:readFileSync"}')).code).toBe('unregistered-symbol');
  });

  it('never loads a pickled ("bytes:") symbol, nor a bare name, as the reference would', () => {
    const pickled = refusal(() => load('{"__symbol__":"bytes:gASVKAAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjAJsc5SFlFKULg=="}'));
    expect(pickled.code).toBe('pickled-payload');
    expect(pickled.message).toMatch(/Pickled payloads from NNI are not supported/);
    expect(refusal(() => load(`{"__symbol__":"${MODULE}.Net"}`)).code).toBe('malformed-tag');
  });

  it('re-creates a registered symbol by calling its constructor once per occurrence', () => {
    constructed = 0;
    const loaded = load(dump([new TracedNet(1), new TracedNet(2)])) as Net[];
    expect(constructed).toBe(4);
    expect(loaded.map((n) => n.width)).toEqual([1, 2]);
    expect(loaded[0]).toBeInstanceOf(Net);
  });

  it('with an explicit registry, refuses everything that registry does not hold', () => {
    const text = dump({ net: new TracedNet(3), secret: new TracedSecret('s') });
    expect(refusal(() => load(text, { registry: new SymbolRegistry() })).code).toBe('unregistered-symbol');
    // Secret was traced into `isolated` only: the default registry does not know it.
    expect(defaultRegistry.has(`path:${MODULE}:Secret`)).toBe(false);
    expect(refusal(() => load(text)).path).toEqual(['secret', '__symbol__']);
    const both = new SymbolRegistry([TracedNet]).add(TracedSecret);
    expect(both.names()).toEqual([`path:${MODULE}:Net`, `path:${MODULE}:Secret`]);
    const loaded = load(text, { registry: both }) as { net: Net; secret: Secret };
    expect(loaded.net).toBeInstanceOf(Net);
    expect(loaded.secret).toBeInstanceOf(Secret);
    expect(isolated.resolve(`path:${MODULE}:Secret`)).toBe(TracedSecret);
  });

  it('a registry takes only traced symbols and refuses to give one name to two symbols', () => {
    expect(refusal(() => new SymbolRegistry([Object])).code).toBe('not-a-class-or-function');
    expect(refusal(() => load('1', { registry: {} as never })).code).toBe('invalid-option');
    expect(refusal(() => trace(class Stray {}, { module: MODULE, name: 'Stray', registry: {} as never })).code).toBe('invalid-option');
    class Impostor {}
    const registry = new SymbolRegistry([TracedNet]);
    // The same symbol twice is fine; a different symbol under a taken name is not.
    registry.add(Net);
    const TracedImpostor = trace(Impostor, { module: MODULE, name: 'Net', registry: new SymbolRegistry() });
    expect(refusal(() => registry.add(TracedImpostor)).code).toBe('duplicate-symbol');
  });
});

describe('the loader never runs code it was not told about', () => {
  it('has no eval, Function constructor, require, dynamic import, vm or child_process in its sources', () => {
    const folder = fileURLToPath(new URL('.', import.meta.url));
    const sources = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources).toContain('load.ts');
    for (const file of sources) {
      const code = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(/);
      expect(code, file).not.toMatch(/\bFunction\s*\(/);
      expect(code, file).not.toMatch(/\brequire\s*\(/);
      expect(code, file).not.toMatch(/\bimport\s*\(/);
      expect(code, file).not.toMatch(/from\s+['"](node:)?(vm|child_process|module)['"]/);
    }
  });
});
