// npm run bench:nearest — p95 of GET /api/v1/units/nearest over all units (target: under 10 ms), through
// the HTTP layer, for random clusters, modes and places (area codes and coordinates).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { benchApp, machine, percentiles, rng } from './lib.ts';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 3000);
const bench = await benchApp();
const cookie = await bench.login('pusat');
const db = bench.database.db;
const clusters = (await queryRows<{ code: string }>(db, sql`select code from cluster`)).map((r) => r.code);
const regencies = (
  await queryRows<{ code: string }>(db, sql`select code from area where level = 'regency'`)
).map((r) => r.code);
const unitCount = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from unit`))[0]?.n ?? 0;
const modes = ['residential', 'family', 'community'];
const rand = rng(11);
const any = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function url(): string {
  const where =
    rand() < 0.7
      ? `area=${any(regencies)}`
      : `lat=${(-8 + rand() * 10).toFixed(4)}&lon=${(100 + rand() * 30).toFixed(4)}`;
  return `/api/v1/units/nearest?cluster=${any(clusters)}&mode=${any(modes)}&${where}`;
}

for (let i = 0; i < 50; i++) await bench.app.inject({ method: 'GET', url: url(), headers: { cookie } });
const samples: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  const u = url();
  const t = performance.now();
  const res = await bench.app.inject({ method: 'GET', url: u, headers: { cookie } });
  samples.push(performance.now() - t);
  if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
}
console.log(
  `nearest able unit on ${bench.kind}, ${unitCount} units; ${machine()}, ${os.cpus().length} cores`,
);
console.log('nearest'.padEnd(34), JSON.stringify(percentiles(samples)));
await bench.close();
