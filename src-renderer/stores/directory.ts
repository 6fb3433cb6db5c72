/**
 * The Directory screen's state. The renderer never holds the whole directory: it asks main's cache for blocks of the
 * current query as the table scrolls, and forgets them when the query changes.
 */
import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import type { BulkDeactivateResult, CacheInfo, DirectoryFacets, DirectoryRow, DirectorySort, DirectoryUserDetail } from '../../shared/ipc/channels/directory';
import type { RequestOf } from '../../shared/ipc/contract';
import { BridgeError, invoke } from '../bridge';
import { downloadText } from '../composables/use-download';
import { useNotificationsStore } from './notifications';

/** Rows fetched per request. */
export const BLOCK_SIZE = 100;
/** Blocks kept on each side of the rows in view; farther ones are dropped, so memory stays flat while scrolling. */
const KEEP_BLOCKS = 10;

/** The filters of the table; null = any. */
export interface DirectoryFilters {
  search: string;
  status: 'active' | 'inactive' | null;
  enrollment: DirectoryRow['enrollment'] | null;
  accountType: DirectoryRow['accountType'] | null;
  country: string | null;
  timeZone: string | null;
  staleOnly: boolean;
  lockedOnly: boolean;
  blockedOnly: boolean;
  access: DirectoryRow['access'] | null;
}

/** Filters that match everyone. */
export function noFilters(): DirectoryFilters {
  return { search: '', status: null, enrollment: null, accountType: null, country: null, timeZone: null, staleOnly: false, lockedOnly: false, blockedOnly: false, access: null };
}

