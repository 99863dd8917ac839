import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { todayWib } from '../../lib/dates.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { checkFigures } from './outcomes.check.ts';
import type { Filters, GroupBy } from './outcomes.repository.ts';
import { periodGroups } from './outcomes.service.ts';

// A small hand-built data set whose figures are worked out by hand below. People and cases go through the
// real APIs; survey progress (case_progress, kept by the follow-up module) and schedules are written with
// SQL, so the figures do not depend on the roadmap rules.
//
// Sentra Soeharso (SOEHARSO): A, B, C followed up, D not yet (no survey); Handayani (HANDAYANI): E.
//   case  intake      first      latest     level  independent  graduated   approaches
//   A     2025-01-10    500 000  3 000 000     4   2025-07-09 (180 d)  -      residential
//   B     2025-02-01  1 000 000  2 000 000     3   -            -           family
//   C     2025-03-01          0  4 000 000     5   2025-06-09 (100 d)  2025-12-01  family, community
//   D     2025-04-01  (no survey)
//   E     2025-01-15    200 000    200 000     1   -            -           community (Handayani)
// Open schedule entries: D intake due 2025-04-08 (overdue), B follow-up due in 30 days (not yet), A done;
// E due 2025-02-01 (overdue).

let t: TestApp;
const c: Record<string, string> = {};
const ids: Record<string, string> = {};
const units: Record<string, string> = {};

const get = (user: string, url: string) => t.request(c[user] ?? '', { method: 'GET', url });

async function newCase(user: string, key: string, nik: string, approaches: string[], intakeDate: string) {
  const p = await t.request(c[user] ?? '', {
    method: 'POST',
    url: '/api/v1/people',
    payload: { fullName: `Penerima ${key}`, nik, sex: 'L', birthDate: '1980-05-05', confirmNew: true },
  });
  expect(p.statusCode).toBe(201);
  const res = await t.request(c[user] ?? '', {
    method: 'POST',
    url: '/api/v1/cases',
    payload: {
      personId: p.json().id,
      clusterCode: 'disabilitas',
      approaches,
      intakeSource: 'walk_in',
      intakeDate,
    },
  });
  expect(res.statusCode).toBe(201);
  ids[key] = res.json().id;
}

/** case_progress as the follow-up module keeps it (upsert: it may already hold the row). */
async function progress(
  key: string,
  p: {
    count: number;
    first?: number;
    latest?: number;
    level: number;
    independent?: string;
    graduated?: string;
    cluster?: string;
  },
) {
  await t.database.db.execute(sql`
    insert into case_progress (case_id, person_id, unit_id, cluster_code, approaches, intake_date, survey_count,
      first_income, latest_income, first_survey_on, latest_survey_on, level, independent_on, graduated_on)
    select c.id, c.person_id, c.unit_id, ${p.cluster ?? 'disabilitas'}, c.approaches, c.intake_date, ${p.count},
      ${p.first ?? null}::bigint, ${p.latest ?? null}::bigint,
      case when ${p.count} > 0 then c.intake_date end, case when ${p.count} > 0 then c.intake_date + 30 end,
      ${p.level}, ${p.independent ?? null}::date, ${p.graduated ?? null}::date
    from case_record c where c.id = ${ids[key]}::uuid
    on conflict (case_id) do update set cluster_code = excluded.cluster_code, survey_count = excluded.survey_count,
      first_income = excluded.first_income, latest_income = excluded.latest_income, level = excluded.level,
      independent_on = excluded.independent_on, graduated_on = excluded.graduated_on`);
}

