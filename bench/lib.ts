// Shared helpers for benchmarks: a migrated, seeded app on the embedded database (or DATABASE_URL),
// a signed-in cookie, and percentile maths.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { openDatabase } from '../apps/api/src/db/client.ts';
import { migrateDatabase } from '../apps/api/src/db/migrate.ts';
import { seedAreas } from '../apps/api/src/db/seed/areas.ts';
import { seedDemoData } from '../apps/api/src/db/seed/demo.ts';
import { seedReferenceData } from '../apps/api/src/db/seed/reference.ts';
import { seedUnitDefaults } from '../apps/api/src/db/seed/units.ts';

export async function benchApp() {
  const url = process.env.DATABASE_URL;
  const dataDir = url ? undefined : mkdtempSync(path.join(tmpdir(), 'atensi-bench-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...(url ? { DATABASE_URL: url } : {}) });
  const database = await openDatabase({ url, dataDir });
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await seedAreas(database.db);
  await seedUnitDefaults(database.db);
  await seedDemoData(database.db);
  const app = await buildApp({ database, config, version: 'bench' }, { logger: false });
  const login = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'demo-atensi-2026' },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'atensi_session');
    if (!cookie) throw new Error('no session cookie');
    return `atensi_session=${cookie.value}`;
  };
  return {
    app,
    database,
    login,
    kind: database.kind,
    close: async () => {
      await app.close();
      await database.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: s.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(s.at(-1) ?? 0),
  };
}

/** A deterministic pseudo-random generator, so runs are comparable. */
export function rng(seed = 42) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Platform, Node and the 1-minute load average: on a shared machine, a run's figures mean little without it. */
export function machine() {
  return `${process.platform} ${process.arch}, Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`;
}
