// Bulk import of people: upload a CSV or XLSX, map its columns (saved per unit), preview every invalid and
// duplicate row with why, then run it in the background (import.worker.ts) and download the rows that were
// not created. Jobs belong to a unit: the service filters by it and row-level security does again.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  IMPORT_REQUIRED_FIELDS,
  type TErrorDetail,
  type TImportField,
  type TImportJob,
  type TImportJobList,
  type TImportJobSummary,
  type TImportMapping,
  type TImportPreview,
  type TPutImportMappingRequest,
  ZPutImportMappingRequest,
} from '@atensi/contracts';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { appUser, importJob, importMapping, importRow, unit } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { assessRows, loadJobLookups } from './import.check.ts';
import type { SheetLoader } from './import.worker.ts';
import { CSV_BOM, csvLine, readSheet, SheetError } from './spreadsheet.ts';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const PROBLEMS_SHOWN = 500;

type JobRow = typeof importJob.$inferSelect;

// ---- storage: the parsed sheet as JSON under <DATA_DIR>/imports, outside the web root ----

export function importStore(dataDir: string) {
  const file = (key: string, suffix = '') => {
    if (!/^imports\/[0-9a-f-]{36}\.json$/.test(key)) throw new Error(`invalid import key ${key}`);
    return path.join(dataDir, key.replace(/\.json$/, `${suffix}.json`));
  };
  const write = async (target: string, value: unknown) => {
    // Write aside, then rename: a reader never sees half a file.
    await writeFile(`${target}.part`, JSON.stringify(value), { mode: 0o600 });
    await rename(`${target}.part`, target);
  };
  const load: SheetLoader = async (key) =>
    JSON.parse(await readFile(file(key), 'utf8')) as { headers: string[]; rows: string[][] };
  return {
    async save(id: string, sheet: { headers: string[]; rows: string[][] }): Promise<string> {
      const key = `imports/${id}.json`;
      await mkdir(path.join(dataDir, 'imports'), { recursive: true, mode: 0o700 });
      await write(file(key), sheet);
      // The headers apart: progress polls read them without parsing 100,000 rows.
      await write(file(key, '.headers'), sheet.headers);
      return key;
    },
    load,
    async headers(key: string): Promise<string[]> {
      return JSON.parse(await readFile(file(key, '.headers'), 'utf8')) as string[];
    },
  };
}
export type ImportStore = ReturnType<typeof importStore>;

// ---- suggested mapping: header names as Indonesian offices write them ----

const SYNONYMS: Record<TImportField, string[]> = {
  nik: ['nik', 'noktp', 'nomorktp', 'nomorindukkependudukan', 'noinduk', 'nonik', 'nomornik'],
  noNikReason: ['alasantanpanik', 'alasantidakadanik', 'keterangannik'],
  kkNo: ['nokk', 'nomorkk', 'kk', 'nokartukeluarga', 'nomorkartukeluarga', 'kartukeluarga'],
  fullName: ['nama', 'namalengkap', 'namapm', 'namapenerimamanfaat', 'fullname', 'name', 'namasesuaiktp'],
  aliases: ['alias', 'namapanggilan', 'panggilan', 'namalain', 'julukan'],
  sex: ['jeniskelamin', 'jk', 'kelamin', 'lp', 'sex', 'gender'],
  birthDate: ['tgllahir', 'tanggallahir', 'tgllhr', 'birthdate', 'dateofbirth', 'dob'],
  birthPlace: ['tempatlahir', 'tmptlahir', 'tmplahir', 'birthplace', 'placeofbirth'],
  motherName: ['namaibu', 'namaibukandung', 'ibukandung', 'mothername', 'ibu'],
  religion: ['agama', 'religion'],
  maritalStatus: ['statusperkawinan', 'statuskawin', 'perkawinan', 'maritalstatus'],
  nationality: ['kewarganegaraan', 'warganegara', 'nationality'],
  areaCode: ['kodewilayah', 'kodedesa', 'kodekelurahan', 'kodedesakelurahan', 'kodearea', 'areacode'],
  street: ['alamat', 'jalan', 'alamatlengkap', 'address', 'street'],
  rt: ['rt'],
  rw: ['rw'],
  phone: [
    'telepon',
    'telp',
    'notelp',
    'nohp',
    'hp',
    'nomorhp',
    'notelepon',
    'nomortelepon',
    'phone',
    'wa',
    'nowa',
  ],
  clusters: ['klaster', 'kluster', 'cluster', 'clusters'],
  ppks: ['ppks', 'kategorippks', 'noppks'],
  disabilityType: ['jenisdisabilitas', 'disabilitas', 'ragamdisabilitas', 'disabilitytype'],
  disabilityLevel: ['tingkatdisabilitas', 'derajatdisabilitas', 'disabilitylevel'],
  currentLocation: ['lokasisekarang', 'keberadaan', 'lokasisaatini', 'tempattinggalsekarang'],
};
const BY_NAME = new Map(
  (Object.entries(SYNONYMS) as [TImportField, string[]][]).flatMap(([f, names]) => names.map((n) => [n, f])),
);

