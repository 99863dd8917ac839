// The import job runner: rows are checked with the same rules as POST /people and written in batches, each
// batch one transaction as the importing user (row-level security and audit apply) holding the people it
// creates AND each row's outcome. A crash loses at most the open batch; a resume skips rows that have an
// outcome, so nobody is created twice.
import { randomUUID } from 'node:crypto';
import {
  type Lang,
  type TErrorDetail,
  type TImportField,
  type TImportMapping,
  ZCreatePersonRequest,
} from '@atensi/contracts';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import {
  appUser,
  area,
  cluster,
  importJob,
  importRow,
  person,
  personAlias,
  personCluster,
  personKk,
  personPhone,
  personPpks,
  personUnit,
  ppksCategory,
} from '../../db/schema.ts';
import { type DbActor, withActorTransaction } from '../../db/transaction.ts';
import { detailsFromZodIssues } from '../../lib/errors.ts';
import { findPolicy, type Scope, scopeFor } from '../../policy.ts';
import { insertRows } from './import.write.ts';
import * as repo from './people.repository.ts';
import { checkFields, columns, type FieldLookups } from './people.service.ts';
import {
  areaCode,
  digitsOnly,
  maritalStatus,
  parseDate,
  parseSex,
  religion,
  splitList,
} from './spreadsheet.ts';

export type JobActor = DbActor & { scope: Scope };
type Person = z.output<typeof ZCreatePersonRequest>;
type Existing = { personId: string | null; unit: { id: string; code: string; name: string } | null };

export type Assessed = {
  rowNo: number;
  outcome: 'valid' | 'invalid' | 'duplicate';
  messages: TErrorDetail[];
  /** Mapped field → value as understood, for the preview. */
  values: Record<string, string>;
  existing: (Existing & { rowNo: number | null }) | null;
  person: Person | null;
  parts: ReturnType<typeof checkFields>['value'] | null;
};

export type JobShape = { unitId: string; headers: string[]; mapping: TImportMapping };

/**
 * Reference lookups for a whole job: provinces (NIK rule), clusters and PPKS are small tables; every area code
 * (about 92,000, read in tens of milliseconds) so that rows are checked here without a query per batch.
 */
export async function loadJobLookups(tx: Tx) {
  const areas = await queryRows<{ code: string }>(tx, sql`select code from ${area}`);
  return {
    provinces: await repo.provinceCodes(tx),
    areas: new Set(areas.map((r) => r.code)),
    clusters: new Set((await tx.select({ code: cluster.code }).from(cluster)).map((r) => r.code)),
    ppks: new Set((await tx.select({ no: ppksCategory.no }).from(ppksCategory)).map((r) => r.no)),
  };
}
export type JobLookups = Awaited<ReturnType<typeof loadJobLookups>>;

const text = (lang: Lang, id: string, en: string) => (lang === 'id' ? id : en);

