/**
 * The load bench's baseline (issue 13): a bare Fastify server doing the MFA challenge's crypto and the least database
 * work any implementation needs, in its own process like the service. Run by bench-load.ts:
 * `node --import tsx test/bench/bench-bare-server.ts <postgres URL with search_path> <key folder> <token key hex>`;
 * prints `Bare: http://127.0.0.1:N`.
 *
 * - `POST /bare/challenge` `{ code }`: checks the bearer token `userId.hmac` (HMAC-SHA256), reads the user's TOTP
 *   method by its index, opens the sealed secret (AES-256-GCM, the service's sealer and key), verifies the code
 *   (the same `verifyTotp`) and records the step with one conditional UPDATE (replay protection).
 * - `GET /bare/security`: checks the token and reads the user's row by its primary key.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { verifyTotp } from '../../shared/domain/totp';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { SecretSealer } from '../../src-main/service/secrets/sealed-secret';
import { bareToken } from './bench-load-users';

const [url, keyDir, tokenKeyHex] = process.argv.slice(2);
if (!url || !keyDir || !tokenKeyHex) {
  console.error('Usage: bench-bare-server.ts <postgres URL> <key folder> <token key hex>');
  process.exit(1);
}
const tokenKey = Buffer.from(tokenKeyHex, 'hex');

function tokenUser(authorization: string | undefined): string | null {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const expected = Buffer.from(bareToken(tokenKey, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

async function main(): Promise<void> {
  const sealer = await SecretSealer.open(await openVault({ dir: keyDir as string, prefer: 'file' }));
  const pool = new pg.Pool({ connectionString: url });
  const app = Fastify({ logger: false });

  app.post<{ Body: { code: string } }>('/bare/challenge', async (request, reply) => {
    const userId = tokenUser(request.headers.authorization);
    if (!userId) return reply.code(401).send({ error: 'token' });
    const { rows } = await pool.query<{ id: string; secret_sealed: string; last_step: string | null }>(
      "select id, secret_sealed, last_step from mfa_methods where user_id = $1 and kind = 'totp' and confirmed_at is not null",
      [userId],
    );
    const method = rows[0];
    if (!method) return reply.code(404).send({ error: 'method' });
    const secret = await sealer.open(method.secret_sealed);
    const verdict = verifyTotp(secret, request.body.code, Date.now(), method.last_step === null ? null : Number(method.last_step));
    if (!verdict.ok) return reply.code(422).send({ error: verdict.reason });
    const updated = await pool.query('update mfa_methods set last_step = $1 where id = $2 and (last_step is null or last_step < $1)', [verdict.step, method.id]);
    if (updated.rowCount !== 1) return reply.code(422).send({ error: 'replay' });
    return { step: 'signed_in' };
  });

  app.get('/bare/security', async (request, reply) => {
    const userId = tokenUser(request.headers.authorization);
    if (!userId) return reply.code(401).send({ error: 'token' });
    const { rows } = await pool.query('select * from users where id = $1', [userId]);
    const user = rows[0] as { email: string; name: string; account_type: string } | undefined;
    if (!user) return reply.code(404).send({ error: 'user' });
    return { email: user.email, name: user.name, accountType: user.account_type };
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`Bare: ${address}`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
