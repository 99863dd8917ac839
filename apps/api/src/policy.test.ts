import { ROLES, type TRole } from '@atensi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPolicy, POLICY, policyKey, scopeFor } from './policy.ts';
import { createTestApp, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, async (api) => {
    // A module that forgot its policy entry.
    api.get('/forgotten', async () => ({ secret: true }));
  });
});
afterAll(() => t.close());

const keysOf = (routes: { method: string; url: string }[]) =>
  routes.filter((r) => r.method !== 'OPTIONS').map((r) => policyKey(r.method, r.url));

describe('authorization policy', () => {
  it('has an entry for every registered route', () => {
    const missing = keysOf(t.routes).filter(
      (k) => k !== 'GET /api/v1/forgotten' && !findPolicy(...splitKey(k)),
    );
    expect(missing).toEqual([]);
    expect(t.routes.length).toBeGreaterThan(20);
  });

  it('has no entry for a route that does not exist', () => {
    const registered = new Set(keysOf(t.routes));
    const stale = Object.keys(POLICY).filter((k) => !k.endsWith('*') && !registered.has(k));
    expect(stale).toEqual([]);
  });

  it('refuses a route that has no entry (default deny), even for an admin', async () => {
    const cookie = await t.login('admin');
    const res = await t.request(cookie, { method: 'GET', url: '/api/v1/forgotten' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('secret');
  });

  it('refuses every /api/v1 route without a session, except sign-in and health', async () => {
    const open = new Set([
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'GET /api/v1/forgotten',
      // Anyone holding a training certificate checks its code (answers only initials, course, date, unit).
      'GET /api/v1/training/certificates/:code',
    ]);
    const checked: string[] = [];
    for (const r of t.routes) {
      const key = policyKey(r.method, r.url);
      if (!r.url.startsWith('/api/v1') || open.has(key) || r.method === 'HEAD' || r.method === 'OPTIONS')
        continue;
      const url = r.url.replace(/:([a-zA-Z]+)/g, (_, p: string) =>
        p === 'code' ? '33' : '00000000-0000-4000-8000-000000000000',
      );
      const res = await t.request(null, { method: r.method as 'GET', url });
      expect(res.statusCode, key).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(15);
  });

  it('gives the audit log to admin and DPO only', async () => {
    const users: Record<TRole, string> = {
      admin: 'admin',
      operator_pusat: 'pusat',
      dpo: 'dpo',
      kepala_upt: 'kepala.soeharso',
      pekerja_sosial: 'peksos.soeharso',
      petugas_ska: 'ska.soeharso',
      petugas_gudang: 'gudang.soeharso',
    };
    const policy = POLICY['GET /api/v1/audit-events'];
    if (!policy) throw new Error('audit policy missing');
    for (const role of ROLES) {
      const cookie = await t.login(users[role]);
      const res = await t.request(cookie, { method: 'GET', url: '/api/v1/audit-events?limit=1' });
      expect(res.statusCode, role).toBe(scopeFor(policy, role) ? 200 : 403);
    }
    expect(scopeFor(policy, 'admin')).toBe('all');
    expect(scopeFor(policy, 'pekerja_sosial')).toBeNull();
  });
});

function splitKey(key: string): [string, string] {
  const i = key.indexOf(' ');
  return [key.slice(0, i), key.slice(i + 1)];
}
