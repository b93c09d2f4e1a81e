/**
 * A depth-first walk of a tree without recursion (internal). The encoder and the decoder walk values
 * and documents with it, so nesting costs heap, never stack: a 100,000-deep value cannot overflow
 * the stack, whatever `maxDepth` allows.
 */

/** A key on the way from the root to a node: an object key or an array index. */
export type PathSegment = string | number;

/** One child of a container: the node, its depth, and the path segments from the container to it. */
export interface TreeChild<N> {
  readonly node: N;
  readonly depth: number;
  readonly at: readonly PathSegment[];
}

/**
 * What a visitor returns for a node with children: the children, walked one after another (each
 * read only when its turn comes), and how to build the node's result from theirs. Arrays and objects
 * have their own fast forms; anything else is a sequence of {@link TreeChild}ren.
 */
export class TreeContainer<N, R> {
  // The walk's progress through this container (one container is walked once).
  /** @internal */ readonly results: R[];
  /** @internal */ resultCount = 0;
  /** @internal */ pathLength = 0;
  /** @internal */ next = 0;

  private constructor(
    readonly build: (results: R[]) => R,
    readonly items: readonly N[] | undefined,
    readonly object: Readonly<Record<string, N>> | undefined,
    readonly keys: readonly string[] | undefined,
    readonly childDepth: number,
    readonly prefix: PathSegment | undefined,
    readonly sequence: Iterator<TreeChild<N>> | undefined,
  ) {
    // Sized up front when the number of children is known: deep, narrow trees then take less memory.
    const size = items?.length ?? keys?.length;
    this.results = size === undefined ? [] : new Array<R>(size);
  }

  /** Children: the items of an array at `depth`, each under its index — after `prefix` if given (`["__set__", 0]`). */
  static ofItems<N, R>(items: readonly N[], depth: number, build: (results: R[]) => R, prefix?: PathSegment): TreeContainer<N, R> {
    return new TreeContainer(build, items, undefined, undefined, depth, prefix, undefined);
  }

  /** Children: the values of an object's `keys` at `depth`, each under its key — after `prefix` if given. */
  static ofEntries<N, R>(
    object: Readonly<Record<string, N>>,
    keys: readonly string[],
    depth: number,
    build: (results: R[]) => R,
    prefix?: PathSegment,
  ): TreeContainer<N, R> {
    return new TreeContainer(build, undefined, object, keys, depth, prefix, undefined);
  }

  /** Children: whatever `children` yields, each with its own depth and path segments. */
  static ofSequence<N, R>(children: Iterator<TreeChild<N>>, build: (results: R[]) => R): TreeContainer<N, R> {
    return new TreeContainer(build, undefined, undefined, undefined, 0, undefined, children);
  }
}

/** Turns a node at `depth` (the root has depth 1) into its result, or into a {@link TreeContainer}. */
export type TreeVisitor<N, R> = (node: N, depth: number) => R | TreeContainer<N, R>;

/**
 * The result of `root`: visits every node in depth-first order, children in the order their
 * container gives them, and builds each container once all its children are done.
 *
 * `path` is an array the walk keeps equal to the path of the node being visited, or of the container
 * whose next child is read or which is being built — so an error thrown from `visit`, a sequence of
 * children or `build` can copy it. Callers pass an empty array and must not change it.
 */
export function walkTree<N, R>(root: N, visit: TreeVisitor<N, R>, path: PathSegment[]): R {
  const open: TreeContainer<N, R>[] = [];
  const child: NextChild<N> = { node: root, depth: 1 };
  let visited = visit(root, 1);
  for (;;) {
    if (visited instanceof TreeContainer) {
      visited.pathLength = path.length;
      open.push(visited);
    } else if (open.length === 0) {
      return visited;
    } else {
      addResult(open[open.length - 1]!, visited);
    }
    // Visit the next child, building on the way every container whose children are all done.
    for (;;) {
      const current = open[open.length - 1]!;
      while (path.length > current.pathLength) path.pop();
      if (moveToNextChild(current, path, child)) {
        visited = visit(child.node, child.depth);
        break;
      }
      open.pop();
      const built = current.build(current.results);
      if (open.length === 0) return built;
      addResult(open[open.length - 1]!, built);
    }
  }
}

function addResult<N, R>(container: TreeContainer<N, R>, result: R): void {
  container.results[container.resultCount++] = result;
}

/** A `build` for containers whose result is the array of their children's results. */
export function resultsAsArray<R>(results: R[]): R[] {
  return results;
}

// Where `moveToNextChild` puts the child: one object for the whole walk, so arrays and objects
// allocate nothing per child.
interface NextChild<N> {
  node: N;
  depth: number;
}

/** Moves `open` to its next child, extending `path` to it and filling `child`; false when there is none. */
function moveToNextChild<N, R>(container: TreeContainer<N, R>, path: PathSegment[], child: NextChild<N>): boolean {
  if (container.sequence !== undefined) {
    const step = container.sequence.next();
    if (step.done === true) return false;
    for (const segment of step.value.at) path.push(segment);
    child.node = step.value.node;
    child.depth = step.value.depth;
    return true;
  }
  const index = container.next++;
  const { keys, prefix } = container;
  const size = keys === undefined ? container.items!.length : keys.length;
  if (index >= size) return false;
  if (prefix !== undefined) path.push(prefix);
  if (keys === undefined) {
    path.push(index);
    child.node = container.items![index] as N;
  } else {
    const key = keys[index]!;
    path.push(key);
    child.node = container.object![key] as N;
  }
  child.depth = container.childDepth;
  return true;
}

/**
 * The items of an array as a sequence of children at `depth`, each under its index — after `prefix`
 * if given. For containers that have more children than these items.
 */
export function* itemChildren<N>(items: readonly N[], depth: number, prefix?: PathSegment): Generator<TreeChild<N>, void, undefined> {
  for (let i = 0; i < items.length; i++) yield { node: items[i] as N, depth, at: prefix === undefined ? [i] : [prefix, i] };
}
