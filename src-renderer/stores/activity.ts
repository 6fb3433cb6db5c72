/**
 * The sign-in activity screen (R-LOG-1): attempts newest first, loaded page by page as the list scrolls; filters
 * with a date range read in the admin's time zone; one user's attempts when opened from the Directory; CSV export.
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { useCursorPages } from '../composables/use-cursor-pages';
import type { SignInAttemptView } from '../../shared/api/routes/admin-activity';
import type { SignInMethod, SignInOutcome } from '../../shared/domain/sign-in-activity';
import type { ActivityFilter } from '../../shared/ipc/channels/activity';
import { BridgeError, invoke } from '../bridge';
import { adminTimeZone } from '../composables/use-admin-time';
import { endOfLocalDay, startOfLocalDay } from '../composables/use-calendar-dates';
import { downloadText } from '../composables/use-download';
import { useNotificationsStore } from './notifications';

/** The filter form: dates are local calendar dates `YYYY-MM-DD` (inclusive), empty = no bound. */
export interface ActivityFilterForm {
  who: string;
  outcome: SignInOutcome | '';
  method: SignInMethod | '';
  ip: string;
  fromDate: string;
  toDate: string;
}

const PAGE = 100;
const EMPTY: ActivityFilterForm = { who: '', outcome: '', method: '', ip: '', fromDate: '', toDate: '' };

export const useActivityStore = defineStore('activity', () => {
  const form = reactive<ActivityFilterForm>({ ...EMPTY });
  /** One directory user's attempts only (opened from their panel), with their name for the screen. */
  const user = ref<{ id: string; name: string } | null>(null);
  /** The service's refusal of the filters (shown beside them), or null. */
  const problem = ref<string | null>(null);
  const selected = ref<SignInAttemptView | null>(null);

  /** The form as the service filters, with the dates turned into instants in the admin's zone. */
  function filter(): ActivityFilter {
    const zone = adminTimeZone();
    const from = form.fromDate ? startOfLocalDay(form.fromDate, zone) : null;
    const to = form.toDate ? endOfLocalDay(form.toDate, zone) : null;
    return {
      ...(user.value ? { userId: user.value.id } : form.who.trim() ? { who: form.who.trim() } : {}),
      ...(form.outcome ? { outcome: form.outcome } : {}),
      ...(form.method ? { method: form.method } : {}),
      ...(form.ip.trim() ? { ip: form.ip.trim() } : {}),
      ...(from !== null ? { from } : {}),
      ...(to !== null ? { to } : {}),
    };
  }

  /** Attempts page by page for the current filters; filters the service refuses are said beside them. */
  const pages = useCursorPages<SignInAttemptView>(
    async (cursor) => {
      const page = await invoke('activity:list', { ...filter(), limit: PAGE, ...(cursor ? { cursor } : {}) });
      return { items: page.attempts, nextCursor: page.nextCursor };
    },
    (error, first) => {
      if (!first) return useNotificationsStore().fromError('Could not load older attempts', error);
      pages.items.value = [];
      pages.nextCursor.value = null;
      if (error instanceof BridgeError && error.error.code === 'bad_request') problem.value = error.error.message;
      else useNotificationsStore().fromError('Could not load the sign-in activity', error);
    },
  );
  const { items: attempts, nextCursor, loading, loaded, loadMore } = pages;

  /** Loads the first page for the current filters. */
  async function load(): Promise<void> {
    problem.value = null;
    selected.value = null;
    await pages.load();
  }

  async function exportCsv(): Promise<void> {
    try {
      const file = await invoke('activity:export', filter());
      downloadText(file.fileName, file.csv);
    } catch (error) {
      useNotificationsStore().fromError('Could not export the sign-in activity', error);
    }
  }

  /** Shows one directory user's attempts (from their panel in the Directory). */
  function showUser(id: string, name: string): void {
    Object.assign(form, EMPTY);
    user.value = { id, name };
  }

  function clear(): void {
    Object.assign(form, EMPTY);
    user.value = null;
  }

  return { form, user, attempts, nextCursor, loading, loaded, problem, selected, load, loadMore, exportCsv, showUser, clear };
});
