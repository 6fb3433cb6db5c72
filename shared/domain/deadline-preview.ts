/**
 * The whole deadline preview the Policy screen shows (R-POL-4, R-POL-5): the time-zone preview and the warnings,
 * computed the same way by the service (from its database) and by the console (from its cache).
 */
import { policyWarnings, type PolicyWarning } from './policy-warnings';
import { timeZonePreview, type TzPreview, type TzPreviewDay, type TzPreviewInput, type TzPreviewRow, type UnknownZone } from './tz-preview';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

/** The preview with plain (mutable) arrays, its warnings and the number of active users counted. */
export type DeadlinePreview = Omit<Mutable<Extract<TzPreview, { ok: true }>>, 'ok' | 'rows' | 'unknownZones'> & {
  rows: (Mutable<TzPreviewRow> & { days: TzPreviewDay[] })[];
  unknownZones: UnknownZone[];
  totalActiveUsers: number;
  warnings: PolicyWarning[];
};

/** The preview of a deadline as the Policy screen shows it, or why it cannot be computed. */
export function deadlinePreview(
  input: TzPreviewInput & { readonly required: boolean },
  now: number,
): { ok: true; preview: DeadlinePreview } | Exclude<TzPreview, { ok: true }> {
  const preview = timeZonePreview(input);
  if (!preview.ok) return preview;
  let totalActiveUsers = 0;
  const counts = input.activeUsersByZone instanceof Map ? [...input.activeUsersByZone.values()] : Object.values(input.activeUsersByZone);
  for (const count of counts) totalActiveUsers += count;
  const { ok: _ok, rows, unknownZones, ...rest } = preview;
  return {
    ok: true,
    preview: {
      ...rest,
      rows: rows.map((row) => ({ ...row, notes: [...row.notes], days: [...row.days] })),
      unknownZones: [...unknownZones],
      totalActiveUsers,
      warnings: policyWarnings({ required: input.required, deadlineDate: preview.date, deadlineZone: preview.zone }, now),
    },
  };
}
