import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { checkWorkingDirectory } from './working-directory.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-workdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const linux = process.platform === 'linux';

const refusal = (path: string): ConfigError => errorThrownBy(() => checkWorkingDirectory(path), ConfigError);

describe('checkWorkingDirectory', () => {
  it('accepts a folder on disk, existing or not, and makes it absolute', () => {
    expect(checkWorkingDirectory(root)).toBe(root);
    expect(checkWorkingDirectory(join(root, 'not', 'yet', 'there'))).toBe(join(root, 'not', 'yet', 'there'));
    expect(checkWorkingDirectory('relative/dir')).toBe(join(process.cwd(), 'relative/dir'));
  });

  it('leaves a path through a file to mkdir, which fails at once (ENOTDIR)', () => {
    writeFileSync(join(root, 'a-file'), '');
    expect(checkWorkingDirectory(join(root, 'a-file', 'below'))).toBe(join(root, 'a-file', 'below'));
  });

  it.skipIf(!linux)('refuses /proc, /sys and /dev and anything below them, naming the key and what is allowed', () => {
    for (const path of ['/proc', '/proc/x', '/proc/x/y', '/proc/self/fd', '/sys/x/y', '/dev', '/dev/shm/experiments']) {
      const error = refusal(path);
      expect([error.code, error.path]).toEqual(['invalid-working-directory', ['experimentWorkingDirectory']]);
      expect(error.message).toContain(`"${path}"`);
      expect(error.message).toContain('not under /proc, /sys or /dev');
    }
  });

  it.skipIf(!linux)('resolves symbolic links of the part that exists', () => {
    const link = join(root, 'looks-harmless');
    symlinkSync('/proc/self', link);
    const error = refusal(join(link, 'experiments'));
    expect(error.message).toMatch(/is \/proc\/\d+\/experiments, under \/proc/);
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'fine'));
    expect(checkWorkingDirectory(join(root, 'fine', 'x'))).toBe(join(root, 'fine', 'x'));
  });
});

describe('parseExperimentConfig checks experimentWorkingDirectory', () => {
  it.skipIf(!linux)('refuses /proc/x at its key, with the line', () => {
    const text = 'searchSpace: {}\ntrialCommand: x\ntrialConcurrency: 1\ntuner: { name: Random }\nexperimentWorkingDirectory: /proc/x\n';
    const error = errorThrownBy(() => parseExperimentConfig(text, { baseDir: root }), ConfigError);
    expect([error.code, error.path]).toEqual(['invalid-working-directory', ['experimentWorkingDirectory']]);
    expect(error.location?.line).toBe(5);
  });
});
