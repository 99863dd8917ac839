import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { pickLang } from './errors.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '2048' }, async (api) => {
    api.get('/explodes', async () => {
      throw new Error('database password is hunter2');
    });
  });
  cookie = await t.login('admin');
});
afterAll(() => t.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('error answers', () => {
  it('answers malformed JSON with 400 BAD_JSON', async () => {
    const res = await post('{"username": "admin",');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_JSON' });
  });

  it('lists each bad field: wrong types, missing and unknown fields', async () => {
    const res = await post(JSON.stringify({ username: 42, extra: true }), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(
      body.details.map((d: { field: string; issue: string }) => [d.field, d.issue]),
    );
    expect(byField).toMatchObject({ username: 'invalid_type', password: 'required', extra: 'unknown_field' });
  });

  it('answers an oversize body with 400 BODY_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ username: 'a'.repeat(5000), password: 'x' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });

  it('speaks Indonesian by default and English when asked', async () => {
    const id = (await post('{')).json().message;
    const en = (await post('{', { 'accept-language': 'en-US,en;q=0.9' })).json().message;
    expect(id).toBe('Isi permintaan bukan JSON yang valid.');
    expect(en).toBe('The request body is not valid JSON.');
  });

  it('answers an unknown API address with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.request(cookie, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('never shows internals in a 500', async () => {
    // The route has no policy entry, so it is refused before it can throw; give it one for this test.
    const { POLICY } = await import('../policy.ts');
    POLICY['GET /api/v1/explodes'] = { access: 'public' };
    try {
      const res = await t.request(null, { method: 'GET', url: '/api/v1/explodes' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        code: 'INTERNAL',
        message: 'Terjadi kesalahan pada server. Kejadian ini sudah dicatat.',
      });
      expect(res.body).not.toContain('hunter2');
    } finally {
      delete POLICY['GET /api/v1/explodes'];
    }
  });
});

describe('pickLang', () => {
  it('follows the ranked Accept-Language', () => {
    expect(pickLang(undefined)).toBe('id');
    expect(pickLang('en-GB')).toBe('en');
    expect(pickLang('fr, en;q=0.5, id;q=0.8')).toBe('id');
    expect(pickLang('fr')).toBe('id');
  });
});

describe('CSRF', () => {
  it('refuses a cookie-bearing POST from another site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
  });

  it('refuses a cross-site fetch that sends no Origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a cookie-bearing POST with neither Origin nor Sec-Fetch-Site', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'demo-atensi-2026' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('lets an API client without cookie or Origin through the CSRF check', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'demo-atensi-2026' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('accepts the same site', async () => {
    const own = await t.login('dpo');
    const res = await t.request(own, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(200);
  });
});
