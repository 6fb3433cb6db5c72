/**
 * The MFA service's database, as Kysely sees it. One schema for both engines (SQLite via node:sqlite, PostgreSQL):
 * only portable column types are used — text, integer (64-bit safe numbers), and JSON stored as text.
 * Times are epoch milliseconds (integer). Booleans are 0/1 integers.
 */
import type { Generated } from 'kysely';

/** A company: the tenant. The embedded console has exactly one (the demo company). */
export interface CompaniesTable {
  id: string;
  name: string;
  /** JSON array of lower-case domains whose users are SSO users (R-DIR-2). */
  sso_domains: string;
  /** 1 for the seeded demo company: only it may shift its simulated clock (R-CON-2). */
  is_demo: number;
  /** Simulated clock: milliseconds added to real time for this company's rules. 0 outside demos. */
  clock_offset_ms: number;
  created_at: number;
}

/** The company MFA policy (R-POL-*): one row per company. */
export interface PoliciesTable {
  company_id: string;
  required: number;
  /** Calendar date YYYY-MM-DD in `deadline_zone`, or null when no deadline is set. */
  deadline_date: string | null;
  /** IANA zone the deadline date is read in (the admin's zone when they saved it). */
  deadline_zone: string;
  /** JSON array of allowed method kinds: "totp" is always present, "sms" optional. */
  allowed_methods: string;
  sms_code_ttl_minutes: number;
  lockout_threshold: number;
  lockout_minutes: number;
  /** Idle timeout of end-user sessions in minutes; null = sessions never expire from inactivity (R-POL-7). */
  session_idle_minutes: number | null;
  /** Absolute lifetime of every session in hours, whatever the activity (R-AUTH-4; default 12). */
  session_lifetime_hours: number;
  /** JSON array of { id, label } identity checks for verified resets (R-RST-3). */
  reset_checklist: string;
  stale_after_days: number;
  /** Days sign-in activity is kept (R-LOG-1; migration 007, default 90). */
  sign_in_retention_days: Generated<number>;
  version: number;
  updated_at: number;
  updated_by: string | null;
}

/** Directory users (R-DIR-1). `change_seq` drives the console's incremental cache sync. */
export interface UsersTable {
  id: string;
  company_id: string;
  email: string;
  /** Lower-cased email: the unique key (R-DIR-1 compares case-insensitively). */
  email_lower: string;
  name: string;
  /** `searchText({ name, email })` of shared/domain/search.ts: what the directory search matches (migration 003). */
  search_text: string;
  status: 'active' | 'inactive';
  country: string;
  time_zone: string;
  account_type: 'standard' | 'payments_payor' | 'payments_payee_admin';
  perm_company_admin: 'none' | 'read_only' | 'standard' | 'admin';
  perm_directory: 'none' | 'read_only' | 'standard' | 'admin';
  /** 1 = the Helpdesk permission (R-RST-5; migration 007). */
  perm_helpdesk: Generated<number>;
  /** scrypt$N$r$p$salt$hash (base64url); null = cannot sign in with a password. */
  password_hash: string | null;
  last_sign_in_at: number | null;
  /** "Always require 2FA to log into my account" (R-AUTH-3). */
  always_require_mfa: number;
  /** First completed enrollment; null = not enrolled. */
  enrolled_at: number | null;
  /** Consecutive failed MFA attempts, any method (R-AUTH-2). */
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  /**
   * Global, strictly increasing write sequence of the last numbered change to this row or its methods. A change the
   * user made themselves may still be pending (`pending_changes`); the sync numbers it before it reads.
   */
  change_seq: number;
  /** When the current password was set; null = no password (never invited, or invitation not accepted yet). */
  password_set_at: number | null;
  /** When the last invitation was sent (R-DIR-5); null = never invited. */
  invited_at: number | null;
  /** When the last invitation's link stops working; null once it was used or revoked. */
  invitation_expires_at: number | null;
}

