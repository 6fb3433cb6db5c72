/**
 * Imports a CSV file chosen in the browser, in two steps: `check` reads the whole file through the service without
 * writing anything (who would be added, who changes and how, which permissions change, which rows are refused), then
 * `apply` imports it, with the permission changes only when the operator confirmed them. Both steps carry the choice
 * to invite the new users, so the check says how many would be invited. Each step reads the file in
 * slices (decoding UTF-8 across slice edges) and sends them to main, which passes whole rows to the service; progress
 * is what the service has processed so far. When the service stops answering part-way, main stops the import at a
 * batch boundary and the progress says what was done and what was not (`stopped`): no more of the file is sent.
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
  /** The result of checking the current file (null until checked). */
  const checked = ref<ImportProgress | null>(null);
  const running = ref(false);
  const fileName = ref<string | null>(null);
  const error = ref<string | null>(null);
  /** Invite the users the file creates (R-DIR-5): the check counts them, the import sends the invitations. */
  const invite = ref(false);

  async function stream(file: File, mode: 'check' | 'apply', applyPermissionChanges: boolean): Promise<ImportProgress | null> {
    running.value = true;
    error.value = null;
    progress.value = null;
    fileName.value = file.name;
    try {
      const { importId } = await invoke('directory:import-start', { fileName: file.name, totalBytes: file.size, mode, applyPermissionChanges, invite: invite.value });
      const decoder = new TextDecoder('utf-8');
      let offset = 0;
      do {
        const end = Math.min(file.size, offset + SLICE_BYTES);
        const last = end >= file.size;
        const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
        const text = decoder.decode(bytes, { stream: !last });
        progress.value = await invoke('directory:import-chunk', { importId, text, last });
        offset = end;
      } while (offset < file.size && !progress.value.finished);
      return progress.value;
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : 'The import stopped. Check the file and try again.';
      useNotificationsStore().fromError(mode === 'check' ? 'The file could not be checked' : 'The import stopped', caught);
      return null;
    } finally {
      running.value = false;
    }
  }

  /** Reads the file through the service without changing anything: what importing it would do. */
  async function check(file: File): Promise<void> {
    checked.value = null;
    const done = await stream(file, 'check', false);
    // A check that stopped part-way does not say what the whole file would do: it cannot be imported from.
    checked.value = done?.stopped ? null : done;
  }

  /** Imports the checked file; permission changes are applied only with `applyPermissionChanges`. */
  async function apply(file: File, applyPermissionChanges: boolean): Promise<void> {
    const done = await stream(file, 'apply', applyPermissionChanges);
    checked.value = null;
    if (done) await onFinished();
  }

  /** Forgets the check (another file was picked). */
  function reset(): void {
    checked.value = null;
    progress.value = null;
    error.value = null;
  }

  async function downloadReport(kind: 'errors' | 'changes'): Promise<void> {
    if (!progress.value) return;
    try {
      const report = await invoke('directory:import-report', { importId: progress.value.importId, kind });
      downloadText(report.fileName, report.csv);
    } catch (caught) {
      useNotificationsStore().fromError('The report could not be made', caught);
    }
  }

  return { progress, checked, running, fileName, error, invite, check, apply, reset, downloadReport };
}
