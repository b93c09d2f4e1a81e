/**
 * Property: for random annotated programs (JavaScript and Python), the generated space's
 * `simplify()` keys are exactly the annotations' keys, in order, and a standalone run of the
 * rewritten program, with any seed, produces only values inside the space.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { annotateTree } from './annotate-tree.js';
import { writeTree } from './test-support/annotated-tree.js';
import { runFile } from './test-support/run-file.js';

interface Annotated {
  readonly name: string;
  readonly distribution: string;
  readonly args: readonly (number | string)[];
}

const small = fc.integer({ min: -50, max: 50 });
const positive = fc.integer({ min: 1, max: 40 }).map((n) => n / 4);

/** A distribution and arguments that make a valid search-space spec. */
const distribution: fc.Arbitrary<Pick<Annotated, 'distribution' | 'args'>> = fc.oneof(
  fc.uniqueArray(fc.oneof(small, fc.stringMatching(/^[a-z]{1,5}$/)), { minLength: 1, maxLength: 4 }).map((args) => ({ distribution: 'choice', args })),
  fc.tuple(small, fc.integer({ min: 1, max: 9 })).map(([low, width]) => ({ distribution: 'randint', args: [low, low + width] })),
  fc.tuple(small, positive, positive).chain(([low, width, q]) =>
    fc.constantFrom({ distribution: 'uniform', args: [low, low + width] }, { distribution: 'quniform', args: [low, low + width, q] }),
  ),
  fc.tuple(positive, positive, positive).chain(([low, width, q]) =>
    fc.constantFrom({ distribution: 'loguniform', args: [low, low + width] }, { distribution: 'qloguniform', args: [low, low + width, q] }),
  ),
  fc.tuple(fc.integer({ min: -12, max: 12 }).map((n) => n / 4), fc.integer({ min: 1, max: 8 }).map((n) => n / 4), positive).chain(([mu, sigma, q]) =>
    fc.constantFrom(
      { distribution: 'normal', args: [mu, sigma] },
      { distribution: 'qnormal', args: [mu, sigma, q] },
      { distribution: 'lognormal', args: [mu, sigma] },
      { distribution: 'qlognormal', args: [mu, sigma, q] },
    ),
  ),
);

const names = fc.oneof(fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'), fc.stringMatching(/^[a-z0-9_]{0,8}$/).map((s) => `p_${s}`));

const programs = fc.uniqueArray(fc.tuple(names, distribution), { minLength: 1, maxLength: 6, selector: ([name]) => name }).map((list) => list.map(([name, d]): Annotated => ({ name, ...d })));

const literal = (arg: number | string) => (typeof arg === 'string' ? JSON.stringify(arg) : String(arg));

function javascript(annotated: readonly Annotated[]): string {
  const body = annotated.flatMap((a) => [`/** @archspace.variable(${a.distribution}(${a.args.map(literal).join(', ')}), name = ${a.name}) */`, `var ${a.name} = 0;`, `values[${JSON.stringify(a.name)}] = ${a.name};`]);
  return ['const values = Object.create(null);', ...body, 'console.log(JSON.stringify(values));', ''].join('\n');
}

function python(annotated: readonly Annotated[]): string {
  const body = annotated.flatMap((a) => [`"""@nni.variable(nni.${a.distribution}(${a.args.map(literal).join(', ')}), name=${a.name})"""`, `${a.name} = 0`, `values[${JSON.stringify(a.name)}] = ${a.name}`]);
  return ['import json', 'values = {}', ...body, 'print(json.dumps(values))', ''].join('\n');
}

function check(language: 'js' | 'py', annotated: readonly Annotated[], seed: number): void {
  const root = mkdtempSync(join(tmpdir(), 'archspace-annotation-property-'));
  const file = language === 'js' ? 'prog.cjs' : 'prog.py';
  writeTree(join(root, 'code'), { [file]: language === 'js' ? javascript(annotated) : python(annotated) });
  const { searchSpace } = annotateTree(join(root, 'code'), join(root, 'out'));
  const space = fromSearchSpaceJson(searchSpace);
  const keys = annotated.map((a) => `prog/${a.name}/${a.distribution}`);
  expect(Object.keys(space.simplify())).toEqual(keys);
  const run = runFile(join(root, 'out'), file, { ARCHSPACE_ANNOTATION_SEED: String(seed) });
  expect(run.stderr).toBe('');
  const values = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  const sample = Object.create(null) as Record<string, unknown>;
  for (const a of annotated) sample[`prog/${a.name}/${a.distribution}`] = values[a.name];
  expect(space.checkContains(sample)).toBeUndefined();
  expect(JSON.parse(readFileSync(join(root, 'out', 'search_space.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(searchSpace)));
}

describe('annotated programs', () => {
  for (const language of ['js', 'py'] as const) {
    it(`(${language}) declare exactly their annotations' keys, and a standalone run stays inside the space`, () => {
      fc.assert(
        fc.property(programs, fc.nat(), (annotated, seed) => check(language, annotated, seed)),
        { numRuns: 15 },
      );
    }, 300_000);
  }
});