/** Confirmed or pending MFA methods. One TOTP per user (R-TOTP-3); one SMS phone per user. */
export interface MfaMethodsTable {
  id: string;
  user_id: string;
  kind: 'totp' | 'sms';
  /** AES-256-GCM sealed TOTP secret (never in clear, R-TOTP-1 / secrets at rest). */
  secret_sealed: string | null;
  /** E.164 number for SMS. */
  phone_e164: string | null;
  /** Last accepted TOTP time step: a step at or before it is a replay (R-TOTP-2). */
  last_step: number | null;
  /** null while being set up; set when the user confirmed it with a code. */
  confirmed_at: number | null;
  created_at: number;
  /** Wrong codes typed against this method while it was being set up; too many restart the set-up. */
  setup_failures: Generated<number>;
}

/** The single active recovery code of a user: only a salted hash (R-REC-1). */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: number;
}

/** One-time SMS codes: only the hash is stored (R-SMS-1). */
export interface SmsCodesTable {
  id: string;
  user_id: string;
  purpose: 'enroll' | 'sign_in' | 'change_phone' | 'step_up';
  phone_e164: string;
  code_hash: string;
  expires_at: number;
  sent_at: number;
  used_at: number | null;
  voided_at: number | null;
}

/**
 * Sign-in transactions and sessions. A row starts at `stage = 'password_ok'` after the password check,
 * moves through setup/challenge, and becomes `active` when the user is signed in.
 * Only the SHA-256 of the opaque token is stored.
 */
export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  stage: 'setup' | 'challenge' | 'recovery_ack' | 'active';
  created_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  /** Last passed MFA challenge (step-up freshness, R-PAY-2). */
  mfa_at: number | null;
  /** Last activity inside the Payments tool; idle > 30 min demands a new challenge (R-PAY-2). */
  payments_seen_at: number | null;
  /** JSON of flow-specific state (e.g. pending enrollment method id). */
  flow: string;
}

/** A rollout message's wording as a company's admins wrote it (R-RPT-2); absent = the default wording. */
export interface RolloutWordingTable {
  company_id: string;
  kind: 'announcement' | 'reminder_30' | 'reminder_7' | 'reminder_1';
  subject: string;
  body: string;
  updated_at: number;
  updated_by_email: string | null;
}

/** Append-only, hash-chained audit log (R-AUD-1). */
export interface AuditLogTable {
  seq: Generated<number>;
  company_id: string;
  /** Real time (epoch ms). */
  at: number;
  /** The company's simulated time when its demo clock was shifted; null otherwise. */
  company_at: number | null;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_id: string | null;
  target_email: string | null;
  /** JSON or null. */
  before: string | null;
  after: string | null;
  evidence: string | null;
  prev_hash: string;
  hash: string;
}

/** One-time invitation and password-reset links (R-DIR-5): only the SHA-256 of the token is stored. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  /** The admin who sent it; null when the user asked for it (forgot password, new link). */
  created_by: string | null;
}

/**
 * Outgoing email: the retry queue and, for the demo company, the Mail app's outbox. `sealed_content` holds the
 * text and HTML sealed with the data key (they carry a one-time link); it is erased once a real send succeeded.
 */
