import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintModel } from './lint.js';
import type { Model } from './model.js';
import type { Node } from './node.js';
import { commandArbitrary, modelArbitrary, runCommand } from './test-support/model-arbitrary.js';

/** Whether `to` can be reached from `from` by following edges. */
function reaches(from: Node, to: Node): boolean {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.id === to.id) return true;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    stack.push(...n.successors);
  }
  return false;
}

function checkTopologicalOrder(model: Model): void {
  for (const graph of model.graphs) {
    const order = graph.topologicalOrder();
    expect(order).toHaveLength(graph.nodeCount);
    const position = new Map(order.map((n, i) => [n.id, i]));
    for (const edge of graph.edges) expect(position.get(edge.head.id)!).toBeLessThan(position.get(edge.tail.id)!);
  }
}

describe('lint passes after any sequence of valid mutations', () => {
  it('random models are valid', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        lintModel(model);
        checkTopologicalOrder(model);
      }),
      { numRuns: 200 },
    );
  });

  it('every accepted mutation keeps every invariant; refusals are InvalidMutation and change nothing', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.array(commandArbitrary, { minLength: 1, maxLength: 15 }), (start, commands) => {
        let model = start;
        for (const command of commands) {
          const result = runCommand(model, command);
          if (result.refused !== undefined || result.skipped === true) {
            expect(result.model).toBe(model);
          }
          result.model.lint();
          checkTopologicalOrder(result.model);
          model = result.model;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an edge is refused as a cycle exactly when its tail already reaches its head, and the error names the cycle', () => {
    fc.assert(
      fc.property(modelArbitrary, fc.nat(), fc.nat(), (model, i, j) => {
        const nodes = model.rootGraph.hiddenNodes;
        if (nodes.length === 0) return;
        const head = nodes[i % nodes.length]!;
        const tail = nodes[j % nodes.length]!;
        const closes = reaches(tail, head);
        try {
          model.addEdge([head, null], [tail, -1]).lint();
          expect(closes).toBe(false);
        } catch (error) {
          const e = error as { code: string; received: unknown; message: string };
          if (e.code !== 'cycle') {
            // Refused for another reason (the tail takes a single input): not a cycle question.
            expect(['ambiguous-input']).toContain(e.code);
            return;
          }
          expect(closes).toBe(true);
          const cycle = e.received as string[];
          expect(cycle[0]).toBe(head.name);
          if (head.id !== tail.id) expect(cycle[1]).toBe(tail.name);
          // Consecutive names on the reported cycle are joined by edges, and the last leads back to the head.
          const byName = (name: string) => model.rootGraph.getNodeByName(name)!;
          for (let k = 1; k < cycle.length; k++) {
            const from = byName(cycle[k]!);
            const to = byName(cycle[(k + 1) % cycle.length]!);
            expect(from.successors.some((s) => s.id === to.id)).toBe(true);
          }
          for (const name of cycle) expect(e.message).toContain(`"${name}"`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
