import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';

const root = mkdtempSync(join(tmpdir(), 'archspace-echo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header = 'trialCommand: python3 train.py\ntrialConcurrency: 1\ntuner: { name: Random }\n';
const secret = 'root:x:0:0:root:/root:/bin/bash\nalice:$6$saltsalt$hashhashhash:1000:1000::/home/alice:/bin/sh\n';

const configErrorOf = (input: unknown): ConfigError => errorThrownBy(() => parseExperimentConfig(input, { baseDir: root }), ConfigError);

/** The error for a config whose searchSpaceFile holds `content`. */
function searchSpaceFileError(content: string, name: string): ConfigError {
  writeFileSync(join(root, name), content);
  return configErrorOf(`${header}searchSpaceFile: ${name}\n`);
}

describe('a search-space file that is not a mapping is described, never quoted', () => {
  it('a passwd-like file (one long YAML string): names the file and its length', () => {
    const error = searchSpaceFileError(secret, 'passwd');
    expect([error.code, error.path]).toEqual(['invalid-search-space', ['searchSpaceFile']]);
    expect(error.message).toContain(`"${join(root, 'passwd')}" holds a string of ${secret.trim().replace('\n', ' ').length} characters`);
    expect(error.message).not.toContain('root:x');
    expect(JSON.stringify(error.received)).not.toContain('root:x');
    expect(error.location?.line).toBe(4);
  });

  it.skipIf(!existsSync('/etc/passwd'))('/etc/passwd itself', () => {
    const error = configErrorOf(`${header}searchSpaceFile: /etc/passwd\n`);
    expect(error.code).toBe('invalid-search-space');
    expect(error.message).toMatch(/"\/etc\/passwd" holds (a string of \d+ characters|a list|nothing|a number)/);
    expect(error.message).not.toContain('root:');
  });

  it('a list, a number, an empty file', () => {
    expect(searchSpaceFileError('- alpha\n- beta\n- gamma\n', 'list.yml').message).toContain('holds a list of 3 items');
    expect(searchSpaceFileError('12345\n', 'number.yml').message).toContain('holds a number');
    expect(searchSpaceFileError('', 'empty.yml').message).toContain('holds nothing');
  });
});

describe('error messages shorten the long values they quote', () => {
  it('a long string value: the message shows its start and its length, the field keeps it whole', () => {
    const long = 'x'.repeat(100_000);
    const error = configErrorOf({ searchSpace: { a: { _type: 'choice', _value: [1] } }, trialCommand: 'x', trialConcurrency: 1, tuner: { name: 'Random' }, logLevel: long });
    expect(error.path).toEqual(['logLevel']);
    expect(error.message).toContain('(100000 characters)');
    expect(error.message.length).toBeLessThan(400);
    expect(error.received).toBe(long);
  });

  it('a long unknown key', () => {
    const key = 'k'.repeat(500_000);
    const error = configErrorOf({ trialCommand: 'x', trialConcurrency: 1, tuner: { name: 'Random' }, searchSpace: { a: { _type: 'choice', _value: [1] } }, [key]: 1 });
    expect(error.code).toBe('unknown-key');
    expect(error.path).toEqual([key]);
    expect(error.message.length).toBeLessThan(1200);
  });

  it('a long value inside the search space', () => {
    const error = configErrorOf(`${header}searchSpace: { a: { _type: choice, _value: "${'y'.repeat(10_000)}" } }\n`);
    expect(error.message).toContain('(10000 characters)');
    expect(error.message.length).toBeLessThan(600);
  });
});
