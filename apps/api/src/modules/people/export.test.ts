import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['peksos.soeharso', 'peksos.handayani', 'gudang.soeharso', 'pusat'])
    c[u] = await t.login(u);
  const register = async (user: string, body: object) => {
    const res = await t.request(c[user] ?? '', {
      method: 'POST',
      url: '/api/v1/people',
      payload: { sex: 'L', birthDate: '1985-03-12', confirmNew: true, ...body },
    });
    expect(res.statusCode).toBe(201);
  };
  await register('peksos.soeharso', { fullName: 'Slamet Riyadi', nik: '3372011203850007' });
  await register('peksos.soeharso', { fullName: 'Sutrisno', aliases: ['=HYPERLINK("http://x")'] });
  await register('peksos.handayani', { fullName: 'Slamet Handayani', nik: '3172011203850008' });
});
afterAll(() => t.close());

const exportAs = (user: string, query: string) =>
  t.request(c[user] ?? '', { method: 'GET', url: `/api/v1/people/export?${query}` });

describe('exporting a search', () => {
  it("gives a unit's CSV with only its people, the NIK whole, formulas neutralised, and audits it", async () => {
    const res = await exportAs('peksos.soeharso', 'format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="penerima-manfaat-.*\.csv"$/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Nama,Alias,NIK,Jenis kelamin,Tanggal lahir,Usia,Wilayah,Unit,Klaster,Catatan');
    expect(res.body).toContain('Slamet Riyadi,,3372011203850007,L,1985-03-12');
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.body).toContain('perlu dokumen identitas');
    expect(res.body).not.toContain('Handayani');
    const audit = await queryRows<{ action: string; meta: { rows: number; format: string } }>(
      t.database.db,
      sql`select action, meta from audit_event where actor_username = 'peksos.soeharso' and entity = 'person'
          and action = 'export' order by id desc limit 1`,
    );
    expect(audit[0]).toMatchObject({ action: 'export', meta: { rows: 2, format: 'csv' } });
  });

  it('applies the search filters, and another unit sees none of these people', async () => {
    const mine = await exportAs('peksos.soeharso', 'format=csv&q=slamet');
    expect(mine.body).toContain('Slamet Riyadi');
    expect(mine.body).not.toContain('Sutrisno');
    const theirs = await exportAs('peksos.handayani', 'format=csv&q=slamet');
    expect(theirs.body).toContain('Slamet Handayani');
    expect(theirs.body).not.toContain('Slamet Riyadi');
  });

  it('writes an XLSX with the NIK as text and neutralised cells', async () => {
    const res = await exportAs('peksos.soeharso', 'format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows[0]?.[2]).toBe('NIK');
    const slamet = rows.find((r) => r[0] === 'Slamet Riyadi');
    expect(slamet?.[2]).toBe('3372011203850007');
    expect(rows.find((r) => r[0] === 'Sutrisno')?.[1]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('lets headquarters export everyone, and refuses a warehouse officer', async () => {
    const all = await exportAs('pusat', 'format=csv&q=slamet');
    expect(all.body).toContain('Slamet Riyadi');
    expect(all.body).toContain('Slamet Handayani');
    expect((await exportAs('gudang.soeharso', 'format=csv')).statusCode).toBe(403);
    expect((await exportAs('peksos.soeharso', 'format=pdf')).statusCode).toBe(400);
  });
});
