/**
 * The precompiler on a tree of annotated TypeScript, JavaScript and Python files: the exact search
 * space, files without annotations copied byte for byte, every line kept in place, and rewritten
 * files that type-check and run, standalone (seeded draws inside the space) and with parameters.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { annotateTree, SEARCH_SPACE_FILE } from './annotate-tree.js';
import { ANNOTATED_TREE, ANNOTATED_TREE_SPACE, writeTree } from './test-support/annotated-tree.js';
import { runFile } from './test-support/run-file.js';

let out: string;
let result: ReturnType<typeof annotateTree>;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'archspace-annotate-'));
  writeTree(join(root, 'code'), ANNOTATED_TREE);
  out = join(root, 'out');
  result = annotateTree(join(root, 'code'), out);
});

const lines = (text: string) => text.replace(/\n\/\/# sourceMappingURL=.*\n$/, '\n').split('\n').length;

function parametersFile(parameters: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'archspace-parameters-')), 'parameters.json');
  writeFileSync(file, JSON.stringify({ parameter_id: 0, parameter_source: 'algorithm', parameters, parameter_index: 0 }));
  return file;
}

describe('annotateTree', () => {
  it('declares exactly the annotated search space, in file order, and writes it to search_space.json', () => {
    expect(result.searchSpace).toEqual(ANNOTATED_TREE_SPACE);
    expect(Object.keys(result.searchSpace)).toEqual(Object.keys(ANNOTATED_TREE_SPACE));
    expect(JSON.parse(readFileSync(join(out, SEARCH_SPACE_FILE), 'utf8'))).toEqual(ANNOTATED_TREE_SPACE);
    expect(result.annotatedFiles).toEqual(['models/net.cjs', 'train.py', 'trial.ts']);
    expect(result.copiedFiles).toBe(3);
  });

  it('copies files without annotations byte for byte and keeps every line of the rewritten ones in place', () => {
    for (const file of ['lib/scale.ts', 'data/readme.txt', 'helpers.py']) expect(readFileSync(join(out, file), 'utf8')).toBe(ANNOTATED_TREE[file]);
    for (const file of result.annotatedFiles) {
      const rewritten = readFileSync(join(out, file), 'utf8');
      expect(rewritten).not.toBe(ANNOTATED_TREE[file]);
      expect(lines(rewritten)).toBe(lines(ANNOTATED_TREE[file]!));
    }
  });

  it('writes TypeScript that type-checks under strict settings', () => {
    const program = ts.createProgram([join(out, 'trial.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [join(process.cwd(), 'node_modules/@types')],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(diagnostics).toEqual([]);
  });

  it('runs standalone: each value a seeded draw inside the space, results printed', () => {
    const inside = (key: keyof typeof ANNOTATED_TREE_SPACE, value: unknown) => fromSearchSpaceJson({ [key]: ANNOTATED_TREE_SPACE[key] }).contains({ [key]: value });
    const trial = runFile(out, 'trial.ts');
    expect(trial.stderr).toBe('');
    expect(trial.stdout).toMatch(/final result: /);
    const values = JSON.parse(trial.stdout.trim().split('\n').at(-1)!) as { convSize: number; dropout: number; y: number };
    expect([2, 3, 5, 7]).toContain(values.convSize);
    expect(inside('trial/dropout/quniform', values.dropout)).toBe(true);
    expect(runFile(out, 'trial.ts').stdout).toBe(trial.stdout);

    const net = JSON.parse(runFile(out, 'models/net.cjs').stdout) as { kind: unknown; depth: number };
    expect(['small', 'large', 30]).toContain(net.kind);
    expect([1, 2, 3]).toContain(net.depth);

    const python = runFile(out, 'train.py');
    expect(python.stderr).toBe('');
    const drawn = JSON.parse(python.stdout.trim().split('\n').at(-1)!) as { batch_size: number; lr: number };
    expect([50, 250, 500]).toContain(drawn.batch_size);
    expect(inside('train/lr/loguniform', drawn.lr)).toBe(true);
    expect(python.stdout).toMatch(/\[archspace\] final result: /);
    expect(runFile(out, 'train.py', { ARCHSPACE_ANNOTATION_SEED: '0' }).stdout).toBe(python.stdout);
  });

  it('takes its values from the parameters when they are given', () => {
    const file = parametersFile({ 'trial/convSize/choice': 7, 'trial/dropout/quniform': 0.4, 'trial/this.width/choice': 32, 'trial/__line21/functionChoice': 'gelu(x)' });
    const trial = runFile(out, 'trial.ts', { ARCHSPACE_PARAMETERS_FILE: file });
    expect(JSON.parse(trial.stdout.trim().split('\n').at(-1)!)).toEqual({ convSize: 7, dropout: 0.4, y: 0.5 });
    const net = runFile(out, 'models/net.cjs', { ARCHSPACE_PARAMETERS_FILE: parametersFile({ 'models.net/kind/choice': '5 * 6', 'models.net/depth/randint': 3 }) });
    expect(JSON.parse(net.stdout)).toEqual({ kind: 30, depth: 3 });
  });
});
