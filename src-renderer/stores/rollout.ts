/**
 * The Rollout screen (R-RPT-2): the four messages, the wording being edited for each, a preview of every group of
 * readers (checked as it is typed), saving, and the exports. Rules and files stay in main and the service.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RolloutMessageKind } from '../../shared/domain/rollout-template';
import type { RolloutPreview, RolloutState } from '../../shared/ipc/channels/rollout';
import type { ROLLOUT_EXPORT_FORMATS } from '../../shared/ipc/channels/rollout';
import { invoke } from '../bridge';
import { downloadBase64, downloadText } from '../composables/use-download';
import { useNotificationsStore } from './notifications';

/** An export format. */
export type RolloutFormat = (typeof ROLLOUT_EXPORT_FORMATS)[number];

export const useRolloutStore = defineStore('rollout', () => {
  const state = ref<RolloutState | null>(null);
  const kind = ref<RolloutMessageKind>('announcement');
  /** The wording as typed, per message. */
  const drafts = ref<Partial<Record<RolloutMessageKind, { subject: string; body: string }>>>({});
  const preview = ref<RolloutPreview | null>(null);
  const busy = ref<null | 'save' | 'restore' | RolloutFormat | 'blocked'>(null);
  let previewToken = 0;

  const current = computed(() => state.value?.messages.find((message) => message.kind === kind.value) ?? null);
  const draft = computed(() => drafts.value[kind.value] ?? null);
  /** Messages whose wording in the editor differs from the saved wording. */
  const unsaved = computed<RolloutMessageKind[]>(() =>
    (state.value?.messages ?? [])
      .filter((message) => {
        const typed = drafts.value[message.kind];
        return typed !== undefined && (typed.subject !== message.wording.subject || typed.body !== message.wording.body);
      })
      .map((message) => message.kind),
  );
  const dirty = computed(() => unsaved.value.includes(kind.value));

  async function load(): Promise<void> {
    try {
      state.value = await invoke('rollout:get', {});
      for (const message of state.value.messages) drafts.value[message.kind] ??= { subject: message.wording.subject, body: message.wording.body };
      await refreshPreview();
    } catch (error) {
      useNotificationsStore().fromError('Could not load the rollout messages', error);
    }
  }

  function select(next: RolloutMessageKind): void {
    kind.value = next;
    preview.value = null;
    void refreshPreview();
  }

  /** Fills in the wording as typed for every group of readers (the latest call wins). */
  async function refreshPreview(): Promise<void> {
    const wording = draft.value;
    if (!wording) return;
    const token = ++previewToken;
    try {
      const answer = await invoke('rollout:preview', { kind: kind.value, ...wording });
      if (token === previewToken) preview.value = answer;
    } catch (error) {
      if (token === previewToken) useNotificationsStore().fromError('Could not preview the message', error);
    }
  }

  async function run<T>(what: NonNullable<typeof busy.value>, action: () => Promise<T>, failure: string): Promise<T | null> {
    busy.value = what;
    try {
      return await action();
    } catch (error) {
      useNotificationsStore().fromError(failure, error);
      return null;
    } finally {
      busy.value = null;
    }
  }

  async function save(): Promise<void> {
    const wording = draft.value;
    if (!wording) return;
    const saved = await run('save', () => invoke('rollout:save', { kind: kind.value, ...wording }), 'The wording was not saved');
    if (saved) {
      useNotificationsStore().push('success', 'Wording saved', 'Every admin of your company now sees this wording.');
      await load();
    }
  }

  async function restoreDefault(): Promise<boolean> {
    const restored = await run('restore', () => invoke('rollout:restore-default', { kind: kind.value }), 'The default wording was not restored');
    if (!restored) return false;
    drafts.value[kind.value] = { subject: restored.subject, body: restored.body };
    await load();
    return true;
  }

  async function exportAs(format: RolloutFormat): Promise<void> {
    const wording = draft.value;
    if (!wording) return;
    const file = await run(format, () => invoke('rollout:export', { kind: kind.value, ...wording, format }), 'The messages were not exported');
    if (!file) return;
    if (file.base64 !== null) downloadBase64(file.fileName, file.base64, file.mimeType);
    else downloadText(file.fileName, file.text ?? '', file.mimeType);
    useNotificationsStore().push('success', 'Exported', `${file.fileName}: ${file.recipients} readers${file.files > 1 ? ` in ${file.files} drafts` : ''}.`);
  }

  /** Drops every unsaved edit: the editor shows the saved wording again. */
  function discard(): void {
    for (const message of state.value?.messages ?? []) drafts.value[message.kind] = { subject: message.wording.subject, body: message.wording.body };
    void refreshPreview();
  }

  async function exportBlocked(): Promise<void> {
    const file = await run('blocked', () => invoke('rollout:blocked-csv', {}), 'The list was not exported');
    if (file) downloadText(file.fileName, file.csv);
  }

  return { state, kind, drafts, draft, current, preview, busy, dirty, unsaved, load, discard, select, refreshPreview, save, restoreDefault, exportAs, exportBlocked };
});
