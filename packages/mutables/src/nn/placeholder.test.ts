import { expect, it } from 'vitest';
import { Placeholder } from './placeholder.js';
import { trace } from './trace.js';

it('records an identity Placeholder node carrying its label and related information', () => {
  const traced = trace(new Placeholder('slot', { kernelSize: [3, 5] }), [[null, 4, 8, 8]]);
  expect(traced.root.nodes).toHaveLength(1);
  expect(traced.root.nodes[0]).toMatchObject({ type: 'Placeholder', parameters: { kernelSize: [3, 5], label: 'slot' } });
  expect(traced.outputShapes).toEqual([[null, 4, 8, 8]]);
});
