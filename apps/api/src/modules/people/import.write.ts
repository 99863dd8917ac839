// Set-based writes for the import: all of a batch's rows for one table go in one INSERT … SELECT from
// json_to_recordset($1), a single parameter however many rows. A multi-row VALUES list binds one parameter per
// cell (about 25 per person: PostgreSQL's 65,535 limit is reached at 2,600 people) and costs more to build and
// parse than one JSON text. Row-level security, foreign keys and the audit triggers apply as to any insert.
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';

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
