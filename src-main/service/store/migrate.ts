/**
 * Schema migrations: Kysely's Migrator over an in-code provider, run on every open.
 * Each migration runs in a transaction on both engines, so a failure leaves the database as it was.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialMigration } from './migrations/001-initial';
import { companyTimeAndCheckRecordsMigration } from './migrations/002-company-time-and-check-records';
import { searchTextMigration } from './migrations/003-search-text';
import { securityHardeningMigration } from './migrations/004-security-hardening';
import { invitationsMigration } from './migrations/006-invitations';
import { helpdeskAndSignInActivityMigration } from './migrations/007-helpdesk-and-sign-in-activity';
import { sharedSmsOutboxMigration } from './migrations/008-shared-sms-outbox';
import { rolloutWordingMigration } from './migrations/009-rollout-wording';
import { auditWebhooksMigration } from './migrations/010-audit-webhooks';
import { pendingChangesMigration } from './migrations/011-pending-changes';
import { pendingChangesTableMigration } from './migrations/012-pending-changes-table';
import type { Database } from './schema';
import type { StoreEngine } from './store';
import { StoreError, describeCause } from './store-error';

/** Every migration, by name; names sort in the order they must run. Never rename or remove one. */
const MIGRATIONS: Record<string, (engine: StoreEngine) => Migration> = {
  '001-initial': initialMigration,
  '002-company-time-and-check-records': companyTimeAndCheckRecordsMigration,
  '003-search-text': searchTextMigration,
  '004-security-hardening': securityHardeningMigration,
  '006-invitations': invitationsMigration,
  '007-helpdesk-and-sign-in-activity': helpdeskAndSignInActivityMigration,
  '008-shared-sms-outbox': sharedSmsOutboxMigration,
  '009-rollout-wording': rolloutWordingMigration,
  '010-audit-webhooks': auditWebhooksMigration,
  '011-pending-changes': pendingChangesMigration,
  '012-pending-changes-table': pendingChangesTableMigration,
};

/** The in-code migration provider for one engine. */
export function migrationProvider(engine: StoreEngine): MigrationProvider {
  return {
    async getMigrations() {
      return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, create]) => [name, create(engine)]));
    },
  };
}

/**
 * Brings the database to the latest schema; returns the names of the migrations it applied.
 * On PostgreSQL pass the schema the tables live in: Kysely otherwise takes a migration table of any schema
 * for its own.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  engine: StoreEngine,
  location: string,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(engine),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined) return results.map((result) => result.migrationName);

  const message = describeCause(error);
  if (/previously executed migration .* (is missing|to be at index)/.test(message)) {
    throw new StoreError(
      'newer-database',
      `The database ${location} was upgraded by a newer version of the MFA service, which this version cannot ` +
        `read (${message}). Install the newer version again, or open a different database.`,
      { cause: error },
    );
  }
  const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'preparing migrations';
  throw new StoreError(
    'migration-failed',
    `Could not upgrade the database ${location} to this version: step "${failed}" failed (${message}). ` +
      'Nothing was changed. Keep the database as it is, and report this error together with the version you run.',
    { cause: error },
  );
}