async function schedule(key: string, dueOn: string, done = false) {
  let surveyId: string | null = null;
  if (done) {
    const [s] = await queryRows<{ id: string }>(
      t.database.db,
      sql`insert into survey (person_id, case_id, unit_id, surveyed_on, kind, monthly_income, income_wages,
            work_status, housing, has_nik, has_kk, has_birth_certificate, has_health_insurance, children_in_school)
          select c.person_id, c.id, c.unit_id, ${dueOn}::date, 'followup', 3000000, 3000000, 'employed', 'rent',
            true, true, true, true, 'not_applicable'
          from case_record c where c.id = ${ids[key]}::uuid returning id`,
    );
    surveyId = s?.id ?? null;
  }
  await t.database.db.execute(sql`
    insert into survey_schedule (case_id, unit_id, kind, due_on, survey_id)
    select c.id, c.unit_id, 'followup', ${dueOn}::date, ${surveyId}::uuid from case_record c
    where c.id = ${ids[key]}::uuid`);
}

// Days from today in WIB, the date overdue is counted on (from 17:00 UTC it is the UTC tomorrow).
const inDays = (n: number) => new Date(Date.parse(todayWib()) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['pusat', 'dpo', 'peksos.soeharso', 'kepala.soeharso', 'peksos.handayani', 'ska.soeharso'])
    c[u] = await t.login(u);
  await newCase('peksos.soeharso', 'A', '3372010505800011', ['residential'], '2025-01-10');
  await newCase('peksos.soeharso', 'B', '3372010505800012', ['family'], '2025-02-01');
  await newCase('peksos.soeharso', 'C', '3372010505800013', ['family', 'community'], '2025-03-01');
  await newCase('peksos.soeharso', 'D', '3372010505800014', ['residential'], '2025-04-01');
  await newCase('peksos.handayani', 'E', '3372010505800015', ['community'], '2025-01-15');
  await progress('A', { count: 3, first: 500_000, latest: 3_000_000, level: 4, independent: '2025-07-09' });
  await progress('B', { count: 2, first: 1_000_000, latest: 2_000_000, level: 3 });
  await progress('C', {
    count: 5,
    first: 0,
    latest: 4_000_000,
    level: 5,
    independent: '2025-06-09',
    graduated: '2025-12-01',
    cluster: 'anak',
  });
  await progress('D', { count: 0, level: -1 });
  await progress('E', { count: 1, first: 200_000, latest: 200_000, level: 1 });
  await schedule('D', '2025-04-08');
  await schedule('B', inDays(30));
  await schedule('A', '2025-10-01', true);
  await schedule('E', '2025-02-01');
  const rows = await queryRows<{ code: string; id: string }>(
    t.database.db,
    sql`select code, id from unit where code in ('SOEHARSO', 'HANDAYANI')`,
  );
  for (const r of rows) units[r.code] = r.id;
});
afterAll(() => t.close());

const level = (body: { levels: { level: number; count: number }[] }, l: number) =>
  body.levels.find((x) => x.level === l)?.count ?? 0;

/** Filters the tally answers (each checked against the case-level aggregate of the same cases). */
const TALLY_VIEWS: [Omit<Filters, 'unitIds'>, GroupBy][] = [
  [{}, 'unit'],
  [{ cluster: 'disabilitas' }, 'unit'],
  [{ cluster: 'anak' }, 'cluster'],
  [{ approach: 'family' }, 'unit'],
  [{ from: '2025-01-01', to: '2025-12-31' }, 'unit'],
  [{ from: '2025-01-01', to: '2025-02-28' }, 'unit'],
  [{ from: '2025-01-01', to: '2025-06-30' }, 'unit'],
  [{ from: '2024-11-01', to: '2025-04-30' }, 'unit'],
  [{ from: '2024-12-01' }, 'unit'],
  [{ to: '2025-01-31' }, 'unit'],
  [{ cluster: 'disabilitas', from: '2025-01-01', to: '2025-12-31' }, 'unit'],
  [{ from: '2025-01-01', to: '2025-12-31' }, 'cluster'],
  [{}, 'cluster'],
  [{}, 'approach'],
];

/** Every tally view, for all units and for one, gives exactly the figures aggregated from the cases. */
async function expectSameBothWays() {
  for (const unitIds of [[], [units.SOEHARSO ?? '']]) {
    for (const [f, groupBy] of TALLY_VIEWS) {
      const check = await t.database.db.transaction((tx) => checkFigures(tx, { ...f, unitIds }, groupBy));
      expect(check.isTally, JSON.stringify(f)).toBe(true);
      expect(check.tally, `${JSON.stringify(f)} by ${groupBy}`).toEqual(check.cases);
    }
  }
}

