// Writing an import batch: skip rows another run already wrote, check exact NIKs against the registry, then
// set-based inserts: all of a batch's rows for one table go in one INSERT … SELECT from
// json_to_recordset($1), a single parameter however many rows. A multi-row VALUES list binds one parameter per
// cell (about 25 per person: PostgreSQL's 65,535 limit is reached at 2,600 people) and costs more to build and
// parse than one JSON text. Row-level security, foreign keys and the audit triggers apply as to any insert.
import { randomUUID } from 'node:crypto';
import type { Lang } from '@atensi/contracts';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import {
  importJob,
  importRow,
  person,
  personAlias,
  personCluster,
  personKk,
  personPhone,
  personPpks,
  personUnit,
} from '../../db/schema.ts';
import { type Assessed, type JobShape, markRegistered } from './import.check.ts';
import { columns } from './people.service.ts';

/**
 * Insert `rows` (drizzle insert objects) into `table` in one statement. The columns are the keys of the first
 * row: every row must carry the same keys (a key missing from a later row is written as NULL, not the
 * column's default).
 */
export async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]) {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => columns[k] !== undefined);
  const col = (k: string) => {
    const c = columns[k];
    if (!c) throw new Error(`no column ${k}`);
    return c;
  };
  const target = sql.join(
    keys.map((k) => sql.identifier(col(k).name)),
    sql`, `,
  );
  const picks = sql.join(
    keys.map((k) => sql.identifier(k)),
    sql`, `,
  );
  const record = sql.join(
    keys.map((k) => sql`${sql.identifier(k)} ${sql.raw(col(k).getSQLType())}`),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${table} (${target}) select ${picks} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${record})`,
  );
}

/** One batch's transaction: skip rows already done, check NIKs against the registry, write. */
export async function writeChecked(
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
export type Timer = <T>(step: string, fn: () => Promise<T>) => Promise<T>;
export function timer(into: Map<string, number> | undefined): Timer {
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
