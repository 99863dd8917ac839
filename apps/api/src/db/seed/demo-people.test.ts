import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { queryRows } from '../client.ts';
import { seedDemoData } from './demo.ts';
import { DEMO_GRADUATES_PER_UNIT, DEMO_PEOPLE_PER_UNIT, seedDemoPeople } from './demo-people.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  // The harness's database has the demo users but no beneficiaries (the API tests start empty).
  const before = await countOf('person');
  if (before !== 0) throw new Error(`the test database already has ${before} people`);
  const res = await seedDemoPeople(t.database.db);
  if (!res.seeded || res.failures.length) throw new Error(`demo people: ${res.failures.join('; ')}`);
  for (const u of ['peksos.soeharso', 'peksos.handayani', 'peksos.toddopuli', 'pusat'])
    cookies[u] = await t.login(u);
}, 900_000);
afterAll(() => t.close());

async function countOf(table: string, where = sql`true`): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
  );
  return Number(rows[0]?.n ?? 0);
}
const get = (user: string, url: string) =>
  t
    .request(cookies[user] ?? null, { method: 'GET', url })
    .then((r) => ({ status: r.statusCode, body: r.json() }));

async function unitId(code: string): Promise<string> {
  const rows = await queryRows<{ id: string }>(t.database.db, sql`select id from unit where code = ${code}`);
  return rows[0]?.id ?? '';
}

describe('demo beneficiaries', () => {
  it('registers the expected people, cases, surveys, cohorts and referrals', async () => {
    const total = 3 * DEMO_PEOPLE_PER_UNIT;
    expect(await countOf('person')).toBe(total);
    // One case each, and the case the receiving unit opened on accepting a referral.
    expect(await countOf('case_record')).toBe(total + 1);
    for (const stage of [
      'intake',
      'approach',
      'assessment',
      'plan',
      'intervention',
      'evaluation',
      'termination',
      'aftercare',
      'closed',
    ])
      expect(await countOf('case_record', sql`stage = ${stage}`), stage).toBeGreaterThan(0);
    expect(await countOf('person', sql`nik is null and no_nik_reason is not null`)).toBeGreaterThan(0);
    expect(await countOf('person', sql`nik is null and no_nik_reason is null`)).toBe(0);
    expect(
      await countOf('case_record', sql`admitted_at is not null and discharged_at is null`),
    ).toBeGreaterThan(0);
    expect(await countOf('referral', sql`status = 'sent'`)).toBe(1);
    expect(await countOf('referral', sql`status = 'accepted'`)).toBe(1);
    expect(await countOf('training_cohort')).toBe(3);
    expect(await countOf('training_enrolment', sql`status = 'completed'`)).toBeGreaterThan(0);
    expect(await countOf('training_attendance')).toBeGreaterThan(0);
    // Surveys span more than a year, never in the future; the derived tables are filled.
    const span = await queryRows<{ first: string; last: string }>(
      t.database.db,
      sql`select min(surveyed_on)::text as first, max(surveyed_on)::text as last from survey`,
    );
    const { first = '', last = '' } = span[0] ?? {};
    expect(last <= new Date().toISOString().slice(0, 10)).toBe(true);
    expect(Date.parse(last) - Date.parse(first)).toBeGreaterThan(365 * 86_400_000);
    expect(await countOf('survey_schedule')).toBeGreaterThan(0);
    expect(await countOf('case_progress')).toBeGreaterThan(0);
    expect(await countOf('audit_event', sql`entity = 'person'`)).toBeGreaterThanOrEqual(total);
  });

  it('shows each unit its own people only', async () => {
    const own = { SOEHARSO: 'peksos.soeharso', HANDAYANI: 'peksos.handayani', TODDOPULI: 'peksos.toddopuli' };
    for (const [code, user] of Object.entries(own)) {
      const res = await get(user, '/api/v1/people?limit=100');
      expect(res.status).toBe(200);
      const id = await unitId(code);
      const others = res.body.items.filter(
        (p: { registeredUnit: { id: string } }) => p.registeredUnit.id !== id,
      );
      // TODDOPULI accepted one referral from SOEHARSO, so it sees that one person too; no one else.
      expect(others.length, code).toBe(code === 'TODDOPULI' ? 1 : 0);
      expect(res.body.total, code).toBe(DEMO_PEOPLE_PER_UNIT + others.length);
    }
    // A HANDAYANI person (not referred anywhere accepted) is invisible to the other units' workers.
    const rows = await queryRows<{ id: string }>(
      t.database.db,
      sql`select p.id from person p join unit u on u.id = p.registered_unit_id
          where u.code = 'HANDAYANI' and not exists (select 1 from referral r where r.person_id = p.id) limit 1`,
    );
    const someone = rows[0]?.id ?? '';
    expect((await get('peksos.handayani', `/api/v1/people/${someone}`)).status).toBe(200);
    expect((await get('peksos.soeharso', `/api/v1/people/${someone}`)).status).toBe(404);
    expect((await get('peksos.toddopuli', `/api/v1/people/${someone}`)).status).toBe(404);
    const cases = await get('peksos.soeharso', '/api/v1/cases?limit=300');
    expect(cases.body.items.every((c: { unit: { code: string } }) => c.unit.code === 'SOEHARSO')).toBe(true);
  });

  it("shows headquarters' outcomes with graduated and independent people", async () => {
    const res = await get('pusat', '/api/v1/outcomes');
    expect(res.status).toBe(200);
    expect(res.body.total.graduated).toBeGreaterThanOrEqual(3 * DEMO_GRADUATES_PER_UNIT);
    expect(res.body.total.independent).toBeGreaterThan(res.body.total.graduated);
    expect(res.body.total.followed).toBeGreaterThan(3 * DEMO_GRADUATES_PER_UNIT);
  });

  it('changes nothing when seeded again', async () => {
    const people = await countOf('person');
    const audit = await countOf('audit_event');
    expect((await seedDemoPeople(t.database.db)).seeded).toBe(false);
    expect((await seedDemoData(t.database.db, { people: true })).seeded).toBe(false);
    expect(await countOf('person')).toBe(people);
    expect(await countOf('audit_event')).toBe(audit);
  });

  it('is on with demo data unless ATENSI_DEMO_PEOPLE=0', () => {
    expect(loadConfig({}).demoPeople).toBe(true);
    expect(loadConfig({ ATENSI_DEMO_PEOPLE: '0' }).demoPeople).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c' }).demoPeople).toBe(false);
  });
});
