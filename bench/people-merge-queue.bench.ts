// node --import tsx bench/people-merge-queue.bench.ts (embedded database, BENCH_PEOPLE people, default
// 100,000) — p50/p95 of GET /api/v1/people/duplicate-queue pages for headquarters (scope all) and a head
// of unit (scope unit), following nextCursor through the registry. One page walks at most 300 records.
import os from 'node:os';
import { loadPeople } from './gen/people.ts';
import { benchApp, machine, percentiles } from './lib.ts';

if (!process.env.DATABASE_URL && process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
}
const PAGES = Number(process.env.BENCH_PAGES ?? 40);
const bench = await benchApp();
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
console.log(`duplicate queue on ${bench.kind}; ${machine()}, ${os.cpus().length} cores; ${PEOPLE} people`);
const loaded = await loadPeople(bench.database.db, { count: PEOPLE, sampleEvery: PEOPLE });
console.log(`loaded ${loaded.count.toLocaleString('en')} people in ${(loaded.ms / 1000).toFixed(1)} s`);

for (const user of ['pusat', 'kepala.soeharso']) {
  const cookie = await bench.login(user);
  const times: number[] = [];
  let cursor: string | null = null;
  let pairs = 0;
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    const res = await bench.app.inject({
      method: 'GET',
      url: `/api/v1/people/duplicate-queue?limit=20${cursor ? `&cursor=${cursor}` : ''}`,
      headers: { cookie },
    });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    const body = res.json() as { items: unknown[]; nextCursor: string | null };
    pairs += body.items.length;
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  console.log(`${user}: ${JSON.stringify(percentiles(times))} ms per page, ${pairs} pairs`);
}
await bench.close();
