/**
 * One CSV import driven from the console (R-DIR-4): the renderer sends the file in pieces; whole records are sent to
 * the service in batches (each with the header row), so progress is real and the summary adds up as it goes. The
 * service's line numbers are turned back into line numbers of the file for the reports. The same file is first
 * checked (`preview`: nothing written), then applied once the operator has seen who changes and confirmed any
 * permission changes. Each batch is one transaction in the service; when one fails (the service is lost, or it
 * refuses the batch) the import stops there and says which lines were done, which were with the service when the
 * connection broke (it may or may not have applied them), and which were not sent. Importing the same file again
 * is safe: rows already imported come back unchanged.
 */
import { randomUUID } from 'node:crypto';
import { IMPORT_FIELDS, type ImportChange, type ImportQuery, type ImportResult, type ImportRowError } from '../../../shared/api/routes/admin-import';
import { csvLine } from '../../../shared/domain/csv';
import type { ImportProgress, ImportStop } from '../../../shared/ipc/channels/directory';
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import { CsvRecordSplitter } from './csv-records';

/** Sends one CSV text (header + rows) to the service's import route. */
export type ImportSink = (csv: string, query: Required<ImportQuery>) => Promise<ImportResult>;

/**
 * Most rows per request to the service. Each request is one durable write whose cost grows with the directory, so
 * fewer, larger batches are faster (100,000 rows: 5,000 a batch 19 s, 20,000 a batch about 6 s, one request 5 s).
 */
export const IMPORT_BATCH_ROWS = 20_000;

/** Characters per batch: about a fifth of the file (so progress moves in steps), from 256 KiB to 2 MiB. */
export function importBatchChars(totalBytes: number): number {
  return Math.min(2 * 1024 * 1024, Math.max(256 * 1024, Math.ceil(totalBytes / 5)));
}
/** Bad rows and changed users listed on screen; the reports have them all. */
const ERRORS_SHOWN = 50;
const CHANGES_SHOWN = 25;
const encoder = new TextEncoder();

