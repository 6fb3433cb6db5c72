/**
 * A virtualized, keyboard-driven grid (R-CON-3): only the rows in view exist in the page, and the grid answers the
 * keys a spreadsheet does — arrows, Page Up/Down, Home, End move the current row, Enter opens it.
 */
import { useVirtualizer } from '@tanstack/vue-virtual';
import { computed, ref, watch } from 'vue';

/** What the grid needs to know: how many rows, how tall, and what Enter does. */
export interface VirtualGridOptions {
  count: () => number;
  rowHeight: number;
  overscan: number;
  onOpen: (index: number) => void;
  /** Called when the rows in view come within 20 of the last one (a list read page by page loads the next). */
  onNearEnd?: () => void;
}

/** The scroll element ref (bind with `ref="scroller"`), the current row, the rows in view, and the key handler. */
export function useVirtualGrid(options: VirtualGridOptions) {
  const scroller = ref<HTMLElement | null>(null);
  const active = ref(0);
  const virtualizer = useVirtualizer(
    computed(() => ({ count: options.count(), getScrollElement: () => scroller.value, estimateSize: () => options.rowHeight, overscan: options.overscan })),
  );
  const items = computed(() => virtualizer.value.getVirtualItems());
  const nearEnd = options.onNearEnd;
  if (nearEnd) {
    watch(items, (shown) => {
      const last = shown[shown.length - 1];
      if (last && last.index >= options.count() - 20) nearEnd();
    });
  }

  /** Makes row `to` (clamped) current and scrolls it into view. */
  function move(to: number): void {
    const count = options.count();
    if (count === 0) return;
    active.value = Math.max(0, Math.min(count - 1, to));
    virtualizer.value.scrollToIndex(active.value, { align: 'auto' });
  }

  function onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((scroller.value?.clientHeight ?? options.rowHeight * 10) / options.rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active.value + 1),
      ArrowUp: () => move(active.value - 1),
      PageDown: () => move(active.value + page),
      PageUp: () => move(active.value - page),
      Home: () => move(0),
      End: () => move(options.count() - 1),
      Enter: () => options.onOpen(active.value),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  return { scroller, active, virtualizer, items, move, onKey };
}
