import { type ReactNode, useEffect, useRef, useState } from "react";

export interface VirtualListProps<Item> {
  items: readonly Item[];
  rowHeight: number;
  /** Height of the scrolling area in px. */
  height: number | string;
  renderRow(item: Item, index: number): ReactNode;
  keyOf(item: Item): string;
  /** Called when the last rows come into view (to load the next page). */
  onEndReached?: () => void;
  label: string;
}

const overscan = 8;

/** Renders only the rows in view, so 10,000 rows scroll as smoothly as 10. */
export function VirtualList<Item>(props: VirtualListProps<Item>) {
  const { items, rowHeight, renderRow, keyOf, onEndReached } = props;
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const measure = () => setViewport(element.clientHeight || 800);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  useEffect(() => {
    if (onEndReached !== undefined && last >= items.length - overscan && items.length > 0) {
      onEndReached();
    }
  }, [last, items.length, onEndReached]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const item = items[index] as Item;
    rows.push(
      <li
        key={keyOf(item)}
        className="virtual-row"
        style={{
          position: "absolute",
          top: index * rowHeight,
          height: rowHeight,
          left: 0,
          right: 0,
        }}
      >
        {renderRow(item, index)}
      </li>,
    );
  }
  return (
    <div
      ref={container}
      className="virtual-list"
      style={{ height: props.height, overflowY: "auto", position: "relative" }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul
        aria-label={props.label}
        style={{
          height: items.length * rowHeight,
          position: "relative",
          margin: 0,
          padding: 0,
          listStyle: "none",
        }}
      >
        {rows}
      </ul>
    </div>
  );
}
