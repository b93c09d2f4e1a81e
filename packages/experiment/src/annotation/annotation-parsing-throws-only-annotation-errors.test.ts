/**
 * Fuzz: whatever follows `@archspace.` or `@nni.` in a comment or string statement, and whatever
 * statement comes next, the precompiler either succeeds or throws an AnnotationError; nothing else.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateTree } from './annotate-tree.js';
import { AnnotationError } from './annotation-error.js';
import { TYPESCRIPT_DIALECT } from './annotation-syntax.js';
import { planAnnotations } from './plan-annotations.js';
import { writeTree } from './test-support/annotated-tree.js';
import { scanTypeScript } from './typescript-annotations.js';

const pieces = ['variable(', 'functionChoice(', 'function_choice(', 'reportFinalResult(', 'report_final_result(', 'getNextParameter()', 'choice(', 'nni.choice(', 'uniform(', 'randint(', 'name', ' = ', '=', 'a', 'this.a', 'f(x)', ', ', ')', '(', '1', '-2.5', "'s'", '[1, 2]', '{ a: 1 }', '__proto__', '*', '\n'];
const annotationText = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));
const statement = fc.constantFrom('const a = 1;', 'a = f(x);', 'this.a = 2;', 'f(x);', '', '}', 'let [a] = [1];');

function onlyAnnotationErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AnnotationError)) throw error;
    expect(error.message).toMatch(/^\S+:\d+:\d+: /);
  }
}

describe('annotation parsing', () => {
  it('throws only AnnotationErrors for any TypeScript annotation text', () => {
    fc.assert(
      fc.property(annotationText, statement, (text, next) => {
        const source = `function g() {\n/** @archspace.${text.replaceAll('*/', '')} */\n${next}\n}\n`;
        onlyAnnotationErrors(() => planAnnotations(scanTypeScript('t.ts', source).annotations, TYPESCRIPT_DIALECT, 't'));
      }),
      { numRuns: 300 },
    );
  });

  it('throws only AnnotationErrors for any Python annotation text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(annotationText, statement), { minLength: 1, maxLength: 8 }), (annotations) => {
        const root = mkdtempSync(join(tmpdir(), 'archspace-annotation-fuzz-'));
        // Many files in one tree: one Python process scans them all.
        const files = Object.fromEntries(annotations.map(([text, next], i) => [`f${i}.py`, `${JSON.stringify(`@nni.${text}`)}\n${next.replace(/[;{}]/g, '')}\n`]));
        writeTree(join(root, 'code'), files);
        onlyAnnotationErrors(() => annotateTree(join(root, 'code'), join(root, 'out')));
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
