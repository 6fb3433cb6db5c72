/** Audit channels (R-AUD-1): the log newest first with filters, chain verification, CSV and JSON Lines export. */
import { z } from 'zod';
import type { AuditEntryView, AuditVerification } from '../../api/routes/admin-audit';
import { channel } from '../define';
import type { Freshness } from './app';

/** Filters of the audit view. `from`/`to` are instants (the view turns local dates into them). */
export const auditFilterSchema = z.strictObject({
  actor: z.string().trim().max(254).optional(),
  /** An action name, or a prefix ending in "." (e.g. "user."). */
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(254).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
});
/** Parsed audit filters. */
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** One page of the log; while the service cannot be used, of the entries this console has already loaded. */
export interface AuditPage extends Freshness {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

export const auditChannels = {
  'audit:list': channel(
    auditFilterSchema.extend({ cursor: z.string().max(500).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  )<AuditPage>(),
  'audit:verify': channel(z.strictObject({}))<AuditVerification>(),
  'audit:export': channel(auditFilterSchema)<{ fileName: string; csv: string }>(),
  'audit:export-jsonl': channel(auditFilterSchema)<{ fileName: string; jsonl: string }>(),
};