function guessMapping(headers: string[]): TImportMapping {
  const out: TImportMapping = {};
  const used = new Set<TImportField>();
  for (const h of headers) {
    const f = BY_NAME.get(h.toLowerCase().replace(/[^a-z0-9]/g, ''));
    if (f && !used.has(f)) {
      out[h] = f;
      used.add(f);
    }
  }
  return out;
}

// ---- jobs ----

/** A unit's staff see their unit's jobs; headquarters all (row-level security says the same). */
async function findJob(ctx: Ctx, id: string): Promise<JobRow> {
  const [job] = await ctx.db.select().from(importJob).where(eq(importJob.id, id)).limit(1);
  if (!job || (ctx.scope !== 'all' && job.unitId !== ctx.actor.unitId)) throw new AppError('NOT_FOUND');
  return job;
}

async function savedMappings(ctx: Ctx, unitId: string, headers: string[]) {
  const rows = await ctx.db
    .select()
    .from(importMapping)
    .where(eq(importMapping.unitId, unitId))
    .orderBy(desc(importMapping.updatedAt));
  const set = new Set(headers);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    mapping: r.mapping as TImportMapping,
    matchesHeaders: Object.keys(r.mapping).every((h) => set.has(h)),
  }));
}

function summary(job: JobRow, unitRef: TImportJob['unit'], createdBy: string | null): TImportJobSummary {
  return {
    id: job.id,
    unit: unitRef,
    fileName: job.fileName,
    format: job.format as TImportJob['format'],
    status: job.status as TImportJob['status'],
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    createdCount: job.createdCount,
    duplicateCount: job.duplicateCount,
    invalidCount: job.invalidCount,
    percent: job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 100,
    errorMessage: job.errorMessage,
    createdBy,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdAt: job.createdAt.toISOString(),
    version: job.version,
  };
}

