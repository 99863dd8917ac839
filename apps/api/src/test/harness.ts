// Test harness: a real database (PGlite in memory, or a fresh database on the PostgreSQL server named by
// TEST_DATABASE_URL), migrated and seeded with reference data, areas and demo users, and the real app.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedAreas } from '../db/seed/areas.ts';
import { DEMO_PASSWORD, seedDemoData } from '../db/seed/demo.ts';
import { seedReferenceData } from '../db/seed/reference.ts';
import { seedUnitDefaults } from '../db/seed/units.ts';

/** The origin `app.inject` requests come from by default (Host: localhost:80). */
export const SAME_ORIGIN = 'http://localhost:80';

export type TestApp = {
  app: FastifyInstance;
  /** Every registered route, `{ method, url }`. */
  routes: { method: string; url: string }[];
  database: Database;
  config: Config;
  /** Sign in and return the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** A request as a browser on this site sends it: session cookie and same Origin. */
  request(cookie: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

let template: Promise<Blob> | undefined;

/** PGlite: migrate and seed once per worker, then copy the data directory for each test app. */
async function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await openDatabase({});
    await prepare(db);
    const dump = await db.pglite?.dumpDataDir('none');
    await db.close();
    if (!dump) throw new Error('PGlite dumpDataDir returned nothing');
    return dump;
  })();
  return template;
}

async function prepare(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await seedAreas(database.db);
  await seedUnitDefaults(database.db);
  await seedDemoData(database.db);
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ loadDataDir: await pgliteTemplate() });
    return { database, drop: async () => {} };
  }
  const name = `atensi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  await prepare(database);
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestApp(
  env: Record<string, string> = {},
  extendApi?: (api: FastifyInstance) => Promise<void>,
): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const routes: { method: string; url: string }[] = [];
  const app = await buildApp(
    { database, config, version: 'test' },
    { logger: false, onRoute: (r) => routes.push(r), ...(extendApi ? { extendApi } : {}) },
  );
  await app.ready();
  const request = (cookie: string | null, opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { origin: SAME_ORIGIN, ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) },
    });
  return {
    app,
    routes,
    database,
    config,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'atensi_session');
      if (!c) throw new Error('login set no session cookie');
      return `atensi_session=${c.value}`;
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
