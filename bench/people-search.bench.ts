// npm run bench:people (embedded database, 100,000 people) or npm run bench:people:pg (PostgreSQL server,
// 1,000,000 people) — p50/p95/p99 of GET /api/v1/people as people use it: names, first names only, typos,
// aliases, NIK prefixes, KK numbers, filters and second pages, for headquarters (scope all) and a unit's
// social worker (scope unit). Targets (issue 4): p95 under 150 ms on PGlite at 100k, under 50 ms on
// PostgreSQL at 1M. Through the HTTP layer (app.inject, signed-in session, one transaction per request).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { type GeneratedPerson, loadPeople } from './gen/people.ts';
import { benchApp, machine, percentiles, rng } from './lib.ts';

// scripts/with-postgres.mjs exports TEST_DATABASE_URL; benchApp reads DATABASE_URL.
if (!process.env.DATABASE_URL && process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
}
const QUERIES = Number(process.env.BENCH_QUERIES ?? 150);
const bench = await benchApp();
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? (bench.kind === 'postgres' ? 1_000_000 : 100_000));

console.log(
  `people search on ${bench.kind}; ${machine()}, ${os.cpus().length} cores; loading ${PEOPLE.toLocaleString('en')} people…`,
);
const loaded = await loadPeople(bench.database.db, {
  count: PEOPLE,
  sampleEvery: Math.max(1, Math.floor(PEOPLE / 20_000)),
  log: (l) => process.env.BENCH_VERBOSE && console.log(l),
  reuse: process.env.BENCH_REUSE === '1',
});
console.log(
  `${loaded.reused ? 'reused' : 'loaded'} ${loaded.count.toLocaleString('en')} people in ${(loaded.ms / 1000).toFixed(1)} s`,
);
if (process.env.BENCH_INDEXES) {
  // Experiments: extra DDL to try, separated by `;`.
  for (const ddl of process.env.BENCH_INDEXES.split(';').filter((s) => s.trim())) {
    const t = performance.now();
    await bench.database.db.execute(sql.raw(ddl));
    console.log(`  ${ddl.trim()} (${Math.round(performance.now() - t)} ms)`);
  }
  await bench.database.db.execute(sql`analyze person`);
}

const [soeharso] = await queryRows<{ id: string }>(
  bench.database.db,
  sql`select id from unit where code = 'SOEHARSO'`,
);
const users = [
  { label: 'pusat (all)', cookie: await bench.login('pusat'), own: loaded.sample },
  {
    label: 'peksos (unit)',
    cookie: await bench.login('peksos.soeharso'),
    own: loaded.sample.filter((p) => p.registered_unit_id === soeharso?.id),
  },
];

const rand = rng(11);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const withAlias = loaded.sample.filter((p) => p.aliases.length > 0);
const withNik = loaded.sample.filter((p) => p.nik);
const withKk = loaded.sample.filter((p) => p.kk_no);

/** A person to look for: mostly the user's own people, sometimes someone they may not see. */
function target(own: GeneratedPerson[], from: GeneratedPerson[] = loaded.sample): GeneratedPerson {
  const mine = own.filter((p) => from.includes(p));
  return rand() < 0.8 && mine.length ? pick(mine) : pick(from);
}

/** A typing slip: two letters swapped, one dropped, one doubled, or i/y and u/o confused. */
function typo(name: string): string {
  const s = name.toLowerCase().split(',')[0] ?? '';
  const i = 1 + Math.floor(rand() * Math.max(1, s.length - 3));
  switch (Math.floor(rand() * 4)) {
    case 0:
      return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + (s[i] ?? '') + s.slice(i);
    default:
      return s.replace(/i/, 'y').replace(/u/, 'o');
  }
}

const firstName = (p: GeneratedPerson) =>
  (p.name_norm.split(' ')[0] === 'muhamad' ? 'muhammad' : p.name_norm.split(' ')[0]) ?? 'siti';
