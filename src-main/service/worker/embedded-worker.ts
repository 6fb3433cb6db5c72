/**
 * Entry of the embedded MFA service's worker thread (built to out/main/embedded-worker.js for the desktop app;
 * run from source under tsx in Node). See embedded-runtime.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedWorkerData } from './embedded-protocol';
import { runEmbeddedService } from './embedded-runtime';

if (!parentPort) throw new Error('embedded-worker runs only as a worker thread (new Worker(...)).');
void runEmbeddedService(parentPort, workerData as EmbeddedWorkerData);
