// The import job runner: rows are checked with the same rules as POST /people and written in batches, each
// batch one transaction as the importing user (row-level security and audit apply) holding the people it
// creates AND each row's outcome. A crash loses at most the open batches; a resume skips rows that have an
// outcome, so nobody is created twice.
import type { Lang, TImportMapping } from '@atensi/contracts';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../../db/client.ts';
import { appUser, importJob, importRow } from '../../db/schema.ts';
import { type DbActor, withActorTransaction } from '../../db/transaction.ts';
import { findPolicy, type Scope, scopeFor } from '../../policy.ts';
import { checkRows, type JobShape, loadJobLookups } from './import.check.ts';
import { timer, writeChecked } from './import.write.ts';
import { digitsOnly } from './spreadsheet.ts';

export type JobActor = DbActor & { scope: Scope };

export type RunOptions = {
  batchSize?: number;
  /**
   * Batches written at once, each in its own transaction (default: 2 on a PostgreSQL server, 1 on PGlite,
   * which has one connection). This process checks the next batch while the database writes.
   */
  parallel?: number;
  lang?: Lang;
  /** Tests: called after each committed batch; throwing stops the run as a crash would. */
  afterBatch?: (batchNo: number) => void | Promise<void>;
  /** The benchmark: milliseconds spent per step, summed over batches. */
  timings?: Map<string, number>;
};
export type SheetLoader = (storageKey: string) => Promise<{ headers: string[]; rows: string[][] }>;

const MAX_BATCH = 2000;
const MIN_BATCH = 100;
const PGLITE_PAUSE_MS = 20;
const isServer = (db: Db) => (db as { $client?: unknown }).$client instanceof pg.Pool;

/** Run (or resume) one job to the end. Returns when done, failed, or asked to stop. */
export async function runImport(
  db: Db,
  load: SheetLoader,
  jobId: string,
  actor: JobActor,
  opts: RunOptions & { shouldStop?: () => boolean } = {},
): Promise<void> {
  const server = isServer(db);
  const parallel = Math.max(1, opts.parallel ?? (server ? 2 : 1));
  const lang = opts.lang ?? 'id';
  const time = timer(opts.timings);
  const start = await withActorTransaction(db, actor, async (tx) => {
    const [job] = await tx.select().from(importJob).where(eq(importJob.id, jobId)).for('update');
    if (!job?.mapping || job.status === 'completed') return null;
    await tx
      .update(importJob)
      .set({
        status: 'running',
        errorMessage: null,
        startedAt: job.startedAt ?? new Date(),
        updatedAt: new Date(),
      })
      .where(eq(importJob.id, jobId));
    const done = await tx
      .select({ rowNo: importRow.rowNo, outcome: importRow.outcome })
      .from(importRow)
      .where(eq(importRow.jobId, jobId));
    return { job, lookups: await loadJobLookups(tx), done: new Map(done.map((d) => [d.rowNo, d.outcome])) };
  });
  if (!start) return;
  const { job, lookups, done } = start;
  try {
    const sheet = await load(job.storageKey);
    const shape: JobShape = {
      unitId: job.unitId,
      headers: sheet.headers,
      mapping: (job.mapping ?? {}) as TImportMapping,
    };
    const nikIdx = sheet.headers.indexOf(
      Object.entries(shape.mapping).find(([, f]) => f === 'nik')?.[0] ?? '',
    );
    const seen = new Map<string, number>();
    const pending: { rowNo: number; cells: string[] }[] = [];
    sheet.rows.forEach((cells, i) => {
      const rowNo = i + 2;
      if (!done.has(rowNo)) pending.push({ rowNo, cells });
      else if (done.get(rowNo) === 'created' && nikIdx >= 0) {
        // A resumed run still knows which NIKs earlier rows of this file created.
        seen.set(digitsOnly(cells[nikIdx] ?? ''), rowNo);
      }
    });
    // 2,000 rows a statement (fewer statements, each trigger called once per table and batch); a smaller
    // file in about twenty batches, so that its progress bar still moves.
    const batchSize =
      opts.batchSize ?? Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(pending.length / 20)));
    // Batches are taken and checked in file order (the check is synchronous, so "same as line N" always
    // points to an earlier row); up to `parallel` of them are being written at once. Each batch commits its
    // people with its rows' outcomes; the primary key of import_row makes a batch that another run already
    // wrote fail and retry, finding its rows done.
    let next = 0;
    let committed = 0;
    let failure: { err: unknown } | null = null;
    const lane = async () => {
      while (!failure && next * batchSize < pending.length) {
        if (opts.shouldStop?.()) return; // left 'running': resumed at the next start
        const rows = pending.slice(next * batchSize, (next + 1) * batchSize);
        next++;
        const t0 = performance.now();
        const checked = checkRows(shape, rows, lookups, lang, seen);
        opts.timings?.set(
          'check (this process)',
          (opts.timings.get('check (this process)') ?? 0) + performance.now() - t0,
        );
        try {
          const running = await withRetry(() =>
            time('batch transaction', () =>
              withActorTransaction(db, actor, (tx) =>
                writeChecked(tx, jobId, shape, job.createdBy, checked, lang, time),
              ),
            ),
          );
          if (!running) return;
          await opts.afterBatch?.(++committed);
          // PGlite runs each statement on this thread and a batch's transaction can finish without handing
          // the event loop back: give waiting requests (the progress bar's polls) a turn between batches.
          if (!server) await new Promise((resolve) => setTimeout(resolve, PGLITE_PAUSE_MS));
        } catch (err) {
          failure ??= { err };
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
    if (failure) throw (failure as { err: unknown }).err;
    if (opts.shouldStop?.() && next * batchSize < pending.length) return;
    await withActorTransaction(db, actor, (tx) =>
      tx
        .update(importJob)
        .set({ status: 'completed', finishedAt: new Date(), updatedAt: new Date() })
        .where(sql`${importJob.id} = ${jobId} and ${importJob.status} = 'running'`),
    );
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
    await withActorTransaction(db, actor, (tx) =>
      tx
        .update(importJob)
        .set({ status: 'failed', errorMessage: message, updatedAt: new Date() })
        .where(eq(importJob.id, jobId)),
    ).catch(() => {});
    throw err;
  }
}

/**
 * Run a batch again when it collided: a person registered by hand between the check and the insert, or rows
 * another run of the job wrote (unique violation), or two batches adding the same new name words in opposite
 * order (deadlock). The batch is checked against the registry again and skips rows already done.
 */
async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code =
        (err as { code?: string; cause?: { code?: string } }).code ??
        (err as { cause?: { code?: string } }).cause?.code;
      if ((code !== '23505' && code !== '40P01') || i >= attempts) throw err;
    }
  }
}

