/**
 * Replaces each YAML alias (`*name`) by the node its anchor (`&name`) marks, so that the document
 * becomes a tree whose size can be measured without expanding it, and converts to plain data in time
 * proportional to that size. The `yaml` package's own `toJS` finds each alias's anchor by scanning
 * the nodes before it — quadratic in the number of aliases: 50,000 aliases in 300 KB take 18 s.
 * Internal: not exported from the package.
 */
import { type Document, isAlias, isCollection, isPair, isScalar, type Node } from 'yaml';
import { ConfigError, type SourceLocation } from './config-error.js';

/** A place that holds a node: `holder[key]`. */
type Slot = { readonly holder: Record<string | number, unknown>; readonly key: string | number };
/** Marks the end of a collection's items in the walk. */
type Exit = { readonly exit: Node };

/**
 * Points every resolvable alias of `doc` at its anchored node, in place, resolving each to the last
 * anchor of its name before it, as YAML does. An alias with no anchor before it is left for `toJS`
 * to report. Returns how many aliases it replaced. Throws {@link ConfigError} (code
 * `"config-too-large"`) for an alias inside the node its anchor marks (`&a [*a]`), which stands for
 * an endless document.
 */
export function inlineAliases(doc: Document, where: (offset: number) => SourceLocation): number {
  let replaced = 0;
  const anchored = new Map<string, Node>();
  const open = new Set<Node>();
  const stack: (Slot | Exit)[] = [{ holder: doc as unknown as Slot['holder'], key: 'contents' }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if ('exit' in top) {
      open.delete(top.exit);
      continue;
    }
    const node = top.holder[top.key];
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      if (target !== undefined && open.has(target)) {
        throw new ConfigError({
          code: 'config-too-large',
          message: `the alias *${node.source} is inside the node its anchor &${node.source} marks, so the config would never end`,
          ...(node.range ? { location: where(node.range[0]) } : {}),
        });
      }
      if (target !== undefined) {
        top.holder[top.key] = target;
        replaced++;
      }
    } else if (isPair(node)) {
      const pair = node as unknown as Slot['holder'];
      stack.push({ holder: pair, key: 'value' }, { holder: pair, key: 'key' });
    } else if (isScalar(node) || isCollection(node)) {
      if (node.anchor !== undefined) anchored.set(node.anchor, node);
      if (isCollection(node)) {
        open.add(node);
        stack.push({ exit: node });
        for (let i = node.items.length - 1; i >= 0; i--) stack.push({ holder: node.items as unknown as Slot['holder'], key: i });
      }
    }
  }
  return replaced;
}
