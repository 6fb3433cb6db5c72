/**
 * Child process of `npm run bench`: a console backend (main thread + the embedded service's worker) on an
 * existing data folder, as at a start of the desktop app, after a full directory sync and the enrollment report.
 * Prints its RSS in MB, so the figure is the steady state of a console with that directory, not the bench's own
 * heap after an import. Usage: node --import tsx test/bench/bench-rss-child.ts <dataDir>
 */
import { startBenchService } from './bench-service';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: bench-rss-child.ts <dataDir>');
const service = await startBenchService(dataDir);
let cursor: string | null = null;
do {
  const page: { nextCursor: string | null } = await service.client.call('adminUsersList', { query: { limit: 1000, ...(cursor ? { cursor } : {}) } });
  cursor = page.nextCursor;
} while (cursor !== null);
await service.client.call('adminEnrollmentReport', { query: {} });
process.stdout.write(`${(process.memoryUsage().rss / 2 ** 20).toFixed(1)}\n`);
await service.close();
