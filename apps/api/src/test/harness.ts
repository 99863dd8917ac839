// Test harness: a real database (PGlite in memory, or a fresh database on the PostgreSQL server named by
// TEST_DATABASE_URL), migrated and seeded with reference data, areas and demo users, and the real app.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { DEMO_PASSWORD } from '../db/seed/demo.ts';
import { prepareDatabase } from './prepare.ts';
import { BytesBlob } from './template-dump.ts';

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

/** A fresh copy of the database built once by global-setup.ts (or built here when run without it). */
async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const file = inject('pgliteTemplateFile');
    if (file) {
      const database = await openDatabase({ loadDataDir: new BytesBlob(readFileSync(file)) });
      return { database, drop: async () => {} };
    }
    const database = await openDatabase({});
    await prepareDatabase(database);
    return { database, drop: async () => {} };
  }
  const name = `atensi_t_${randomBytes(6).toString('hex')}`;
  const templateName = inject('pgTemplateName');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${templateName ? ` template ${templateName}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  if (!templateName) await prepareDatabase(database);
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
