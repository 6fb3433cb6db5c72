/** Dashboard data, loaded through the bridge. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CompanyOverview } from '../../shared/ipc/channels/dashboard';
import { invoke } from '../bridge';
import { useNotificationsStore } from './notifications';

export const useDashboardStore = defineStore('dashboard', () => {
  const overview = ref<CompanyOverview | null>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      overview.value = await invoke('dashboard:overview', {});
    } catch (error) {
      useNotificationsStore().fromError('Could not load the dashboard', error);
    } finally {
      loading.value = false;
    }
  }

  return { overview, loading, load };
});
