import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../../db/transaction.ts';
import { latestDateInIndonesia, todayWib } from '../../lib/dates.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
let personId = '';
let caseId = '';
const surveyIds: string[] = [];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (user: string, method: Method, url: string, payload?: object) =>
  t.request(c[user] ?? '', { method, url, ...(payload ? { payload } : {}) });
// Days before today in WIB, the date the server counts due and overdue on (from 17:00 UTC it is a day ahead).
const daysAgo = (n: number) =>
  new Date(Date.parse(`${todayWib()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
// The first day still in the future everywhere in Indonesia (after 15:00 UTC, the UTC "tomorrow" is
// already today in Jayapura).
const tomorrow = new Date(Date.parse(latestDateInIndonesia()) + 86_400_000).toISOString().slice(0, 10);

/** Jawa Tengah (33): UMP 2025 Rp 2.169.349, 2026 Rp 2.327.386 (seed-data/ump.csv). */
const UMP_2025 = 2_169_349;

const base = {
  kind: 'followup',
  workStatus: 'unemployed',
  housing: 'street',
  hasNik: false,
  hasKk: false,
  hasBirthCertificate: false,
  hasHealthInsurance: false,
  childrenInSchool: 'not_applicable',
};
const needsMet = { housing: 'institution', hasNik: true, hasKk: true, hasHealthInsurance: true };
const stable = { ...needsMet, housing: 'family', socialFunctioningScore: 60 };
const working = { ...stable, workStatus: 'employed', hasBankAccount: true };

async function survey(surveyedOn: string, fields: object, user = 'peksos.soeharso', onCase = caseId) {
  const res = await call(user, 'POST', '/api/v1/surveys', { ...base, caseId: onCase, surveyedOn, ...fields });
  if (res.statusCode === 201) surveyIds.push(res.json().survey.id);
  return res;
}
async function roadmap(user = 'peksos.soeharso') {
  const res = await call(user, 'GET', `/api/v1/people/${personId}/roadmap`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
/** Records kept by the cases module, written directly as fixtures (dates in the past). */
async function fixture(q: ReturnType<typeof sql>) {
  await withActorTransaction(t.database.db, SYSTEM_ACTOR, (tx) => tx.execute(q));
}
async function count(q: ReturnType<typeof sql>): Promise<number> {
  return (await queryRows<{ n: number }>(t.database.db, q))[0]?.n ?? 0;
}

async function newPersonWithCase(user: string, fullName: string, nik: string, intakeDate: string) {
  const p = await call(user, 'POST', '/api/v1/people', {
    fullName,
    nik,
    sex: 'L',
    birthDate: '1980-05-05',
    areaCode: '33.72',
    confirmNew: true,
  });
  expect(p.statusCode, p.body).toBe(201);
  const k = await call(user, 'POST', '/api/v1/cases', {
    personId: p.json().id,
    clusterCode: 'disabilitas',
    approaches: ['family'],
    intakeSource: 'walk_in',
    intakeDate,
  });
  expect(k.statusCode).toBe(201);
  return { personId: p.json().id as string, caseId: k.json().id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'peksos.soeharso',
    'kepala.soeharso',
    'ska.soeharso',
    'gudang.soeharso',
    'peksos.handayani',
    'admin',
    'pusat',
  ])
    c[u] = await t.login(u);
  ({ personId, caseId } = await newPersonWithCase(
    'peksos.soeharso',
    'Bagus Santoso',
    '3372010505800002',
    '2025-01-10',
  ));
});
afterAll(() => t.close());

describe('a person climbs the roadmap through surveys', () => {
  it('reaches level 0 once assessed with an approved plan, with the evidence dated', async () => {
    const form = (
      await queryRows<{ id: string }>(t.database.db, sql`select id from assessment_form limit 1`)
    )[0];
    await fixture(sql`insert into case_assessment (case_id, form_id, answers, risk_level, functioning_score, assessed_on)
      values (${caseId}::uuid, ${form?.id}::uuid, '{}'::jsonb, 'medium', 30, '2025-01-12')`);
    await fixture(sql`insert into case_plan (case_id, plan_no, goals, status, approved_at)
      values (${caseId}::uuid, 1, '["pulih"]'::jsonb, 'approved', '2025-01-20T03:00:00Z')`);
    const res = await survey('2025-01-15', { kind: 'intake' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      level: 0,
      reached: [0],
      survey: { monthlyIncome: 0, kind: 'intake' },
    });
    const r = await roadmap();
    expect(r.level).toBe(0);
    const m0 = r.milestones.find((m: { level: number }) => m.level === 0);
    expect(m0.reachedOn).toBe('2025-01-20');
    expect(m0.evidence.map((e: { criterion: { kind: string } }) => e.criterion.kind)).toEqual([
      'assessment_recorded',
      'plan_approved',
    ]);
    expect(r.next.level).toBe(1);
    expect(r.next.missing.map((e: { criterion: { kind: string } }) => e.criterion.kind)).toEqual([
      'basic_needs_met',
      'has_identity',
      'health_insurance',
    ]);
  });

  it('climbs to 1 (basic needs), 2 (family, functioning up a band) and 3 (training, work, bank, half the UMP)', async () => {
    expect((await survey('2025-03-01', needsMet)).json()).toMatchObject({ level: 1, reached: [1] });
    const two = await survey('2025-05-01', stable);
    expect(two.json()).toMatchObject({ level: 2, reached: [2] });
    // Not yet productive: no training; income below half the UMP.
    await fixture(sql`insert into case_service (case_id, service_code, delivered_on)
      values (${caseId}::uuid, 'vokasional_kewirausahaan', '2025-05-15')`);
    const low = await survey('2025-05-20', { ...working, incomeWages: 1_000_000 });
    expect(low.json()).toMatchObject({ level: 2, reached: [] });
    const three = await survey('2025-06-01', { ...working, incomeWages: 1_000_000, incomeBusiness: 200_000 });
    expect(three.statusCode).toBe(201);
    expect(three.json()).toMatchObject({ level: 3, reached: [3], survey: { monthlyIncome: 1_200_000 } });
    const r = await roadmap();
    const m3 = r.milestones.find((m: { level: number }) => m.level === 3);
    const income = m3.evidence.find(
      (e: { criterion: { kind: string } }) => e.criterion.kind === 'income_at_least',
    );
    expect(income.evidence.surveyIds).toEqual([three.json().survey.id]);
    expect(income.evidence.values).toMatchObject({
      '2025-06-01.income': 1_200_000,
      '2025-06-01.minimumWage': UMP_2025,
    });
  });

  it('needs two consecutive surveys at or above the UMP (and termination as mandiri) for level 4', async () => {
    const one = await survey('2025-08-01', { ...working, incomeWages: 2_200_000 });
    expect(one.json().level).toBe(3);
    let r = await roadmap();
    expect(r.next.level).toBe(4);
    const missing = r.next.missing.map((e: { criterion: { kind: string } }) => e.criterion.kind);
    expect(missing).toContain('income_at_least');
    expect(missing).toContain('terminated_with_reason');
    const two = await survey('2025-09-01', { ...working, incomeWages: 2_300_000 });
    expect(two.json().level).toBe(3);
    r = await roadmap();
    expect(r.next.missing.map((e: { criterion: { kind: string } }) => e.criterion.kind)).toEqual([
      'terminated_with_reason',
    ]);
    await fixture(sql`update case_record set stage = 'aftercare', termination_reason = 'mandiri',
      terminated_at = '2025-09-15' where id = ${caseId}::uuid`);
    r = await roadmap();
    expect(r.level).toBe(4);
    expect(r.independentOn).toBe('2025-09-15');
    const m4 = r.milestones.find(
      (m: { level: number; revokedAt: string | null }) => m.level === 4 && !m.revokedAt,
    );
    const income = m4.evidence.find(
      (e: { criterion: { kind: string } }) => e.criterion.kind === 'income_at_least',
    );
    expect(income.evidence.surveyIds).toEqual([one.json().survey.id, two.json().survey.id]);
    expect(income.status).toBe('met');
    const progress = await queryRows<{ level: number; independent_on: string; survey_count: number }>(
      t.database.db,
      sql`select level, independent_on::text, survey_count from case_progress where case_id = ${caseId}::uuid`,
    );
    expect(progress[0]).toMatchObject({ level: 4, independent_on: '2025-09-15', survey_count: 7 });
  });

  it('revokes the milestone when a correction means it was never met, and restores it when corrected back', async () => {
    const id = surveyIds[surveyIds.length - 1] ?? '';
    const cur = (await call('peksos.soeharso', 'GET', `/api/v1/surveys/${id}`)).json();
    const {
      id: _i,
      personId: _p,
      caseId: _c,
      caseNo: _n,
      unit: _u,
      monthlyIncome: _m,
      recordedBy: _r,
      canEdit: _e,
      createdAt: _ca,
      updatedAt: _ua,
      ...fields
    } = cur;
    const down = await call('peksos.soeharso', 'PUT', `/api/v1/surveys/${id}`, {
      ...fields,
      incomeWages: 1_500_000,
    });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ level: 3, revoked: [4] });
    let r = await roadmap();
    expect(r.independentOn).toBeNull();
    expect(r.milestones.find((m: { level: number }) => m.level === 4).revokedAt).not.toBeNull();
    const stale = await call('peksos.soeharso', 'PUT', `/api/v1/surveys/${id}`, {
      ...fields,
      incomeWages: 2_300_000,
    });
    expect(stale.statusCode).toBe(409);
    const back = await call('peksos.soeharso', 'PUT', `/api/v1/surveys/${id}`, {
      ...fields,
      version: fields.version + 1,
      incomeWages: 2_300_000,
    });
    expect(back.json()).toMatchObject({ level: 4, reached: [4] });
    r = await roadmap();
    expect(r.milestones.filter((m: { level: number }) => m.level === 4)).toHaveLength(2);
  });

  it('graduates after the follow-ups at 3, 6 and 12 months, and charts income against the UMP', async () => {
    await survey('2025-12-10', { ...working, incomeWages: 2_400_000 });
    await survey('2026-03-20', { ...working, incomeWages: 2_500_000 });
    const last = await survey('2026-09-10', { ...working, incomeWages: 2_500_000 });
    expect(last.json()).toMatchObject({ level: 5, reached: [5] });
    const r = await roadmap();
    expect(r).toMatchObject({ level: 5, graduatedOn: '2026-09-10', next: null });
    expect(r.levels.every((l: { status: string }) => l.status === 'holds')).toBe(true);
    const points = r.incomeSeries.map((p: { surveyedOn: string; minimumWage: number }) => [
      p.surveyedOn,
      p.minimumWage,
    ]);
    expect(points[0]).toEqual(['2025-01-15', UMP_2025]);
    expect(points[points.length - 1]).toEqual(['2026-09-10', 2_327_386]);
    const audited = await count(
      sql`select count(*)::int as n from audit_event where entity = 'person_roadmap' and entity_id = ${personId}`,
    );
    expect(audited).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  const surveys = () => count(sql`select count(*)::int as n from survey where case_id = ${caseId}::uuid`);
  it('refuses each with its code and saves nothing', async () => {
    const before = await surveys();
    const cases: [object, string, string][] = [
      [{ surveyedOn: '2025-06-01', incomeWages: -5 }, 'SURVEY_AMOUNT_NEGATIVE', 'incomeWages'],
      [{ surveyedOn: '2025-06-01', savings: -1 }, 'SURVEY_AMOUNT_NEGATIVE', 'savings'],
      [{ surveyedOn: tomorrow }, 'SURVEY_DATE_FUTURE', 'surveyedOn'],
      [{ surveyedOn: '1979-01-01' }, 'SURVEY_BEFORE_BIRTH', 'surveyedOn'],
      [{ surveyedOn: '2025-01-01' }, 'SURVEY_BEFORE_INTAKE', 'surveyedOn'],
      [
        { surveyedOn: '2025-06-01', socialFunctioningScore: 140 },
        'SURVEY_SCORE_OUT_OF_SCALE',
        'socialFunctioningScore',
      ],
      [{ surveyedOn: '2025-06-01', housing: 'palace' }, 'VALIDATION_FAILED', 'housing'],
    ];
    for (const [fields, code, field] of cases) {
      const res = await survey((fields as { surveyedOn: string }).surveyedOn, fields);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await surveys()).toBe(before);
  });
});

describe('who may see and do what', () => {
  it("hides a person's surveys and roadmap from another unit (404) and refuses its writes", async () => {
    const id = surveyIds[0] ?? '';
    expect((await call('peksos.handayani', 'GET', `/api/v1/people/${personId}/surveys`)).statusCode).toBe(
      404,
    );
    expect((await call('peksos.handayani', 'GET', `/api/v1/people/${personId}/roadmap`)).statusCode).toBe(
      404,
    );
    expect((await call('peksos.handayani', 'GET', `/api/v1/surveys/${id}`)).statusCode).toBe(404);
    expect(
      (await call('peksos.handayani', 'GET', `/api/v1/cases/${caseId}/survey-schedule`)).statusCode,
    ).toBe(404);
    expect((await survey('2025-06-02', {}, 'peksos.handayani')).statusCode).toBe(404);
    const due = await call('peksos.handayani', 'GET', '/api/v1/surveys/due?overdue=true');
    expect(due.json().items.some((x: { caseId: string }) => x.caseId === caseId)).toBe(false);
  });

  it('lets the unit and headquarters read the surveys, audited', async () => {
    const mine = await call('kepala.soeharso', 'GET', `/api/v1/people/${personId}/surveys`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(surveyIds.length);
    expect(mine.json().items[0].surveyedOn).toBe('2026-09-10');
    const hq = await call('pusat', 'GET', `/api/v1/people/${personId}/surveys`);
    expect(hq.statusCode).toBe(200);
    expect(hq.json().items[0].canEdit).toBe(false);
    expect(
      await count(
        sql`select count(*)::int as n from audit_event where entity = 'survey' and action = 'read'`,
      ),
    ).toBeGreaterThan(1);
  });

  it('refuses roles without access (403)', async () => {
    expect((await call('ska.soeharso', 'GET', `/api/v1/people/${personId}/surveys`)).statusCode).toBe(403);
    expect((await call('gudang.soeharso', 'GET', '/api/v1/surveys/due')).statusCode).toBe(403);
    expect((await survey('2025-06-02', {}, 'ska.soeharso')).statusCode).toBe(403);
    expect((await survey('2025-06-02', {}, 'pusat')).statusCode).toBe(403);
  });
});

describe('minimum wages and the ladder', () => {
  it('lets everyone read the UMP and only admin change it, audited and versioned', async () => {
    const list = await call('gudang.soeharso', 'GET', '/api/v1/minimum-wages?year=2026&province=33');
    expect(list.statusCode).toBe(200);
    const jt = list.json().items[0];
    expect(jt).toMatchObject({ provinceCode: '33', kind: 'UMP', year: 2026, amountRupiah: 2_327_386 });
    const body = {
      provinceCode: '33',
      regencyCode: null,
      year: 2026,
      amountRupiah: 2_400_000,
      source: 'SK Gubernur',
      version: jt.version,
    };
    expect((await call('kepala.soeharso', 'PUT', '/api/v1/minimum-wages', body)).statusCode).toBe(403);
    const ok = await call('admin', 'PUT', '/api/v1/minimum-wages', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ amountRupiah: 2_400_000, version: jt.version + 1 });
    expect((await call('admin', 'PUT', '/api/v1/minimum-wages', body)).statusCode).toBe(409);
    const bad = await call('admin', 'PUT', '/api/v1/minimum-wages', { ...body, amountRupiah: -1 });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const unknown = await call('admin', 'PUT', '/api/v1/minimum-wages', {
      ...body,
      provinceCode: '99',
      version: 0,
    });
    expect(unknown.json().code).toBe('MINIMUM_WAGE_AREA_UNKNOWN');
    expect(
      await count(
        sql`select count(*)::int as n from audit_event where entity = 'minimum_wage' and action = 'update'`,
      ),
    ).toBe(1);
  });

  it('uses a regency UMK over the UMP, and says when a wage cannot be assessed', async () => {
    const umk = await call('admin', 'PUT', '/api/v1/minimum-wages', {
      provinceCode: '33',
      regencyCode: '33.72',
      year: 2025,
      amountRupiah: 2_416_560,
      source: 'SK UMK Surakarta 2025',
      version: 0,
    });
    expect(umk.statusCode).toBe(200);
    const at = (date: string) =>
      call('peksos.soeharso', 'GET', `/api/v1/minimum-wages/lookup?person=${personId}&date=${date}`);
    expect((await at('2025-06-01')).json()).toMatchObject({
      status: 'found',
      kind: 'UMK',
      amountRupiah: 2_416_560,
    });
    expect((await at('2024-06-01')).json()).toMatchObject({ status: 'no_wage', amountRupiah: null });
  });

  it('lets only admin edit the ladder, validated', async () => {
    const cur = (await call('peksos.soeharso', 'GET', '/api/v1/roadmap/levels')).json();
    expect(cur.items.map((l: { code: string }) => l.code)).toEqual([
      'asesmen',
      'pulih',
      'berfungsi_sosial',
      'produktif',
      'mandiri',
      'bimbingan_lanjut',
    ]);
    const levels = cur.items.map(({ updatedAt: _u, ...l }: { updatedAt: string }) => l);
    expect((await call('kepala.soeharso', 'PUT', '/api/v1/roadmap/levels', { levels })).statusCode).toBe(403);
    const gap = await call('admin', 'PUT', '/api/v1/roadmap/levels', {
      levels: levels.filter((_: unknown, i: number) => i !== 2),
    });
    expect(gap.json().code).toBe('ROADMAP_LADDER_INVALID');
    const unknownKind = structuredClone(levels);
    unknownKind[1].criteria.push({ kind: 'owns_a_car' });
    expect((await call('admin', 'PUT', '/api/v1/roadmap/levels', { levels: unknownKind })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const tuned = structuredClone(levels);
    tuned[3].criteria = tuned[3].criteria.map((k: { kind: string }) =>
      k.kind === 'income_at_least' ? { ...k, ratio: 0.6 } : k,
    );
    const ok = await call('admin', 'PUT', '/api/v1/roadmap/levels', { levels: tuned });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items[3].criteria).toContainEqual({
      kind: 'income_at_least',
      ratio: 0.6,
      consecutive: 1,
    });
    expect(ok.json().items[3].version).toBe(levels[3].version + 1);
    const removeReached = await call('admin', 'PUT', '/api/v1/roadmap/levels', {
      levels: ok
        .json()
        .items.slice(0, 5)
        .map(({ updatedAt: _u, ...l }: { updatedAt: string }, i: number) => ({
          ...l,
          isGraduation: i === 4,
        })),
    });
    expect(removeReached.json().code).toBe('ROADMAP_LEVEL_IN_USE');
  });
});

describe('survey schedules', () => {
  it('creates the default schedule with tasks for the worker, lists what is due, and a survey fulfils it', async () => {
    const other = await newPersonWithCase(
      'peksos.soeharso',
      'Citra Lestari',
      '3372010505800003',
      daysAgo(10),
    );
    const made = await call(
      'peksos.soeharso',
      'POST',
      `/api/v1/cases/${other.caseId}/survey-schedule/default`,
    );
    expect(made.statusCode).toBe(200);
    expect(made.json().items).toMatchObject([{ kind: 'intake', dueOn: daysAgo(10), status: 'overdue' }]);
    const taskId = made.json().items[0].taskId;
    const task = await queryRows<{ kind: string; done_at: Date | null; assignee: string }>(
      t.database.db,
      sql`select t.kind, t.done_at, u.username as assignee from case_task t join app_user u on u.id = t.assignee_id where t.id = ${taskId}::uuid`,
    );
    expect(task[0]).toMatchObject({ kind: 'survey', done_at: null, assignee: 'peksos.soeharso' });
    const due = await call('peksos.soeharso', 'GET', '/api/v1/surveys/due?overdue=true&worker=me');
    const item = due.json().items.find((x: { caseId: string }) => x.caseId === other.caseId);
    expect(item).toMatchObject({
      person: { fullName: 'Citra Lestari' },
      kind: 'intake',
      overdue: true,
      daysOverdue: 10,
    });
    expect(item.caseNo).toMatch(/^SOEHARSO-/);
    const s = await survey(daysAgo(2), { kind: 'intake' }, 'peksos.soeharso', other.caseId);
    expect(s.json().fulfilledScheduleId).toBe(made.json().items[0].id);
    const after = await call('peksos.soeharso', 'GET', `/api/v1/cases/${other.caseId}/survey-schedule`);
    expect(after.json().items[0]).toMatchObject({ status: 'done', surveyId: s.json().survey.id });
    const done = await queryRows<{ done_at: Date | null }>(
      t.database.db,
      sql`select done_at from case_task where id = ${taskId}::uuid`,
    );
    expect(done[0]?.done_at).not.toBeNull();
    const dueAfter = await call('peksos.soeharso', 'GET', '/api/v1/surveys/due?overdue=true&worker=me');
    expect(dueAfter.json().items.some((x: { caseId: string }) => x.caseId === other.caseId)).toBe(false);
    // Deleting the survey (recorded in error) makes the entry due again and reopens its task, audited.
    const sid = s.json().survey.id;
    const stale = await call('peksos.soeharso', 'DELETE', `/api/v1/surveys/${sid}?version=9`);
    expect(stale.statusCode).toBe(409);
    expect((await call('peksos.handayani', 'DELETE', `/api/v1/surveys/${sid}?version=1`)).statusCode).toBe(
      404,
    );
    const del = await call('peksos.soeharso', 'DELETE', `/api/v1/surveys/${sid}?version=1`);
    expect(del.statusCode).toBe(200);
    expect((await call('peksos.soeharso', 'GET', `/api/v1/surveys/${sid}`)).statusCode).toBe(404);
    const again = await call('peksos.soeharso', 'GET', `/api/v1/cases/${other.caseId}/survey-schedule`);
    expect(again.json().items[0]).toMatchObject({ status: 'overdue', surveyId: null });
    const reopened = await queryRows<{ done_at: Date | null }>(
      t.database.db,
      sql`select done_at from case_task where id = ${taskId}::uuid`,
    );
    expect(reopened[0]?.done_at).toBeNull();
    expect(
      await count(
        sql`select count(*)::int as n from audit_event where entity = 'survey' and action = 'delete' and entity_id = ${sid}`,
      ),
    ).toBe(1);
    const progress = await queryRows<{ survey_count: number }>(
      t.database.db,
      sql`select survey_count from case_progress where case_id = ${other.caseId}::uuid`,
    );
    expect(progress[0]?.survey_count).toBe(0);
  });

  it('schedules termination and after-care at 3, 6, 9 and 12 months once terminated, and edits open entries', async () => {
    const sched = await call('peksos.soeharso', 'POST', `/api/v1/cases/${caseId}/survey-schedule/default`);
    expect(sched.statusCode, sched.body).toBe(200);
    const items = sched.json().items as {
      id: string;
      kind: string;
      dueOn: string;
      status: string;
      version: number;
    }[];
    expect(items.filter((e) => e.kind === 'followup').map((e) => e.dueOn)).toEqual([
      '2025-12-15',
      '2026-03-15',
      '2026-06-15',
      '2026-09-15',
    ]);
    // The follow-ups at 3, 6 and 12 months were fulfilled by the surveys recorded near them.
    expect(items.filter((e) => e.kind === 'followup').map((e) => e.status)).toEqual([
      'done',
      'done',
      'overdue',
      'done',
    ]);
    const open = items.filter((e) => e.status !== 'done');
    const edited = await call('peksos.soeharso', 'PUT', `/api/v1/cases/${caseId}/survey-schedule`, {
      items: open.map((e) => ({
        id: e.id,
        version: e.version,
        kind: e.kind,
        dueOn: e.kind === 'followup' ? daysAgo(1) : e.dueOn,
      })),
    });
    expect(edited.statusCode).toBe(200);
    const doneOne = items.find((e) => e.status === 'done');
    const refused = await call('peksos.soeharso', 'PUT', `/api/v1/cases/${caseId}/survey-schedule`, {
      items: [{ id: doneOne?.id, version: doneOne?.version, kind: 'followup', dueOn: daysAgo(1) }],
    });
    expect(refused.json().code).toBe('SURVEY_SCHEDULE_DONE');
  });
});