/** One row's cells → the create-person request, with problems found while reading the cells. */
export function toInput(job: JobShape, cells: string[], lang: Lang) {
  const input: Record<string, unknown> = { unitId: job.unitId, confirmNew: true };
  const problems: TErrorDetail[] = [];
  const values: Record<string, string> = {};
  for (const [header, field] of Object.entries(job.mapping)) {
    const raw = (cells[job.headers.indexOf(header)] ?? '').trim();
    if (!raw) continue;
    const bad = (issue: string, id: string, en: string) =>
      problems.push({ field, issue, message: `${header}: ${text(lang, id, en)}` });
    switch (field) {
      case 'nik':
      case 'kkNo':
        input[field] = digitsOnly(raw);
        break;
      case 'sex': {
        const s = parseSex(raw);
        if (s) input.sex = s;
        else bad('invalid_value', `"${raw}" bukan L/P`, `"${raw}" is not L/P`);
        break;
      }
      case 'birthDate': {
        const d = parseDate(raw);
        if (d) input.birthDate = d;
        else bad('invalid_format', `"${raw}": tulis DD/MM/YYYY`, `"${raw}": write DD/MM/YYYY`);
        break;
      }
      case 'aliases':
        input.aliases = splitList(raw);
        break;
      case 'clusters':
        input.clusters = splitList(raw, true).map((c) => c.toLowerCase());
        break;
      case 'ppks': {
        const nos = splitList(raw, true).map(Number);
        if (nos.every((n) => Number.isInteger(n) && n > 0)) input.ppks = nos;
        else bad('invalid_format', 'nomor PPKS harus angka', 'PPKS numbers must be numbers');
        break;
      }
      case 'phone':
        input.phones = splitList(raw).map((phone) => ({ phone, owner: 'self' }));
        break;
      case 'areaCode':
        input.areaCode = areaCode(raw);
        break;
      case 'religion':
        input.religion = religion(raw);
        break;
      case 'maritalStatus':
        input.maritalStatus = maritalStatus(raw);
        break;
      case 'nationality':
        input.nationality = raw.toUpperCase();
        break;
      case 'disabilityLevel':
        input.disabilityLevel = raw.toLowerCase();
        break;
      case 'rt':
      case 'rw':
        input[field] = raw.replace(/^'/, '');
        break;
      default:
        input[field] = raw;
    }
    const v = input[field === 'phone' ? 'phones' : field];
    values[field] = v === undefined ? raw : Array.isArray(v) ? raw : String(v);
  }
  return { input, problems, values };
}

/** A contract or rule field (phones.0.phone, clusters.1) → the import field the user mapped. */
function importField(field: string): TImportField | string {
  const head = field.split('.')[0] ?? field;
  return head === 'phones' ? 'phone' : head;
}

/** Check rows in this process: contract, the same field rules as POST /people, exact NIK repeated in the file. */
export function checkRows(
  job: JobShape,
  rows: { rowNo: number; cells: string[] }[],
  lookups: JobLookups,
  lang: Lang,
  seen: Map<string, number>,
): Assessed[] {
  const headerOf = new Map(Object.entries(job.mapping).map(([h, f]) => [f as string, h]));
  const relabel = (d: TErrorDetail): TErrorDetail => {
    const f = importField(d.field);
    const header = headerOf.get(f) ?? d.field;
    const message = d.message.startsWith(`${d.field}: `)
      ? `${header}: ${d.message.slice(d.field.length + 2)}`
      : d.message;
    return { field: f, issue: d.issue, message };
  };
  const fieldLookups: FieldLookups = { ...lookups, visible: new Set() };
  const out: Assessed[] = rows.map((r) => {
    const { input, problems, values } = toInput(job, r.cells, lang);
    const res = ZCreatePersonRequest.safeParse(input);
    const base = { rowNo: r.rowNo, values, existing: null, person: null, parts: null };
    if (!res.success || problems.length) {
      const zodProblems = res.success
        ? []
        : detailsFromZodIssues(res.error.issues, lang).filter(
            // A cell that could not be read is reported once, by toInput.
            (d) => !problems.some((p) => p.field === importField(d.field)),
          );
      return { ...base, outcome: 'invalid' as const, messages: [...problems, ...zodProblems].map(relabel) };
    }
    const checked = checkFields(res.data, fieldLookups, lang, null);
    const found = [...(checked.nikProblem ? [checked.nikProblem] : []), ...checked.problems];
    if (found.length) return { ...base, outcome: 'invalid' as const, messages: found.map(relabel) };
    return { ...base, outcome: 'valid' as const, messages: [], person: res.data, parts: checked.value };
  });
  // Exact NIK in an earlier row of this file (rows are checked in file order).
  for (const a of out) {
    const nik = a.person?.nik;
    if (a.outcome !== 'valid' || !nik) continue;
    const earlier = seen.get(nik);
    if (earlier !== undefined) {
      markDuplicate(a, job, lang, `sama dengan baris ${earlier}`, `same as line ${earlier}`, {
        personId: null,
        unit: null,
        rowNo: earlier,
      });
    } else seen.set(nik, a.rowNo);
  }
  return out;
}

function markDuplicate(
  a: Assessed,
  job: JobShape,
  lang: Lang,
  id: string,
  en: string,
  existing: Assessed['existing'],
) {
  const nikHeader = Object.entries(job.mapping).find(([, f]) => f === 'nik')?.[0] ?? 'NIK';
  a.outcome = 'duplicate';
  a.messages = [{ field: 'nik', issue: 'duplicate', message: `${nikHeader}: ${text(lang, id, en)}` }];
  a.existing = existing;
  a.person = null;
}

/** Exact NIK already in the registry (past row-level security, keys only): one query for all the rows. */
export async function markRegistered(tx: Tx, job: JobShape, rows: Assessed[], lang: Lang) {
  const niks = rows.flatMap((a) => (a.outcome === 'valid' && a.person?.nik ? [a.person.nik] : []));
  if (!niks.length) return;
  const found = await queryRows<{ nik: string; person_id: string; unit_id: string }>(
    tx,
    sql`select n.nik, b.person_id, b.unit_id
        from unnest(${`{${niks.join(',')}}`}::text[]) as n(nik), lateral atensi_person_by_nik(n.nik) b`,
  );
  if (!found.length) return;
  const byNik = new Map(found.map((f) => [f.nik, f]));
  const visible = await repo.visiblePersonIds(
    tx,
    found.map((f) => f.person_id),
  );
  const units = await repo.unitContacts(tx, [...new Set(found.map((f) => f.unit_id))]);
  for (const a of rows) {
    const f = a.outcome === 'valid' && a.person?.nik ? byNik.get(a.person.nik) : undefined;
    if (!f) continue;
    const u = units.get(f.unit_id);
    const unitRef = u ? { id: u.id, code: u.code, name: u.name } : null;
    const contact = u ? ` (${u.name}${u.phone ? `, ${u.phone}` : ''})` : '';
    markDuplicate(a, job, lang, `sudah terdaftar${contact}`, `already registered${contact}`, {
      personId: visible.has(f.person_id) ? f.person_id : null,
      unit: unitRef,
      rowNo: null,
    });
  }
}

/** Check a run of rows: contract, field rules, and exact NIK duplicates in the file and in the registry. */
export async function assessRows(
  tx: Tx,
  job: JobShape,
  rows: { rowNo: number; cells: string[] }[],
  lookups: JobLookups,
  lang: Lang,
  seen: Map<string, number>,
): Promise<Assessed[]> {
  const out = checkRows(job, rows, lookups, lang, seen);
  await markRegistered(tx, job, out, lang);
  return out;
}

/** Insert the valid rows' people, one statement per table, then every row's outcome and the job's counts. */
async function writeBatch(
  tx: Tx,
  jobId: string,
  job: JobShape,
  userId: string | null,
  rows: Assessed[],
  time: Timer,
) {
  const people: (typeof person.$inferInsert)[] = [];
  const units: (typeof personUnit.$inferInsert)[] = [];
  const aliases: (typeof personAlias.$inferInsert)[] = [];
  const phones: (typeof personPhone.$inferInsert)[] = [];
  const clusters: (typeof personCluster.$inferInsert)[] = [];
  const ppks: (typeof personPpks.$inferInsert)[] = [];
  const kks: (typeof personKk.$inferInsert)[] = [];
  const outcomes: (typeof importRow.$inferInsert)[] = [];
  for (const r of rows) {
    let personId: string | null = null;
    if (r.outcome === 'valid' && r.person && r.parts) {
      personId = randomUUID();
      const cols = columns(r.person, r.parts.aliases);
      people.push({ id: personId, ...cols, registeredUnitId: job.unitId, createdBy: userId });
      units.push({ personId, unitId: job.unitId, reason: 'registered' });
      for (const alias of r.parts.aliases) aliases.push({ personId, alias });
      for (const p of r.parts.phones) phones.push({ personId, ...p });
      for (const clusterCode of r.parts.clusters) clusters.push({ personId, clusterCode });
      for (const ppksNo of r.parts.ppks) ppks.push({ personId, ppksNo });
      if (cols.kkNo) kks.push({ personId, kkNo: cols.kkNo });
    }
    outcomes.push({
      jobId,
      rowNo: r.rowNo,
      outcome: r.outcome === 'valid' ? 'created' : r.outcome,
      personId,
      messages: r.messages.length ? r.messages : null,
    });
  }
  await time('insert person', () => insertRows(tx, person, people));
  await time('insert person_unit', () => insertRows(tx, personUnit, units));
  await time('insert person_alias', () => insertRows(tx, personAlias, aliases));
  await time('insert person_phone', () => insertRows(tx, personPhone, phones));
  await time('insert person_cluster', () => insertRows(tx, personCluster, clusters));
  await time('insert person_ppks', () => insertRows(tx, personPpks, ppks));
  await time('insert person_kk', () => insertRows(tx, personKk, kks));
  await time('insert import_row', () => insertRows(tx, importRow, outcomes));
  const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
  // Last, as it locks the job's row until commit: batches written side by side wait here only briefly.
  await time('update import_job', () =>
    tx
      .update(importJob)
      .set({
        processedRows: sql`${importJob.processedRows} + ${outcomes.length}`,
        createdCount: sql`${importJob.createdCount} + ${count('created')}`,
        duplicateCount: sql`${importJob.duplicateCount} + ${count('duplicate')}`,
        invalidCount: sql`${importJob.invalidCount} + ${count('invalid')}`,
        updatedAt: new Date(),
      })
      .where(eq(importJob.id, jobId)),
  );
}

/** Accumulates milliseconds per step when the caller asks for timings (the benchmark). */
type Timer = <T>(step: string, fn: () => Promise<T>) => Promise<T>;
function timer(into: Map<string, number> | undefined): Timer {
  if (!into) return (_step, fn) => fn();
  return async (step, fn) => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      into.set(step, (into.get(step) ?? 0) + performance.now() - t0);
    }
  };
}

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

/** One batch's transaction: skip rows already done, check NIKs against the registry, write. */
async function writeChecked(
  tx: Tx,
  jobId: string,
  shape: JobShape,
  createdBy: string | null,
  checked: Assessed[],
  lang: Lang,
  time: Timer,
): Promise<boolean> {
  const first = checked[0]?.rowNo ?? 0;
  const last = checked.at(-1)?.rowNo ?? 0;
  const [state] = await time('job state and rows done', () =>
    queryRows<{ status: string; done: number[] | null }>(
      tx,
      sql`select j.status, (select array_agg(r.row_no) from ${importRow} r
                            where r.job_id = j.id and r.row_no between ${first} and ${last}) as done
          from ${importJob} j where j.id = ${jobId}`,
    ),
  );
  if (state?.status !== 'running') return false;
  const already = new Set(state.done ?? []);
  const todo = checked.filter((r) => !already.has(r.rowNo));
  if (!todo.length) return true;
  await time('registry NIK check', () => markRegistered(tx, shape, todo, lang));
  await writeBatch(tx, jobId, shape, createdBy, todo, time);
  return true;
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
