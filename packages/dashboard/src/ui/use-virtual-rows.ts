/** `@tanstack/virtual-core` bound to a Preact component: which rows of a scrolled list are visible. */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualItem } from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

/** The visible rows of a list of `count` rows `rowHeight` high, scrolled inside `scroller`. */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number): { items: VirtualItem[]; totalSize: number; scrollToTop: () => void } {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const virtualizer = useRef<Virtualizer<HTMLElement, HTMLElement> | null>(null);
  const options = {
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    overscan: 12,
    onChange: () => rerender(undefined),
  };
  if (virtualizer.current === null) virtualizer.current = new Virtualizer<HTMLElement, HTMLElement>(options);
  else virtualizer.current.setOptions(options);
  const instance = virtualizer.current;
  useLayoutEffect(() => instance._didMount(), []);
  useLayoutEffect(() => instance._willUpdate());
  return { items: instance.getVirtualItems(), totalSize: instance.getTotalSize(), scrollToTop: () => instance.scrollToOffset(0) };
}
