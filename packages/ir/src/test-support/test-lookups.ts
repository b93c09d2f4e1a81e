/**
 * Small helpers the ir tests share: the error a call throws (checked to be of the expected class),
 * a node looked up by name (which must exist) and a small chain model. Test-only.
 */
import { expect } from 'vitest';
import { Model } from '../model.js';
import type { Node } from '../node.js';
import { Operation } from '../operation.js';

/** The error `fn` throws, after checking it is a `kind`; fails the test when `fn` returns. */
export function thrownBy<E extends Error>(kind: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error(`expected ${kind.name} to be thrown`);
}

/** The node of `model` named `name` (in any graph); fails the test when there is none. */
export function nodeNamed(model: Model, name: string): Node {
  const found = model.getNodeByName(name);
  if (found === undefined) throw new Error(`no node ${name}`);
  return found;
}

/** `x -> a -> b -> y` in the root graph and an empty graph `c`; with `cellNode`, also a node `cell` whose operation is the cell `c`. */
export function chainModel({ cellNode = false }: { readonly cellNode?: boolean } = {}): Model {
  return Model.create({ inputs: ['x'], outputs: ['y'] })
    .addGraph('c')
    .edit((e) => {
      const a = e.addNode('_model', 'a', Operation.new('A'));
      const b = e.addNode('_model', 'b', Operation.new('B'));
      if (cellNode) e.addNode('_model', 'cell', Operation.cell('c'));
      e.addEdge([e.inputNode('_model'), 0], [a, null]);
      e.addEdge([a, null], [b, null]);
      e.addEdge([b, null], [e.outputNode('_model'), 0]);
    });
}
