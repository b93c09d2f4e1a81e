/**
 * Positions for an architecture drawing, computed by dagre (compound layout: an expanded cell is a
 * cluster around its nodes). Coordinates are the centres of boxes, as dagre gives them.
 */
import dagre from '@dagrejs/dagre';
import type { ArchCluster, ArchGraph, ArchNode } from './ir-graph.js';

/** A box on the drawing: centre and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node with its box. */
export type PlacedNode = ArchNode & Box;

/** A cluster with the box around its nodes. */
export type PlacedCluster = ArchCluster & Box;

/** An edge with the points of its line. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** A laid-out architecture: everything inside `width` × `height`. */
export interface ArchitectureLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly clusters: readonly PlacedCluster[];
  readonly edges: readonly PlacedEdge[];
}

/** The height of a node box. */
export const NODE_HEIGHT = 40;
const CHAR_WIDTH = 7;

/** The text a node box shows: its name and, below it, its operation type. */
export function nodeCaption(node: ArchNode): { title: string; subtitle: string } {
  if (node.kind === 'input') return { title: 'inputs', subtitle: '' };
  if (node.kind === 'output') return { title: 'outputs', subtitle: '' };
  return { title: node.label === undefined ? node.name : `${node.name} [${node.label}]`, subtitle: shortType(node.type) };
}

/** The last part of a dotted operation type (`__torch__.torch.nn.Conv2d` → `Conv2d`). */
export function shortType(type: string): string {
  const parts = type.split(/[.:]+/).filter((p) => p !== '');
  return parts.length > 0 ? parts[parts.length - 1]! : type;
}

function nodeWidth(node: ArchNode): number {
  const { title, subtitle } = nodeCaption(node);
  return Math.min(260, Math.max(70, Math.max(title.length, subtitle.length) * CHAR_WIDTH + 20));
}

/** Lays out `graph` top to bottom with dagre. */
export function layoutArchitecture(graph: ArchGraph): ArchitectureLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const cluster of graph.clusters) g.setNode(cluster.id, { width: 0, height: 0, paddingTop: 28 });
  for (const node of graph.nodes) g.setNode(node.id, { width: nodeWidth(node), height: node.kind === 'operation' || node.kind === 'cell' ? NODE_HEIGHT : 28 });
  for (const cluster of graph.clusters) if (cluster.parent !== null) g.setParent(cluster.id, cluster.parent);
  for (const node of graph.nodes) if (node.parent !== null) g.setParent(node.id, node.parent);
  graph.edges.forEach((edge, i) => g.setEdge(edge.from, edge.to, {}, String(i)));
  dagre.layout(g);
  const boxOf = (id: string): Box => {
    const label = g.node(id) as { x?: number; y?: number; width: number; height: number };
    return { x: label.x ?? 0, y: label.y ?? 0, width: label.width, height: label.height };
  };
  const size = g.graph() as { width?: number; height?: number };
  return {
    width: size.width ?? 0,
    height: size.height ?? 0,
    nodes: graph.nodes.map((node) => ({ ...node, ...boxOf(node.id) })),
    clusters: graph.clusters.map((cluster) => ({ ...cluster, ...boxOf(cluster.id) })),
    edges: graph.edges.map((edge, i) => {
      const label = g.edge({ v: edge.from, w: edge.to, name: String(i) }) as { points?: { x: number; y: number }[] } | undefined;
      return { ...edge, points: label?.points ?? [] };
    }),
  };
}
