import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: string;
let kepala: string;
let soeharsoId: string;
let handayaniId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  kepala = await t.login('kepala.soeharso');
  const units = (await t.request(admin, { method: 'GET', url: '/api/v1/units?limit=200' })).json().items;
  soeharsoId = units.find((u: { code: string }) => u.code === 'SOEHARSO').id;
  handayaniId = units.find((u: { code: string }) => u.code === 'HANDAYANI').id;
});
afterAll(() => t.close());

const create = (cookie: string, body: object) =>
  t.request(cookie, { method: 'POST', url: '/api/v1/users', payload: body });

describe('managing users', () => {
  it('creates a user with a one-time password that must be changed at first sign-in', async () => {
    const res = await create(kepala, {
      username: 'Peksos2.Soeharso',
      displayName: 'Budi Santoso',
      role: 'pekerja_sosial',
      unitId: soeharsoId,
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({
      username: 'peksos2.soeharso',
      mustChangePassword: true,
      unit: { code: 'SOEHARSO' },
    });
    expect(initialPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const cookie = await t.login('peksos2.soeharso', initialPassword);
    const blocked = await t.request(cookie, { method: 'GET', url: '/api/v1/units' });
    expect(blocked.json().code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses a taken username with 409', async () => {
    const res = await create(admin, {
      username: 'admin',
      displayName: 'Admin Dua',
      role: 'admin',
      unitId: null,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('USER_USERNAME_TAKEN');
  });

  it('keeps a head of unit to their own unit and to unit roles', async () => {
    const hq = await create(kepala, {
      username: 'calon.admin',
      displayName: 'Calon Admin',
      role: 'admin',
      unitId: null,
    });
    expect(hq.json().code).toBe('USER_ROLE_NOT_GRANTABLE');
    const other = await create(kepala, {
      username: 'peksos9.handayani',
      displayName: 'Orang Lain',
      role: 'pekerja_sosial',
      unitId: handayaniId,
    });
    expect(other.statusCode).toBe(400);
    const list = (await t.request(kepala, { method: 'GET', url: '/api/v1/users?limit=200' })).json();
    expect(list.items.every((u: { unit: { code: string } | null }) => u.unit?.code === 'SOEHARSO')).toBe(
      true,
    );
    const outsider = list.items.length;
    const all = (await t.request(admin, { method: 'GET', url: '/api/v1/users?limit=200' })).json();
    expect(all.total).toBeGreaterThan(outsider);
  });

  it('hides other units\u2019 users from a head of unit (404)', async () => {
    const all = (await t.request(admin, { method: 'GET', url: '/api/v1/users?q=handayani' })).json().items;
    const res = await t.request(kepala, { method: 'GET', url: `/api/v1/users/${all[0].id}` });
    expect(res.statusCode).toBe(404);
  });

  it('requires a unit for unit roles and none for headquarters roles', async () => {
    const noUnit = await create(admin, {
      username: 'tanpa.unit',
      displayName: 'Tanpa Unit',
      role: 'pekerja_sosial',
      unitId: null,
    });
    expect(noUnit.json().details[0]).toMatchObject({ field: 'unitId', issue: 'required' });
    const hqWithUnit = await create(admin, {
      username: 'pusat.dua',
      displayName: 'Pusat Dua',
      role: 'operator_pusat',
      unitId: soeharsoId,
    });
    expect(hqWithUnit.json().details[0]).toMatchObject({ field: 'unitId', issue: 'must_be_empty' });
  });

  it('does not let anyone change their own role', async () => {
    const me = (await t.request(kepala, { method: 'GET', url: '/api/v1/auth/me' })).json();
    const current = (await t.request(kepala, { method: 'GET', url: `/api/v1/users/${me.id}` })).json();
    const res = await t.request(kepala, {
      method: 'PATCH',
      url: `/api/v1/users/${me.id}`,
      payload: { role: 'pekerja_sosial', version: current.version },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('USER_SELF_CHANGE');
  });

  it('deactivates a user, ending their sessions at once; a stale version answers 409', async () => {
    const target = (await t.request(admin, { method: 'GET', url: '/api/v1/users?q=gudang.soeharso' })).json()
      .items[0];
    const theirs = await t.login('gudang.soeharso');
    const res = await t.request(kepala, {
      method: 'POST',
      url: `/api/v1/users/${target.id}/deactivate`,
      payload: { version: target.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await t.request(theirs, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const stale = await t.request(kepala, {
      method: 'POST',
      url: `/api/v1/users/${target.id}/activate`,
      payload: { version: target.version },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('resets a password: a new one-time password, and the old one stops working', async () => {
    const target = (await t.request(admin, { method: 'GET', url: '/api/v1/users?q=ska.soeharso' })).json()
      .items[0];
    const res = await t.request(admin, {
      method: 'POST',
      url: `/api/v1/users/${target.id}/reset-password`,
      payload: { version: target.version },
    });
    expect(res.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ska.soeharso', password: 'demo-atensi-2026' },
    });
    expect(login.statusCode).toBe(401);
    await t.login('ska.soeharso', res.json().initialPassword);
  });

  it('is refused to roles that do not manage users', async () => {
    for (const username of ['peksos.soeharso', 'pusat', 'dpo']) {
      const res = await t.request(await t.login(username), { method: 'GET', url: '/api/v1/users' });
      expect(res.statusCode, username).toBe(403);
    }
  });
});
