// npm run bench:outcomes:pg (PostgreSQL server) — issue 6 target: the outcomes page for all units over
// 1,000,000 people and 5,000,000 surveys, p95 under 300 ms, figures exact and current. Through the HTTP layer
// (app.inject, signed-in session, one transaction per request, the read audited as in production).
// People from bench/gen/people.ts, cases, surveys, schedules and case_progress from bench/gen/surveys.ts.
// Also checks exactness: the tally answer equals the same figures aggregated from case_progress.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { loadPeople } from './gen/people.ts';
import { loadFollowup } from './gen/surveys.ts';
import { benchApp, machine, percentiles } from './lib.ts';

if (!process.env.DATABASE_URL && process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
}
const RUNS = Number(process.env.BENCH_QUERIES ?? 200);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const log = (line: string) => console.log(line);

const bench = await benchApp();
const db = bench.database.db;
console.log(`outcomes on ${bench.kind}; ${machine()}, ${os.cpus().length} cores`);
const t0 = performance.now();
const people = await loadPeople(db, {
  count: PEOPLE,
  sampleEvery: PEOPLE,
  log,
  reuse: process.env.BENCH_REUSE === '1',
});
log(`people: ${people.count.toLocaleString('en')} in ${(people.ms / 1000).toFixed(0)} s`);
const data = await loadFollowup(db, { log, reuse: process.env.BENCH_REUSE === '1' });
log(
  `data: ${PEOPLE.toLocaleString('en')} people, ${data.cases?.toLocaleString('en')} cases, ${data.surveys?.toLocaleString('en')} surveys, ` +
    `${data.schedule?.toLocaleString('en')} schedule entries (${data.open?.toLocaleString('en')} open), ` +
    `${data.tallyRows.toLocaleString('en')} tally rows; follow-up ${(data.ms / 1000).toFixed(0)} s, total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const [shape] = await queryRows<Record<string, string>>(
  db,
  sql`select count(*) filter (where survey_count > 0)::text as followed,
             count(*) filter (where independent_on is not null)::text as independent,
             count(*) filter (where graduated_on is not null)::text as graduated,
             (select count(*) from survey_schedule where survey_id is null and due_on < current_date)::text as overdue
      from case_progress`,
);
log(`shape: ${JSON.stringify(shape)}`);

const hq = await bench.login('pusat');
const unitUser = await bench.login('peksos.soeharso');
async function time(label: string, cookie: string, url: string, runs = RUNS) {
  const samples: number[] = [];
  let body = '';
  for (let i = 0; i < runs + 5; i++) {
    const t = performance.now();
    const res = await bench.app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i === 0) body = res.body;
    if (i >= 5) samples.push(ms); // the first five warm caches and the JIT
  }
  const p = percentiles(samples);
  log(`${label}: ${JSON.stringify(p)} ms (load ${os.loadavg()[0]?.toFixed(1)})`);
  return { p, body };
}

const page = await time('HQ, all units (tally)', hq, '/api/v1/outcomes');
const unit = await time('unit worker, own unit (tally)', unitUser, '/api/v1/outcomes');
const filtered = await time(
  'HQ, one cluster (from the cases)',
  hq,
  '/api/v1/outcomes?cluster=disabilitas',
  Number(process.env.BENCH_FILTERED_RUNS ?? 20),
);
const year = await time(
  'HQ, intake in 2025 (from the cases)',
  hq,
  '/api/v1/outcomes?from=2025-01-01&to=2025-12-31',
  Number(process.env.BENCH_FILTERED_RUNS ?? 20),
);

// Exactness: the tally's answer equals the case-level aggregate (a filter that keeps every case).
const all = await bench.app.inject({
  method: 'GET',
  url: '/api/v1/outcomes?from=1900-01-01',
  headers: { cookie: hq },
});
const a = JSON.parse(page.body);
const b = JSON.parse(all.body);
const same = JSON.stringify([a.rows, a.total]) === JSON.stringify([b.rows, b.total]);
log(
  `exact: tally equals the case-level aggregate over ${a.total.followed.toLocaleString('en')} cases: ${same}`,
);
log(
  `total: ${JSON.stringify({ ...a.total, levels: a.total.levels.map((l: { level: number; count: number }) => `${l.level}:${l.count}`) })}`,
);
const xlsx = performance.now();
const file = await bench.app.inject({
  method: 'GET',
  url: '/api/v1/outcomes/export.xlsx',
  headers: { cookie: hq },
});
log(
  `export.xlsx: ${file.statusCode}, ${file.rawPayload.length} bytes in ${Math.round(performance.now() - xlsx)} ms`,
);

const ok = page.p.p95 < 300 && unit.p.p95 < 300 && same;
log(
  ok
    ? 'target met (all units p95 < 300 ms, exact)'
    : 'TARGET MISSED (p95 must be < 300 ms and figures exact)',
);
void filtered;
void year;
await bench.close();
