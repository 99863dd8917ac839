import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('peksos.soeharso');
});
afterAll(() => t.close());

const get = (url: string, c = cookie) => t.request(c, { method: 'GET', url });

describe('GET /areas', () => {
  it('finds a regency by the start of its name, before villages of the same name', async () => {
    const res = await get('/api/v1/areas?q=surakarta');
    expect(res.statusCode).toBe(200);
    const first = res.json().items[0];
    expect(first).toMatchObject({
      code: '33.72',
      level: 'regency',
      name: 'Kota Surakarta',
      path: 'Kota Surakarta, Jawa Tengah',
    });
  });

  it('shows a village with its district, regency and province', async () => {
    const res = await get('/api/v1/areas?q=jebres&level=village');
    expect(res.json().items[0].path).toBe('Jebres, Jebres, Kota Surakarta, Jawa Tengah');
  });

  it('tolerates a typo when no name starts with the text', async () => {
    const res = await get('/api/v1/areas?q=surakrta&level=regency');
    expect(res.json().items.map((a: { code: string }) => a.code)).toContain('33.72');
  });

  it('finds areas by the start of their code and browses the children of a parent', async () => {
    const byCode = (await get('/api/v1/areas?q=33.72&level=district')).json().items;
    expect(byCode.length).toBe(5);
    const children = (await get('/api/v1/areas?parent=33.72')).json().items;
    expect(children.map((a: { level: string }) => a.level)).toEqual(Array(5).fill('district'));
  });

  it('limits the page and refuses bad parameters with the field named', async () => {
    expect((await get('/api/v1/areas?q=ka&limit=3')).json().items).toHaveLength(3);
    const bad = await get('/api/v1/areas?level=planet');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('querystring.level');
    expect((await get('/api/v1/areas?parent=33x')).statusCode).toBe(400);
  });
});

describe('GET /areas/{code}', () => {
  it('returns one area with its parents, province first', async () => {
    const res = await get('/api/v1/areas/33.72.04.1010');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('Jebres');
    expect(body.parents.map((p: { code: string }) => p.code)).toEqual(['33', '33.72', '33.72.04']);
  });

  it('answers 404 for a code that does not exist and 400 for one that cannot', async () => {
    expect((await get('/api/v1/areas/99.99')).statusCode).toBe(404);
    expect((await get('/api/v1/areas/abc')).statusCode).toBe(400);
  });
});

describe('GET /reference', () => {
  it('lists clusters, PPKS, service components and programmes with their sources', async () => {
    const body = (await get('/api/v1/reference')).json();
    expect(body.clusters).toHaveLength(8);
    expect(body.ppks).toHaveLength(26);
    expect(body.services).toHaveLength(7);
    expect(body.programmes.map((p: { code: string }) => p.code)).toContain('PKH');
    expect(body.clusters.every((c: { source: string }) => c.source.length > 0)).toBe(true);
    expect(body.ppks[0]).toMatchObject({ no: 1, version: 1, source: expect.stringContaining('ppks.csv') });
  });

  it('lists the 38 province capitals with coordinates and their source', async () => {
    const capitals = (await get('/api/v1/reference')).json().provinceCapitals;
    expect(capitals).toHaveLength(38);
    expect(capitals.find((c: { provinceCode: string }) => c.provinceCode === '73')).toMatchObject({
      provinceName: 'Sulawesi Selatan',
      capital: 'Makassar',
      source: expect.stringContaining('province-capitals.csv'),
    });
  });
});