const CLUSTERS = ['anak', 'lanjut_usia', 'disabilitas', 'napza', 'tuna_sosial_kpo', 'kelompok_rentan'];

function filters(p: GeneratedPerson): string {
  const f: string[] = [];
  const k = Math.floor(rand() * 4);
  if (k === 0) f.push(`cluster=${pick(p.clusters)}`);
  if (k === 1) f.push(`sex=${p.sex}`);
  if (k === 2) f.push('ageMin=60');
  if (k === 3) f.push(`area=${p.area_code.slice(0, rand() < 0.5 ? 2 : 5)}`);
  return f.join('&');
}

type Kind = { label: string; make: (own: GeneratedPerson[]) => string; secondPage?: boolean };
const KINDS: Kind[] = [
  { label: 'full name', make: (own) => `q=${target(own).full_name}` },
  { label: 'first name only ("siti")', make: (own) => `q=${firstName(target(own))}` },
  { label: 'full name with a typo', make: (own) => `q=${typo(target(own).full_name)}` },
  { label: 'alias', make: (own) => `q=${pick(target(own, withAlias).aliases)}` },
  {
    label: 'NIK prefix (8–16 digits)',
    make: (own) => `q=${target(own, withNik).nik?.slice(0, 8 + Math.floor(rand() * 9))}`,
  },
  { label: 'KK number', make: (own) => `q=${target(own, withKk).kk_no}` },
  {
    label: 'name + filter',
    make: (own) => {
      const p = target(own);
      return `q=${rand() < 0.5 ? firstName(p) : p.full_name}&${filters(p)}`;
    },
  },
  {
    label: 'filters only',
    make: (own) => {
      const p = target(own);
      return rand() < 0.5 ? `cluster=${pick(CLUSTERS)}` : filters(p);
    },
  },
  { label: 'second page (first name)', make: (own) => `q=${firstName(target(own))}`, secondPage: true },
];

function url(query: string): string {
  const params = query
    .split('&')
    .map((kv) => {
      const [k = '', v = ''] = kv.split('=');
      return `${k}=${encodeURIComponent(v)}`;
    })
    .join('&');
  return `/api/v1/people?${params}`;
}

async function get(cookie: string, u: string) {
  const t = performance.now();
  const res = await bench.app.inject({ method: 'GET', url: u, headers: { cookie } });
  const ms = performance.now() - t;
  if (res.statusCode !== 200) throw new Error(`${u}: ${res.statusCode} ${res.body}`);
  if (process.env.BENCH_SLOW_MS && ms > Number(process.env.BENCH_SLOW_MS))
    console.log('  slow', Math.round(ms), u);
  return { ms, body: res.json() as { nextCursor: string | null; total: number } };
}

const all: number[] = [];
const byUser = new Map<string, number[]>();
console.log(`${QUERIES} requests per row after 20 warm-up`);
for (const user of users) {
  console.log(`— ${user.label}, ${user.own.length.toLocaleString('en')} of the sampled people are its own`);
  const mine: number[] = [];
  for (const kind of KINDS) {
    for (let i = 0; i < 20; i++) await get(user.cookie, url(kind.make(user.own)));
    const samples: number[] = [];
    for (let tries = 0; samples.length < QUERIES && tries < QUERIES * 20; tries++) {
      const first = url(kind.make(user.own));
      if (!kind.secondPage) {
        samples.push((await get(user.cookie, first)).ms);
        continue;
      }
      const page1 = await get(user.cookie, first);
      if (!page1.body.nextCursor) continue;
      samples.push((await get(user.cookie, `${first}&cursor=${page1.body.nextCursor}`)).ms);
    }
    mine.push(...samples);
    console.log(`  ${kind.label.padEnd(28)}`, JSON.stringify(percentiles(samples)));
  }
  byUser.set(user.label, mine);
  all.push(...mine);
  console.log(`  ${'all kinds'.padEnd(28)}`, JSON.stringify(percentiles(mine)));
}
console.log(`${'overall'.padEnd(30)}`, JSON.stringify(percentiles(all)));
await bench.close();