async function unitRefs(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, TImportJob['unit']>();
  const rows = await ctx.db
    .select({ id: unit.id, code: unit.code, name: unit.name })
    .from(unit)
    .where(inArray(unit.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

async function usernames(ctx: Ctx, ids: (string | null)[]) {
  const list = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!list.length) return new Map<string, string>();
  const rows = await ctx.db
    .select({ id: appUser.id, username: appUser.username })
    .from(appUser)
    .where(inArray(appUser.id, list));
  return new Map(rows.map((r) => [r.id, r.username]));
}

async function present(ctx: Ctx, store: ImportStore, job: JobRow): Promise<TImportJob> {
  const headers = await store.headers(job.storageKey);
  const saved = await savedMappings(ctx, job.unitId, headers);
  const match = saved.find((s) => s.matchesHeaders && Object.keys(s.mapping).length > 0);
  const u = (await unitRefs(ctx, [job.unitId])).get(job.unitId) ?? { id: job.unitId, code: '', name: '' };
  const by = job.createdBy ? ((await usernames(ctx, [job.createdBy])).get(job.createdBy) ?? null) : null;
  return {
    ...summary(job, u, by),
    headers,
    mapping: (job.mapping as TImportMapping | null) ?? null,
    suggestedMapping: match?.mapping ?? guessMapping(headers),
    suggestedFrom: match?.name ?? null,
    savedMappings: saved,
  };
}

export async function uploadImport(
  ctx: Ctx,
  store: ImportStore,
  file: { fileName: string; bytes: Buffer },
  requestedUnit: string | undefined,
): Promise<TImportJob> {
  let unitId: string;
  if (ctx.scope === 'all') {
    if (!requestedUnit) {
      const message = ctx.meta.lang === 'id' ? 'unitId: pilih unit' : 'unitId: choose a unit';
      throw new AppError('VALIDATION_FAILED', { details: [{ field: 'unitId', issue: 'required', message }] });
    }
    if (!(await unitRefs(ctx, [requestedUnit])).has(requestedUnit)) throw new AppError('NOT_FOUND');
    unitId = requestedUnit;
  } else {
    if (!ctx.actor.unitId || (requestedUnit && requestedUnit !== ctx.actor.unitId))
      throw new AppError('FORBIDDEN');
    unitId = ctx.actor.unitId;
  }
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(file.bytes);
  } catch (err) {
    if (err instanceof SheetError) throw new AppError('IMPORT_FILE_INVALID');
    throw err;
  }
  const [created] = await ctx.db
    .insert(importJob)
    .values({
      unitId,
      createdBy: ctx.actor.userId,
      fileName: file.fileName.slice(0, 200) || 'impor',
      format: sheet.format,
      storageKey: 'pending',
      totalRows: sheet.rows.length,
    })
    .returning();
  if (!created) throw new Error('insert import_job returned nothing');
  const key = await store.save(created.id, { headers: sheet.headers, rows: sheet.rows });
  const [job] = await ctx.db
    .update(importJob)
    .set({ storageKey: key })
    .where(eq(importJob.id, created.id))
    .returning();
  return present(ctx, store, job ?? created);
}

export async function getImport(ctx: Ctx, store: ImportStore, id: string): Promise<TImportJob> {
  return present(ctx, store, await findJob(ctx, id));
}

export async function listImports(ctx: Ctx): Promise<TImportJobList> {
  const q = ctx.db.select().from(importJob);
  const jobs = await (ctx.scope === 'all'
    ? q
    : q.where(eq(importJob.unitId, ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000'))
  )
    .orderBy(desc(importJob.createdAt))
    .limit(50);
  const units = await unitRefs(ctx, [...new Set(jobs.map((j) => j.unitId))]);
  const users = await usernames(
    ctx,
    jobs.map((j) => j.createdBy),
  );
  return {
    items: jobs.map((j) =>
      summary(
        j,
        units.get(j.unitId) ?? { id: j.unitId, code: '', name: '' },
        users.get(j.createdBy ?? '') ?? null,
      ),
    ),
  };
}

export async function putMapping(
  ctx: Ctx,
  store: ImportStore,
  id: string,
  input: TPutImportMappingRequest,
): Promise<TImportJob> {
  const body = ZPutImportMappingRequest.parse(input);
  const job = await findJob(ctx, id);
  if (!['uploaded', 'previewed'].includes(job.status)) throw new AppError('IMPORT_ALREADY_RUN');
  const headers = await store.headers(job.storageKey);
  const lang = ctx.meta.lang;
  const problems: TErrorDetail[] = [];
  const used = new Map<string, string>();
  for (const [header, field] of Object.entries(body.mapping)) {
    if (!headers.includes(header)) {
      problems.push({
        field: `mapping.${header}`,
        issue: 'unknown',
        message: `${header}: ${lang === 'id' ? 'kolom ini tidak ada di berkas' : 'no such column in the file'}`,
      });
    }
    const other = used.get(field);
    if (other) {
      problems.push({
        field: `mapping.${header}`,
        issue: 'duplicate',
        message: `${header}: ${lang === 'id' ? `${field} sudah dipetakan dari "${other}"` : `${field} is already mapped from "${other}"`}`,
      });
    }
    used.set(field, header);
  }
  for (const f of IMPORT_REQUIRED_FIELDS) {
    if (!used.has(f)) {
      problems.push({
        field: f,
        issue: 'required',
        message: `${f}: ${lang === 'id' ? 'pilih kolom untuk data wajib ini' : 'choose a column for this required field'}`,
      });
    }
  }
  if (problems.length) throw new AppError('IMPORT_MAPPING_INVALID', { details: problems });
  await ctx.db
    .update(importJob)
    .set({ mapping: body.mapping, version: job.version + 1, updatedAt: new Date() })
    .where(eq(importJob.id, id));
  if (body.saveAs) {
    await ctx.db
      .insert(importMapping)
      .values({ unitId: job.unitId, name: body.saveAs, mapping: body.mapping, createdBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: [importMapping.unitId, importMapping.name],
        set: { mapping: body.mapping, version: sql`${importMapping.version} + 1`, updatedAt: new Date() },
      });
  }
  return getImport(ctx, store, id);
}

/** Check the whole file (nothing is written): a sample as understood, and every row that would fail. */
export async function previewImport(
  ctx: Ctx,
  store: ImportStore,
  id: string,
  limit: number,
): Promise<TImportPreview> {
  const job = await findJob(ctx, id);
  if (!job.mapping) throw new AppError('IMPORT_NOT_READY');
  const sheet = await store.load(job.storageKey);
  const shape = { unitId: job.unitId, headers: sheet.headers, mapping: job.mapping as TImportMapping };
  const lookups = await loadJobLookups(ctx.db);
  const seen = new Map<string, number>();
  const counts = { total: sheet.rows.length, valid: 0, invalid: 0, duplicate: 0 };
  const sample: TImportPreview['sample'] = [];
  const problems: TImportPreview['problems'] = [];
  for (let i = 0; i < sheet.rows.length; i += 2000) {
    const rows = sheet.rows.slice(i, i + 2000).map((cells, j) => ({ rowNo: i + j + 2, cells }));
    for (const a of await assessRows(ctx.db, shape, rows, lookups, ctx.meta.lang, seen)) {
      counts[a.outcome]++;
      if (sample.length < limit) {
        sample.push({ rowNo: a.rowNo, values: a.values, outcome: a.outcome, messages: a.messages });
      }
      if (a.outcome !== 'valid' && problems.length < PROBLEMS_SHOWN) {
        problems.push({ rowNo: a.rowNo, outcome: a.outcome, messages: a.messages, existing: a.existing });
      }
    }
  }
  let current = job;
  if (job.status === 'uploaded') {
    const [updated] = await ctx.db
      .update(importJob)
      .set({ status: 'previewed', updatedAt: new Date() })
      .where(eq(importJob.id, id))
      .returning();
    current = updated ?? job;
  }
  return {
    job: await present(ctx, store, current),
    sample,
    problems,
    problemsTruncated: counts.invalid + counts.duplicate > problems.length,
    counts,
  };
}

/** Mark the job to run; the route starts the worker after this transaction commits. */
export async function queueRun(ctx: Ctx, id: string): Promise<JobRow> {
  const job = await findJob(ctx, id);
  if (!job.mapping) throw new AppError('IMPORT_NOT_READY');
  if (job.status === 'completed') return job;
  const [updated] = await ctx.db
    .update(importJob)
    .set({ status: 'running', errorMessage: null, updatedAt: new Date() })
    .where(eq(importJob.id, id))
    .returning();
  return updated ?? job;
}

const OUTCOME_TEXT = {
  id: { invalid: 'tidak valid', duplicate: 'duplikat' },
  en: { invalid: 'invalid', duplicate: 'duplicate' },
} as const;

/** Rows not created (invalid or duplicate), with why and the row as uploaded, ready to fix and upload. */
export async function errorsCsv(
  ctx: Ctx,
  store: ImportStore,
  id: string,
  fileLang?: 'id' | 'en',
): Promise<{ fileName: string; body: string }> {
  const job = await findJob(ctx, id);
  const sheet = await store.load(job.storageKey);
  const rows = await queryRows<{
    row_no: number;
    outcome: 'invalid' | 'duplicate';
    messages: TErrorDetail[] | null;
  }>(
    ctx.db,
    sql`select row_no, outcome, messages from ${importRow}
        where job_id = ${id}::uuid and outcome <> 'created' order by row_no`,
  );
  const lang = fileLang ?? ctx.meta.lang;
  const head = lang === 'id' ? ['Baris', 'Hasil', 'Alasan'] : ['Line', 'Outcome', 'Reason'];
  let body = CSV_BOM + csvLine([...head, ...sheet.headers]);
  for (const r of rows) {
    const reason = (r.messages ?? []).map((m) => m.message).join('; ');
    body += csvLine([r.row_no, OUTCOME_TEXT[lang][r.outcome], reason, ...(sheet.rows[r.row_no - 2] ?? [])]);
  }
  const base =
    job.fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80) || 'impor';
  return { fileName: `${base}-${lang === 'id' ? 'galat' : 'errors'}.csv`, body };
}
