// npm run bench:areas — p95 of GET /api/v1/areas as an as-you-type picker uses it (target: under 20 ms
// on the embedded database), over all 91,592 areas. Measured through the HTTP layer (app.inject).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { benchApp, machine, percentiles, rng } from './lib.ts';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 600);
const bench = await benchApp();
const cookie = await bench.login('peksos.soeharso');
const names = await queryRows<{ name: string; code: string; level: string }>(
  bench.database.db,
  sql`select name, code, level from area order by code`,
);
const rand = rng(7);
const pick = () =>
  names[Math.floor(rand() * names.length)] ?? { name: 'Surakarta', code: '33.72', level: 'regency' };

/** Keystrokes: every prefix (2+ letters) of a real area name, as a picker sends them while typing. */
function keystrokes(): string[] {
  const out: string[] = [];
  while (out.length < QUERIES) {
    const name = pick().name.toLowerCase();
    for (let len = 2; len <= Math.min(name.length, 12); len++) out.push(name.slice(0, len));
  }
  return out.slice(0, QUERIES);
}

/** A whole name with two letters swapped: no name starts with it, so the trigram search runs. */
function typo(): string {
  const name = pick().name.toLowerCase();
  if (name.length < 5) return `${name}x`;
  const i = 1 + Math.floor(rand() * (name.length - 3));
  return name.slice(0, i) + (name[i + 1] ?? '') + (name[i] ?? '') + name.slice(i + 2);
}

function codePrefix(): string {
  return pick().code.slice(0, 2 + Math.floor(rand() * 6));
}

/** make() returns the text typed, optionally followed by `|` and extra query parameters. */
function areaUrl(typed: string): string {
  const [q = '', extra] = typed.split('|');
  return `/api/v1/areas?q=${encodeURIComponent(q)}${extra ? `&${extra}` : ''}`;
}

async function run(label: string, make: () => string) {
  const typed = label.startsWith('keystrokes') ? keystrokes() : [];
  const next = typed.length ? () => typed.shift() ?? 'sura' : make;
  for (let i = 0; i < 30; i++) {
    await bench.app.inject({ method: 'GET', url: areaUrl(make()), headers: { cookie } });
  }
  const samples: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const url = areaUrl(next());
    const t = performance.now();
    const res = await bench.app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    samples.push(ms);
    if (process.env.BENCH_SLOW_MS && ms > Number(process.env.BENCH_SLOW_MS))
      console.log('  slow', Math.round(ms), url);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  console.log(label.padEnd(34), JSON.stringify(percentiles(samples)));
}

console.log(`areas search on ${bench.kind}, ${names.length} areas; ${machine()}, ${os.cpus().length} cores`);
await run('keystrokes of real names', () => 'sura');
await run('code prefixes', codePrefix);
await run('keystrokes, level=regency', () => `${pick().name.toLowerCase().slice(0, 4)}|level=regency`);
const jateng = names.filter((a) => a.code.startsWith('33.') && a.level === 'village');
await run('villages inside a province', () => {
  const a = jateng[Math.floor(rand() * jateng.length)] ?? { name: 'Jebres' };
  return `${a.name.toLowerCase().slice(0, 2 + Math.floor(rand() * 6))}|parent=33&level=village`;
});
await run('typos (trigram fallback)', typo);
await bench.close();
