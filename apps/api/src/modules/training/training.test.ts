import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../../db/transaction.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
type Method = 'GET' | 'POST' | 'PUT';
const call = (user: string | null, method: Method, url: string, payload?: object) =>
  t.request(user ? (c[user] ?? '') : null, { method, url, ...(payload ? { payload } : {}) });

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);
const people: Record<string, { personId: string; caseId: string }> = {};
let noCasePerson = '';
let raceCohortId = '';

async function newPerson(fullName: string, serial: number): Promise<string> {
  const res = await call('peksos.soeharso', 'POST', '/api/v1/people', {
    fullName,
    nik: `33720105058000${String(serial).padStart(2, '0')}`,
    sex: 'L',
    birthDate: '1980-05-05',
    confirmNew: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function newCase(personId: string): Promise<string> {
  const res = await call('peksos.soeharso', 'POST', '/api/v1/cases', {
    personId,
    clusterCode: 'disabilitas',
    approaches: ['community'],
    intakeSource: 'walk_in',
    intakeDate: day(-300),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function count(table: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    t.database.db,
    sql.raw(`select count(*)::int as n from ${table}`),
  );
  return Number(r?.n);
}
const cohortBody = (over: object = {}) => ({
  courseCode: 'VOK-MENJAHIT',
  startsOn: today,
  endsOn: day(30),
  trainer: 'Ibu Sri Wahyuni',
  place: 'Ruang Keterampilan 2',
  capacity: 2,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'peksos.soeharso',
    'kepala.soeharso',
    'ska.soeharso',
    'gudang.soeharso',
    'peksos.handayani',
    'pusat',
    'admin',
  ])
    c[u] = await t.login(u);
  const names = ['Agus Prasetyo', 'Budi Santoso', 'Citra Lestari', 'Dedi Kurniawan'];
  for (const [i, name] of names.entries()) {
    const personId = await newPerson(name, i + 11);
    people[name] = { personId, caseId: await newCase(personId) };
  }
  noCasePerson = await newPerson('Eko Saputra', 20);
});
afterAll(() => t.close());

describe('course catalogue', () => {
  it('lists vocational and entrepreneurship courses with hours and competencies to every role', async () => {
    const res = await call('gudang.soeharso', 'GET', '/api/v1/training/courses');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      code: string;
      kind: string;
      hours: number;
      competenciesId: string[];
    }[];
    const sewing = items.find((x) => x.code === 'VOK-MENJAHIT');
    expect(sewing).toMatchObject({ kind: 'vocational', nameId: 'Menjahit', nameEn: 'Sewing and tailoring' });
    expect(sewing?.competenciesId.length).toBeGreaterThan(2);
    expect(items.filter((x) => x.kind === 'entrepreneurship').map((x) => x.code)).toEqual(
      expect.arrayContaining(['WU-RENCANA-USAHA', 'WU-KEUANGAN', 'WU-PEMASARAN', 'WU-JUALAN-DARING']),
    );
  });

  it('lets headquarters add and change a course; refuses others, duplicates, mismatched lists and stale versions', async () => {
    const body = {
      code: 'VOK-SABLON',
      kind: 'vocational',
      nameId: 'Sablon Kaos',
      nameEn: 'T-shirt screen printing',
      hours: 60,
      competenciesId: ['Membuat film sablon', 'Mencetak kaos'],
      competenciesEn: ['Make a screen', 'Print T-shirts'],
    };
    expect((await call('peksos.soeharso', 'POST', '/api/v1/training/courses', body)).statusCode).toBe(403);
    const before = await count('course');
    const bad = await call('admin', 'POST', '/api/v1/training/courses', {
      ...body,
      competenciesEn: ['Only one'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('competenciesEn');
    expect(await count('course')).toBe(before);
    const created = await call('admin', 'POST', '/api/v1/training/courses', body);
    expect(created.statusCode).toBe(201);
    expect((await call('pusat', 'POST', '/api/v1/training/courses', body)).json().code).toBe(
      'COURSE_CODE_TAKEN',
    );
    const { code: _code, ...rest } = body;
    const changed = await call('pusat', 'PUT', '/api/v1/training/courses/VOK-SABLON', {
      ...rest,
      hours: 64,
      version: 1,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ hours: 64, version: 2 });
    const stale = await call('admin', 'PUT', '/api/v1/training/courses/VOK-SABLON', { ...rest, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
  });
});

describe('a cohort from enrolment to certificate', () => {
  let cohortId = '';
  let cohort: {
    version: number;
    enrolments: {
      id: string;
      personId: string;
      version: number;
      status: string;
      certificateCode: string | null;
    }[];
    sessions: { id: string; present: string[]; recorded: boolean }[];
  };
  const enrolmentOf = (name: string) => {
    const e = cohort.enrolments.find((x) => x.personId === people[name]?.personId);
    if (!e) throw new Error(`${name} is not enrolled`);
    return e;
  };
  const path = () => `/api/v1/training/cohorts/${cohortId}`;

  it('refuses a cohort with bad input and saves nothing; a role without access gets 403', async () => {
    const before = await count('training_cohort');
    const backwards = await call(
      'peksos.soeharso',
      'POST',
      '/api/v1/training/cohorts',
      cohortBody({ endsOn: day(-1) }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'endsOn' }] });
    const unknown = await call(
      'peksos.soeharso',
      'POST',
      '/api/v1/training/cohorts',
      cohortBody({ courseCode: 'NOPE' }),
    );
    expect(unknown.json().details[0].field).toBe('courseCode');
    const zero = await call(
      'peksos.soeharso',
      'POST',
      '/api/v1/training/cohorts',
      cohortBody({ capacity: 0 }),
    );
    expect(zero.statusCode).toBe(400);
    expect((await call('gudang.soeharso', 'POST', '/api/v1/training/cohorts', cohortBody())).statusCode).toBe(
      403,
    );
    expect((await call('pusat', 'POST', '/api/v1/training/cohorts', cohortBody())).statusCode).toBe(403);
    expect(await count('training_cohort')).toBe(before);
  });

  it('opens a cohort at the unit, found by search; another unit neither lists nor opens it', async () => {
    const res = await call('peksos.soeharso', 'POST', '/api/v1/training/cohorts', cohortBody());
    expect(res.statusCode, res.body).toBe(201);
    cohort = res.json();
    cohortId = res.json().id;
    expect(res.json()).toMatchObject({ capacity: 2, enrolled: 0, unit: { code: 'SOEHARSO' } });
    const found = await call('kepala.soeharso', 'GET', '/api/v1/training/cohorts?q=jahit');
    expect(found.json().items.map((x: { id: string }) => x.id)).toContain(cohortId);
    const none = await call('kepala.soeharso', 'GET', '/api/v1/training/cohorts?q=barista');
    expect(none.json().items.map((x: { id: string }) => x.id)).not.toContain(cohortId);
    const other = await call('peksos.handayani', 'GET', '/api/v1/training/cohorts');
    expect(other.json().items.map((x: { id: string }) => x.id)).not.toContain(cohortId);
    expect((await call('peksos.handayani', 'GET', path())).statusCode).toBe(404);
    expect((await call('gudang.soeharso', 'GET', '/api/v1/training/cohorts')).statusCode).toBe(403);
    expect((await call('ska.soeharso', 'GET', path())).statusCode).toBe(200);
    expect((await call('pusat', 'GET', path())).statusCode).toBe(200);
  });

  it('enrols only the unit’s people with a case, once each, up to capacity', async () => {
    const candidates = await call('peksos.soeharso', 'GET', `${path()}/candidates?q=agus`);
    expect(candidates.json().items).toEqual([
      expect.objectContaining({ fullName: 'Agus Prasetyo', enrolled: false }),
    ]);
    const enrol = (name: string, user = 'peksos.soeharso') =>
      call(user, 'POST', `${path()}/enrolments`, { personId: people[name]?.personId });
    expect((await enrol('Agus Prasetyo')).statusCode).toBe(200);
    const noCase = await call('peksos.soeharso', 'POST', `${path()}/enrolments`, { personId: noCasePerson });
    expect(noCase.statusCode).toBe(400);
    expect(noCase.json().code).toBe('ENROLMENT_NO_CASE');
    expect((await enrol('Agus Prasetyo')).json().code).toBe('ENROLMENT_DUPLICATE');
    expect((await enrol('Budi Santoso', 'peksos.handayani')).statusCode).toBe(404);
    const second = await enrol('Budi Santoso');
    expect(second.json()).toMatchObject({ enrolled: 2, capacity: 2 });
    const full = await enrol('Citra Lestari');
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('COHORT_FULL');
    expect(await count('training_enrolment')).toBe(2);
    const { courseCode: _course, ...fields } = cohortBody();
    const shrink = await call('peksos.soeharso', 'PUT', path(), { ...fields, capacity: 1, version: 1 });
    expect(shrink.json().code).toBe('COHORT_CAPACITY_TOO_LOW');
    cohort = second.json();
  });

  it('takes only the last place when two enrolments arrive at once', async () => {
    const race = await call(
      'peksos.soeharso',
      'POST',
      '/api/v1/training/cohorts',
      cohortBody({ capacity: 1 }),
    );
    const id = race.json().id;
    const results = await Promise.all(
      ['Citra Lestari', 'Dedi Kurniawan'].map((n) =>
        call('peksos.soeharso', 'POST', `/api/v1/training/cohorts/${id}/enrolments`, {
          personId: people[n]?.personId,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await call('peksos.soeharso', 'GET', `/api/v1/training/cohorts/${id}`);
    expect(after.json().enrolments).toHaveLength(1);
    raceCohortId = id;
  });

  it('frees the place when a participant leaves, and lets the unit change the cohort', async () => {
    const url = `/api/v1/training/cohorts/${raceCohortId}`;
    const before = (await call('peksos.soeharso', 'GET', url)).json();
    const leaving = before.enrolments[0];
    const stale = await call('peksos.soeharso', 'POST', `${url}/enrolments/${leaving.id}/drop`, {
      version: 99,
    });
    expect(stale.json().code).toBe('CONFLICT');
    const dropped = await call('peksos.soeharso', 'POST', `${url}/enrolments/${leaving.id}/drop`, {
      version: leaving.version,
    });
    expect(dropped.json()).toMatchObject({ enrolled: 0 });
    const other = ['Citra Lestari', 'Dedi Kurniawan'].find((n) => people[n]?.personId !== leaving.personId);
    const next = await call('peksos.soeharso', 'POST', `${url}/enrolments`, {
      personId: people[other ?? '']?.personId,
    });
    expect(next.json()).toMatchObject({ enrolled: 1 });
    const again = await call('peksos.soeharso', 'POST', `${url}/enrolments/${leaving.id}/assessment`, {
      score: 70,
      passed: true,
      assessedOn: today,
      version: leaving.version + 1,
    });
    expect(again.json().code).toBe('ENROLMENT_NOT_ACTIVE');
    const { courseCode: _course, ...fields } = cohortBody();
    const changed = await call('kepala.soeharso', 'PUT', url, {
      ...fields,
      place: 'Aula Utama',
      capacity: 3,
      version: before.version,
    });
    expect(changed.json()).toMatchObject({ place: 'Aula Utama', capacity: 3, version: before.version + 1 });
    const otherUnit = await call('peksos.handayani', 'PUT', url, {
      ...fields,
      version: changed.json().version,
    });
    expect(otherUnit.statusCode).toBe(404);
  });

  it('keeps other units’ cohorts out of reach in the database as well (row-level security)', async () => {
    const [handayani] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from unit where code = 'HANDAYANI'`,
    );
    const seen = await withActorTransaction(
      t.database.db,
      { ...SYSTEM_ACTOR, username: 'peksos.handayani', unitId: handayani?.id ?? null, scope: 'unit' },
      async (tx) => ({
        cohorts: await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from training_cohort`),
        enrolments: await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from training_enrolment`,
        ),
        courses: await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from course`),
      }),
    );
    expect(Number(seen.cohorts[0]?.n)).toBe(0);
    expect(Number(seen.enrolments[0]?.n)).toBe(0);
    expect(Number(seen.courses[0]?.n)).toBeGreaterThan(15);
  });

  it('records sessions and attendance only for enrolled people, all or nothing', async () => {
    const outside = await call('peksos.soeharso', 'POST', `${path()}/sessions`, {
      heldOn: day(60),
      topic: 'Pola dasar',
      hours: 4,
    });
    expect(outside.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'heldOn' }] });
    const added = await call('peksos.soeharso', 'POST', `${path()}/sessions`, {
      heldOn: today,
      topic: 'Mengenal mesin jahit',
      hours: 4,
    });
    expect(added.statusCode).toBe(200);
    cohort = added.json();
    const sessionId = cohort.sessions[0]?.id;
    const agus = people['Agus Prasetyo']?.personId;
    const budi = people['Budi Santoso']?.personId;
    const stranger = await call('peksos.soeharso', 'PUT', `${path()}/sessions/${sessionId}/attendance`, {
      attendance: [
        { personId: agus, present: true },
        { personId: people['Citra Lestari']?.personId, present: true },
      ],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json()).toMatchObject({
      code: 'ATTENDANCE_NOT_ENROLLED',
      details: [{ field: 'attendance.1.personId' }],
    });
    expect(await count('training_attendance')).toBe(0);
    const ok = await call('peksos.soeharso', 'PUT', `${path()}/sessions/${sessionId}/attendance`, {
      attendance: [
        { personId: agus, present: true },
        { personId: budi, present: false },
      ],
    });
    expect(ok.statusCode).toBe(200);
    cohort = ok.json();
    expect(cohort.sessions[0]).toMatchObject({ recorded: true, present: [enrolmentOf('Agus Prasetyo').id] });
    expect(enrolmentOf('Agus Prasetyo')).toMatchObject({ sessionsAttended: 1 });
    expect(enrolmentOf('Budi Santoso')).toMatchObject({ sessionsAttended: 0 });
    const other = await call('peksos.handayani', 'PUT', `${path()}/sessions/${sessionId}/attendance`, {
      attendance: [{ personId: agus, present: false }],
    });
    expect(other.statusCode).toBe(404);
  });

  it('completes after a passing assessment with a certificate, never twice; a failed one gets none', async () => {
    const agus = enrolmentOf('Agus Prasetyo');
    const early = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${agus.id}/complete`, {
      completedOn: today,
      version: agus.version,
    });
    expect(early.json().code).toBe('ENROLMENT_NOT_ASSESSED');
    const badScore = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${agus.id}/assessment`, {
      score: 120,
      passed: true,
      assessedOn: today,
      version: agus.version,
    });
    expect(badScore.statusCode).toBe(400);
    let res = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${agus.id}/assessment`, {
      score: 86,
      passed: true,
      assessedOn: today,
      version: agus.version,
    });
    expect(res.statusCode).toBe(200);
    cohort = res.json();
    res = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${agus.id}/complete`, {
      completedOn: today,
      version: enrolmentOf('Agus Prasetyo').version,
    });
    expect(res.statusCode).toBe(200);
    cohort = res.json();
    expect(enrolmentOf('Agus Prasetyo')).toMatchObject({
      status: 'completed',
      completedOn: today,
      score: 86,
    });
    expect(enrolmentOf('Agus Prasetyo').certificateCode).toMatch(/^ATN-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const twice = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${agus.id}/complete`, {
      completedOn: today,
      version: enrolmentOf('Agus Prasetyo').version,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ENROLMENT_ALREADY_COMPLETED');

    const budi = enrolmentOf('Budi Santoso');
    res = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${budi.id}/assessment`, {
      score: 40,
      passed: false,
      assessedOn: today,
      version: budi.version,
    });
    cohort = res.json();
    res = await call('peksos.soeharso', 'POST', `${path()}/enrolments/${budi.id}/complete`, {
      completedOn: today,
      version: enrolmentOf('Budi Santoso').version,
    });
    cohort = res.json();
    expect(enrolmentOf('Budi Santoso')).toMatchObject({ status: 'failed', certificateCode: null });
    const none = await call('peksos.soeharso', 'GET', `${path()}/enrolments/${budi.id}/certificate.pdf`);
    expect(none.json().code).toBe('CERTIFICATE_NOT_AVAILABLE');
  });

  it('serves the certificate as a PDF attachment to the unit only, and audits the read', async () => {
    const agus = enrolmentOf('Agus Prasetyo');
    const url = `${path()}/enrolments/${agus.id}/certificate.pdf`;
    const res = await call('kepala.soeharso', 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="sertifikat-${agus.certificateCode}.pdf"`,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('peksos.handayani', 'GET', url)).statusCode).toBe(404);
    expect((await call('ska.soeharso', 'GET', url)).statusCode).toBe(403);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where action = 'read' and entity = 'training_enrolment' and entity_id = ${agus.id}`,
    );
    expect(Number(audit[0]?.n)).toBeGreaterThan(0);
  });

  it('confirms a code publicly with only the course, initials, date and unit', async () => {
    const code = enrolmentOf('Agus Prasetyo').certificateCode;
    const res = await call(null, 'GET', `/api/v1/training/certificates/${code?.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      courseNameId: 'Menjahit',
      holderInitials: 'A.P.',
      completedOn: today,
      unitName: expect.stringContaining('Soeharso'),
    });
    expect(res.body).not.toContain('Agus');
    expect(res.body).not.toContain(people['Agus Prasetyo']?.personId);
    const unknown = await call(null, 'GET', '/api/v1/training/certificates/ATN-AAAA-BBBB');
    expect(unknown.json()).toMatchObject({ valid: false, holderInitials: null });
  });
});

describe('income change of graduates, next to the course', () => {
  // Surveys go through the follow-up API, as a worker records them.
  async function survey(name: string, on: string, income: number) {
    const res = await call('peksos.soeharso', 'POST', '/api/v1/surveys', {
      caseId: people[name]?.caseId,
      surveyedOn: on,
      kind: 'followup',
      incomeWages: income,
      workStatus: 'employed',
      housing: 'family',
      hasNik: true,
      hasKk: true,
      hasBirthCertificate: true,
      hasHealthInsurance: true,
      childrenInSchool: 'not_applicable',
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  it('compares the last survey before completion with the first at +3 and +6 months, per scope', async () => {
    // A past barista cohort: two graduates, one of them surveyed 6 months on as well.
    const open = await call('peksos.soeharso', 'POST', '/api/v1/training/cohorts', {
      ...cohortBody({ courseCode: 'VOK-BARISTA', startsOn: day(-260), endsOn: day(-230), capacity: 5 }),
    });
    let cohort = open.json();
    const id = cohort.id;
    for (const name of ['Citra Lestari', 'Dedi Kurniawan']) {
      cohort = (
        await call('peksos.soeharso', 'POST', `/api/v1/training/cohorts/${id}/enrolments`, {
          personId: people[name]?.personId,
        })
      ).json();
    }
    for (const e of cohort.enrolments as { id: string; version: number }[]) {
      const a = await call(
        'peksos.soeharso',
        'POST',
        `/api/v1/training/cohorts/${id}/enrolments/${e.id}/assessment`,
        {
          score: 80,
          passed: true,
          assessedOn: day(-230),
          version: e.version,
        },
      );
      const done = await call(
        'peksos.soeharso',
        'POST',
        `/api/v1/training/cohorts/${id}/enrolments/${e.id}/complete`,
        {
          completedOn: day(-230),
          version: a.json().enrolments.find((x: { id: string }) => x.id === e.id).version,
        },
      );
      expect(done.statusCode).toBe(200);
    }
    await survey('Citra Lestari', day(-300), 400_000);
    await survey('Citra Lestari', day(-240), 500_000); // the last before completion
    await survey('Citra Lestari', day(-120), 1_500_000); // first at/after +3 months (day -138)
    await survey('Citra Lestari', day(-100), 9_000_000); // later, not the first
    await survey('Citra Lestari', day(-40), 2_500_000); // first at/after +6 months (day -47)
    await survey('Dedi Kurniawan', day(-235), 1_000_000);
    await survey('Dedi Kurniawan', day(-130), 2_000_000); // +3 months; nothing at +6

    const outcome = async (user: string) =>
      (await call(user, 'GET', '/api/v1/training/courses'))
        .json()
        .items.find((x: { code: string }) => x.code === 'VOK-BARISTA').outcome;
    expect(await outcome('peksos.soeharso')).toEqual({
      graduates: 2,
      after3Months: { count: 2, medianChange: 1_000_000 },
      after6Months: { count: 1, medianChange: 2_000_000 },
    });
    expect(await outcome('pusat')).toEqual(await outcome('peksos.soeharso'));
    expect(await outcome('peksos.handayani')).toEqual({
      graduates: 0,
      after3Months: { count: 0, medianChange: null },
      after6Months: { count: 0, medianChange: null },
    });
  });
});
