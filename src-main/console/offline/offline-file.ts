/**
 * The offline copy's file, `<dataDir>/cache/offline.json`: what the console last saw of the screens that are not in
 * the directory cache (the Dashboard with its enrollment over time, the policy history, the audit entries and user records already opened, the
 * operator the service last confirmed, and when it was last reached). Never a token, password or key. Each part is
 * checked on its own: a part this version cannot read is left out (the console fills it again when online), so a
 * newer field in one part never costs the others.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import { AuditEntryView } from '../../../shared/api/routes/admin-audit';
import { PolicyHistoryEntry } from '../../../shared/api/routes/admin-policy';
import { EnrollmentHistory, EnrollmentReport } from '../../../shared/api/routes/admin-report';
import { toolPermissionSchema } from '../../../shared/domain/model';
import { writePrivateFile } from '../cache/private-file';

const FORMAT = 'mfa-console-offline-copy';
const VERSION = 1;

/** The operator as the service last confirmed them. */
export const RememberedOperator = z.object({
  email: z.string(),
  name: z.string(),
  companyAdmin: toolPermissionSchema,
  directory: toolPermissionSchema,
  /** Helpdesk (R-RST-5); a copy written before it existed reads as none until the service answers again. */
  helpdesk: z.boolean().default(false),
  confirmedAt: z.number(),
});
export type RememberedOperator = z.infer<typeof RememberedOperator>;

/** The Dashboard's headline as last answered. */
export const RememberedOverview = z.object({
  companyName: z.string(),
  mfaRequired: z.boolean(),
  deadlineDate: z.string().nullable(),
  deadlineZone: z.string(),
});

/** Every part of the copy. `takenAt` fields are this computer's clock when the service answered. */
export const OfflineParts = z.object({
  link: z.object({ lastContactAt: z.number().nullable(), lostSince: z.number().nullable() }),
  operator: RememberedOperator.nullable(),
  overview: z.object({ takenAt: z.number(), value: RememberedOverview }).nullable(),
  report: z.object({ takenAt: z.number(), value: EnrollmentReport }).nullable(),
  /** Enrollment over time, in the calendar days of the zone it names. */
  history: z.object({ takenAt: z.number(), value: EnrollmentHistory }).nullable(),
  policyHistory: z.object({ takenAt: z.number(), entries: z.array(PolicyHistoryEntry) }).nullable(),
  audit: z.object({ takenAt: z.number(), entries: z.array(AuditEntryView) }).nullable(),
  users: z.array(z.object({ takenAt: z.number(), detail: DirectoryUserDetail })),
});
export type OfflineParts = z.infer<typeof OfflineParts>;

/** The file: which service the copy is of (`mode:target`), and its parts. */
export interface OfflineSnapshot {
  source: string;
  parts: OfflineParts;
}

/** A copy with nothing in it. */
export function emptyParts(): OfflineParts {
  return { link: { lastContactAt: null, lostSince: null }, operator: null, overview: null, report: null, history: null, policyHistory: null, audit: null, users: [] };
}

/** Reads the file: null when it is missing or not ours; the parts it can read otherwise. Never throws. */
export async function readOfflineFile(file: string): Promise<OfflineSnapshot | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const head = z.object({ format: z.literal(FORMAT), version: z.literal(VERSION), source: z.string(), parts: z.record(z.string(), z.unknown()) }).safeParse(json);
  if (!head.success) return null;
  const parts = emptyParts();
  const shape = OfflineParts.shape;
  for (const key of Object.keys(shape) as (keyof OfflineParts)[]) {
    const parsed = shape[key].safeParse(head.data.parts[key]);
    if (parsed.success) (parts as Record<string, unknown>)[key] = parsed.data;
  }
  return { source: head.data.source, parts };
}

/** Writes the file atomically, readable by the current user only. */
export function writeOfflineFile(file: string, snapshot: OfflineSnapshot): Promise<void> {
  return writePrivateFile(file, JSON.stringify({ format: FORMAT, version: VERSION, ...snapshot }));
}