describe('periodGroups', () => {
  const years = { first: 2022, last: 2026 };
  it('splits a period of whole months into years, quarters and months', () => {
    expect(periodGroups('2024-07-01', '2025-06-30', years)).toEqual([
      'q:20243',
      'q:20244',
      'q:20251',
      'q:20252',
    ]);
    expect(periodGroups('2024-11-01', '2026-02-28', years)).toEqual([
      'm:202411',
      'm:202412',
      'y:2025',
      'm:202601',
      'm:202602',
    ]);
    expect(periodGroups(undefined, '2023-03-31', years)).toEqual(['y:2022', 'q:20231']);
    expect(periodGroups('2000-01-01', undefined, years)).toEqual([
      'y:2022',
      'y:2023',
      'y:2024',
      'y:2025',
      'y:2026',
    ]);
    expect(periodGroups('2025-01-01', '2025-12-31', null)).toEqual([]);
  });

  it('leaves a period that does not start on a first or end on a last day to the cases', () => {
    expect(periodGroups('2025-01-02', undefined, years)).toBeNull();
    expect(periodGroups(undefined, '2024-02-28', years)).toBeNull();
    expect(periodGroups(undefined, '2024-02-29', years)).toEqual([
      'y:2022',
      'y:2023',
      'm:202401',
      'm:202402',
    ]);
  });
});