describe('PUT /reference/clusters/{code}', () => {
  it('lets an admin add a cluster, and edit it with the version read (409 when stale)', async () => {
    const admin = await t.login('admin');
    const put = (body: object) =>
      t.request(admin, { method: 'PUT', url: '/api/v1/reference/clusters/fakir_miskin', payload: body });
    const created = await put({
      nameId: 'Fakir Miskin',
      nameEn: 'The very poor',
      source: 'Klaster 2025 (draft)',
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().version).toBe(1);
    const edited = await put({
      nameId: 'Fakir Miskin',
      nameEn: 'The very poor',
      source: 'Klaster 2025',
      version: 1,
    });
    expect(edited.json().version).toBe(2);
    const stale = await put({ nameId: 'Fakir', nameEn: 'Poor', source: 'Klaster 2025', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // Adding again under a code in use (no version) never overwrites what is there.
    const again = await put({ nameId: 'Fakir', nameEn: 'Poor', source: 'Klaster 2025' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REFERENCE_CODE_TAKEN');
  });

  it('deactivates a cluster; it stays listed, marked inactive', async () => {
    const admin = await t.login('admin');
    const list = (await get('/api/v1/reference', admin)).json().clusters as {
      code: string;
      version: number;
    }[];
    const target = list.find((c) => c.code === 'fakir_miskin');
    const res = await t.request(admin, {
      method: 'PUT',
      url: '/api/v1/reference/clusters/fakir_miskin',
      payload: {
        nameId: 'Fakir Miskin',
        nameEn: 'The very poor',
        source: 'Klaster 2025',
        isActive: false,
        version: target?.version,
      },
    });
    expect(res.statusCode).toBe(200);
    const after = (await get('/api/v1/reference')).json().clusters;
    expect(after.find((c: { code: string }) => c.code === 'fakir_miskin').isActive).toBe(false);
  });

  it('is refused to anyone but an admin', async () => {
    const res = await t.request(await t.login('kepala.soeharso'), {
      method: 'PUT',
      url: '/api/v1/reference/clusters/anak',
      payload: { nameId: 'Anak', nameEn: 'Children', source: 'x', version: 1 },
    });
    expect(res.statusCode).toBe(403);
  });
});

type AuditItem = {
  action: string;
  actorUsername: string;
  changes: Record<string, { before: unknown; after: unknown }>;
};

/** The newest audit event for one record, read through the audit API as a DPO would. */
async function lastAudit(entity: string, entityId: string): Promise<AuditItem | undefined> {
  const res = await t.request(await t.login('dpo'), {
    method: 'GET',
    url: `/api/v1/audit-events?entity=${entity}&entityId=${encodeURIComponent(entityId)}&limit=1`,
  });
  return res.json().items[0];
}

describe('PUT /reference/ppks/{no}', () => {
  const url = '/api/v1/reference/ppks/5';
  const body = (over: object = {}) => ({
    nameId: 'Anak Jalanan',
    nameEn: 'Street children',
    ageRule: 'age 6-18',
    defaultClusterCode: 'anak',
    source: 'Permensos 8/2012',
    ...over,
  });

  it('lets an admin rename a category; the change is audited with before and after', async () => {
    const admin = await t.login('admin');
    const before = (await get('/api/v1/reference')).json().ppks.find((p: { no: number }) => p.no === 5);
    const res = await t.request(admin, {
      method: 'PUT',
      url,
      payload: body({ nameId: 'Anak Jalanan (diperbarui)', version: before.version }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      no: 5,
      nameId: 'Anak Jalanan (diperbarui)',
      version: before.version + 1,
    });
    const listed = (await get('/api/v1/reference')).json().ppks.find((p: { no: number }) => p.no === 5);
    expect(listed.nameId).toBe('Anak Jalanan (diperbarui)');
    const event = await lastAudit('ppks_category', '5');
    expect(event).toMatchObject({
      action: 'update',
      actorUsername: 'admin',
      changes: { name_id: { before: before.nameId, after: 'Anak Jalanan (diperbarui)' } },
    });
  });

  it('answers 409 to an edit based on a version someone else has changed', async () => {
    const admin = await t.login('admin');
    const current = (await get('/api/v1/reference')).json().ppks.find((p: { no: number }) => p.no === 5);
    const first = await t.request(admin, { method: 'PUT', url, payload: body({ version: current.version }) });
    expect(first.statusCode).toBe(200);
    const second = await t.request(admin, {
      method: 'PUT',
      url,
      payload: body({ nameId: 'Lost update', version: current.version }),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT');
    const listed = (await get('/api/v1/reference')).json().ppks.find((p: { no: number }) => p.no === 5);
    expect(listed.nameId).not.toBe('Lost update');
  });

  it('refuses a default cluster that does not exist, naming the field', async () => {
    const res = await t.request(await t.login('admin'), {
      method: 'PUT',
      url: '/api/v1/reference/ppks/27',
      payload: body({ defaultClusterCode: 'astronot' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details[0]).toMatchObject({ field: 'defaultClusterCode', issue: 'unknown_cluster' });
    expect((await get('/api/v1/reference')).json().ppks).toHaveLength(26);
  });

  it('refuses a missing name and a number that is not one, naming the field', async () => {
    const admin = await t.login('admin');
    const noName = await t.request(admin, { method: 'PUT', url, payload: body({ nameId: undefined }) });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().details[0]).toMatchObject({ field: 'nameId', issue: 'required' });
    const badNo = await t.request(admin, {
      method: 'PUT',
      url: '/api/v1/reference/ppks/abc',
      payload: body(),
    });
    expect(badNo.statusCode).toBe(400);
    expect(badNo.json().details[0].field).toBe('params.code');
  });

  it('adds a new category when the number is new', async () => {
    const res = await t.request(await t.login('admin'), {
      method: 'PUT',
      url: '/api/v1/reference/ppks/27',
      payload: body({ nameId: 'Korban Pinjaman Daring Ilegal', nameEn: 'Victims of illegal online lending' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ no: 27, version: 1 });
    expect((await lastAudit('ppks_category', '27'))?.action).toBe('insert');
  });

  it('is refused to a social worker and to a head of unit', async () => {
    for (const who of ['peksos.soeharso', 'kepala.soeharso']) {
      const res = await t.request(await t.login(who), { method: 'PUT', url, payload: body({ version: 1 }) });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('PUT /reference/services/{code}', () => {
  const url = '/api/v1/reference/services/dukungan_keluarga';
  const body = (over: object = {}) => ({
    nameId: 'Dukungan keluarga',
    nameEn: 'Family support',
    examples: 'family counselling, reunification, parenting',
    source: 'Permensos 7/2021 as amended by 7/2022, Art. 1',
    ...over,
  });
  const current = async () =>
    (await get('/api/v1/reference'))
      .json()
      .services.find((s: { code: string }) => s.code === 'dukungan_keluarga');

  it('lets an admin edit a component (audited), 409 on a stale version', async () => {
    const admin = await t.login('admin');
    const { version } = await current();
    const res = await t.request(admin, { method: 'PUT', url, payload: body({ version }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ examples: 'family counselling, reunification, parenting' });
    expect((await lastAudit('service_component', 'dukungan_keluarga'))?.changes).toHaveProperty('examples');
    const stale = await t.request(admin, { method: 'PUT', url, payload: body({ version }) });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a code in the wrong format and a too-short name, naming the field', async () => {
    const admin = await t.login('admin');
    const badCode = await t.request(admin, {
      method: 'PUT',
      url: '/api/v1/reference/services/Bad-Code',
      payload: body(),
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().details[0].field).toBe('params.code');
    const shortName = await t.request(admin, {
      method: 'PUT',
      url,
      payload: body({ nameEn: 'x', version: 1 }),
    });
    expect(shortName.statusCode).toBe(400);
    expect(shortName.json().details[0].field).toBe('nameEn');
  });

  it('is refused to anyone but an admin', async () => {
    const res = await t.request(await t.login('pusat'), {
      method: 'PUT',
      url,
      payload: body({ version: 1 }),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('PUT /reference/programmes/{code}', () => {
  const body = (over: object = {}) => ({
    nameId: 'Program Keluarga Harapan',
    nameEn: 'Family Hope Programme',
    kind: 'social assistance',
    source: 'shared/data/programmes.csv',
    ...over,
  });

  it('lets an admin add a programme and edit it (audited), 409 on a stale version', async () => {
    const admin = await t.login('admin');
    const put = (payload: object) =>
      t.request(admin, { method: 'PUT', url: '/api/v1/reference/programmes/atensi_plus', payload });
    const created = await put(body({ nameId: 'ATENSI Plus', nameEn: 'ATENSI Plus', kind: 'empowerment' }));
    expect(created.statusCode).toBe(200);
    // Programme codes are written in capitals, whatever the address used.
    expect(created.json()).toMatchObject({ code: 'ATENSI_PLUS', version: 1 });
    const edited = await put(
      body({ nameId: 'ATENSI Plus', nameEn: 'ATENSI Plus', kind: 'health', version: 1 }),
    );
    expect(edited.statusCode).toBe(200);
    expect((await lastAudit('programme', 'ATENSI_PLUS'))?.changes).toMatchObject({
      kind: { before: 'empowerment', after: 'health' },
    });
    const stale = await put(body({ nameId: 'ATENSI Plus', nameEn: 'ATENSI Plus', version: 1 }));
    expect(stale.statusCode).toBe(409);
  });

  it('refuses an unknown field and a missing kind, naming the field', async () => {
    const admin = await t.login('admin');
    const url = '/api/v1/reference/programmes/PKH';
    const unknown = await t.request(admin, {
      method: 'PUT',
      url,
      payload: body({ colour: 'red', version: 1 }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0]).toMatchObject({ field: 'colour', issue: 'unknown_field' });
    const noKind = await t.request(admin, {
      method: 'PUT',
      url,
      payload: body({ kind: undefined, version: 1 }),
    });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().details[0].field).toBe('kind');
  });

  it('is refused to anyone but an admin', async () => {
    const res = await t.request(await t.login('dpo'), {
      method: 'PUT',
      url: '/api/v1/reference/programmes/PKH',
      payload: body({ version: 1 }),
    });
    expect(res.statusCode).toBe(403);
  });
});
