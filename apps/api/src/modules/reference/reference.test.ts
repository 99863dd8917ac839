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
