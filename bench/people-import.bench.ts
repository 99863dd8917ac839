// Bulk import benchmark (issue 4): a CSV of realistic Indonesian people (bench/gen/people.ts) uploaded,
// mapped, previewed and run through the HTTP API as a unit's social worker, timed phase by phase.
// Target: 100,000 rows in under 60 s on PostgreSQL.
//   npm run bench:import                                     (embedded PGlite)
//   node scripts/with-postgres.mjs npm run bench:import      (a throwaway PostgreSQL server)
// BENCH_ROWS=20000 for a shorter run.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { importStore } from '../apps/api/src/modules/people/import.service.ts';
import { type JobActor, runImport } from '../apps/api/src/modules/people/import.worker.ts';
import { generatePeople, loadWorld, type World } from './gen/people.ts';
import { benchApp, machine, rng } from './lib.ts';

const HEADERS = [
  'No',
  'Nama',
  'NIK',
  'No KK',
  'Jenis Kelamin',
  'Tgl Lahir',
  'Tempat Lahir',
  'Nama Ibu',
  'Agama',
  'Alamat',
  'RT',
  'RW',
  'Kode Wilayah',
  'Telepon',
  'Klaster',
];

const quote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A regional office's spreadsheet: semicolons, DD/MM/YYYY, Laki-laki/Perempuan, about 1 % bad rows and 1 % repeats. */
function buildCsv(world: World, count: number) {
  const r = rng(7);
  const lines = [HEADERS.join(';')];
  const niks: string[] = [];
  let bad = 0;
  let repeats = 0;
  let i = 0;
  for (const p of generatePeople(world, count, 11)) {
    i++;
    const [y, m, d] = (p.birth_date ?? '').split('-');
    let nik = p.nik ?? '';
    let birth = p.birth_date ? `${d}/${m}/${y}` : '';
    const roll = r();
    if (roll < 0.005) {
      birth = `${d}/${m}/2999`; // in the future
      bad++;
    } else if (roll < 0.01) {
      nik = `${nik.slice(0, 12) || '337201120385'}0000`; // serial 0000
      bad++;
    } else if (roll < 0.02 && niks.length > 0) {
      nik = niks[Math.floor(r() * niks.length)] ?? nik; // the same person typed twice
      repeats++;
    }
    if (nik && roll >= 0.02) niks.push(nik);
    const phone = r() < 0.6 ? `08${Math.floor(1e9 + r() * 8e9)}` : '';
    lines.push(
      [
        String(i),
        p.full_name,
        nik,
        p.kk_no ?? '',
        p.sex === 'L' ? 'Laki-laki' : 'Perempuan',
        birth,
        p.birth_place ?? '',
        p.mother_name ?? '',
        p.religion,
        p.street,
        p.rt,
        p.rw,
        p.area_code,
        phone,
        p.clusters.join(','),
      ]
        .map(quote)
        .join(';'),
    );
  }
  return { csv: `\uFEFF${lines.join('\n')}\n`, bad, repeats };
}

function multipart(name: string, bytes: Buffer) {
  const boundary = '----atensibench';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * CPU seconds used so far by this database's server processes (backends and background workers), read from
 * /proc: a load-independent measure on a shared machine. Null when the server is not on this machine.
 */
async function serverCpu(db: Parameters<typeof queryRows>[0]): Promise<Map<number, number> | null> {
  if (process.platform !== 'linux') return null;
  const pids = await queryRows<{ pid: number }>(db, sql`select pid from pg_stat_activity`);
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      return null;
    }
  }
  return out;
}

