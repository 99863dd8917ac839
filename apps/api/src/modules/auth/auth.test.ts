import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { appUser, userSession } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '50' });
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('POST /auth/login', () => {
  it('sets an HttpOnly, SameSite, Secure session cookie and returns the user, role and unit', async () => {
    const res = await login('peksos.soeharso', 'demo-atensi-2026');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'atensi_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBe(true);
    const body = res.json();
    expect(body).toMatchObject({
      username: 'peksos.soeharso',
      role: 'pekerja_sosial',
      unit: { code: 'SOEHARSO' },
    });
    expect(body.modules).toEqual([
      'home',
      'account',
      'people',
      'cases',
      'referrals',
      'followup',
      'outcomes',
      'training',
      'units',
      'reference',
    ]);
  });

  it('stores an argon2id hash, never the password', async () => {
    const rows = await t.database.db.select().from(appUser).where(eq(appUser.username, 'admin'));
    expect(rows[0]?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown user alike (401, same code)', async () => {
    const wrong = await login('ska.soeharso', 'not-the-password-1');
    const unknown = await login('nobody.here', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks the account after repeated failures, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 2; i++)
      expect((await login('gudang.soeharso', 'wrong-password-xx')).statusCode).toBe(401);
    const third = await login('gudang.soeharso', 'wrong-password-xx');
    expect(third.statusCode).toBe(423);
    const right = await login('gudang.soeharso', 'demo-atensi-2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a deactivated user', async () => {
    await t.database.db.update(appUser).set({ isActive: false }).where(eq(appUser.username, 'ska.toddopuli'));
    const res = await login('ska.toddopuli', 'demo-atensi-2026');
    expect(res.statusCode).toBe(401);
  });

  it('records failed sign-ins with no actor, the username tried in meta, and never the password', async () => {
    const rows = await queryRows<{
      actor_user_id: string | null;
      actor_username: string | null;
      entity_id: string | null;
      meta: Record<string, unknown>;
      changes: unknown;
    }>(
      t.database.db,
      sql`select actor_user_id, actor_username, entity_id, meta, changes from audit_event
          where action = 'login_failed' and meta->>'attemptedUsername' in ('ska.soeharso', 'nobody.here')
          order by id`,
    );
    const [known] = await t.database.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(eq(appUser.username, 'ska.soeharso'));
    expect(rows.map((r) => [r.actor_user_id, r.actor_username, r.entity_id, r.meta])).toEqual([
      [null, null, known?.id, { attemptedUsername: 'ska.soeharso', reason: 'wrong_password' }],
      [null, null, null, { attemptedUsername: 'nobody.here', reason: 'unknown_user' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain('not-the-password-1');
    const blamed = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where action = 'login_failed' and actor_username is not null`,
    );
    expect(blamed[0]?.n).toBe(0);
  });
});

describe('development mode and the rate limit per address', () => {
  it('drops Secure from the cookie in development, and answers 429 once an address has failed too often', async () => {
    const limited = await createTestApp({ LOGIN_IP_MAX_FAILURES: '3', NODE_ENV: 'development' });
    try {
      const ok = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'demo-atensi-2026' },
      });
      const cookie = ok.cookies.find((c) => c.name === 'atensi_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.secure).toBeFalsy();
      for (let i = 0; i < 3; i++)
        await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `x${i}`, password: 'y' },
        });
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'demo-atensi-2026' },
      });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('AUTH_RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie then gets 401', async () => {
    const cookie = await t.login('kepala.handayani');
    const me = await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'kepala.handayani',
      role: 'kepala_upt',
      unit: { code: 'HANDAYANI' },
      modules: expect.arrayContaining(['home', 'account']),
    });
    expect((await t.request(cookie, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    const after = await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const cookie = await t.login('peksos.handayani');
    await t.database.db
      .update(userSession)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(sql`${userSession.userId} = (select id from app_user where username = 'peksos.handayani')`);
    const res = await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_SESSION_EXPIRED');
    const audit = await queryRows<{ actor_user_id: string | null; actor_username: string; meta: unknown }>(
      t.database.db,
      sql`select actor_user_id, actor_username, meta from audit_event
          where action = 'logout' and entity = 'user_session' and meta->>'username' = 'peksos.handayani'`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: null,
        actor_username: 'system',
        meta: { reason: 'idle', userId: expect.any(String), username: 'peksos.handayani' },
      },
    ]);
  });

  it('ends a session past its absolute lifetime however active', async () => {
    const cookie = await t.login('ska.handayani');
    await t.database.db
      .update(userSession)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${userSession.userId} = (select id from app_user where username = 'ska.handayani')`);
    const res = await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' });
    expect(res.json().code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('lists own sessions and ends one of them', async () => {
    const first = await t.login('gudang.handayani');
    const second = await t.login('gudang.handayani');
    const list = (await t.request(second, { method: 'GET', url: '/api/v1/auth/sessions' })).json();
    expect(list.items.length).toBe(2);
    const other = list.items.find((s: { isCurrent: boolean }) => !s.isCurrent);
    const end = await t.request(second, { method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` });
    expect(end.statusCode).toBe(200);
    expect((await t.request(first, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.request(second, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });
});

describe('POST /auth/password', () => {
  it('refuses a wrong current password', async () => {
    const cookie = await t.login('kepala.toddopuli');
    const res = await t.request(cookie, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'Kupu-kupu Terbang 2026' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('AUTH_PASSWORD_WRONG');
  });

  it.each(['short1', 'password1234', 'atensi123456'])('refuses the weak password %s', async (pw) => {
    const cookie = await t.login('kepala.toddopuli');
    const res = await t.request(cookie, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'demo-atensi-2026', newPassword: pw },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'AUTH_PASSWORD_WEAK', details: [{ field: 'newPassword' }] });
  });

  it('changes the password, keeps this session, ends the others, and audits the hash as hidden', async () => {
    const other = await t.login('peksos.toddopuli');
    const cookie = await t.login('peksos.toddopuli');
    const res = await t.request(cookie, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'demo-atensi-2026', newPassword: 'Kupu-kupu Terbang Ke Barat 2026' },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await t.request(other, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await login('peksos.toddopuli', 'Kupu-kupu Terbang Ke Barat 2026')).statusCode).toBe(200);
    const audit = await queryRows<{ changes: Record<string, { before: unknown; after: unknown }> }>(
      t.database.db,
      sql`select changes from audit_event where entity = 'app_user' and action = 'update'
          and changes ? 'password_hash' and actor_username = 'peksos.toddopuli'`,
    );
    expect(audit[0]?.changes.password_hash).toEqual({ before: '[disembunyikan]', after: '[disembunyikan]' });
    expect(JSON.stringify(audit)).not.toContain('$argon2');
  });

  it('keeps a user who must change the password out of everything else until they do', async () => {
    await t.database.db
      .update(appUser)
      .set({ mustChangePassword: true })
      .where(eq(appUser.username, 'pusat'));
    const cookie = await t.login('pusat');
    const me = await t.request(cookie, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().mustChangePassword).toBe(true);
    const units = await t.request(cookie, { method: 'GET', url: '/api/v1/units' });
    expect(units.statusCode).toBe(403);
    expect(units.json().code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    await t.request(cookie, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'demo-atensi-2026', newPassword: 'Gunung Merapi Meletus Lagi 77' },
    });
    expect((await t.request(cookie, { method: 'GET', url: '/api/v1/units' })).statusCode).toBe(200);
  });
});
