import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { importStore } from './import.service.ts';
import { type JobActor, resumeImports, runImport } from './import.worker.ts';
import { parseDate, parseSex } from './spreadsheet.ts';

let t: TestApp;
let dataDir: string;
const c: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'atensi-import-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  for (const u of ['peksos.soeharso', 'peksos.handayani', 'gudang.soeharso', 'pusat'])
    c[u] = await t.login(u);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const as = (u: string) => c[u] ?? '';
/** A NIK that passes the rules: Kota Surakarta, born 12-03-1985, this serial. */
const nik = (serial: number) => `337201120385${String(serial).padStart(4, '0')}`;

function multipart(name: string, bytes: Buffer) {
  const boundary = `----atensi${Math.random().toString(16).slice(2)}`;
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
const upload = (user: string, name: string, bytes: Buffer | string, query = '') =>
  t.request(as(user), {
    method: 'POST',
    url: `/api/v1/people/imports${query}`,
    ...multipart(name, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)),
  });
const req = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.request(as(user), { method, url: `/api/v1/people/imports${url}`, ...(payload ? { payload } : {}) });
const countNik = async (n: string) =>
  (
    await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from person where nik = ${n}`)
  )[0]?.n ?? 0;

const HEADER = 'Nama;NIK;No KK;Jenis Kelamin;Tgl Lahir;Tempat Lahir;Nama Ibu;Alamat;Kode Wilayah;Telepon';
const MAPPING = {
  Nama: 'fullName',
  NIK: 'nik',
  'No KK': 'kkNo',
  'Jenis Kelamin': 'sex',
  'Tgl Lahir': 'birthDate',
  'Tempat Lahir': 'birthPlace',
  'Nama Ibu': 'motherName',
  Alamat: 'street',
  'Kode Wilayah': 'areaCode',
  Telepon: 'phone',
};

async function waitFor(user: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await req(user, 'GET', `/${id}`)).json();
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('reading cells', () => {
  it('understands Indonesian dates, Excel serials and L/P in their common spellings', () => {
    expect(parseDate('17/08/1945')).toBe('1945-08-17');
    expect(parseDate('1990-02-03')).toBe('1990-02-03');
    expect(parseDate('32952')).toBe('1990-03-20');
    expect(parseDate('31/02/1990')).toBeNull();
    expect([
      parseSex('L'),
      parseSex('Laki-laki'),
      parseSex('perempuan'),
      parseSex('P'),
      parseSex('X'),
    ]).toEqual(['L', 'L', 'P', 'P', null]);
  });
});

describe('uploading a file', () => {
  it('reads a semicolon CSV with a BOM: headers, row count, and a mapping guessed from the names', async () => {
    const csv = `\uFEFF${HEADER}\nAgus Salim;${nik(101)};3372010101090002;L;12/03/1985;Surakarta;Siti;Jl. Mawar 1;33.72;0812-1111-2222\n`;
    const res = await upload('peksos.soeharso', 'pm.csv', csv);
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job).toMatchObject({
      format: 'csv',
      status: 'uploaded',
      totalRows: 1,
      unit: { code: 'SOEHARSO' },
    });
    expect(job.headers).toEqual(HEADER.split(';'));
    expect(job.suggestedMapping).toEqual(MAPPING);
    expect(job.suggestedFrom).toBeNull();
  });

  it('reads an XLSX by its content, with Excel dates and a NIK stored as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Nama', 'NIK', 'Jenis Kelamin', 'Tanggal Lahir']);
    ws.addRow(['Dewi Lestari', Number(nik(102)), 'Perempuan', new Date(Date.UTC(1985, 2, 12))]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('peksos.soeharso', 'data-tanpa-ekstensi', bytes);
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job.format).toBe('xlsx');
    const put = await req('peksos.soeharso', 'PUT', `/${job.id}/mapping`, { mapping: job.suggestedMapping });
    expect(put.statusCode).toBe(200);
    const preview = (await req('peksos.soeharso', 'GET', `/${job.id}/preview`)).json();
    expect(preview.sample[0]).toMatchObject({
      outcome: 'valid',
      values: { fullName: 'Dewi Lestari', nik: nik(102), sex: 'P', birthDate: '1985-03-12' },
    });
  });

  it('refuses a disguised binary file and one over 20 MB', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const bad = await upload('peksos.soeharso', 'daftar.csv', png);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IMPORT_FILE_INVALID');
    const big = await upload('peksos.soeharso', 'besar.csv', Buffer.alloc(21 * 1024 * 1024, 'a'));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('IMPORT_FILE_TOO_LARGE');
  });

  it('lets only people staff import: a warehouse officer gets 403', async () => {
    const res = await upload('gudang.soeharso', 'pm.csv', `${HEADER}\n`);
    expect(res.statusCode).toBe(403);
  });
});

describe('mapping, preview and run', () => {
  let jobId = '';
  const rows = [
    `Rina Wati;${nik(201)};;Perempuan;03/02/1990;Solo;Sumi;Jl. Melati;33.72;081233334444`,
    `Bejo;${nik(202)};;Laki-laki;1988-07-01;Solo;Parmi;Jl. Kenanga;33.72;`,
    `Tono Bad NIK;3372011203850000;;L;01/01/1980;;;;;`, // serial 0000
    `Masa Depan;;;L;01/01/2999;;;;;`,
    `Salah Kelamin;;;X;01/01/1980;;;=1+2;;`,
    `Wilayah Asing;;;P;01/01/1980;;;;99.99;`,
    `Sudah Ada;${nik(301)};;L;12/03/1985;;;;;`,
    `Rina Lagi;${nik(201)};;P;03/02/1990;;;;;`,
    `Tanpa NIK;;;P;32952;;;;;`,
  ];

  beforeAll(async () => {
    const res = await t.request(as('peksos.handayani'), {
      method: 'POST',
      url: '/api/v1/people',
      payload: {
        fullName: 'Orang Terdaftar',
        nik: nik(301),
        sex: 'L',
        birthDate: '1985-03-12',
        confirmNew: true,
      },
    });
    expect(res.statusCode).toBe(201);
    jobId = (await upload('peksos.soeharso', 'daftar-pm.csv', `${HEADER}\n${rows.join('\n')}\n`)).json().id;
  });

  it('refuses a mapping without the required fields or naming a column the file lacks', async () => {
    const res = await req('peksos.soeharso', 'PUT', `/${jobId}/mapping`, {
      mapping: { Nama: 'fullName', Umur: 'birthDate' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_MAPPING_INVALID');
    expect(
      res
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['mapping.Umur', 'sex']);
    const early = await req('peksos.soeharso', 'POST', `/${jobId}/run`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('IMPORT_NOT_READY');
  });

  it('saves a mapping and suggests it for the next file with the same columns', async () => {
    const res = await req('peksos.soeharso', 'PUT', `/${jobId}/mapping`, {
      mapping: MAPPING,
      saveAs: 'Format Dinsos',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mapping).toEqual(MAPPING);
    const next = (await upload('peksos.soeharso', 'lagi.csv', `${HEADER}\n`)).json();
    expect(next.suggestedFrom).toBe('Format Dinsos');
    expect(next.savedMappings.map((m: { name: string }) => m.name)).toContain('Format Dinsos');
    // Another unit does not get this unit's saved mappings.
    const other = (await upload('peksos.handayani', 'lagi.csv', `${HEADER}\n`)).json();
    expect(other.savedMappings).toEqual([]);
  });

  it('previews every invalid row with the field and why, and the duplicates, writing nothing', async () => {
    const res = await req('peksos.soeharso', 'GET', `/${jobId}/preview`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.counts).toEqual({ total: 9, valid: 3, invalid: 4, duplicate: 2 });
    const byLine = Object.fromEntries(
      p.problems.map(
        (x: { rowNo: number; messages: { field: string; issue: string; message: string }[] }) => [
          x.rowNo,
          x.messages.map((m) => `${m.field}/${m.issue}`),
        ],
      ),
    );
    expect(byLine).toEqual({
      4: ['nik/serial'],
      5: ['birthDate/in_future'],
      6: ['sex/invalid_value'],
      7: ['areaCode/unknown'],
      8: ['nik/duplicate'],
      9: ['nik/duplicate'],
    });
    const future = p.problems.find((x: { rowNo: number }) => x.rowNo === 5);
    expect(future.messages[0].message).toBe('Tgl Lahir: tanggal lahir tidak boleh di masa depan');
    const registered = p.problems.find((x: { rowNo: number }) => x.rowNo === 8);
    expect(registered.existing).toMatchObject({ personId: null, unit: { code: 'HANDAYANI' } });
    expect(p.problems.find((x: { rowNo: number }) => x.rowNo === 9).existing.rowNo).toBe(2);
    expect(p.sample[0].values).toMatchObject({ sex: 'P', birthDate: '1990-02-03', areaCode: '33.72' });
    expect(p.sample[8].values.birthDate).toBe('1990-03-20');
    expect(p.job.status).toBe('previewed');
    expect(await countNik(nik(201))).toBe(0);
  });

  it('runs in the background to completion: valid rows created, duplicates and invalid rows reported', async () => {
    const res = await req('peksos.soeharso', 'POST', `/${jobId}/run`);
    expect(res.statusCode).toBe(202);
    const job = await waitFor('peksos.soeharso', jobId);
    expect(job).toMatchObject({
      status: 'completed',
      processedRows: 9,
      percent: 100,
      createdCount: 3,
      duplicateCount: 2,
      invalidCount: 4,
    });
    expect(await countNik(nik(201))).toBe(1);
    expect(await countNik(nik(301))).toBe(1);
    const found = (
      await t.request(as('peksos.soeharso'), { method: 'GET', url: '/api/v1/people?q=Rina%20Wati' })
    ).json();
    expect(found.items[0]).toMatchObject({ fullName: 'Rina Wati', registeredUnit: { code: 'SOEHARSO' } });
    const person = (
      await t.request(as('peksos.soeharso'), { method: 'GET', url: `/api/v1/people/${found.items[0].id}` })
    ).json();
    expect(person.phones).toEqual([{ phone: '+6281233334444', owner: 'self', relationship: null }]);
    const audit = await queryRows<{ actor_username: string }>(
      t.database.db,
      sql`select actor_username from audit_event where entity = 'person' and action = 'insert' and entity_id = ${found.items[0].id}`,
    );
    expect(audit).toEqual([{ actor_username: 'peksos.soeharso' }]);
    // Running it again creates nobody twice.
    await req('peksos.soeharso', 'POST', `/${jobId}/run`);
    expect((await waitFor('peksos.soeharso', jobId)).createdCount).toBe(3);
    expect(await countNik(nik(201))).toBe(1);
  });

  it('gives the rows not created as a CSV with reasons, formulas neutralised', async () => {
    const res = await req('peksos.soeharso', 'GET', `/${jobId}/errors.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment; filename="daftar-pm-galat.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`Baris,Hasil,Alasan,${HEADER.replaceAll(';', ',')}`);
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith('6,'))).toContain("'=1+2");
    expect(lines.find((l) => l.startsWith('8,'))).toContain('duplikat,NIK: sudah terdaftar');
  });

  it('hides the job from another unit (404 everywhere) and lists it only for its own', async () => {
    for (const [method, url, payload] of [
      ['GET', `/${jobId}`],
      ['GET', `/${jobId}/preview`],
      ['PUT', `/${jobId}/mapping`, { mapping: MAPPING }],
      ['POST', `/${jobId}/run`],
      ['GET', `/${jobId}/errors.csv`],
    ] as const) {
      const res = await req('peksos.handayani', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const mine = (await req('peksos.soeharso', 'GET', '')).json();
    expect(mine.items.map((j: { id: string }) => j.id)).toContain(jobId);
    const theirs = (await req('peksos.handayani', 'GET', '')).json();
    expect(theirs.items.map((j: { id: string }) => j.id)).not.toContain(jobId);
    expect(theirs.items.every((j: { unit: { code: string } }) => j.unit.code === 'HANDAYANI')).toBe(true);
  });

  it('asks headquarters which unit the people belong to', async () => {
    const res = await upload('pusat', 'pm.csv', `${HEADER}\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('unitId');
  });
});

describe('a failure mid-way', () => {
  const lines = (base: number) =>
    Array.from(
      { length: 7 },
      (_, i) => `Warga ${base + i};${nik(base + i)};;${i % 2 ? 'P' : 'L'};12/03/1985;;;;;`,
    );

  async function preparedJob(base: number) {
    const job = (
      await upload('peksos.soeharso', 'besar.csv', `${HEADER}\n${lines(base).join('\n')}\n`)
    ).json();
    await req('peksos.soeharso', 'PUT', `/${job.id}/mapping`, { mapping: MAPPING });
    const [u] = await queryRows<{ id: string; unit_id: string }>(
      t.database.db,
      sql`select id, unit_id from app_user where username = 'peksos.soeharso'`,
    );
    const actor: JobActor = {
      userId: u?.id ?? null,
      username: 'peksos.soeharso',
      role: 'pekerja_sosial',
      unitId: u?.unit_id ?? null,
      ip: null,
      requestId: 'test',
      scope: 'unit',
    };
    return { id: job.id as string, actor };
  }
  const created = async (like = 'Warga %') =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from person where full_name like ${like}`,
      )
    )[0]?.n ?? 0;

  it('keeps the committed batches after a crash, and a resume creates nobody twice', async () => {
    const { id, actor } = await preparedJob(400);
    const store = importStore(dataDir);
    await expect(
      runImport(t.database.db, store.load, id, actor, {
        batchSize: 2,
        parallel: 1,
        afterBatch: (n) => {
          if (n === 2) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const failed = (await req('peksos.soeharso', 'GET', `/${id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', processedRows: 4, createdCount: 4, percent: 57 });
    expect(await created()).toBe(4);
    await req('peksos.soeharso', 'POST', `/${id}/run`);
    expect(await waitFor('peksos.soeharso', id)).toMatchObject({ status: 'completed', createdCount: 7 });
    expect(await created()).toBe(7);
    for (let i = 0; i < 7; i++) expect(await countNik(nik(400 + i))).toBe(1);
  });

  it('resumes a job a stopped server left running, at the next start', async () => {
    const { id, actor } = await preparedJob(500);
    const store = importStore(dataDir);
    let batches = 0;
    // The process stops after one batch: the job stays 'running' with 2 of 7 rows done.
    await runImport(t.database.db, store.load, id, actor, {
      batchSize: 2,
      parallel: 1,
      afterBatch: () => {
        batches++;
      },
      shouldStop: () => batches >= 1,
    });
    expect((await req('peksos.soeharso', 'GET', `/${id}`)).json()).toMatchObject({
      status: 'running',
      processedRows: 2,
    });
    const quiet = { info: () => {}, error: () => {} };
    expect(await resumeImports(t.database.db, store.load, quiet)).toEqual([id]);
    const done = await waitFor('peksos.soeharso', id);
    expect(done).toMatchObject({ status: 'completed', processedRows: 7, duplicateCount: 0, createdCount: 7 });
    expect(await created()).toBe(14);
    for (let i = 0; i < 7; i++) expect(await countNik(nik(500 + i))).toBe(1);
  });

  it('keeps whole batches when two are written at once and one fails, and a resume creates nobody twice', async () => {
    const { id, actor } = await preparedJob(600);
    const store = importStore(dataDir);
    await expect(
      runImport(t.database.db, store.load, id, actor, {
        batchSize: 2,
        parallel: 2,
        afterBatch: (n) => {
          if (n === 1) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const failed = (await req('peksos.soeharso', 'GET', `/${id}`)).json();
    expect(failed.status).toBe('failed');
    // Each committed batch holds its people and its rows' outcomes: the counts agree with the registry.
    expect(failed.createdCount).toBe(await created('Warga 60%'));
    expect(failed.processedRows).toBe(failed.createdCount);
    expect(failed.processedRows % 2).toBe(0);
    expect(failed.processedRows).toBeLessThan(7);
    await req('peksos.soeharso', 'POST', `/${id}/run`);
    expect(await waitFor('peksos.soeharso', id)).toMatchObject({
      status: 'completed',
      processedRows: 7,
      createdCount: 7,
    });
    expect(await created('Warga 60%')).toBe(7);
    for (let i = 0; i < 7; i++) expect(await countNik(nik(600 + i))).toBe(1);
  });
});

describe('auditing of an import', () => {
  it('audits every created person and link with the importing user, a large batch as a small one', async () => {
    const people = (base: number, n: number) =>
      Array.from(
        { length: n },
        (_, i) => `Audit ${base + i};${nik(base + i)};3372010101090002;L;12/03/1985;;;;33.72;081211112222`,
      );
    const run = async (base: number, n: number) => {
      const job = (
        await upload('peksos.soeharso', 'audit.csv', `${HEADER}\n${people(base, n).join('\n')}\n`)
      ).json();
      await req('peksos.soeharso', 'PUT', `/${job.id}/mapping`, { mapping: MAPPING });
      await req('peksos.soeharso', 'POST', `/${job.id}/run`);
      expect(await waitFor('peksos.soeharso', job.id)).toMatchObject({
        status: 'completed',
        createdCount: n,
      });
      return queryRows<{
        entity: string;
        entity_id: string;
        actor_username: string;
        actor_unit_id: string | null;
        changes: Record<string, { before: unknown; after: unknown }>;
      }>(
        t.database.db,
        sql`select a.entity, a.entity_id, a.actor_username, a.actor_unit_id, a.changes
            from audit_event a join person p on a.entity_id = p.id::text or a.changes -> 'person_id' ->> 'after' = p.id::text
            where p.full_name like ${`Audit ${String(base)[0]}%`} and a.action = 'insert' order by a.id`,
      );
    };
    // 30 people in one statement per table, then 3: the database builds the records of a large statement
    // another way (0028); both must say the same.
    const large = await run(700, 30);
    const small = await run(800, 3);
    for (const [events, n] of [
      [large, 30],
      [small, 3],
    ] as const) {
      const count = (entity: string) => events.filter((e) => e.entity === entity).length;
      expect([count('person'), count('person_unit'), count('person_kk'), count('person_phone')]).toEqual([
        n,
        n,
        n,
        n,
      ]);
      expect(new Set(events.map((e) => e.actor_username))).toEqual(new Set(['peksos.soeharso']));
      expect(events.every((e) => e.actor_unit_id)).toBe(true);
    }
    const personOf = (events: typeof large) => events.filter((e) => e.entity === 'person');
    const [bulk, single] = [personOf(large)[0], personOf(small)[0]];
    expect(Object.keys(bulk?.changes ?? {}).sort()).toEqual(Object.keys(single?.changes ?? {}).sort());
    expect(bulk?.entity_id).toBe(bulk?.changes.id?.after);
    expect(bulk?.changes.full_name).toEqual({ before: null, after: 'Audit 700' });
    expect(Array.isArray(bulk?.changes.search_words?.after)).toBe(true);
    expect(bulk?.changes).not.toHaveProperty('created_at');
    const link = large.find((e) => e.entity === 'person_unit');
    expect(link?.changes.reason).toEqual({ before: null, after: 'registered' });
    expect(link?.entity_id).toBe(link?.changes.person_id?.after);
  });
});
