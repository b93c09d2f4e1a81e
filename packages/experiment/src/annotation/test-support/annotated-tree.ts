/**
 * A small annotated trial tree (TypeScript, JavaScript, Python, and files without annotations) that
 * the annotation tests precompile, with the search space it declares.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The tree's files by relative path. */
export const ANNOTATED_TREE: Readonly<Record<string, string>> = {
  'trial.ts': [
    '#!/usr/bin/env node',
    "import { scale } from './lib/scale.js';",
    'const relu = (x: number): number => Math.max(0, x);',
    'const gelu = (x: number): number => x / 2;',
    '',
    '/** @archspace.getNextParameter() */',
    '/** @archspace.variable(choice(2, 3, 5, 7), name = convSize) */',
    'const convSize: number = 5;',
    '/** @archspace.variable(quniform(0.1, 0.5, 0.1), name = dropout) */',
    'let dropout = 0.2;',
    'class Net {',
    '  width = 0;',
    '  constructor() {',
    '    /**',
    '     * @archspace.variable(choice(16, 32), name = this.width)',
    '     */',
    '    this.width = 8;',
    '  }',
    '}',
    'const x = -1;',
    '/** @archspace.functionChoice(relu(x), gelu(x)) */',
    'const y = relu(x) + 1;',
    'const accuracy = scale(convSize / 10 + dropout + new Net().width / 100 + y);',
    '/** @archspace.reportIntermediateResult(accuracy / 2) */',
    '/** @archspace.reportFinalResult(accuracy) */',
    'console.log(JSON.stringify({ convSize, dropout, y }));',
    '',
  ].join('\n'),
  'lib/scale.ts': '/** Not annotated: copied byte for byte. */\nexport const scale = (v: number): number => v / 10;\n',
  'models/net.cjs': [
    "'use strict';",
    "/* @archspace.variable(choice('small', 'large', 5 * 6), name = kind) */",
    "var kind = 'small';",
    '// @archspace.variable(randint(1, 4), name = depth)',
    'var depth = 2;',
    'module.exports = { kind, depth };',
    'if (require.main === module) console.log(JSON.stringify({ kind, depth }));',
    '',
  ].join('\n'),
  'train.py': [
    '"""A Python trial."""',
    'import json',
    'import math',
    '',
    'def act(x):',
    '    return max(0.0, x)',
    '',
    '"""@nni.variable(nni.choice(50, 250, 500), name=batch_size)"""',
    'batch_size = 128',
    '"""@nni.variable(nni.loguniform(0.0001, 0.1), name=lr)"""',
    'lr = (0.01 +',
    '      0.0)',
    '"""@nni.function_choice(act(lr), math.tanh(lr), name=f)"""',
    'y = act(lr)',
    'accuracy = batch_size / 1000 + y',
    '"""@nni.report_intermediate_result(accuracy)"""',
    '"""@nni.report_final_result(accuracy)"""',
    'print(json.dumps({"batch_size": batch_size, "lr": lr}))',
    '',
  ].join('\n'),
  'data/readme.txt': 'Mentions @archspace.variable and @nni.variable, but is no code.\n',
  'helpers.py': 'def helper():\n    return "@nni. in a string of a file without annotations"\n',
};

/** The search space {@link ANNOTATED_TREE} declares, in key order. */
export const ANNOTATED_TREE_SPACE = {
  'models.net/kind/choice': { _type: 'choice', _value: ['small', 'large', '5 * 6'] },
  'models.net/depth/randint': { _type: 'randint', _value: [1, 4] },
  'train/batch_size/choice': { _type: 'choice', _value: [50, 250, 500] },
  'train/lr/loguniform': { _type: 'loguniform', _value: [0.0001, 0.1] },
  'train/f/function_choice': { _type: 'choice', _value: ['act(lr)', 'math.tanh(lr)'] },
  'trial/convSize/choice': { _type: 'choice', _value: [2, 3, 5, 7] },
  'trial/dropout/quniform': { _type: 'quniform', _value: [0.1, 0.5, 0.1] },
  'trial/this.width/choice': { _type: 'choice', _value: [16, 32] },
  'trial/__line21/functionChoice': { _type: 'choice', _value: ['relu(x)', 'gelu(x)'] },
} as const;

/** Writes `files` (relative path → text) under `root`. */
export function writeTree(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
