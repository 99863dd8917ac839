import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: string;
let kepalaSoeharso: string;
let ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  kepalaSoeharso = await t.login('kepala.soeharso');
  const list = (await t.request(admin, { method: 'GET', url: '/api/v1/units?limit=200' })).json();
  ids = Object.fromEntries(list.items.map((u: { code: string; id: string }) => [u.code, u.id]));
});
afterAll(() => t.close());

const unit = async (code: string, c = admin) =>
  (await t.request(c, { method: 'GET', url: `/api/v1/units/${ids[code]}` })).json();

describe('GET /units', () => {
  it('lists the 37 units with search and filters', async () => {
    const all = (await t.request(admin, { method: 'GET', url: '/api/v1/units?limit=200' })).json();
    expect(all.total).toBe(37);
    const found = (await t.request(admin, { method: 'GET', url: '/api/v1/units?q=makassar' })).json();
    expect(found.items.map((u: { code: string }) => u.code).sort()).toEqual(['TODDOPULI', 'WIRAJAYA']);
    const jateng = (
      await t.request(admin, { method: 'GET', url: '/api/v1/units?province=33&limit=200' })
    ).json();
    expect(jateng.items.every((u: { provinceCode: string }) => u.provinceCode === '33')).toBe(true);
  });

  it('shows a unit profile with its matrix row, coverage and staff', async () => {
    const u = await unit('SOEHARSO');
    expect(u).toMatchObject({ code: 'SOEHARSO', provinceName: 'Jawa Tengah', staffCount: 4 });
    expect(u.services.find((s: { clusterCode: string }) => s.clusterCode === 'disabilitas')).toMatchObject({
      isResidential: true,
      residentialCapacity: 120,
    });
    expect(u.coverage.map((c: { code: string }) => c.code)).toContain('33');
  });
});

