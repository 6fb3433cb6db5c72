/**
 * The load bench's tools: one autocannon run bounded in requests (`amount`) and in time (a hard stop), the children
 * it loads (the standalone service, the bare server), and one printed line per figure with the load average beside
 * it (the machine is shared, so figures move with the neighbours' work).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { fmt } from './bench-stats';

/** Connections per run (spread over the targets). */
export const CONNECTIONS = 10;

/** What one run measured: accepted answers per second over the run, latency quantiles, and what went wrong. */
export interface LoadResult {
  accepted: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  refused: number;
  /** The refusals by status code, e.g. `409×3`. */
  refusals: string;
  errors: number;
  load: number;
}

/** One request's varying parts: headers and JSON body. */
export interface RequestParts {
  headers: Record<string, string>;
  body?: unknown;
}

/** A run against `urls` (connections spread over them): `amount` requests at most, stopped after `seconds` anyway. */
export async function runLoad(options: {
  urls: string[];
  method: 'GET' | 'POST';
  path: string;
  amount: number;
  seconds: number;
  next: () => RequestParts;
}): Promise<LoadResult> {
  // autocannon ends a run that reached its `amount` only at its next one-second sample, so its own duration can be up
  // to a second long: the run's time here is from its start to its last answer.
  let started = 0;
  let lastAnswer = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    started = performance.now();
    const instance = autocannon(
      {
        // autocannon takes several URLs and spreads the connections over them (its types say one string).
        url: options.urls as unknown as string,
        connections: CONNECTIONS,
        amount: options.amount,
        timeout: 10,
        requests: [
          {
            method: options.method,
            path: options.path,
            setupRequest: (request) => {
              const parts = options.next();
              return {
                ...request,
                headers: { ...request.headers, ...parts.headers, ...(parts.body === undefined ? {} : { 'content-type': 'application/json' }) },
                ...(parts.body === undefined ? {} : { body: JSON.stringify(parts.body) }),
              };
            },
          },
        ],
      },
      (error, outcome) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(outcome)),
    );
    const hardStop = setTimeout(() => instance.stop(), options.seconds * 1000);
    instance.on('response', () => (lastAnswer = performance.now()));
    instance.on('done', () => clearTimeout(hardStop));
  });
  const accepted = result['2xx'];
  const seconds = started > 0 && lastAnswer > started ? (lastAnswer - started) / 1000 : result.duration;
  return {
    accepted,
    seconds,
    perSecond: accepted / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    refused: result.non2xx,
    refusals: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, stats]) => `${code}×${stats.count ?? 0}`)
      .join(', '),
    errors: result.errors + result.timeouts,
    load: os.loadavg()[0] ?? 0,
  };
}

/** One figure line: `name: N req/s · p50 … · p99 … (accepted in s; load average)`, with refusals said aloud. */
export function loadLine(name: string, result: LoadResult): string {
  const problems = result.refused + result.errors > 0 ? ` · ${result.refused} refused (${result.refusals}), ${result.errors} errors (the figure counts accepted answers only)` : '';
  return (
    `${name}: ${fmt(result.perSecond, 0)} req/s · p50 ${fmt(result.p50)} ms · p99 ${fmt(result.p99)} ms ` +
    `(${result.accepted} accepted in ${fmt(result.seconds, 1)} s; load average ${fmt(result.load, 1)})${problems}`
  );
}

/** The ratio line of `value` to `baseline` against a goal (≥). */
export function ratioLine(name: string, value: number, baseline: number, goal?: number): string {
  const ratio = value / baseline;
  const verdict = goal === undefined ? '' : ` · goal ≥ ${fmt(goal)} ${ratio >= goal ? 'met' : 'NOT met'}`;
  return `${name}: ${fmt(ratio)}${verdict}`;
}

/** A child that prints `<label>: http://127.0.0.1:N` once it listens. */
export interface ListeningChild {
  url: string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script> …args` from the repository root; resolves once it printed its address. */
export async function startListeningChild(script: string, args: string[], label: string, env: NodeJS.ProcessEnv = {}): Promise<ListeningChild> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not listen within 90 s:\n${err}`)), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`^${label}: (http://127\\.0\\.0\\.1:\\d+)`, 'm').exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening:\n${err}`));
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