/** An import in progress. */
export class DirectoryImport {
  readonly id = randomUUID();
  private receivedBytes = 0;
  /** Bytes of the file whose rows the service has processed. */
  private processedBytes = 0;
  private header: string | null = null;
  private headerBuffer = '';
  /** Line number in the file of the next record to send (the header is line 1). */
  private nextLine = 2;
  private readonly splitter: CsvRecordSplitter;
  private readonly totals = { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, permissionChanges: 0, invited: 0 };
  private readonly errors: ImportRowError[] = [];
  private readonly changes: ImportChange[] = [];
  private truncated = false;
  private finished = false;
  private stopped: ImportStop | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly fileName: string,
    private readonly totalBytes: number,
    private readonly sink: ImportSink,
    private readonly query: Required<ImportQuery> = { mode: 'apply', permissionChanges: 'refuse', invite: 'none' },
    batchRows = IMPORT_BATCH_ROWS,
  ) {
    this.splitter = new CsvRecordSplitter(batchRows, importBatchChars(totalBytes));
  }

  /** Takes the next piece of the file; resolves once the service has processed the whole records in it. */
  push(text: string, last: boolean): Promise<ImportProgress> {
    const next = this.queue.then(() => this.process(text, last));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The bad rows as CSV: line, email, problem. */
  errorReport(): string {
    const lines = [csvLine(['line', 'email', 'problem']), ...this.errors.map((e) => csvLine([e.line, e.email ?? '', e.message]))];
    if (this.truncated) lines.push(csvLine(['', '', 'More rows failed than the service listed; fix these and import the file again to see the rest.']));
    return lines.join('');
  }

  /** Every changed user as CSV, one line per changed field: line, email, change, field, before, after. */
  changesReport(): string {
    const lines = [csvLine(['line', 'email', 'change', 'field', 'before', 'after'])];
    for (const change of this.changes) {
      for (const field of IMPORT_FIELDS) {
        if (!(field in change.after)) continue;
        lines.push(csvLine([change.line, change.email, change.kind, field, change.before?.[field] ?? '', change.after[field] ?? '']));
      }
    }
    return lines.join('');
  }

  private async process(text: string, last: boolean): Promise<ImportProgress> {
    if (this.stopped) return this.progress();
    if (this.finished) throw new ConsoleError('conflict', 'This import has already finished. Choose the file again to import it once more.');
    this.receivedBytes += encoder.encode(text).length;
    let body = text;
    if (this.header === null) {
      this.headerBuffer += text;
      const end = this.headerBuffer.indexOf('\n');
      if (end < 0 && !last) return this.progress();
      const all = this.headerBuffer.replace(/^\uFEFF/, '');
      const cut = end < 0 ? all.length : all.indexOf('\n') + 1;
      this.header = all.slice(0, cut);
      body = all.slice(cut);
      this.headerBuffer = '';
      if (this.header.trim() === '') throw new ConsoleError('bad_request', 'The file is empty. Choose a CSV file whose first row names the columns (email, name, country, time_zone).');
      this.processedBytes += encoder.encode(this.header).length;
      if (!this.header.endsWith('\n')) this.header += '\n';
    }
    for (const batch of this.splitter.push(body, last)) {
      if (batch.text.trim() !== '') {
        try {
          await this.send(batch.text);
        } catch (error) {
          this.stop(error, batch.lines);
          return this.progress();
        }
      }
      this.nextLine += batch.lines;
      this.processedBytes += encoder.encode(batch.text).length;
    }
    if (last) this.finished = true;
    return this.progress();
  }

  private async send(rows: string): Promise<void> {
    const result = await this.sink(`${this.header ?? ''}${rows}`, this.query);
    this.totals.rows += result.rows;
    this.totals.created += result.created;
    this.totals.updated += result.updated;
    this.totals.unchanged += result.unchanged;
    this.totals.failed += result.failed;
    this.totals.permissionChanges += result.permissionChanges;
    this.totals.invited += result.invited;
    this.truncated ||= result.errorsTruncated;
    for (const error of result.errors) this.errors.push({ ...error, line: this.nextLine + error.line - 2 });
    for (const change of result.changes) this.changes.push({ ...change, line: this.nextLine + change.line - 2 });
  }

  /** A batch failed: nothing more is sent, and the progress says what was done and what was not. */
  private stop(error: unknown, lines: number): void {
    const message = error instanceof Error ? error.message : 'The import stopped.';
    // A request the service answered (a refusal) or one that never left changed nothing; a broken connection after
    // the request left leaves the batch in doubt.
    const sent = error instanceof ConsoleError && error.code === IPC_ERROR.serviceUnavailable ? error.details?.delivery !== 'not_sent' : !(error instanceof ConsoleError);
    const inDoubt = sent ? { fromLine: this.nextLine, toLine: this.nextLine + lines - 1 } : null;
    this.stopped = { message, doneThroughLine: this.nextLine - 1, inDoubt, notDoneFromLine: inDoubt ? inDoubt.toLine + 1 : this.nextLine };
    this.finished = true;
  }

  private progress(): ImportProgress {
    return {
      importId: this.id,
      receivedBytes: this.receivedBytes,
      processedBytes: this.finished && !this.stopped ? this.receivedBytes : this.processedBytes,
      totalBytes: this.totalBytes,
      rowsProcessed: this.totals.rows,
      created: this.totals.created,
      updated: this.totals.updated,
      unchanged: this.totals.unchanged,
      failed: this.totals.failed,
      permissionChanges: this.totals.permissionChanges,
      invited: this.totals.invited,
      preview: this.query.mode === 'preview',
      finished: this.finished,
      errors: this.errors.slice(0, ERRORS_SHOWN),
      changes: this.changes.slice(0, CHANGES_SHOWN),
      changesTotal: this.changes.length,
      stopped: this.stopped,
    };
  }
}

/** The imports of one console (the last few are kept so their error reports can be downloaded). */
export class DirectoryImports {
  private readonly imports = new Map<string, DirectoryImport>();

  constructor(private readonly keep = 5) {}

  /** Starts a new import (or a check of the file, with `mode: 'preview'`). */
  start(fileName: string, totalBytes: number, sink: ImportSink, query?: Required<ImportQuery>, batchRows = IMPORT_BATCH_ROWS): DirectoryImport {
    const created = new DirectoryImport(fileName, totalBytes, sink, query, batchRows);
    this.imports.set(created.id, created);
    while (this.imports.size > this.keep) this.imports.delete(this.imports.keys().next().value ?? '');
    return created;
  }

  /** An import by id; a plain-words error when the console no longer knows it. */
  get(id: string): DirectoryImport {
    const found = this.imports.get(id);
    if (!found) throw new ConsoleError('not_found', 'The console no longer knows this import. Choose the file again to import it.');
    return found;
  }
}
