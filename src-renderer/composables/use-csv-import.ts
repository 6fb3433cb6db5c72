/**
 * Imports a CSV file chosen in the browser: reads it in slices (decoding UTF-8 across slice edges) and sends each
 * slice to main, which passes whole rows to the service; progress is what the service has processed so far.
 */
import { ref } from 'vue';
import type { ImportProgress } from '../../shared/ipc/channels/directory';
import { invoke } from '../bridge';
import { useNotificationsStore } from '../stores/notifications';
import { downloadText } from './use-download';

/** Bytes read and sent per step. */
export const SLICE_BYTES = 512 * 1024;

/** The state and actions of one import at a time. */
export function useCsvImport(onFinished: () => Promise<void> | void) {
  const progress = ref<ImportProgress | null>(null);
  const running = ref(false);
  const fileName = ref<string | null>(null);
  const error = ref<string | null>(null);

  async function run(file: File, options: { invite?: boolean } = {}): Promise<void> {
    running.value = true;
    error.value = null;
    progress.value = null;
    fileName.value = file.name;
    try {
      const { importId } = await invoke('directory:import-start', { fileName: file.name, totalBytes: file.size, invite: options.invite ?? false });
      const decoder = new TextDecoder('utf-8');
      let offset = 0;
      do {
        const end = Math.min(file.size, offset + SLICE_BYTES);
        const last = end >= file.size;
        const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
        const text = decoder.decode(bytes, { stream: !last });
        progress.value = await invoke('directory:import-chunk', { importId, text, last });
        offset = end;
      } while (offset < file.size);
      await onFinished();
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : 'The import stopped. Check the file and try again.';
      useNotificationsStore().fromError('The import stopped', caught);
    } finally {
      running.value = false;
    }
  }

  async function downloadReport(): Promise<void> {
    if (!progress.value) return;
    try {
      const report = await invoke('directory:import-report', { importId: progress.value.importId });
      downloadText(report.fileName, report.csv);
    } catch (caught) {
      useNotificationsStore().fromError('The error report could not be made', caught);
    }
  }

  return { progress, running, fileName, error, run, downloadReport };
}
