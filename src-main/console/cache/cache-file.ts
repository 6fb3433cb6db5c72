/**
 * The cache file under `<dataDir>/cache/`: the company, its policy and the whole directory, stored column by column
 * (one JSON array per field, codes for enums) so 100,000 users load in a fraction of a second. Written to a temp
 * file and renamed, so a crash leaves the old file or the new one. Anything unreadable is reported as `corrupt`:
 * the caller discards it and syncs again.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DirectoryUser } from '../../../shared/api/routes/admin-common';
import { PolicyView } from '../../../shared/api/routes/admin-policy';
import { ACCOUNT_TYPES } from './directory-columns';
import { writePrivateFile } from './private-file';

/** The company fields the cache keeps. */
export const CachedCompany = z.object({ id: z.string(), name: z.string(), ssoDomains: z.array(z.string()) });
export type CachedCompany = z.infer<typeof CachedCompany>;

/** Everything the cache file holds. */
export interface CacheSnapshot {
  /** Which service the data came from (its location and company): another source means start over. */
  source: string;
  /** The service's change sequence the directory is up to date with. */
  cursor: number;
  syncedAt: number | null;
  /** Company time minus this computer's time, at the last sync (the demo company may run a shifted clock). */
  clockSkewMs: number;
  company: CachedCompany;
  policy: PolicyView | null;
  users: DirectoryUser[];
}

/** What reading the file found. */
export type CacheRead = { kind: 'missing' } | { kind: 'ok'; snapshot: CacheSnapshot } | { kind: 'corrupt'; reason: string };

const FORMAT = 'mfa-console-directory-cache';
/**
 * Version 2 added `createdAt` (the stale rule counts never-signed-in users from it), version 3 the Helpdesk
 * permission and the policy's sign-in retention; older files are rebuilt.
 */
const VERSION = 3;
const STATUSES = ['active', 'inactive'] as const;
const PERMISSIONS = ['none', 'read_only', 'standard', 'admin'] as const;
const code = (max: number) => z.number().int().min(0).max(max);
const time = z.number().nullable();

const Columns = z.object({
  id: z.array(z.string()),
  email: z.array(z.string()),
  name: z.array(z.string()),
  country: z.array(z.string()),
  timeZone: z.array(z.string()),
  status: z.array(code(1)),
  accountType: z.array(code(2)),
  companyAdmin: z.array(code(3)),
  directory: z.array(code(3)),
  helpdesk: z.array(code(1)),
  /** Bit 1 = authenticator app, bit 2 = SMS. */
  methods: z.array(code(3)),
  sso: z.array(code(1)),
  enrolledAt: z.array(time),
  lastSignInAt: z.array(time),
  lockedUntil: z.array(time),
  createdAt: z.array(z.number()),
  changeSeq: z.array(z.number()),
  /** R-DIR-5 columns; a file written before them is read, then synced again from the start to fill them. */
  passwordSetAt: z.array(time).optional(),
  invitedAt: z.array(time).optional(),
  invitationExpiresAt: z.array(time).optional(),
});
type Columns = z.infer<typeof Columns>;

const FileShape = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  source: z.string(),
  cursor: z.number().int().min(0),
  syncedAt: z.number().nullable(),
  clockSkewMs: z.number(),
  company: CachedCompany,
  policy: PolicyView.nullable(),
  users: Columns,
});