async function main() {
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL ??= process.env.TEST_DATABASE_URL;
  const count = Number(process.env.BENCH_ROWS ?? 100_000);
  const b = await benchApp();
  const dataDir = path.resolve(import.meta.dirname, '../data');
  try {
    const cookie = await b.login('peksos.soeharso');
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, extra: object = {}) =>
      b.app.inject({
        method,
        url: `/api/v1/people/imports${url}`,
        headers: { cookie, origin: 'http://localhost:80' },
        ...extra,
      });
    const { csv, bad, repeats } = buildCsv(await loadWorld(b.database.db), count);
    const bytes = Buffer.from(csv);
    console.log(
      `${machine()}, database: ${b.kind}; ${count.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB CSV (${bad} invalid, ${repeats} repeated NIKs planted)`,
    );

    let t0 = performance.now();
    const m = multipart('pm-100k.csv', bytes);
    const up = await b.app.inject({
      method: 'POST',
      url: '/api/v1/people/imports',
      payload: m.payload,
      headers: { ...m.headers, cookie, origin: 'http://localhost:80' },
    });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const job = up.json();
    const uploadMs = performance.now() - t0;
    const put = await call('PUT', `/${job.id}/mapping`, { payload: { mapping: job.suggestedMapping } });
    if (put.statusCode !== 200) throw new Error(`mapping: ${put.statusCode} ${put.body}`);

    t0 = performance.now();
    const preview = await call('GET', `/${job.id}/preview`);
    if (preview.statusCode !== 200) throw new Error(`preview: ${preview.statusCode} ${preview.body}`);
    const previewMs = performance.now() - t0;
    const counts = preview.json().counts;

    // BENCH_PROFILE=1: the job runs through runImport here (the code POST …/run starts in the background),
    // summing the time of each step over the batches.
    const timings = process.env.BENCH_PROFILE ? new Map<string, number>() : undefined;
    const onServer = b.kind === 'postgres';
    const cpuBefore = onServer ? await serverCpu(b.database.db) : null;
    const nodeBefore = process.cpuUsage();
    t0 = performance.now();
    let requestId: string;
    let status: { status: string; processedRows: number } & Record<string, number | string>;
    let running: Promise<void> | null = null;
    if (timings) {
      const [u] = await queryRows<{ id: string; unit_id: string }>(
        b.database.db,
        sql`select id, unit_id from app_user where username = 'peksos.soeharso'`,
      );
      requestId = `bench-${job.id}`;
      const actor: JobActor = {
        userId: u?.id ?? null,
        username: 'peksos.soeharso',
        role: 'pekerja_sosial',
        unitId: u?.unit_id ?? null,
        ip: null,
        requestId,
        scope: 'unit',
      };
      running = runImport(b.database.db, importStore(dataDir).load, job.id, actor, { timings });
      status = { status: 'running', processedRows: 0 };
    } else {
      const run = await call('POST', `/${job.id}/run`);
      if (run.statusCode !== 202) throw new Error(`run: ${run.statusCode} ${run.body}`);
      requestId = run.headers['x-request-id'] as string;
      status = run.json();
    }
    let lastLog = performance.now();
    while (status.status !== 'completed' && status.status !== 'failed') {
      await new Promise((res) => setTimeout(res, 250));
      status = (await call('GET', `/${job.id}`)).json();
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        console.log(`  … ${s(lastLog - t0)}: ${status.processedRows.toLocaleString('en')} rows`);
      }
    }
    await running;
    const runMs = performance.now() - t0;
    const nodeCpu = process.cpuUsage(nodeBefore);
    const cpuAfter = onServer ? await serverCpu(b.database.db) : null;
    const pgCpu =
      cpuBefore && cpuAfter
        ? [...cpuAfter].reduce((sum, [pid, sec]) => sum + sec - (cpuBefore.get(pid) ?? 0), 0)
        : null;
    const people = await queryRows<{ n: number }>(b.database.db, sql`select count(*)::int as n from person`);
    const audit = await queryRows<{ n: number }>(
      b.database.db,
      sql`select count(*)::int as n from audit_event where request_id = ${requestId}`,
    );
    console.log(`upload + parse      ${s(uploadMs)}`);
    console.log(
      `preview (all rows)  ${s(previewMs)}  valid ${counts.valid}, invalid ${counts.invalid}, duplicate ${counts.duplicate}`,
    );
    console.log(
      `run                 ${s(runMs)}  ${Math.round(count / (runMs / 1000)).toLocaleString('en')} rows/s; status ${status.status}`,
    );
    const nodeSec = (nodeCpu.user + nodeCpu.system) / 1e6;
    const serverPart =
      pgCpu === null
        ? onServer
          ? 'database server n/a'
          : 'PGlite included'
        : `database server ${pgCpu.toFixed(1)} s (on 2 idle cores at least ${((nodeSec + pgCpu) / 2).toFixed(1)} s)`;
    console.log(`  CPU during the run: this process ${nodeSec.toFixed(1)} s, ${serverPart}`);
    console.log(
      `  created ${status.createdCount}, duplicates ${status.duplicateCount}, invalid ${status.invalidCount}; people in the registry ${people[0]?.n}; audit rows written by the run ${audit[0]?.n}`,
    );
    if (timings) {
      console.log('  step (summed over batches; "batch transaction" holds the steps under it)');
      for (const [step, ms] of [...timings].sort((a, z) => z[1] - a[1])) {
        console.log(`  ${step.padEnd(28)} ${s(ms)}`);
      }
    }
    rmSync(path.join(dataDir, 'imports', `${job.id}.json`), { force: true });
    rmSync(path.join(dataDir, 'imports', `${job.id}.headers.json`), { force: true });
  } finally {
    await b.close();
  }
}

await main();
