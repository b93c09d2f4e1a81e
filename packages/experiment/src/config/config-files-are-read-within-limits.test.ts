import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadExperimentConfig, parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;

/** Writes `text` to a new file under `root` and returns its path. */
function file(text: string, name = `file-${files++}.yml`): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

const configNaming = (space: string) => `searchSpaceFile: ${space}\ntrialCommand: python3 train.py\ntrialConcurrency: 1\ntuner: { name: Random }\n`;

const configErrorOf = (run: () => unknown): ConfigError => errorThrownBy(run, ConfigError);

const linux = process.platform === 'linux';

describe('a config file larger than limits.maxBytes is refused without being read', () => {
  it('names the file, its size and the limit to raise (a 50 MB sparse file)', () => {
    const big = file('');
    truncateSync(big, 50 * 1024 * 1024);
    const error = configErrorOf(() => loadExperimentConfig(big));
    expect(error.code).toBe('config-too-large');
    expect(error.message).toContain(big);
    expect(error.message).toContain(`${50 * 1024 * 1024} bytes`);
    expect(error.message).toContain('limits.maxBytes');
  });

  it('takes a larger limit when given one', () => {
    const space = file('lr: { _type: uniform, _value: [0, 1] }\n', 'space.yml');
    const config = file(configNaming(space) + `# ${'x'.repeat(2000)}\n`);
    expect(configErrorOf(() => loadExperimentConfig(config, { limits: { maxBytes: 1000 } })).code).toBe('config-too-large');
    expect(loadExperimentConfig(config, { limits: { maxBytes: 4000 } }).searchSpace).toEqual({ lr: { _type: 'uniform', _value: [0, 1] } });
  });

  it('holds the search-space file to the same limit, at the key that names it', () => {
    const space = file(`lr: { _type: uniform, _value: [0, 1] }\n# ${'x'.repeat(5000)}\n`);
    const error = configErrorOf(() => loadExperimentConfig(file(configNaming(space)), { limits: { maxBytes: 1000 } }));
    expect([error.code, error.path]).toEqual(['config-too-large', ['searchSpaceFile']]);
    expect(error.message).toContain(space);
    expect(error.location?.line).toBe(1);
  });

  it.skipIf(!linux)('stops reading a file that reports size 0 but holds more (/proc)', () => {
    const error = configErrorOf(() => loadExperimentConfig(file(configNaming('/proc/self/maps')), { limits: { maxBytes: 200 } }));
    expect([error.code, error.path]).toEqual(['config-too-large', ['searchSpaceFile']]);
    expect(error.message).toContain('more than 200 bytes');
  });

  it('holds config text to the limit too, counting bytes, not characters', () => {
    const text = `# ${'é'.repeat(600)}\n{}`;
    const error = configErrorOf(() => parseExperimentConfig(text, { limits: { maxBytes: 1000 } }));
    expect(error.code).toBe('config-too-large');
    expect(error.message).toContain('the config holds 1205 bytes');
  });

  it('refuses invalid limits', () => {
    const error = configErrorOf(() => loadExperimentConfig(file('{}'), { limits: { maxDepth: 0 } }));
    expect([error.code, error.path]).toEqual(['invalid-value', ['limits', 'maxDepth']]);
  });
});

describe('only regular files are read', () => {
  it.skipIf(!existsSync('/dev/zero'))('refuses a device such as /dev/zero, which never ends', () => {
    const error = configErrorOf(() => loadExperimentConfig(file(configNaming('/dev/zero'))));
    expect([error.code, error.path]).toEqual(['not-a-regular-file', ['searchSpaceFile']]);
    expect(error.message).toContain('"/dev/zero" is a device');
    expect(configErrorOf(() => loadExperimentConfig('/dev/zero')).code).toBe('not-a-regular-file');
  });

  it.skipIf(!linux)('refuses a FIFO, whose reader would wait for a writer forever', () => {
    const fifo = join(root, 'space.fifo');
    execFileSync('mkfifo', [fifo]);
    const error = configErrorOf(() => loadExperimentConfig(file(configNaming(fifo))));
    expect([error.code, error.path]).toEqual(['not-a-regular-file', ['searchSpaceFile']]);
    expect(error.message).toContain('FIFO');
    expect(configErrorOf(() => loadExperimentConfig(fifo)).code).toBe('not-a-regular-file');
  });

  it('refuses a folder', () => {
    const error = configErrorOf(() => loadExperimentConfig(root));
    expect(error.code).toBe('not-a-regular-file');
    expect(error.message).toContain('is a folder');
  });
});