// ---- jobs running in this process ----

type Handle = { stop: boolean; done: Promise<void> };
const running = new WeakMap<Db, Map<string, Handle>>();

function handles(db: Db): Map<string, Handle> {
  let m = running.get(db);
  if (!m) {
    m = new Map();
    running.set(db, m);
  }
  return m;
}

export function isRunningHere(db: Db, jobId: string): boolean {
  return handles(db).has(jobId);
}

/** Start a job in the background (no-op when it already runs in this process). */
export function startImport(
  db: Db,
  load: SheetLoader,
  jobId: string,
  actor: JobActor,
  log: { error: (obj: object, msg: string) => void },
  opts: RunOptions = {},
): Promise<void> {
  const m = handles(db);
  const current = m.get(jobId);
  if (current) return current.done;
  const handle: Handle = { stop: false, done: Promise.resolve() };
  handle.done = runImport(db, load, jobId, actor, { ...opts, shouldStop: () => handle.stop })
    .catch((err: unknown) => log.error({ err, jobId }, 'import job failed'))
    .finally(() => m.delete(jobId));
  m.set(jobId, handle);
  return handle.done;
}

/** On shutdown: let each running job finish its open batch, then stop (it resumes at the next start). */
export async function stopImports(db: Db): Promise<void> {
  const m = handles(db);
  for (const h of m.values()) h.stop = true;
  await Promise.all([...m.values()].map((h) => h.done));
}

/** At start: resume jobs left 'running' by a stopped or crashed process, as the user who started them. */
export async function resumeImports(
  db: Db,
  load: SheetLoader,
  log: { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void },
): Promise<string[]> {
  const jobs = await db
    .select({ id: importJob.id, createdBy: importJob.createdBy })
    .from(importJob)
    .where(eq(importJob.status, 'running'));
  const policy = findPolicy('POST', '/api/v1/people/imports/:id/run');
  const resumed: string[] = [];
  for (const j of jobs) {
    if (isRunningHere(db, j.id)) continue;
    const [user] = j.createdBy
      ? await db.select().from(appUser).where(eq(appUser.id, j.createdBy)).limit(1)
      : [];
    const scope = user?.isActive && policy ? scopeFor(policy, user.role as never) : null;
    if (!user || !scope) {
      await db
        .update(importJob)
        .set({
          status: 'failed',
          errorMessage: 'the importing user may no longer import',
          updatedAt: new Date(),
        })
        .where(eq(importJob.id, j.id));
      continue;
    }
    log.info({ jobId: j.id }, 'resuming import job');
    void startImport(
      db,
      load,
      j.id,
      {
        userId: user.id,
        username: user.username,
        role: user.role,
        unitId: user.unitId,
        ip: null,
        requestId: `resume-${j.id}`,
        scope,
      },
      log,
    );
    resumed.push(j.id);
  }
  return resumed;
}
