import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayWib } from '../../lib/dates.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { addWorkingDays } from './referrals.service.ts';

let t: TestApp;
const c: Record<string, string> = {};
const as = (u: string) => c[u] ?? '';
const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.request(as(user), { method, url, ...(payload ? { payload } : {}) });
// The date the server records "now" on (WIB): after 17:00 UTC it is the UTC tomorrow.
const today = todayWib();
let units: Record<string, string> = {};
let personId = '';
let caseId = '';
let referralId = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['peksos.soeharso', 'kepala.soeharso', 'peksos.handayani', 'peksos.toddopuli', 'pusat'])
    c[u] = await t.login(u);
  const list = (await call('pusat', 'GET', '/api/v1/units?limit=200')).json();
  units = Object.fromEntries(list.items.map((u: { code: string; id: string }) => [u.code, u.id]));
  personId = (
    await call('peksos.soeharso', 'POST', '/api/v1/people', {
      fullName: 'Dewi Lestari',
      nik: '3372015505950003',
      sex: 'P',
      birthDate: '1995-05-15',
      confirmNew: true,
    })
  ).json().id;
  caseId = (
    await call('peksos.soeharso', 'POST', '/api/v1/cases', {
      personId,
      clusterCode: 'tuna_sosial_kpo',
      approaches: ['residential'],
      intakeSource: 'outreach',
      intakeDate: today,
    })
  ).json().id;
});
afterAll(() => t.close());

describe('referrals between units', () => {
  it('counts the acceptance deadline in working days', () => {
    // Friday 2026-11-27 + 3 working days = Wednesday 2026-12-02.
    expect(addWorkingDays(new Date('2026-11-27T09:00:00Z'), 3).toISOString().slice(0, 10)).toBe('2026-12-02');
  });

  it('needs the person’s consent for referral', async () => {
    const res = await call('peksos.soeharso', 'POST', '/api/v1/referrals', {
      caseId,
      toUnitId: units.HANDAYANI,
      servicesRequested: ['perawatan_pengasuhan'],
      reason: 'Korban perdagangan orang, butuh rumah aman',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONSENT_MISSING');
    const consent = await call('peksos.soeharso', 'POST', `/api/v1/people/${personId}/consents`, {
      givenBy: 'self',
      purposes: ['services', 'referral'],
      method: 'verbal_witnessed',
      witnessName: 'Sri Rahayu',
      givenAt: today,
    });
    expect(consent.statusCode, consent.body).toBe(201);
  });

  it('sends a referral; the receiver sees only a summary until it accepts; others see nothing', async () => {
    const bad = await call('peksos.soeharso', 'POST', '/api/v1/referrals', {
      caseId,
      toUnitId: units.SOEHARSO,
      servicesRequested: ['terapi'],
      reason: 'Ke unit sendiri tidak boleh',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('toUnitId');
    const res = await call('peksos.soeharso', 'POST', '/api/v1/referrals', {
      caseId,
      toUnitId: units.HANDAYANI,
      servicesRequested: ['perawatan_pengasuhan', 'terapi'],
      reason: 'Korban perdagangan orang, butuh rumah aman',
    });
    expect(res.statusCode).toBe(201);
    referralId = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'sent',
      direction: 'out',
      person: { fullName: 'Dewi Lestari' },
    });
    const inbox = (await call('peksos.handayani', 'GET', '/api/v1/referrals?box=in')).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ direction: 'in', person: null, caseId: null });
    expect(inbox.items[0].summary).toContain('Perempuan');
    expect(JSON.stringify(inbox)).not.toContain('Dewi');
    expect((await call('peksos.handayani', 'GET', `/api/v1/people/${personId}`)).statusCode).toBe(404);
    expect((await call('peksos.toddopuli', 'GET', `/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await call('peksos.toddopuli', 'GET', '/api/v1/referrals')).json().total).toBe(0);
  });

  it('refuses an acceptance by a unit it was not sent to', async () => {
    const r = (await call('peksos.soeharso', 'GET', `/api/v1/referrals/${referralId}`)).json();
    const own = await call('peksos.soeharso', 'POST', `/api/v1/referrals/${referralId}/accept`, {
      version: r.version,
      approaches: ['residential'],
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('REFERRAL_NOT_YOURS');
  });

  it('accepting opens a linked case at the receiving unit, which now sees the person', async () => {
    const r = (await call('peksos.handayani', 'GET', `/api/v1/referrals/${referralId}`)).json();
    const res = await call('peksos.handayani', 'POST', `/api/v1/referrals/${referralId}/accept`, {
      version: r.version,
      approaches: ['residential'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', person: { id: personId } });
    const newCase = (
      await call('peksos.handayani', 'GET', `/api/v1/cases/${res.json().receivingCaseId}`)
    ).json();
    expect(newCase).toMatchObject({
      stage: 'intake',
      intakeSource: 'referral',
      clusterCode: 'tuna_sosial_kpo',
      unit: { code: 'HANDAYANI' },
    });
    expect((await call('peksos.handayani', 'GET', `/api/v1/people/${personId}`)).statusCode).toBe(200);
    // The sending unit's case stays its own.
    expect((await call('peksos.handayani', 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const again = await call('peksos.handayani', 'POST', `/api/v1/referrals/${referralId}/accept`, {
      version: res.json().version,
      approaches: ['residential'],
    });
    expect(again.json().code).toBe('REFERRAL_NOT_OPEN');
  });

  it('completes when the receiving side records a service', async () => {
    const r = (await call('peksos.soeharso', 'GET', `/api/v1/referrals/${referralId}`)).json();
    await call('peksos.handayani', 'POST', `/api/v1/cases/${r.receivingCaseId}/services`, {
      serviceCode: 'terapi',
      deliveredOn: today,
    });
    expect((await call('peksos.soeharso', 'GET', `/api/v1/referrals/${referralId}`)).json().status).toBe(
      'completed',
    );
  });

  it('tracks programme referrals to their outcome, and shows headquarters everything', async () => {
    const res = await call('peksos.soeharso', 'POST', '/api/v1/referrals', {
      caseId,
      toProgrammeCode: 'DUKCAPIL',
      servicesRequested: ['hidup_layak'],
      reason: 'Perlu KTP dan KK baru',
    });
    expect(res.statusCode).toBe(201);
    const done = await call('peksos.soeharso', 'POST', `/api/v1/referrals/${res.json().id}/outcome`, {
      version: res.json().version,
      outcome: 'enrolled',
    });
    expect(done.json()).toMatchObject({ status: 'completed', outcome: 'enrolled' });
    const hq = (await call('pusat', 'GET', '/api/v1/referrals')).json();
    expect(hq.total).toBe(2);
  });
});
