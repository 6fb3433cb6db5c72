/**
 * The demo SMS outbox lives in the database (sealed with the data key), so every service instance on one database
 * reads the same messages, in the order they were sent, each exactly once after a sequence number: on both engines,
 * and on PostgreSQL with two stores sending at the same time.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretSealer } from '../../src-main/service/secrets/sealed-secret';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { smsCodeBody, type SmsMessage } from '../../src-main/service/sms/sms-sender';
import { StoreSmsOutbox } from '../../src-main/service/sms/store-sms-outbox';
import { openStore, type Store } from '../../src-main/service/store/store';
import { dropTestSchema } from '../fixtures/pg-schema';
import { testEngines } from '../fixtures/engines';
import { AT, companyRow, userRow } from '../fixtures/store-rows';

const PG_URL = process.env.MFA_TEST_PG_URL;

function message(companyId: string, email: string, code: string): SmsMessage {
  return { companyId, userId: `${companyId}:${email}`, userEmail: email, to: '+14155552671', body: smsCodeBody('Acme', code, 10), code, sentAt: AT, expiresAt: AT + 600_000 };
}

async function seed(store: Store): Promise<void> {
  await store.write(async (trx) => {
    for (const company of ['a', 'b']) {
      await trx.insertInto('companies').values(companyRow(company)).execute();
      await trx.insertInto('users').values(userRow(company, 'dana@example.com')).execute();
    }
  });
}

describe.each(testEngines('sms_outbox'))('the SMS outbox on $name', (engine) => {
  afterAll(() => engine.dispose());

  it("keeps each company's messages in order, sealed, readable after a sequence number, and drops the oldest beyond its capacity", async () => {
    const store = await engine.open();
    try {
      await seed(store);
      const sealer = await SecretSealer.open(new MemoryVault());
      const outbox = new StoreSmsOutbox(store, sealer, 3);
      for (const [company, code] of [['a', '111111'], ['b', '222222'], ['a', '333333']] as const) await outbox.send(message(company, 'dana@example.com', code));
      const all = await outbox.list('a');
      expect(all.map((entry) => entry.code)).toEqual(['111111', '333333']);
      expect(all[0]).toMatchObject({ to: '+14155552671', body: smsCodeBody('Acme', '111111', 10), userEmail: 'dana@example.com', sentAt: AT, expiresAt: AT + 600_000 });
      expect((await outbox.list('a', all[0]?.seq)).map((entry) => entry.code)).toEqual(['333333']);
      const rows = await store.db.selectFrom('sms_outbox').selectAll().execute();
      expect(JSON.stringify(rows)).not.toMatch(/111111|333333|4155552671/);

      for (const code of ['444444', '555555']) await outbox.send(message('a', 'dana@example.com', code));
      expect((await outbox.list('a')).map((entry) => entry.code)).toEqual(['333333', '444444', '555555']);
      expect((await outbox.list('b')).map((entry) => entry.code)).toEqual(['222222']);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!PG_URL)('the SMS outbox shared by two instances on PostgreSQL', () => {
  const url = PG_URL ?? '';
  const schema = `mfa_outbox_${process.pid}_${randomBytes(4).toString('hex')}`;
  afterAll(() => dropTestSchema(url, schema));

  it('numbers messages sent at once from both in commit order, so a reader following along sees each exactly once', async () => {
    const [a, b] = [await openStore({ url, schema }), await openStore({ url, schema })];
    try {
      await seed(a);
      const vault = new MemoryVault();
      const sealer = await SecretSealer.open(vault);
      const outboxes = [new StoreSmsOutbox(a, sealer), new StoreSmsOutbox(b, await SecretSealer.open(vault, { expectedKeyId: sealer.keyId }))];
      const seen: string[] = [];
      let afterSeq = 0;
      let reading = true;
      const reader = (async () => {
        while (reading) {
          const fresh = await outboxes[1]!.list('a', afterSeq);
          seen.push(...fresh.map((entry) => entry.code));
          afterSeq = fresh.at(-1)?.seq ?? afterSeq;
        }
      })();
      const codes = Array.from({ length: 40 }, (_, i) => String(100000 + i));
      await Promise.all(codes.map((code, i) => outboxes[i % 2]!.send(message('a', 'dana@example.com', code))));
      reading = false;
      await reader;
      seen.push(...(await outboxes[1]!.list('a', afterSeq)).map((entry) => entry.code));
      expect([...seen].sort()).toEqual(codes);
      const seqs = (await outboxes[0]!.list('a')).map((entry) => entry.seq);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
