/**
 * A list read page by page with the service's cursor, newest first (audit log, sign-in activity): the first page
 * for the current filters, then older pages as the list scrolls. A new first page wins over answers still on their
 * way for older filters, and older pages load one at a time.
 */
import { ref, type Ref } from 'vue';

/** One page as the list reads it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The items, the next cursor and the loading state, with `load` (first page) and `loadMore` (the next one).
 * `failed` is told of an error, and whether it came while loading the first page; `shown`, of each first page that
 * is shown (for what a page says besides its items, such as whether it is the console's offline copy).
 */
export function useCursorPages<T, P extends CursorPage<T> = CursorPage<T>>(
  fetch: (cursor: string | null) => Promise<P>,
  failed: (error: unknown, first: boolean) => void,
  shown: (page: P) => void = () => undefined,
) {
  const items = ref([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  let generation = 0;

  /** Loads the first page, replacing what was shown. */
  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await fetch(null);
      if (mine !== generation) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      shown(page);
      loaded.value = true;
    } catch (error) {
      if (mine === generation) failed(error, true);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Loads the next (older) page, once at a time. */
  async function loadMore(): Promise<void> {
    if (loading.value || nextCursor.value === null) return;
    const mine = generation;
    loading.value = true;
    try {
      const page = await fetch(nextCursor.value);
      if (mine !== generation) return;
      items.value = [...items.value, ...page.items];
      nextCursor.value = page.nextCursor;
    } catch (error) {
      if (mine === generation) failed(error, false);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { items, nextCursor, loading, loaded, load, loadMore };
}