/** What a bulk deactivation that stopped part-way did and did not do, in words. */
export function bulkStopWords(result: BulkDeactivateResult): string {
  if (!result.stopped) return '';
  const users = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'user was' : 'users were'}`;
  const parts = [`${result.stopped.message}`, `${users(result.deactivated)} deactivated before it stopped.`];
  if (result.stopped.inDoubt > 0) parts.push(`${users(result.stopped.inDoubt)} being deactivated when the connection broke: they may or may not be inactive now.`);
  if (result.stopped.notSent > 0) parts.push(`${users(result.stopped.notSent)} not changed.`);
  parts.push('Once the console is back online, the Stale users list shows who is still active: deactivate them again from there.');
  return parts.join(' ');
}

export const useDirectoryStore = defineStore('directory', () => {
  const filters = reactive<DirectoryFilters>(noFilters());
  const sort = ref<DirectorySort>('name');
  const direction = ref<'asc' | 'desc'>('asc');
  const total = ref(0);
  const directorySize = ref(0);
  const staleAfterDays = ref(90);
  const tookMs = ref(0);
  const cache = ref<CacheInfo | null>(null);
  const facets = ref<DirectoryFacets | null>(null);
  const detail = ref<DirectoryUserDetail | null>(null);
  const loaded = ref(false);
  /** Bumped after each change to the directory itself (not to the filters), so panels can look again. */
  const dataVersion = ref(0);
  /** Bumped when blocks arrive, so views reading `rowAt` update. */
  const version = ref(0);
  const blocks = new Map<number, DirectoryRow[]>();
  const pending = new Set<number>();
  let generation = 0;

  /** The row at `index` of the current query, or null while it loads. */
  function rowAt(index: number): DirectoryRow | null {
    void version.value;
    return blocks.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE] ?? null;
  }

  async function fetchBlock(block: number): Promise<void> {
    if (blocks.has(block) || pending.has(block)) return;
    const mine = generation;
    pending.add(block);
    try {
      const page = await invoke('directory:query', { ...filters, sort: sort.value, direction: direction.value, offset: block * BLOCK_SIZE, limit: BLOCK_SIZE });
      if (mine !== generation) return;
      blocks.set(block, page.rows);
      total.value = page.total;
      directorySize.value = page.directorySize;
      staleAfterDays.value = page.staleAfterDays;
      tookMs.value = page.tookMs;
      cache.value = page.cache;
      loaded.value = true;
      version.value += 1;
    } catch (error) {
      if (mine === generation) useNotificationsStore().fromError('Could not load the directory', error);
    } finally {
      pending.delete(block);
    }
  }

  /** Makes sure rows `start..end` are loaded (or loading), and forgets blocks far from them. */
  function ensureRange(start: number, end: number): void {
    const first = Math.floor(start / BLOCK_SIZE);
    const last = Math.floor(Math.max(start, end) / BLOCK_SIZE);
    for (const block of blocks.keys()) if (block < first - KEEP_BLOCKS || block > last + KEEP_BLOCKS) blocks.delete(block);
    for (let block = first; block <= last; block++) void fetchBlock(block);
  }

  /** Starts the current query over (filters or sort changed, or the directory did). */
  async function reload(): Promise<void> {
    generation += 1;
    blocks.clear();
    pending.clear();
    version.value += 1;
    await fetchBlock(0);
  }

  /** The directory changed (import, deactivation, unlock…): reload the table and the filter choices. */
  async function changed(): Promise<void> {
    dataVersion.value += 1;
    await Promise.all([reload(), loadFacets()]);
  }

  async function loadFacets(): Promise<void> {
    try {
      facets.value = await invoke('directory:facets', {});
    } catch (error) {
      useNotificationsStore().fromError('Could not load the filter choices', error);
    }
  }

  /** Sorts by a column; the same column again flips the direction. */
  function sortBy(column: DirectorySort): void {
    if (sort.value === column) direction.value = direction.value === 'asc' ? 'desc' : 'asc';
    else {
      sort.value = column;
      direction.value = 'asc';
    }
  }

  async function open(id: string): Promise<void> {
    try {
      detail.value = await invoke('directory:user', { id });
    } catch (error) {
      useNotificationsStore().fromError('Could not open this user', error);
    }
  }

  /** Runs a change on the open user, then shows the result and refreshes the table. */
  async function act(action: 'directory:unlock' | 'directory:reactivate' | 'directory:revoke-access-code', done: string): Promise<void> {
    const current = detail.value;
    if (!current) return;
    try {
      detail.value = await invoke(action, { id: current.id });
      useNotificationsStore().push('success', done, `${current.name} (${current.email}).`);
      await changed();
    } catch (error) {
      useNotificationsStore().fromError('The change was not made', error);
    }
  }

  /** Saves the panel's Edit form; answers null when saved, else the refusal in plain words (the form shows it). */
  async function update(input: RequestOf<'directory:update'>): Promise<string | null> {
    try {
      detail.value = await invoke('directory:update', input);
      useNotificationsStore().push('success', 'Changes saved', `${detail.value.name} (${detail.value.email}).`);
      await changed();
      return null;
    } catch (error) {
      return error instanceof BridgeError ? error.error.message : 'The changes were not saved. Try again.';
    }
  }

  /** Downloads the chosen users as CSV. */
  async function exportUsers(ids: string[]): Promise<void> {
    try {
      const { fileName, csv } = await invoke('directory:export', { ids });
      downloadText(fileName, csv);
    } catch (error) {
      useNotificationsStore().fromError('The users were not exported', error);
    }
  }

  async function deactivate(ids: string[]): Promise<boolean> {
    try {
      const result = await invoke('directory:deactivate', { ids });
      const notifications = useNotificationsStore();
      notifications.push('success', 'Deactivated', `${result.deactivated} ${result.deactivated === 1 ? 'user is' : 'users are'} now inactive; ${result.sessionsEnded} sessions ended.`);
      for (const skip of result.skipped.slice(0, 3)) notifications.push('info', 'Left alone', skip.message);
      if (result.stopped) notifications.push('error', 'The deactivation stopped part-way', bulkStopWords(result));
      if (detail.value && ids.includes(detail.value.id)) await open(detail.value.id);
      await changed();
      return result.stopped === null;
    } catch (error) {
      useNotificationsStore().fromError('The users were not deactivated', error);
      return false;
    }
  }

  /** The stale users for `days` (R-DIR-3): how many, and the first ones to show. */
  async function staleList(days: number): Promise<{ total: number; rows: DirectoryRow[] } | null> {
    try {
      const page = await invoke('directory:query', { staleOnly: true, staleAfterDays: days, sort: 'lastSignIn', limit: 200 });
      return { total: page.total, rows: page.rows };
    } catch (error) {
      useNotificationsStore().fromError('Could not list the stale users', error);
      return null;
    }
  }

  /** Deactivates every stale user, provided they are still the `expected` number the admin confirmed. */
  async function deactivateStale(days: number, expected: number): Promise<boolean> {
    try {
      const result = await invoke('directory:deactivate-stale', { staleAfterDays: days, expectedCount: expected });
      useNotificationsStore().push('success', 'Stale users deactivated', `${result.deactivated} ${result.deactivated === 1 ? 'user is' : 'users are'} now inactive and no longer asked to enroll.`);
      if (result.stopped) useNotificationsStore().push('error', 'The deactivation stopped part-way', bulkStopWords(result));
      await changed();
      return result.stopped === null;
    } catch (error) {
      useNotificationsStore().fromError('The stale users were not deactivated', error);
      return false;
    }
  }

  /**
   * The console is connected again: main's cache catches up first (a sync queued after the one the reconnection
   * started), then the table, the filter choices and an open user's record are shown afresh. Errors raised while
   * offline went with the outage.
   */
  async function catchUp(): Promise<void> {
    try {
      cache.value = await invoke('directory:refresh', {});
    } catch {
      // The table below still shows what main has; the status line says how fresh it is.
    }
    await changed();
    if (detail.value) await open(detail.value.id);
  }

  /** Asks main to catch up with the service now. */
  async function refresh(): Promise<void> {
    try {
      cache.value = await invoke('directory:refresh', {});
      await changed();
    } catch (error) {
      useNotificationsStore().fromError('The directory could not be refreshed', error);
    }
  }

  watch([filters, sort, direction], () => void reload(), { deep: true });

  return {
    filters, sort, direction, total, directorySize, staleAfterDays, tookMs, cache, facets, detail, loaded, version, dataVersion,
    rowAt, ensureRange, reload, changed, loadFacets, sortBy, open, act, update, exportUsers, deactivate, staleList, deactivateStale, refresh, catchUp,
  };
});
