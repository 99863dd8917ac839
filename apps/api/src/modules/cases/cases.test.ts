import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { withActorTransaction } from '../../db/transaction.ts';
import { todayWib } from '../../lib/dates.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const as = (u: string) => c[u] ?? '';
let personId = '';
let caseId = '';

const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.request(as(user), { method, url, ...(payload ? { payload } : {}) });
// The date the server records "now" on (WIB): after 17:00 UTC it is the UTC tomorrow.
const today = todayWib();
const scores = {
  physical_health: 3,
  psychological: 2,
  social_relations: 3,
  family: 2,
  economic: 1,
  spiritual: 4,
  environment: 3,
  legal_identity: 2,
};

async function newPerson(user: string, fullName: string, nik: string) {
  const res = await call(user, 'POST', '/api/v1/people', {
    fullName,
    nik,
    sex: 'L',
    birthDate: '1980-05-05',
    confirmNew: true,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['peksos.soeharso', 'kepala.soeharso', 'ska.soeharso', 'peksos.handayani', 'pusat'])
    c[u] = await t.login(u);
  personId = await newPerson('peksos.soeharso', 'Agus Prasetyo', '3372010505800001');
});
afterAll(() => t.close());

async function current(user = 'peksos.soeharso') {
  return (await call(user, 'GET', `/api/v1/cases/${caseId}`)).json();
}
async function advance(to: string, user = 'peksos.soeharso', extra: object = {}) {
  const cur = await current();
  return call(user, 'POST', `/api/v1/cases/${caseId}/stage`, { to, version: cur.version, ...extra });
}

