// Runs once before the API tests: builds one migrated, seeded database that every test file copies —
// a PGlite data-directory dump, or a template database on the PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { prepareDatabase } from './prepare.ts';
import { dumpTemplate } from './template-dump.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string | null;
    pgTemplateName: string | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'atensi-template-'));
    const file = path.join(dir, 'template.tar');
    const db = await openDatabase({});
    await prepareDatabase(db);
    if (!db.pglite) throw new Error('expected an embedded (PGlite) database');
    const dump = await dumpTemplate(db.pglite);
    await db.close();
    writeFileSync(file, dump);
    project.provide('pgliteTemplateFile', file);
    project.provide('pgTemplateName', null);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `atensi_tpl_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 2 });
  await prepareDatabase(db);
  await db.close();
  project.provide('pgliteTemplateFile', null);
  project.provide('pgTemplateName', name);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
