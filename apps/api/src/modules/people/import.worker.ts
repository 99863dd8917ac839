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
import { eq, inArray, sql } from 'drizzle-orm';
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

/** Reference lookups for a whole job: provinces (NIK rule), clusters and PPKS are small tables. */
export async function loadJobLookups(tx: Tx) {
  return {
    provinces: await repo.provinceCodes(tx),
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

/** Check a run of rows: contract, the same field rules as POST /people, and exact NIK duplicates. */
export async function assessRows(
  tx: Tx,
  job: JobShape,
  rows: { rowNo: number; cells: string[] }[],
  lookups: JobLookups,
  lang: Lang,
  seen: Map<string, number>,
): Promise<Assessed[]> {
  const headerOf = new Map(Object.entries(job.mapping).map(([h, f]) => [f as string, h]));
  const relabel = (d: TErrorDetail): TErrorDetail => {
    const f = importField(d.field);
    const header = headerOf.get(f) ?? d.field;
    const message = d.message.startsWith(`${d.field}: `)
      ? `${header}: ${d.message.slice(d.field.length + 2)}`
      : d.message;
    return { field: f, issue: d.issue, message };
  };
  const parsed = rows.map((r) => {
    const { input, problems, values } = toInput(job, r.cells, lang);
    const res = ZCreatePersonRequest.safeParse(input);
    const zodProblems = res.success
      ? []
      : detailsFromZodIssues(res.error.issues, lang).filter(
          // A cell that could not be read is reported once, by toInput.
          (d) => !problems.some((p) => p.field === importField(d.field)),
        );
    return { ...r, values, person: res.success ? res.data : null, problems: [...problems, ...zodProblems] };
  });
  const codes = [...new Set(parsed.flatMap((p) => (p.person?.areaCode ? [p.person.areaCode] : [])))];
  const areas = new Set(
    codes.length
      ? (await tx.select({ code: area.code }).from(area).where(inArray(area.code, codes))).map((r) => r.code)
      : [],
  );
  const fieldLookups: FieldLookups = { ...lookups, areas, visible: new Set() };
  const out: Assessed[] = parsed.map((p) => {
    const base = { rowNo: p.rowNo, values: p.values, existing: null, person: null, parts: null };
    if (!p.person || p.problems.length) {
      return { ...base, outcome: 'invalid' as const, messages: p.problems.map(relabel) };
    }
    const checked = checkFields(p.person, fieldLookups, lang, null);
    const problems = [...(checked.nikProblem ? [checked.nikProblem] : []), ...checked.problems];
    if (problems.length) return { ...base, outcome: 'invalid' as const, messages: problems.map(relabel) };
    return { ...base, outcome: 'valid' as const, messages: [], person: p.person, parts: checked.value };
  });
  // Exact NIK: an earlier row of this file, then the whole registry (past row-level security, keys only).
  const nikHeader = headerOf.get('nik') ?? 'NIK';
  const dup = (a: Assessed, id: string, en: string, existing: Assessed['existing']) => {
    a.outcome = 'duplicate';
    a.messages = [{ field: 'nik', issue: 'duplicate', message: `${nikHeader}: ${text(lang, id, en)}` }];
    a.existing = existing;
    a.person = null;
  };
  for (const a of out) {
    const nik = a.person?.nik;
    if (a.outcome !== 'valid' || !nik) continue;
    const earlier = seen.get(nik);
    if (earlier !== undefined) {
      dup(a, `sama dengan baris ${earlier}`, `same as line ${earlier}`, {
        personId: null,
        unit: null,
        rowNo: earlier,
      });
    } else seen.set(nik, a.rowNo);
  }
  const niks = out.flatMap((a) => (a.outcome === 'valid' && a.person?.nik ? [a.person.nik] : []));
  if (niks.length) {
    const found = await queryRows<{ nik: string; person_id: string; unit_id: string }>(
      tx,
      sql`select n.nik, b.person_id, b.unit_id
          from unnest(${`{${niks.join(',')}}`}::text[]) as n(nik), lateral atensi_person_by_nik(n.nik) b`,
    );
    const byNik = new Map(found.map((f) => [f.nik, f]));
    const visible = await repo.visiblePersonIds(
      tx,
      found.map((f) => f.person_id),
    );
    const units = await repo.unitContacts(tx, [...new Set(found.map((f) => f.unit_id))]);
    for (const a of out) {
      const f = a.person?.nik ? byNik.get(a.person.nik) : undefined;
      if (!f) continue;
      const u = units.get(f.unit_id);
      const unitRef = u ? { id: u.id, code: u.code, name: u.name } : null;
      dup(
        a,
        `sudah terdaftar${u ? ` (${u.name}${u.phone ? `, ${u.phone}` : ''})` : ''}`,
        `already registered${u ? ` (${u.name}${u.phone ? `, ${u.phone}` : ''})` : ''}`,
        { personId: visible.has(f.person_id) ? f.person_id : null, unit: unitRef, rowNo: null },
      );
    }
  }
  return out;
}

/** Insert the valid rows' people with multi-row inserts, then every row's outcome. */
async function writeBatch(tx: Tx, jobId: string, job: JobShape, userId: string | null, rows: Assessed[]) {
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
  // PostgreSQL takes at most 65,535 parameters per statement: person has ~30 columns.
  const chunked = async <T>(values: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < values.length; i += size) await insert(values.slice(i, i + size));
  };
  await chunked(people, 1000, (c) => tx.insert(person).values(c));
  await chunked(units, 5000, (c) => tx.insert(personUnit).values(c));
  await chunked(aliases, 5000, (c) => tx.insert(personAlias).values(c));
  await chunked(phones, 5000, (c) => tx.insert(personPhone).values(c));
  await chunked(clusters, 5000, (c) => tx.insert(personCluster).values(c));
  await chunked(ppks, 5000, (c) => tx.insert(personPpks).values(c));
  await chunked(kks, 5000, (c) => tx.insert(personKk).values(c));
  await chunked(outcomes, 5000, (c) => tx.insert(importRow).values(c));
  const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
  await tx
    .update(importJob)
    .set({
      processedRows: sql`${importJob.processedRows} + ${outcomes.length}`,
      createdCount: sql`${importJob.createdCount} + ${count('created')}`,
      duplicateCount: sql`${importJob.duplicateCount} + ${count('duplicate')}`,
      invalidCount: sql`${importJob.invalidCount} + ${count('invalid')}`,
      updatedAt: new Date(),
    })
    .where(eq(importJob.id, jobId));
}

export type RunOptions = {
  batchSize?: number;
  lang?: Lang;
  /** Tests: called after each committed batch; throwing stops the run as a crash would. */
  afterBatch?: (batchNo: number) => void | Promise<void>;
};
export type SheetLoader = (storageKey: string) => Promise<{ headers: string[]; rows: string[][] }>;

/** Run (or resume) one job to the end. Returns when done, failed, or asked to stop. */
export async function runImport(
  db: Db,
  load: SheetLoader,
  jobId: string,
  actor: JobActor,
  opts: RunOptions & { shouldStop?: () => boolean } = {},
): Promise<void> {
  const batchSize = opts.batchSize ?? 500;
  const lang = opts.lang ?? 'id';
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
    for (let b = 0; b * batchSize < pending.length; b++) {
      if (opts.shouldStop?.()) return; // left 'running': resumed at the next start
      const batch = pending.slice(b * batchSize, (b + 1) * batchSize);
      await withRetry(() =>
        withActorTransaction(db, actor, async (tx) => {
          // One batch at a time per job, even across processes; rows another worker wrote are skipped.
          const [locked] = await tx
            .select({ status: importJob.status })
            .from(importJob)
            .where(eq(importJob.id, jobId))
            .for('update');
          if (locked?.status !== 'running') return;
          const first = batch[0]?.rowNo ?? 0;
          const last = batch.at(-1)?.rowNo ?? 0;
          const already = new Set(
            (
              await tx
                .select({ rowNo: importRow.rowNo })
                .from(importRow)
                .where(sql`${importRow.jobId} = ${jobId} and ${importRow.rowNo} between ${first} and ${last}`)
            ).map((r) => r.rowNo),
          );
          const todo = batch.filter((r) => !already.has(r.rowNo));
          if (!todo.length) return;
          const localSeen = new Map(seen);
          const assessed = await assessRows(tx, shape, todo, lookups, lang, localSeen);
          await writeBatch(tx, jobId, shape, job.createdBy, assessed);
          for (const [k, v] of localSeen) seen.set(k, v);
        }),
      );
      await opts.afterBatch?.(b + 1);
    }
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

/** A person registered by hand between the check and the insert (unique NIK): check the batch again. */
async function withRetry(fn: () => Promise<void>, attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code =
        (err as { code?: string; cause?: { code?: string } }).code ??
        (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '23505' || i >= attempts) throw err;
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
