/** Dashboard data, loaded through the bridge: the company headline and the enrollment report (R-RPT-1). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { EnrollmentReport } from '../../shared/api/routes/admin-report';
import type { CompanyOverview } from '../../shared/ipc/channels/dashboard';
import { invoke } from '../bridge';
import { useNotificationsStore } from './notifications';

export const useDashboardStore = defineStore('dashboard', () => {
  const overview = ref<CompanyOverview | null>(null);
  const report = ref<EnrollmentReport | null>(null);
  /** Company time minus this computer's time when the report arrived (the demo may run a shifted clock). */
  const skewMs = ref(0);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    const notifications = useNotificationsStore();
    try {
      const [company, enrollment] = await Promise.allSettled([invoke('dashboard:overview', {}), invoke('dashboard:report', {})]);
      if (company.status === 'fulfilled') overview.value = company.value;
      else notifications.fromError('Could not load the dashboard', company.reason);
      if (enrollment.status === 'fulfilled') {
        report.value = enrollment.value;
        skewMs.value = enrollment.value.now - Date.now();
      } else {
        notifications.fromError('Could not load the enrollment report', enrollment.reason);
      }
    } finally {
      loading.value = false;
    }
  }

  return { overview, report, skewMs, loading, load };
});