describe('editing a unit', () => {
  it('lets the head of unit edit their own profile, and answers 409 to a stale version', async () => {
    const u = await unit('SOEHARSO');
    const ok = await t.request(kepalaSoeharso, {
      method: 'PATCH',
      url: `/api/v1/units/${u.id}`,
      payload: { phone: '+62271000000', headName: 'Sri Wahyuningsih', version: u.version },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '+62271000000', version: u.version + 1 });
    const stale = await t.request(admin, {
      method: 'PATCH',
      url: `/api/v1/units/${u.id}`,
      payload: { phone: '+62271999999', version: u.version },
    });
    expect(stale.statusCode).toBe(409);
    expect((await unit('SOEHARSO')).phone).toBe('+62271000000');
  });

  it('refuses a head of unit editing another unit', async () => {
    const other = await unit('HANDAYANI');
    const res = await t.request(kepalaSoeharso, {
      method: 'PATCH',
      url: `/api/v1/units/${other.id}`,
      payload: { phone: '+6221000', version: other.version },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a social worker editing even their own unit', async () => {
    const u = await unit('SOEHARSO');
    const res = await t.request(await t.login('peksos.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/units/${u.id}`,
      payload: { phone: '+6221000', version: u.version },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses coordinates outside Indonesia and an unknown area, naming the field', async () => {
    const u = await unit('HANDAYANI');
    const far = await t.request(admin, {
      method: 'PATCH',
      url: `/api/v1/units/${u.id}`,
      payload: { lat: 48.85, lon: 2.35, version: u.version },
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().details.map((d: { field: string }) => d.field)).toContain('lat');
    const area = await t.request(admin, {
      method: 'PATCH',
      url: `/api/v1/units/${u.id}`,
      payload: { areaCode: '99.99.99.9999', version: u.version },
    });
    expect(area.statusCode).toBe(400);
    expect(area.json().details[0].field).toBe('areaCode');
  });

  it('replaces the matrix row and refuses negative beds, unknown clusters and beds without residence', async () => {
    const u = await unit('TODDOPULI');
    const put = (services: object[], version = u.version) =>
      t.request(admin, {
        method: 'PUT',
        url: `/api/v1/units/${u.id}/services`,
        payload: { services, version },
      });
    const negative = await put([
      {
        clusterCode: 'anak',
        isResidential: true,
        isFamily: false,
        isCommunity: false,
        residentialCapacity: -1,
      },
    ]);
    expect(negative.statusCode).toBe(400);
    const unknown = await put([
      {
        clusterCode: 'alien',
        isResidential: false,
        isFamily: true,
        isCommunity: false,
        residentialCapacity: 0,
      },
    ]);
    expect(unknown.json().details[0]).toMatchObject({
      field: 'services.0.clusterCode',
      issue: 'unknown_cluster',
    });
    const beds = await put([
      {
        clusterCode: 'anak',
        isResidential: false,
        isFamily: true,
        isCommunity: false,
        residentialCapacity: 5,
      },
    ]);
    expect(beds.statusCode).toBe(400);
    const ok = await put([
      {
        clusterCode: 'anak',
        isResidential: true,
        isFamily: true,
        isCommunity: false,
        residentialCapacity: 50,
      },
      {
        clusterCode: 'lanjut_usia',
        isResidential: false,
        isFamily: true,
        isCommunity: true,
        residentialCapacity: 0,
      },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().services).toHaveLength(2);
    expect(ok.json().residentialCapacity).toBe(50);
  });

  it('replaces the coverage with provinces or regencies only', async () => {
    const u = await unit('TODDOPULI');
    const put = (areaCodes: string[]) =>
      t.request(admin, {
        method: 'PUT',
        url: `/api/v1/units/${u.id}/coverage`,
        payload: { areaCodes, version: u.version },
      });
    expect((await put(['73', '99'])).statusCode).toBe(400);
    expect((await put(['73.71.01'])).json().details[0].issue).toBe('not_province_or_regency');
    const ok = await put(['73', '74', '76.01']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().coverage.map((c: { code: string }) => c.code)).toEqual(['73', '74', '76.01']);
  });
});

describe('the multi-function matrix', () => {
  it('shows units × clusters with modes and beds, and provinces where a cluster has no unit', async () => {
    const m = (await t.request(kepalaSoeharso, { method: 'GET', url: '/api/v1/units/matrix' })).json();
    expect(m.clusters.length).toBeGreaterThanOrEqual(8);
    const soeharso = m.units.find((u: { code: string }) => u.code === 'SOEHARSO');
    expect(soeharso.cells.disabilitas).toMatchObject({ residentialCapacity: 120, residentialFree: 120 });
    expect(soeharso.cells.disabilitas.modes).toEqual(['residential', 'family', 'community']);
    expect(Array.isArray(m.gaps)).toBe(true);
  });
});

describe('GET /units/nearest', () => {
  it('ranks covering units first, then by distance, with free beds', async () => {
    const res = await t.request(kepalaSoeharso, {
      method: 'GET',
      url: '/api/v1/units/nearest?cluster=disabilitas&mode=residential&area=33.72.04',
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items[0]).toMatchObject({ unit: { code: 'SOEHARSO' }, isCovering: true, residentialFree: 120 });
    const covering = items.map((i: { isCovering: boolean }) => i.isCovering);
    expect(covering).toEqual([...covering].sort((a, b) => Number(b) - Number(a)));
  });

  it('ranks by coordinates when no area is known', async () => {
    const res = await t.request(kepalaSoeharso, {
      method: 'GET',
      url: '/api/v1/units/nearest?cluster=anak&mode=family&lat=-5.14&lon=119.43',
    });
    expect(res.json().origin.provinceCode).toBe('73');
    expect(res.json().items[0].unit.city).toBe('Makassar');
  });

  it('refuses an unknown cluster or area, and a place outside Indonesia', async () => {
    const q = (s: string) => t.request(kepalaSoeharso, { method: 'GET', url: `/api/v1/units/nearest?${s}` });
    expect((await q('cluster=alien&mode=family&area=33')).json().details[0].field).toBe('cluster');
    expect((await q('cluster=anak&mode=family&area=99.99')).json().details[0].field).toBe('area');
    expect((await q('cluster=anak&mode=family&lat=51.5&lon=0.1')).statusCode).toBe(400);
    expect((await q('cluster=anak&mode=family')).statusCode).toBe(400);
  });
});

describe('adding, archiving and merging units (admin)', () => {
  it('adds a unit covering its own province', async () => {
    const res = await t.request(admin, {
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        code: 'sentra_papua',
        name: 'Sentra Papua',
        type: 'sentra',
        regencyCode: '91.71',
        city: 'Jayapura',
        lat: -2.53,
        lon: 140.71,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'SENTRA_PAPUA',
      provinceCode: '91',
      coverage: [{ code: '91' }],
    });
    const again = await t.request(admin, {
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        code: 'SENTRA_PAPUA',
        name: 'Dup',
        type: 'sentra',
        regencyCode: '91.71',
        city: 'Jayapura',
        lat: -2.53,
        lon: 140.71,
      },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to merge a unit with active users unless they move, and records the merge', async () => {
    const from = await unit('HANDAYANI');
    const into = await unit('SOEHARSO');
    const refused = await t.request(admin, {
      method: 'POST',
      url: `/api/v1/units/${from.id}/merge`,
      payload: { version: from.version, intoUnitId: into.id, moveUsers: false, note: 'Kepmensos 2022' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('UNIT_HAS_ACTIVE_USERS');
    const merged = await t.request(admin, {
      method: 'POST',
      url: `/api/v1/units/${from.id}/merge`,
      payload: { version: from.version, intoUnitId: into.id, moveUsers: true, note: 'Kepmensos 2022' },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ isArchived: true, mergedIntoCode: 'SOEHARSO', staffCount: 0 });
    expect((await unit('SOEHARSO')).staffCount).toBe(8);
  });

  it('is refused to a head of unit', async () => {
    const res = await t.request(kepalaSoeharso, {
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        code: 'X_UNIT',
        name: 'X unit',
        type: 'loka',
        regencyCode: '33.72',
        city: 'Solo',
        lat: -7.5,
        lon: 110.8,
      },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('outlets and warehouses', () => {
  it('lets the head of unit add and remove their own, and refuses another unit', async () => {
    const u = await unit('SOEHARSO');
    const added = await t.request(kepalaSoeharso, {
      method: 'POST',
      url: `/api/v1/units/${u.id}/facilities`,
      payload: { kind: 'outlet', name: 'Sentra Kreasi ATENSI Solo' },
    });
    expect(added.statusCode).toBe(200);
    const facility = added
      .json()
      .facilities.find((f: { name: string }) => f.name === 'Sentra Kreasi ATENSI Solo');
    expect(facility).toMatchObject({ kind: 'outlet' });
    const other = await unit('TODDOPULI');
    const refused = await t.request(kepalaSoeharso, {
      method: 'POST',
      url: `/api/v1/units/${other.id}/facilities`,
      payload: { kind: 'warehouse', name: 'Gudang Makassar' },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await t.request(kepalaSoeharso, {
      method: 'POST',
      url: `/api/v1/units/${u.id}/facilities`,
      payload: { kind: 'kiosk', name: 'X' },
    });
    expect(bad.statusCode).toBe(400);
    const removed = await t.request(kepalaSoeharso, {
      method: 'DELETE',
      url: `/api/v1/units/${u.id}/facilities/${facility.id}`,
    });
    expect(removed.json().facilities.some((f: { id: string }) => f.id === facility.id)).toBe(false);
    const again = await t.request(kepalaSoeharso, {
      method: 'DELETE',
      url: `/api/v1/units/${u.id}/facilities/${facility.id}`,
    });
    expect(again.statusCode).toBe(404);
  });
});
