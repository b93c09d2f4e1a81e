/**
 * A NAS trial's architecture drawn as SVG: operations as boxes, data flow as arrows, expanded cells
 * as labelled frames around their nodes. Layout by dagre (`graph/graph-layout.ts`).
 */
import { useMemo, useState } from 'preact/hooks';
import { layoutArchitecture, nodeCaption, type PlacedNode } from '../graph/graph-layout.js';
import { irToGraph } from '../graph/ir-graph.js';

/** `text` cut to fit `width` pixels of 11px type. */
const fitText = (text: string, width: number) => {
  const chars = Math.max(4, Math.floor(width / 6.2));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
};

const pathOf = (points: readonly { x: number; y: number }[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

function NodeBox({ node, onPick }: { node: PlacedNode; onPick: (node: PlacedNode) => void }) {
  const { title, subtitle } = nodeCaption(node);
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  return (
    <g class={`arch-node arch-${node.kind}`} data-testid="arch-node" data-node-name={node.name} onClick={() => onPick(node)}>
      <title>{`${node.name}: ${node.type}\n${JSON.stringify(node.parameters, null, 1) ?? ''}${node.note === undefined ? '' : `\n${node.note}`}`}</title>
      <rect x={left} y={top} width={node.width} height={node.height} rx={node.kind === 'operation' || node.kind === 'cell' ? 4 : node.height / 2} />
      <text x={node.x} y={subtitle === '' ? node.y + 4 : node.y - 3} text-anchor="middle">
        {title}
      </text>
      {subtitle !== '' && (
        <text x={node.x} y={node.y + 12} text-anchor="middle" class="arch-type">
          {subtitle}
        </text>
      )}
    </g>
  );
}

/** Draws the IR JSON `ir`; says so when it holds no graph. */
export function ArchitectureGraph({ ir }: { readonly ir: unknown }) {
  const layout = useMemo(() => {
    const graph = irToGraph(ir);
    return graph === undefined ? undefined : layoutArchitecture(graph);
  }, [ir]);
  const [picked, setPicked] = useState<PlacedNode | null>(null);
  if (layout === undefined) return <p data-testid="architecture-graph-empty">The model holds no graph to draw.</p>;
  return (
    <div class="arch" data-testid="architecture-graph" data-node-count={layout.nodes.length} data-cluster-count={layout.clusters.length}>
      <div class="arch-scroll">
        <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label="architecture graph">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          {layout.clusters.map((c) => (
            <g class="arch-cluster" key={c.id} data-testid="arch-cluster" data-cell-name={c.cellName}>
              <rect x={c.x - c.width / 2} y={c.y - c.height / 2} width={c.width} height={c.height} rx={6} />
              <text x={c.x - c.width / 2 + 8} y={c.y - c.height / 2 + 16}>
                {fitText(c.name === c.cellName ? `cell ${c.name}` : `${c.name} (cell ${c.cellName})`, c.width - 12)}
              </text>
            </g>
          ))}
          {layout.edges.map((e, i) => (
            <path key={i} class="arch-edge" d={pathOf(e.points)} marker-end="url(#arrow)" />
          ))}
          {layout.nodes.map((n) => (
            <NodeBox key={n.id} node={n} onPick={setPicked} />
          ))}
        </svg>
      </div>
      {picked !== null && (
        <div class="arch-detail" data-testid="arch-node-detail">
          <strong>{picked.name}</strong> <code>{picked.type}</code>
          {picked.label !== undefined && <> · label {picked.label}</>}
          {picked.note !== undefined && <p>{picked.note}</p>}
          <pre>{JSON.stringify(picked.parameters, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
