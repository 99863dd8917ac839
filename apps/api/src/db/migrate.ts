import path from 'node:path';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { REPO_ROOT } from '../config.ts';
import type { Database, Schema } from './client.ts';

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'apps/api/migrations');

/** Apply committed SQL migrations with drizzle's runtime migrator (drizzle-kit's own fails on PGlite). */
export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, config);
  } else {
    await migrateNodePg(database.db as unknown as NodePgDatabase<Schema>, config);
  }
}
