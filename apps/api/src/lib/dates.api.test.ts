// Every "not in the future" check of the API, at 23:30 UTC: 06:30 in Jakarta and 08:30 in Jayapura, when
// the UTC date is still yesterday for all of Indonesia. The date that is today in Indonesia (tomorrow in
// UTC) is accepted; the day after is still refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
let cookie = '';

/** The next 23:30 UTC after the real clock, so sessions made under the fake clock do not expire early. */
function next2330Utc(): Date {
  const d = new Date();
  const at = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 30));
  if (at.getTime() <= d.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
const NOW = next2330Utc();
const shift = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
/** Still the date in UTC. */
const UTC_TODAY = shift(0);
/** Today everywhere in Indonesia, tomorrow in UTC. */
const ID_TODAY = shift(1);
/** Tomorrow everywhere in Indonesia. */
const DAY_AFTER = shift(2);

const post = (url: string, payload: object) => t.request(cookie, { method: 'POST', url, payload });
const fieldsOf = (res: { json(): { details?: { field: string; issue?: string }[] } }) =>
  (res.json().details ?? []).map((d) => `${d.field}:${d.issue}`);

async function newPerson(fullName: string): Promise<string> {
  const res = await post('/api/v1/people', { fullName, sex: 'P', birthDate: '1985-03-03', confirmNew: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function newCase(personId: string, intakeDate = '2026-01-05'): Promise<string> {
  const res = await post('/api/v1/cases', {
    personId,
    clusterCode: 'disabilitas',
    approaches: ['family'],
    intakeSource: 'walk_in',
    intakeDate,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: false });
  vi.setSystemTime(NOW);
  t = await createTestApp();
  cookie = await t.login('peksos.soeharso');
});
afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

it('runs at a time when the UTC date lags Indonesia', () => {
  expect(new Date().toISOString().slice(0, 10)).toBe(UTC_TODAY);
  expect(ID_TODAY > UTC_TODAY).toBe(true);
});

describe('birth date', () => {
  it('accepts a baby born today in Indonesia, refuses one born tomorrow', async () => {
    const later = await post('/api/v1/people', {
      fullName: 'Bayi Besok',
      sex: 'L',
      birthDate: DAY_AFTER,
      confirmNew: true,
    });
    expect(later.statusCode).toBe(400);
    expect(fieldsOf(later)).toEqual(['birthDate:in_future']);
    const born = await post('/api/v1/people', {
      fullName: 'Bayi Hari Ini',
      sex: 'L',
      birthDate: ID_TODAY,
      confirmNew: true,
    });
    expect(born.statusCode, born.body).toBe(201);
    expect(born.json().birthDate).toBe(ID_TODAY);
  });
});

describe('consent date', () => {
  it('accepts consent given today in Indonesia, refuses tomorrow', async () => {
    const personId = await newPerson('Sari Persetujuan');
    const body = {
      givenBy: 'self',
      method: 'verbal_witnessed',
      witnessName: 'Sri Lestari',
      purposes: ['services'],
    };
    const later = await post(`/api/v1/people/${personId}/consents`, { ...body, givenAt: DAY_AFTER });
    expect(later.statusCode).toBe(400);
    expect(fieldsOf(later)).toEqual(['givenAt:in_future']);
    const given = await post(`/api/v1/people/${personId}/consents`, { ...body, givenAt: ID_TODAY });
    expect(given.statusCode, given.body).toBe(201);
  });
});

describe('case dates', () => {
  it('accepts an intake today in Indonesia, refuses tomorrow', async () => {
    const personId = await newPerson('Rina Asesmen');
    const later = await post('/api/v1/cases', {
      personId,
      clusterCode: 'disabilitas',
      approaches: ['family'],
      intakeSource: 'walk_in',
      intakeDate: DAY_AFTER,
    });
    expect(later.statusCode).toBe(400);
    expect(fieldsOf(later)).toEqual(['intakeDate:in_future']);
    const caseId = await newCase(personId, ID_TODAY);
    const got = await t.request(cookie, { method: 'GET', url: `/api/v1/cases/${caseId}` });
    expect(got.json().intakeDate).toBe(ID_TODAY);
  });
});

describe('survey date', () => {
  it('accepts a survey dated today in Indonesia and counts it on the roadmap; refuses tomorrow', async () => {
    const personId = await newPerson('Wati Survei');
    const caseId = await newCase(personId);
    const body = {
      caseId,
      kind: 'followup',
      workStatus: 'employed',
      incomeWages: 2_500_000,
      housing: 'family',
      hasNik: true,
      hasKk: true,
      hasBirthCertificate: true,
      hasHealthInsurance: true,
      childrenInSchool: 'not_applicable',
    };
    const later = await post('/api/v1/surveys', { ...body, surveyedOn: DAY_AFTER });
    expect(later.statusCode).toBe(400);
    expect(later.json().code).toBe('SURVEY_DATE_FUTURE');
    const done = await post('/api/v1/surveys', { ...body, surveyedOn: ID_TODAY });
    expect(done.statusCode, done.body).toBe(201);
    const roadmap = await t.request(cookie, { method: 'GET', url: `/api/v1/people/${personId}/roadmap` });
    expect(roadmap.statusCode).toBe(200);
    expect(JSON.stringify(roadmap.json())).toContain(ID_TODAY);
  });
});

describe('training dates', () => {
  it('takes attendance and an assessment dated today in Indonesia; refuses tomorrow', async () => {
    const personId = await newPerson('Dewi Pelatihan');
    await newCase(personId);
    const cohort = await post('/api/v1/training/cohorts', {
      courseCode: 'VOK-MENJAHIT',
      startsOn: '2026-01-05',
      endsOn: shift(30),
      trainer: 'Ibu Sri Wahyuni',
      place: 'Ruang Keterampilan 2',
      capacity: 5,
    });
    expect(cohort.statusCode, cohort.body).toBe(201);
    const url = `/api/v1/training/cohorts/${cohort.json().id}`;
    const enrolled = await post(`${url}/enrolments`, { personId });
    expect(enrolled.statusCode, enrolled.body).toBe(200);
    for (const heldOn of [ID_TODAY, DAY_AFTER])
      expect((await post(`${url}/sessions`, { heldOn, topic: `Sesi ${heldOn}`, hours: 2 })).statusCode).toBe(
        200,
      );
    const sessions = (await t.request(cookie, { method: 'GET', url })).json().sessions as {
      id: string;
      heldOn: string;
    }[];
    const attend = (heldOn: string) =>
      t.request(cookie, {
        method: 'PUT',
        url: `${url}/sessions/${sessions.find((s) => s.heldOn === heldOn)?.id}/attendance`,
        payload: { attendance: [{ personId, present: true }] },
      });
    const early = await attend(DAY_AFTER);
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(['heldOn:in_future']);
    expect((await attend(ID_TODAY)).statusCode).toBe(200);

    const enrolment = (await t.request(cookie, { method: 'GET', url })).json().enrolments[0];
    const assess = (assessedOn: string) =>
      post(`${url}/enrolments/${enrolment.id}/assessment`, {
        score: 80,
        passed: true,
        assessedOn,
        version: enrolment.version,
      });
    const later = await assess(DAY_AFTER);
    expect(later.statusCode).toBe(400);
    expect(fieldsOf(later)).toEqual(['assessedOn:in_future']);
    expect((await assess(ID_TODAY)).statusCode).toBe(200);
  });
});

describe('overdue and due', () => {
  it('counts them in WIB: at 06:30 WIB a survey due on the UTC date is already overdue, one due today is not', async () => {
    const scheduleOf = async (intakeDate: string) => {
      const caseId = await newCase(await newPerson(`Yanti Jadwal ${intakeDate}`), intakeDate);
      const res = await t.request(cookie, {
        method: 'POST',
        url: `/api/v1/cases/${caseId}/survey-schedule/default`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const got = await t.request(cookie, { method: 'GET', url: `/api/v1/cases/${caseId}` });
      const task = (got.json().tasks as { kind: string; overdue: boolean }[]).find(
        (k) => k.kind === 'survey',
      );
      return { status: res.json().items[0]?.status, taskOverdue: task?.overdue };
    };
    expect(await scheduleOf(UTC_TODAY)).toEqual({ status: 'overdue', taskOverdue: true });
    expect(await scheduleOf(ID_TODAY)).toEqual({ status: 'due', taskOverdue: false });
  });
});