export interface MailMessagesTable {
  seq: Generated<number>;
  id: string;
  company_id: string;
  user_id: string | null;
  kind: 'invitation' | 'password_reset' | 'sso_notice' | 'password_changed' | 'test';
  to_address: string;
  subject: string;
  sealed_content: string | null;
  status: 'pending' | 'sent' | 'failed' | 'cancelled';
  /** How it left: `smtp`, or `outbox` (demo only). */
  transport: string | null;
  attempts: number;
  next_attempt_at: number | null;
  /** A sender working on the message holds it until then (several service instances share one database). */
  lease_until: number | null;
  /** The last failure in plain words (server and reason, never a password). */
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

/**
 * A company's audit webhook (R-AUD-2) and where its delivery stands. `delivered_seq` is the cursor: every entry up to
 * it was accepted by the receiver. An instance delivering holds the row's lease (`lease_owner` until `lease_until`).
 */
export interface AuditWebhooksTable {
  company_id: string;
  url: string;
  enabled: number;
  /** The HMAC signing secret, sealed with the data key (never in clear, never answered back). */
  secret_sealed: string;
  secret_set_at: number;
  delivered_seq: number;
  last_success_at: number | null;
  /** Failed tries in a row. */
  failures: number;
  /** The last failure in plain words (never the secret). */
  last_error: string | null;
  last_error_at: number | null;
  /** While retrying: no try before this instant. */
  next_attempt_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
  /** The admin who changed it last. */
  updated_by: string | null;
}

/**
 * Wrong passwords per typed email (R-AUTH-2: per account, as well as per address). Keyed by an HMAC of the
 * lower-cased email, so unknown emails are throttled exactly like known ones and no typed email is stored.
 */
export interface PasswordThrottleTable {
  email_key: string;
  /** Wrong passwords in a row. */
  failures: number;
  /** No password is checked for this email before this instant (epoch ms). */
  blocked_until: number;
  last_failure_at: number;
}

/**
 * Temporary access codes (R-RST-6): one-time codes a helpdesk issues after the verified checklist. Only an HMAC of
 * the code under the service's code key is stored, bound to the row id. Issuing a new one revokes the previous one.
 */
export interface AccessCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  issued_by_id: string;
  issued_by_email: string;
}

/**
 * Sign-in activity (R-LOG-1): one row per attempt at a step of the sign-in, apart from the audit chain and pruned
 * after the policy's retention. No password, code or token is ever stored. `company_id` is null only for an unknown
 * email that no company of a multi-company service can be told from.
 */
export interface SignInActivityTable {
  seq: Generated<number>;
  company_id: string | null;
  /** Real time (epoch ms). */
  at: number;
  /** The email as typed (cut to 320 characters). */
  email_typed: string;
  /** Lower-cased, trimmed email: exact-email lookups. */
  email_lower: string;
  user_id: string | null;
  outcome: string;
  method: string | null;
  /** What the person was told, in the service's words (never a secret). */
  detail: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** The demo SMS outbox (R-CON-2), shared by every service instance on the database; contents sealed. */
export interface SmsOutboxTable {
  /** Increasing in commit order: readers ask for messages after the last one they saw. */
  seq: number;
  id: string;
  company_id: string;
  user_id: string;
  user_email: string;
  /** `{ to, body, code }` as JSON, sealed with the data key. */
  sealed_message: string;
  /** Company time of sending and of the code's expiry (epoch ms). */
  sent_at: number;
  expires_at: number;
}

/** Key/value metadata (data, SMS-code and audit key ids and fingerprints, database id, global change sequence). */
export interface MetaTable {
  key: string;
  value: string;
}

/**
 * Users changed by a write that left the numbering to the sync (their own sign-in and set-up steps, migration 012):
 * the changed-since sync gives each the next change sequence number, then removes the row (numberPendingChanges).
 */
export interface PendingChangesTable {
  user_id: string;
}

export interface Database {
  companies: CompaniesTable;
  policies: PoliciesTable;
  users: UsersTable;
  mfa_methods: MfaMethodsTable;
  recovery_codes: RecoveryCodesTable;
  sms_codes: SmsCodesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  password_throttle: PasswordThrottleTable;
  access_codes: AccessCodesTable;
  sign_in_activity: SignInActivityTable;
  sms_outbox: SmsOutboxTable;
  meta: MetaTable;
  pending_changes: PendingChangesTable;
  account_tokens: AccountTokensTable;
  mail_messages: MailMessagesTable;
  audit_webhooks: AuditWebhooksTable;
  rollout_wording: RolloutWordingTable;
}