describe('a case from intake to after-care', () => {
  it('opens a case at intake with a case number, and refuses a second open case for the same person', async () => {
    const res = await call('peksos.soeharso', 'POST', '/api/v1/cases', {
      personId,
      clusterCode: 'disabilitas',
      approaches: ['residential', 'family'],
      intakeSource: 'walk_in',
      intakeDate: today,
    });
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    expect(res.json()).toMatchObject({
      stage: 'intake',
      nextStage: 'approach',
      worker: { displayName: expect.any(String) },
    });
    expect(res.json().caseNo).toMatch(new RegExp(`^SOEHARSO-${today.slice(0, 4)}-00001$`));
    const again = await call('peksos.soeharso', 'POST', '/api/v1/cases', {
      personId,
      clusterCode: 'disabilitas',
      approaches: ['family'],
      intakeSource: 'walk_in',
      intakeDate: today,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CASE_ALREADY_OPEN');
  });

  it('refuses skipping a stage and moving on without the required record, naming what is missing', async () => {
    const skip = await advance('assessment');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('CASE_STAGE_ORDER');
    expect((await advance('approach')).statusCode).toBe(200);
    const early = await advance('assessment');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CASE_STAGE_INCOMPLETE');
    expect(early.json().details[0].message).toContain('catatan pendekatan awal');
    expect((await current()).missingForNext).toEqual(['catatan pendekatan awal']);
  });

  it('takes the case through assessment and a plan the head approves (never its author)', async () => {
    await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/notes`, {
      body: 'Kontak pertama di rumah; skrining awal.',
    });
    expect((await advance('assessment')).statusCode).toBe(200);
    const badForm = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/assessments`, {
      answers: { ...scores, economic: 9, unknown_domain: 1 },
      riskLevel: 'high',
      assessedOn: today,
    });
    expect(badForm.statusCode).toBe(400);
    expect(
      badForm
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['answers.economic', 'answers.unknown_domain']);
    const a = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/assessments`, {
      answers: { ...scores, economic_notes: 'Tidak ada penghasilan tetap' },
      needs: 'Kursi roda, pelatihan kerja',
      strengths: 'Keluarga mendukung',
      riskLevel: 'high',
      assessedOn: today,
    });
    expect(a.statusCode).toBe(200);
    // Mean 2.5 on a 1–5 scale → 38 on 0–100.
    expect(a.json().assessments[0].functioningScore).toBe(38);
    expect((await advance('plan')).statusCode).toBe(200);
    const plan = await call('peksos.soeharso', 'PUT', `/api/v1/cases/${caseId}/plan`, {
      goals: ['Mobilitas mandiri', 'Memiliki keterampilan kerja'],
      items: [
        {
          serviceCode: 'aksesibilitas',
          description: 'Kursi roda adaptif',
          plannedQuantity: 1,
          budgetRupiah: 3_500_000,
        },
        {
          serviceCode: 'vokasional_kewirausahaan',
          description: 'Pelatihan menjahit',
          frequency: '2x seminggu',
          plannedQuantity: 24,
          budgetRupiah: 2_400_000,
        },
      ],
      version: 0,
    });
    expect(plan.statusCode).toBe(200);
    expect(plan.json().plan).toMatchObject({ planNo: 1, status: 'draft' });
    expect((await advance('intervention')).json().code).toBe('CASE_STAGE_INCOMPLETE');
    const byWorker = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/plan/approve`, {
      version: 1,
    });
    expect(byWorker.statusCode).toBe(403);
    const approved = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/plan/approve`, {
      version: 1,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().plan).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect(approved.json().tasks.map((x: { kind: string }) => x.kind)).toEqual(['plan_review']);
  });

  it('a head who wrote a plan cannot approve it; a change after approval makes a new version', async () => {
    const v2 = await call('kepala.soeharso', 'PUT', `/api/v1/cases/${caseId}/plan`, {
      goals: ['Mobilitas mandiri'],
      items: [{ serviceCode: 'aksesibilitas', description: 'Kursi roda adaptif', budgetRupiah: 3_500_000 }],
      version: 0,
    });
    expect(v2.json().plan).toMatchObject({ planNo: 2, status: 'draft' });
    const self = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/plan/approve`, {
      version: 1,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('PLAN_SELF_APPROVAL');
  });

  it('delivers services against the plan and shows planned vs delivered; refuses bad dates', async () => {
    // Plan v2 is a draft; the approved plan (v1) still governs, so the case may move on.
    expect((await advance('intervention')).statusCode).toBe(200);
    const cur = await current();
    const item = cur.plan.items[0];
    const future = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/services`, {
      serviceCode: 'aksesibilitas',
      deliveredOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    const res = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/services`, {
      serviceCode: item.serviceCode,
      planItemId: item.id,
      deliveredOn: today,
      quantity: 1,
      costRupiah: 3_250_000,
      notes: 'Kursi roda diserahkan',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().services).toHaveLength(1);
  });

  it('admits residentially only with the head approval and a free bed', async () => {
    const cur = await current();
    expect(
      (await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/admit`, { version: cur.version }))
        .statusCode,
    ).toBe(403);
    await t.database.db.execute(
      sql`update unit_service set residential_capacity = 1 where cluster_code = 'disabilitas' and unit_id = (select id from unit where code = 'SOEHARSO')`,
    );
    const ok = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/admit`, {
      version: cur.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().admittedAt).toBe(today);
    const other = await newPerson('peksos.soeharso', 'Bambang Wijaya', '3372010606810002');
    const c2 = (
      await call('peksos.soeharso', 'POST', '/api/v1/cases', {
        personId: other,
        clusterCode: 'disabilitas',
        approaches: ['residential'],
        intakeSource: 'outreach',
        intakeDate: today,
      })
    ).json();
    const full = await call('kepala.soeharso', 'POST', `/api/v1/cases/${c2.id}/admit`, {
      version: c2.version,
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('NO_FREE_BED');
    const nearest = (
      await call('pusat', 'GET', '/api/v1/units/nearest?cluster=disabilitas&mode=residential&area=33.72')
    ).json();
    const soeharso = nearest.items.find((u: { unit: { code: string } }) => u.unit.code === 'SOEHARSO');
    expect(soeharso.residentialFree).toBe(0);
  });

  it('evaluates, terminates with after-care, and closes only when after-care is done', async () => {
    expect((await advance('evaluation')).statusCode).toBe(200);
    expect((await advance('termination')).json().code).toBe('CASE_STAGE_INCOMPLETE');
    await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/assessments`, {
      answers: { ...scores, economic: 4, family: 4 },
      riskLevel: 'low',
      assessedOn: today,
    });
    expect((await advance('termination')).statusCode).toBe(200);
    const cur = await current();
    const term = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/terminate`, {
      reason: 'mandiri',
      terminatedOn: today,
      aftercareVisits: ['2099-01-15'],
      version: cur.version,
    });
    expect(term.statusCode).toBe(200);
    expect(term.json()).toMatchObject({ terminationReason: 'mandiri', dischargedAt: today });
    // The termination survey and after-care surveys are scheduled at once, each a task for the worker.
    const schedule = (await call('peksos.soeharso', 'GET', `/api/v1/cases/${caseId}/survey-schedule`)).json();
    const kinds = schedule.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toContain('termination');
    expect(kinds.filter((k: string) => k === 'followup').length).toBeGreaterThanOrEqual(4);
    expect(term.json().tasks.filter((x: { kind: string }) => x.kind === 'survey').length).toBe(
      schedule.items.filter((i: { surveyId: string | null }) => !i.surveyId).length,
    );
    expect((await advance('aftercare')).statusCode).toBe(200);
    expect((await advance('closed')).json().code).toBe('CASE_STAGE_INCOMPLETE');
    const visit = (await current()).tasks.find((x: { kind: string }) => x.kind === 'aftercare_visit');
    await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/tasks/${visit.id}/done`, {
      version: visit.version,
    });
    const closed = await advance('closed');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().stage).toBe('closed');
    const late = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/services`, {
      serviceCode: 'terapi',
      deliveredOn: today,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CASE_CLOSED');
    expect(closed.json().stages.map((s: { to: string }) => s.to)).toEqual([
      'intake',
      'approach',
      'assessment',
      'plan',
      'intervention',
      'evaluation',
      'termination',
      'aftercare',
      'closed',
    ]);
  });

  it('lets the head override the order with a recorded reason; a worker cannot', async () => {
    const cur = await current();
    const reopened = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/reopen`, {
      reason: 'Kambuh, perlu asesmen ulang',
      version: cur.version,
    });
    expect(reopened.json().stage).toBe('assessment');
    const back = await advance('intake', 'peksos.soeharso', { override: { reason: 'salah tahap' } });
    expect(back.statusCode).toBe(403);
    expect(back.json().code).toBe('CASE_OVERRIDE_FORBIDDEN');
    const ok = await advance('intervention', 'kepala.soeharso', {
      override: { reason: 'Rencana lama masih berlaku' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stages.at(-1)).toMatchObject({
      to: 'intervention',
      isOverride: true,
      reason: 'Rencana lama masih berlaku',
    });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const cur = await current();
    const stale = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/stage`, {
      to: 'evaluation',
      version: cur.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await current()).stage).toBe(cur.stage);
  });
});

describe('the assessment form', () => {
  it('is served as data: domains with labels in both languages and the scale', async () => {
    const res = await call('peksos.soeharso', 'GET', '/api/v1/cases/assessment-form');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'asesmen-atensi', scale: { min: 1, max: 5 } });
    expect(res.json().domains.map((d: { key: string }) => d.key)).toEqual(Object.keys(scores));
    expect(res.json().domains[0]).toEqual({
      key: 'physical_health',
      id: 'Kesehatan fisik',
      en: 'Physical health',
    });
    expect((await call('ska.soeharso', 'GET', '/api/v1/cases/assessment-form')).statusCode).toBe(403);
  });
});

describe('who carries a case', () => {
  it('lists the unit’s workers, and lets only the head hand a case over to one of them', async () => {
    const workers = (await call('peksos.soeharso', 'GET', '/api/v1/cases/workers')).json().items;
    expect(workers.map((w: { role: string }) => w.role).sort()).toEqual(['kepala_upt', 'pekerja_sosial']);
    const head = workers.find((w: { role: string }) => w.role === 'kepala_upt');
    const other = (await call('peksos.handayani', 'GET', '/api/v1/cases/workers')).json().items[0];
    const cur = await current();
    const byWorker = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/assign`, {
      workerId: head.id,
      version: cur.version,
    });
    expect(byWorker.statusCode).toBe(403);
    const foreign = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/assign`, {
      workerId: other.id,
      version: cur.version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details[0].field).toBe('workerId');
    const ok = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/assign`, {
      workerId: head.id,
      version: cur.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().worker.id).toBe(head.id);
    const peksos = workers.find((w: { role: string }) => w.role === 'pekerja_sosial');
    const back = await call('kepala.soeharso', 'POST', `/api/v1/cases/${caseId}/assign`, {
      workerId: peksos.id,
      version: ok.json().version,
    });
    expect(back.json().worker.id).toBe(peksos.id);
  });
});

describe('who sees a case', () => {
  it("never shows another unit's cases, in lists or by id; headquarters reads them, audited", async () => {
    expect((await call('peksos.handayani', 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await call('peksos.handayani', 'GET', '/api/v1/cases')).json().total).toBe(0);
    const note = await call('peksos.handayani', 'POST', `/api/v1/cases/${caseId}/notes`, { body: 'x' });
    expect(note.statusCode).toBe(404);
    expect((await call('ska.soeharso', 'GET', '/api/v1/cases')).statusCode).toBe(403);
    expect((await call('pusat', 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'case_record' and action = 'read' and actor_username = 'pusat'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('keeps confidential notes to the case team, in the database too', async () => {
    await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/notes`, {
      body: 'Riwayat kekerasan',
      isConfidential: true,
    });
    const unitRow = (
      await queryRows<{ id: string }>(t.database.db, sql`select id from unit where code = 'SOEHARSO'`)
    )[0];
    const otherWorker = {
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'peksos.lain',
      role: 'pekerja_sosial',
      unitId: unitRow?.id ?? null,
      ip: null,
      requestId: null,
      scope: 'unit' as const,
    };
    const seen = await withActorTransaction(t.database.db, otherWorker, (tx) =>
      queryRows<{ body: string }>(tx, sql`select body from case_note where case_id = ${caseId}::uuid`),
    );
    expect(seen.map((n) => n.body)).not.toContain('Riwayat kekerasan');
    expect(seen.length).toBeGreaterThan(0);
    const head = (await call('kepala.soeharso', 'GET', `/api/v1/cases/${caseId}`)).json();
    expect(head.notes.map((n: { body: string }) => n.body)).toContain('Riwayat kekerasan');
  });

  it('shows the caseload with overdue work first', async () => {
    const list = (await call('peksos.soeharso', 'GET', '/api/v1/cases?worker=me&open=true')).json();
    expect(list.total).toBe(2);
    expect(list.items[0].overdueTasks).toBeGreaterThanOrEqual(list.items[1].overdueTasks);
  });
});
