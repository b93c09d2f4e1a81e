/**
 * The overview's results and the front table, rendered as Preact trees (their components use no
 * hooks, so calling them gives the tree; no DOM is needed): one best for one objective, the front for
 * several, today's best without objectives.
 */
import { type ComponentChild, type VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Overview, ParetoFront } from '../api/api-types.js';
import { OverviewBest } from './overview-best.js';
import { ParetoFrontTable } from './pareto-front-table.js';

/** The tree with every function component called, as host elements and text. */
function expand(node: ComponentChild): ComponentChild {
  if (Array.isArray(node)) return node.map(expand);
  if (node === null || typeof node !== 'object' || !('type' in node)) return node;
  const vnode = node as VNode<{ children?: ComponentChild }>;
  if (typeof vnode.type === 'function') return expand((vnode.type as (props: unknown) => ComponentChild)(vnode.props));
  return { ...vnode, props: { ...vnode.props, children: expand(vnode.props.children) } } as VNode;
}

/** The text of a tree. */
function text(node: ComponentChild): string {
  if (Array.isArray(node)) return node.map(text).join('');
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node !== 'object') return String(node);
  return text((node as VNode<{ children?: ComponentChild }>).props.children);
}

/** The host elements of a tree whose `data-testid` is `id`. */
function byTestId(node: ComponentChild, id: string): VNode<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap((n) => byTestId(n, id));
  if (node === null || typeof node !== 'object') return [];
  const vnode = node as VNode<Record<string, unknown> & { children?: ComponentChild }>;
  return [...(vnode.props['data-testid'] === id ? [vnode] : []), ...byTestId(vnode.props.children, id)];
}

const overview = { optimizeMode: 'maximize', best: { trialJobId: 'zz', sequenceId: 9, metric: 0.5 } } as unknown as Overview;

const front = (objectives: ParetoFront['objectives'], trials: [string, number, number[]][], configured = true): ParetoFront => ({
  objectives,
  constraints: [],
  configured,
  trials: trials.map(([trialJobId, sequenceId, values]) => ({ trialJobId, sequenceId, parameters: {}, values })),
});

const TWO: ParetoFront['objectives'] = [
  { name: 'loss', direction: 'minimize' },
  { name: 'acc', direction: 'maximize' },
];

describe('OverviewBest', () => {
  it('without objectives (or before the front is read) shows the overview’s best metric, as always', () => {
    for (const given of [undefined, front([{ name: 'default', direction: 'maximize' }], [['a', 1, [0.9]]], false)]) {
      const tree = expand(OverviewBest({ overview, front: given }));
      expect(text(tree)).toBe('Best metric (maximize)0.5 — trial #9 (zz)');
      expect(byTestId(tree, 'overview-best-link')[0]!.props['href']).toBe('#/trials/zz');
    }
  });

  it('with one objective shows its best value in its direction and links the trial', () => {
    const tree = expand(OverviewBest({ overview, front: front([{ name: 'loss', direction: 'minimize' }], [['b', 4, [0.2]], ['a', 2, [0.2]]]) }));
    expect(text(tree)).toBe('Best loss (minimize)0.2 — trial #2 (a)');
    expect(text(expand(OverviewBest({ overview, front: front([{ name: 'loss', direction: 'minimize' }], []) })))).toBe('Best loss (minimize)none yet');
  });

  it('with several objectives shows the front’s size and objectives instead of one best', () => {
    const tree = expand(OverviewBest({ overview, front: front(TWO, [['a', 0, [1, 0.5]], ['b', 1, [2, 0.9]]]) }));
    expect(text(byTestId(tree, 'overview-front-size'))).toBe('2 trials by loss ↓, acc ↑');
    expect(byTestId(tree, 'overview-best')).toEqual([]);
  });
});

describe('ParetoFrontTable', () => {
  const three = front(TWO, [['c', 5, [3, 0.95]], ['a', 0, [1, 0.5]], ['b', 1, [2, 0.9]]]);

  it('lists the front best-first with a link and every objective value', () => {
    const tree = expand(ParetoFrontTable({ front: three, testId: 'pareto-table' }));
    const rows = byTestId(tree, 'front-row');
    expect(rows.map((r) => r.props['data-trial-id'])).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => text(r))).toEqual(['0a10.5', '1b20.9', '5c30.95']);
    expect(byTestId(tree, 'pareto-table')[0]!.props['data-front-size']).toBe(3);
    expect(text(byTestId(tree, 'pareto-table')[0]!.props['children'] as ComponentChild)).toContain('loss ↓acc ↑');
  });

  it('cuts after `limit` rows and says how many more', () => {
    const tree = expand(ParetoFrontTable({ front: three, testId: 'overview-front', limit: 2, moreHint: '(all on the Charts page)' }));
    expect(byTestId(tree, 'front-row')).toHaveLength(2);
    expect(text(byTestId(tree, 'overview-front-more'))).toBe('… and 1 more (all on the Charts page)');
  });

  it('says so when no trial is on the front yet', () => {
    expect(text(expand(ParetoFrontTable({ front: front(TWO, []), testId: 't' })))).toMatch(/^No succeeded trial/);
  });
});
