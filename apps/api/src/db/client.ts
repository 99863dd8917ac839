import { type Extension, PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: services accept either, so they compose. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance when embedded (for tests that copy a data dir). */
  pglite: PGlite | null;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string | undefined;
  /** PGlite: start from a data dir dump (tests). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
};

/**
 * Load extension libraries (pg_trgm, pgcrypto) when PostgreSQL first needs them, not ahead of time.
 *
 * PGlite 0.5.16 (and 0.5.17) instantiates every extension's library at start, all at once and in the
 * background. When pgcrypto's (3 MB) happens to be set up in the middle of pg_trgm's (32 kB), pg_trgm's
 * loader trips over pgcrypto's not yet resolved symbols and gives up halfway: it has registered its
 * `similarity` but never fixed up its own function pointers. PostgreSQL then loads pg_trgm a second time
 * (correctly), yet the `%` operator still reaches the first copy's `similarity`, which jumps through a null
 * pointer. PGlite swallows that WebAssembly error, so queries quietly return nothing (no duplicate
 * candidates, "not signed in") until an error raised while the engine is in that state ends in the
 * "ERRORDATA_STACK_SIZE exceeded" PANIC. Whether it happens depends on which compile finishes first (about
 * half of the browser-test runs on a busy machine).
 * Emscripten's `noWasmDecoding` turns the background loading off; each library is then loaded once, in full,
 * by PostgreSQL's own `dlopen` when a function from it is first called.
 */
const loadExtensionsOnDemand: Extension = {
  name: 'atensi-load-extensions-on-demand',
  setup: async (_pg, emscriptenOpts) => ({ emscriptenOpts: { ...emscriptenOpts, noWasmDecoding: true } }),
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // Surface connection errors at start rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', pglite: null, close: () => pool.end() };
  }
  const pglite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    // loadExtensionsOnDemand: see its comment above (a fix for a start-up race in PGlite).
    extensions: { loadExtensionsOnDemand, pg_trgm, pgcrypto },
  });
  // A margin under the WebAssembly stack: a deep query stops with PostgreSQL's "stack depth limit exceeded"
  // error instead of overflowing the engine's JavaScript stack, which PGlite would not report.
  await pglite.exec(`set max_stack_depth = '512kB'`);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

export async function pingDatabase(db: Db): Promise<number> {
  const started = performance.now();
  await db.execute(sql`select 1`);
  return performance.now() - started;
}

/** Run raw SQL and return its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