describe('GET /api/v1/outcomes', () => {
  it('gives headquarters exact figures per unit and in total', async () => {
    const res = await get('pusat', '/api/v1/outcomes');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.method).toBe('tally');
    const soeharso = body.rows.find((r: { key: string }) => r.key === units.SOEHARSO);
    expect(soeharso).toMatchObject({
      followed: 3,
      medianFirstIncome: 500_000,
      medianLatestIncome: 3_000_000,
      independent: 2,
      graduated: 1,
      medianDaysToIndependence: 140,
      overdue: 1,
    });
    expect(soeharso.graduatedShare).toBeCloseTo(1 / 3, 10);
    expect([level(soeharso, 3), level(soeharso, 4), level(soeharso, 5)]).toEqual([1, 1, 1]);
    const handayani = body.rows.find((r: { key: string }) => r.key === units.HANDAYANI);
    expect(handayani).toMatchObject({ followed: 1, medianLatestIncome: 200_000, graduated: 0, overdue: 1 });
    expect(body.total).toMatchObject({
      followed: 4,
      medianFirstIncome: 350_000,
      medianLatestIncome: 2_500_000,
      independent: 2,
      graduated: 1,
      graduatedShare: 0.25,
      medianDaysToIndependence: 140,
      overdue: 2,
    });
    expect(body.trend).toHaveLength(24);
  });

  it('answers the same from the cases as from the tally (a filter that keeps everything)', async () => {
    const tally = (await get('pusat', '/api/v1/outcomes')).json();
    // A period that does not start on a month's first day is aggregated from the cases.
    const cases = (await get('pusat', '/api/v1/outcomes?from=2000-01-02')).json();
    expect(cases.method).toBe('cases');
    expect(cases.rows).toEqual(tally.rows);
    expect(cases.total).toEqual(tally.total);
  });

  it('filters by cluster, approach and intake period, and groups by approach', async () => {
    const anak = (await get('pusat', '/api/v1/outcomes?cluster=anak')).json();
    expect(anak.total).toMatchObject({ followed: 1, medianFirstIncome: 0, graduated: 1, overdue: 0 });
    const period = (await get('pusat', '/api/v1/outcomes?from=2025-01-12&to=2025-02-28')).json();
    expect(period.total).toMatchObject({
      followed: 2,
      medianFirstIncome: 600_000,
      medianLatestIncome: 1_100_000,
    });
    const byApproach = (await get('pusat', '/api/v1/outcomes?groupBy=approach&approach=family')).json();
    expect(byApproach.total).toMatchObject({ followed: 2, medianLatestIncome: 3_000_000 });
    const keys = byApproach.rows.map((r: { key: string; followed: number }) => [r.key, r.followed]);
    expect(keys).toEqual([
      ['community', 1],
      ['family', 2],
    ]);
  });

  it('answers one cluster, one approach, whole months of intake and a cluster in whole years from the tally', async () => {
    const view = async (query: string) => {
      const res = await get('pusat', `/api/v1/outcomes?${query}`);
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    // Cluster as the progress row holds it (C is anak there); overdue by the case's own cluster (D, E).
    const disabilitas = await view('cluster=disabilitas');
    expect(disabilitas.method).toBe('tally');
    expect(disabilitas.total).toMatchObject({
      followed: 3,
      medianFirstIncome: 500_000,
      medianLatestIncome: 2_000_000,
      independent: 1,
      graduated: 0,
      medianDaysToIndependence: 180,
      overdue: 2,
    });
    const soeharso = disabilitas.rows.find((r: { key: string }) => r.key === units.SOEHARSO);
    expect(soeharso).toMatchObject({
      followed: 2,
      medianFirstIncome: 750_000,
      medianLatestIncome: 2_500_000,
    });
    const family = await view('approach=family');
    expect(family).toMatchObject({
      method: 'tally',
      total: {
        followed: 2,
        medianFirstIncome: 500_000,
        medianLatestIncome: 3_000_000,
        graduated: 1,
        overdue: 0,
      },
    });
    const janFeb = await view('from=2025-01-01&to=2025-02-28');
    expect(janFeb).toMatchObject({
      method: 'tally',
      total: { followed: 3, medianFirstIncome: 500_000, medianLatestIncome: 2_000_000, overdue: 1 },
    });
    const anak2025 = await view('cluster=anak&from=2025-01-01&to=2025-12-31');
    expect(anak2025).toMatchObject({
      method: 'tally',
      total: { followed: 1, medianFirstIncome: 0, medianLatestIncome: 4_000_000, graduated: 1, overdue: 0 },
    });
    expect(anak2025.trend.find((m: { month: string }) => m.month === '2025-03')).toMatchObject({ intake: 1 });
    const byApproach = await view('groupBy=approach');
    expect(byApproach.method).toBe('tally');
    expect(
      byApproach.rows.map((r: { key: string; followed: number; overdue: number }) => [
        r.key,
        r.followed,
        r.overdue,
      ]),
    ).toEqual([
      ['community', 2, 1],
      ['family', 2, 0],
      ['residential', 1, 1],
    ]);
    expect(byApproach.total).toMatchObject({ followed: 4, overdue: 2 });
    // A cluster code nobody has, however it is spelt, is an empty group.
    const odd = await view(`cluster=${encodeURIComponent('x"y,z\\')}`);
    expect(odd).toMatchObject({ method: 'tally', total: { followed: 0, overdue: 0 } });
    // Unusual combinations and periods not in whole months are aggregated from the cases.
    expect((await view('cluster=anak&approach=family')).method).toBe('cases');
    expect((await view('from=2025-01-12')).method).toBe('cases');
    await expectSameBothWays();
  });

  it('moves the filtered figures in the same transaction as a change, cluster included', async () => {
    const total = async (query: string) => (await get('pusat', `/api/v1/outcomes?${query}`)).json().total;
    await progress('E', { count: 2, first: 200_000, latest: 3_500_000, level: 3 });
    // Latest incomes in disabilitas: A 3 000 000, B 2 000 000, E 3 500 000.
    expect(await total('cluster=disabilitas')).toMatchObject({ followed: 3, medianLatestIncome: 3_000_000 });
    expect(await total('from=2025-01-01&to=2025-01-31')).toMatchObject({ medianLatestIncome: 3_250_000 });
    await progress('B', { count: 2, first: 1_000_000, latest: 2_000_000, level: 3, cluster: 'anak' });
    expect(await total('cluster=anak')).toMatchObject({ followed: 2, medianLatestIncome: 3_000_000 });
    expect(await total('cluster=disabilitas&from=2025-01-01&to=2025-12-31')).toMatchObject({ followed: 2 });
    await expectSameBothWays();
    await progress('B', { count: 2, first: 1_000_000, latest: 2_000_000, level: 3 });
    await progress('E', { count: 1, first: 200_000, latest: 200_000, level: 1 });
    expect(await total('cluster=disabilitas')).toMatchObject({ followed: 3, medianLatestIncome: 2_000_000 });
    await expectSameBothWays();
  });

  it("moves a case's open entries when its cluster changes", async () => {
    const overdue = async (query: string) =>
      (await get('pusat', `/api/v1/outcomes?${query}`)).json().total.overdue as number;
    expect([await overdue('cluster=anak'), await overdue('cluster=disabilitas')]).toEqual([0, 2]);
    const move = (cluster: string) =>
      t.database.db.execute(sql`update case_record set cluster_code = ${cluster} where id = ${ids.D}::uuid`);
    await move('anak');
    expect([await overdue('cluster=anak'), await overdue('cluster=disabilitas')]).toEqual([1, 1]);
    await expectSameBothWays();
    await move('disabilitas');
    expect([await overdue('cluster=anak'), await overdue('cluster=disabilitas')]).toEqual([0, 2]);
  });

  it('keeps the figures current when a case progresses', async () => {
    await progress('B', {
      count: 3,
      first: 1_000_000,
      latest: 5_000_000,
      level: 4,
      independent: '2025-08-01',
    });
    const body = (await get('pusat', `/api/v1/outcomes?unit=${units.SOEHARSO}`)).json();
    expect(body.rows).toHaveLength(1);
    // Days to independence: A 180, B 181, C 100 → 180; latest incomes 3, 4, 5 million → 4 million.
    expect(body.total).toMatchObject({
      independent: 3,
      medianDaysToIndependence: 180,
      medianLatestIncome: 4_000_000,
    });
    await progress('B', { count: 2, first: 1_000_000, latest: 2_000_000, level: 3 });
    const back = (await get('pusat', `/api/v1/outcomes?unit=${units.SOEHARSO}`)).json();
    expect(back.total).toMatchObject({ independent: 2, medianDaysToIndependence: 140 });
  });

  it("shows a unit only its own figures, even when it asks for another unit's", async () => {
    const own = (await get('peksos.soeharso', '/api/v1/outcomes')).json();
    expect(own.rows.map((r: { key: string }) => r.key)).toEqual([units.SOEHARSO]);
    expect(own.total.followed).toBe(3);
    const other = await get('peksos.handayani', `/api/v1/outcomes?unit=${units.SOEHARSO}`);
    expect(other.statusCode).toBe(200);
    expect(other.json().rows).toEqual([]);
    expect(other.json().total).toMatchObject({ followed: 0, overdue: 0 });
    const filtered = (await get('peksos.handayani', '/api/v1/outcomes?groupBy=cluster')).json();
    expect(filtered.total).toMatchObject({ followed: 1, overdue: 1 });
  });

  it('refuses a role without access (403) and bad filters (400 with a code)', async () => {
    expect((await get('ska.soeharso', '/api/v1/outcomes')).statusCode).toBe(403);
    expect((await get('ska.soeharso', '/api/v1/outcomes/export.xlsx')).statusCode).toBe(403);
    for (const q of [
      'groupBy=province',
      'from=2025-13-01',
      'from=2025-05-01&to=2025-01-01',
      'unit=x',
      'color=red',
    ]) {
      const res = await get('pusat', `/api/v1/outcomes?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('audits every read', async () => {
    await get('dpo', '/api/v1/outcomes?groupBy=cluster');
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'outcomes' and actor_username = 'dpo'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('GET /api/v1/outcomes/export.xlsx', () => {
  it('exports the figures with formulas neutralised, audited', async () => {
    await t.database.db.execute(sql`update cluster set name_id = '=HYPERLINK("x")' where code = 'anak'`);
    const res = await get('pusat', '/api/v1/outcomes/export.xlsx?groupBy=cluster&lang=id');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Capaian');
    const values = (ws?.getSheetValues() ?? []).filter(Array.isArray).map((r) => r.slice(1));
    expect(values[0]?.slice(0, 3)).toEqual(['Klaster', 'PM dipantau', 'Median pendapatan awal (Rp)']);
    const anak = values.find((r) => String(r[0]).includes('HYPERLINK'));
    expect(anak?.[0]).toBe(`'=HYPERLINK("x")`);
    expect(anak?.[1]).toBe(1);
    const total = values.find((r) => r[0] === 'Semua');
    expect(total?.slice(1, 4)).toEqual([4, 350_000, 2_500_000]);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'outcomes' and action = 'export'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('exports only the unit of a unit user', async () => {
    const res = await get('kepala.soeharso', '/api/v1/outcomes/export.xlsx?lang=en');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('Outcomes')?.getSheetValues() ?? []).filter(Array.isArray);
    expect(rows.map((r) => r[1])).toEqual(['Unit', expect.stringMatching(/Soeharso/i), 'All']);
  });
});

describe('surveys recorded through the follow-up API', () => {
  it('move the figures in the same transaction, and the tally still equals the cases', async () => {
    await newCase('peksos.soeharso', 'F', '3372010505800016', ['family'], '2025-02-03');
    const base = {
      caseId: ids.F,
      workStatus: 'self_employed',
      housing: 'rent',
      hasNik: true,
      hasKk: true,
      hasBirthCertificate: true,
      hasHealthInsurance: true,
      childrenInSchool: 'not_applicable',
    };
    for (const [surveyedOn, kind, income] of [
      ['2025-02-05', 'intake', 400_000],
      ['2025-08-05', 'termination', 2_400_000],
    ] as const) {
      const res = await t.request(c['peksos.soeharso'] ?? '', {
        method: 'POST',
        url: '/api/v1/surveys',
        payload: { ...base, surveyedOn, kind, incomeBusiness: income },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const tally = (await get('pusat', `/api/v1/outcomes?unit=${units.SOEHARSO}`)).json();
    // First incomes 0, 400 000, 500 000, 1 000 000; latest 2 000 000, 2 400 000, 3 000 000, 4 000 000.
    expect(tally.total).toMatchObject({
      followed: 4,
      medianFirstIncome: 450_000,
      medianLatestIncome: 2_700_000,
    });
    const cases = (await get('pusat', `/api/v1/outcomes?unit=${units.SOEHARSO}&from=2000-01-02`)).json();
    expect(cases.method).toBe('cases');
    expect(cases.total).toEqual(tally.total);
    expect(cases.rows).toEqual(tally.rows);
    // The filtered views moved with it (F: family, intake February 2025).
    const family = (await get('pusat', '/api/v1/outcomes?approach=family')).json();
    expect(family).toMatchObject({ method: 'tally', total: { followed: 3, medianFirstIncome: 400_000 } });
    await expectSameBothWays();
  });
});

describe('overdue surveys', () => {
  it('counts entries due before today, past months and this one, until a survey fulfils them', async () => {
    const overdue = async (path = '') =>
      (await get('pusat', `/api/v1/outcomes?unit=${units.SOEHARSO}${path}`)).json().total.overdue as number;
    // Unfiltered, by intake period and by approach from the tally; from the cases for a period from the 2nd.
    const ways = ['', '&from=2000-01-01', '&approach=residential', '&from=2000-01-02'];
    const all = async () => Promise.all(ways.map((w) => overdue(w)));
    const before = await overdue();
    expect(await all()).toEqual([before, before, before, before]);
    await schedule('A', inDays(-1));
    await schedule('A', inDays(0));
    expect(await all()).toEqual(ways.map(() => before + 1));
    await t.database.db.execute(sql`
      update survey_schedule set survey_id = (select id from survey where case_id = ${ids.A}::uuid limit 1)
      where case_id = ${ids.A}::uuid and due_on = ${inDays(-1)}::date`);
    expect(await all()).toEqual(ways.map(() => before));
  });
});