function encodeUsers(users: readonly DirectoryUser[]): Columns {
  const columns: Columns = {
    id: [], email: [], name: [], country: [], timeZone: [], status: [], accountType: [], companyAdmin: [], directory: [], helpdesk: [],
    methods: [], sso: [], enrolledAt: [], lastSignInAt: [], lockedUntil: [], createdAt: [], changeSeq: [],
  };
  const passwordSetAt: (number | null)[] = [];
  const invitedAt: (number | null)[] = [];
  const invitationExpiresAt: (number | null)[] = [];
  for (const user of users) {
    columns.id.push(user.id);
    columns.email.push(user.email);
    columns.name.push(user.name);
    columns.country.push(user.country);
    columns.timeZone.push(user.timeZone);
    columns.status.push(STATUSES.indexOf(user.status));
    columns.accountType.push(ACCOUNT_TYPES.indexOf(user.accountType));
    columns.companyAdmin.push(PERMISSIONS.indexOf(user.permissions.companyAdmin));
    columns.directory.push(PERMISSIONS.indexOf(user.permissions.directory));
    columns.helpdesk.push(user.permissions.helpdesk ? 1 : 0);
    columns.methods.push((user.methods.includes('totp') ? 1 : 0) | (user.methods.includes('sms') ? 2 : 0));
    columns.sso.push(user.sso ? 1 : 0);
    columns.enrolledAt.push(user.enrolledAt);
    columns.lastSignInAt.push(user.lastSignInAt);
    columns.lockedUntil.push(user.lockedUntil);
    columns.createdAt.push(user.createdAt);
    columns.changeSeq.push(user.changeSeq);
    passwordSetAt.push(user.passwordSetAt);
    invitedAt.push(user.invitedAt);
    invitationExpiresAt.push(user.invitationExpiresAt);
  }
  return { ...columns, passwordSetAt, invitedAt, invitationExpiresAt };
}

function decodeUsers(c: Columns): DirectoryUser[] | null {
  const n = c.id.length;
  if (Object.values(c).some((column: unknown[] | undefined) => column !== undefined && column.length !== n)) return null;
  const users: DirectoryUser[] = new Array<DirectoryUser>(n);
  for (let i = 0; i < n; i++) {
    const methods = c.methods[i] ?? 0;
    users[i] = {
      id: c.id[i] ?? '',
      email: c.email[i] ?? '',
      name: c.name[i] ?? '',
      country: c.country[i] ?? '',
      timeZone: c.timeZone[i] ?? '',
      status: STATUSES[c.status[i] ?? 0] ?? 'active',
      accountType: ACCOUNT_TYPES[c.accountType[i] ?? 0] ?? 'standard',
      permissions: {
        companyAdmin: PERMISSIONS[c.companyAdmin[i] ?? 0] ?? 'none',
        directory: PERMISSIONS[c.directory[i] ?? 0] ?? 'none',
        helpdesk: c.helpdesk[i] === 1,
      },
      methods: [...(methods & 1 ? (['totp'] as const) : []), ...(methods & 2 ? (['sms'] as const) : [])],
      sso: c.sso[i] === 1,
      enrolledAt: c.enrolledAt[i] ?? null,
      lastSignInAt: c.lastSignInAt[i] ?? null,
      lockedUntil: c.lockedUntil[i] ?? null,
      createdAt: c.createdAt[i] ?? 0,
      changeSeq: c.changeSeq[i] ?? 0,
      passwordSetAt: c.passwordSetAt?.[i] ?? null,
      invitedAt: c.invitedAt?.[i] ?? null,
      invitationExpiresAt: c.invitationExpiresAt?.[i] ?? null,
    };
  }
  return users;
}

/** Reads the cache file; never throws. */
export async function readCacheFile(file: string): Promise<CacheRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: `it could not be read (${(error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'it is not valid JSON' };
  }
  const stamp = json as { format?: unknown; version?: unknown } | null;
  if (stamp?.format === FORMAT && typeof stamp.version === 'number' && stamp.version < VERSION) return { kind: 'missing' };
  const parsed = FileShape.safeParse(json);
  if (!parsed.success) return { kind: 'corrupt', reason: 'its content is not in the expected format' };
  const users = decodeUsers(parsed.data.users);
  if (!users) return { kind: 'corrupt', reason: 'its columns have different lengths' };
  const { source, syncedAt, clockSkewMs, company, policy } = parsed.data;
  const complete = parsed.data.users.passwordSetAt !== undefined && parsed.data.users.invitedAt !== undefined && parsed.data.users.invitationExpiresAt !== undefined;
  const cursor = complete ? parsed.data.cursor : 0;
  return { kind: 'ok', snapshot: { source, cursor, syncedAt, clockSkewMs, company, policy, users } };
}

/** Writes the cache file atomically (temp file, then rename), readable by the current user only. */
export async function writeCacheFile(file: string, snapshot: CacheSnapshot): Promise<void> {
  const { users, ...rest } = snapshot;
  await writePrivateFile(file, JSON.stringify({ format: FORMAT, version: VERSION, ...rest, users: encodeUsers(users) }));
}
