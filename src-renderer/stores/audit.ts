/**
 * The audit log screen (R-AUD-1): entries newest first, loaded page by page as the list scrolls; filters with a date
 * range read in the admin's time zone; chain verification, CSV and JSON Lines export. While the service cannot be
 * used, main answers with the entries this console has already loaded (`copyAt` says as of when).
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { useCursorPages } from '../composables/use-cursor-pages';
import type { AuditEntryView, AuditVerification } from '../../shared/api/routes/admin-audit';
import type { AuditFilter } from '../../shared/ipc/channels/audit';
import { invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { endOfLocalDay, startOfLocalDay } from '../composables/use-calendar-dates';
import { downloadText } from '../composables/use-download';
import { useNotificationsStore } from './notifications';

/** The filter form: dates are local calendar dates `YYYY-MM-DD` (inclusive), empty = no bound. */
export interface AuditFilterForm {
  actor: string;
  action: string;
  target: string;
  fromDate: string;
  toDate: string;
}

const PAGE = 200;

export const useAuditStore = defineStore('audit', () => {
  const form = reactive<AuditFilterForm>({ actor: '', action: '', target: '', fromDate: '', toDate: '' });
  const verification = ref<AuditVerification | null>(null);
  const verifying = ref(false);
  const selected = ref<AuditEntryView | null>(null);
  /** When the entries shown are the console's copy, when it was last added to; null when they come from the service. */
  const copyAt = ref<number | null>(null);

  /** The form as the service filters, with the dates turned into instants in the admin's zone. */
  function filter(): AuditFilter {
    const zone = adminTimeZone();
    const from = form.fromDate ? startOfLocalDay(form.fromDate, zone) : null;
    const to = form.toDate ? endOfLocalDay(form.toDate, zone) : null;
    return {
      ...(form.actor.trim() ? { actor: form.actor.trim() } : {}),
      ...(form.action ? { action: form.action } : {}),
      ...(form.target.trim() ? { target: form.target.trim() } : {}),
      ...(from !== null ? { from } : {}),
      ...(to !== null ? { to } : {}),
    };
  }

  /** The log page by page for the current filters (`load`: the first page; `loadMore`: older ones). */
  const pages = useCursorPages<AuditEntryView, { items: AuditEntryView[]; nextCursor: string | null; copyAt: number | null }>(
    async (cursor) => {
      const page = await invoke('audit:list', { ...filter(), limit: PAGE, ...(cursor ? { cursor } : {}) });
      return { items: page.entries, nextCursor: page.nextCursor, copyAt: page.fromCopy ? page.takenAt : null };
    },
    (error, first) => useNotificationsStore().fromError(first ? 'Could not load the audit log' : 'Could not load older audit entries', error),
    (page) => (copyAt.value = page.copyAt),
  );
  const { items: entries, nextCursor, loading, loaded, load, loadMore } = pages;

  async function verify(): Promise<void> {
    verifying.value = true;
    try {
      verification.value = await invoke('audit:verify', {});
    } catch (error) {
      useNotificationsStore().fromError('Could not verify the audit chain', error);
    } finally {
      verifying.value = false;
    }
  }

  async function exportCsv(): Promise<void> {
    try {
      const file = await invoke('audit:export', filter());
      downloadText(file.fileName, file.csv);
    } catch (error) {
      useNotificationsStore().fromError('Could not export the audit log', error);
    }
  }

  async function exportJsonl(): Promise<void> {
    try {
      const file = await invoke('audit:export-jsonl', filter());
      downloadText(file.fileName, file.jsonl, 'application/jsonl;charset=utf-8');
    } catch (error) {
      useNotificationsStore().fromError('Could not export the audit log', error);
    }
  }

  function clear(): void {
    Object.assign(form, { actor: '', action: '', target: '', fromDate: '', toDate: '' });
  }

  /** True when a filter is set (filtering needs the service). */
  function filtered(): boolean {
    return Object.keys(filter()).length > 0;
  }

  return { form, entries, nextCursor, loading, loaded, verification, verifying, selected, copyAt, load, loadMore, verify, exportCsv, exportJsonl, clear, filtered };
});
