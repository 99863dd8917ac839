import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { queryRows } from '../client.ts';
import { seedAreas } from './areas.ts';
import { demoUsers, seedDemoData } from './demo.ts';
import { seedReferenceData } from './reference.ts';
import { seedUnitDefaults } from './units.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countOf = async (table: string, where = sql`true`) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
    )
  )[0]?.n;

describe('first-start data', () => {
  it('loads the reference data with its sources', async () => {
    expect(await countOf('cluster')).toBe(8);
    expect(await countOf('ppks_category')).toBe(26);
    expect(await countOf('service_component')).toBe(7);
    expect(await countOf('programme')).toBe(10);
    expect(await countOf('unit')).toBe(37);
    expect(await countOf('unit', sql`source = '' or source is null`)).toBe(0);
  });

  it('loads every administrative area of idn-area-data', async () => {
    expect(await countOf('area', sql`level = 'province'`)).toBe(38);
    expect(await countOf('area', sql`level = 'regency'`)).toBe(514);
    expect(await countOf('area', sql`level = 'district'`)).toBe(7277);
    expect(await countOf('area', sql`level = 'village'`)).toBe(83763);
    expect(await countOf('area', sql`level = 'province' and lat is null`)).toBe(0);
  });

  it('gives every unit its own province as coverage and every cluster as a service', async () => {
    expect(
      await countOf(
        'unit u',
        sql`not exists (select 1 from unit_coverage c where c.unit_id = u.id and c.area_code = u.province_code)`,
      ),
    ).toBe(0);
    expect(await countOf('unit_service')).toBe(37 * 8);
  });

  it('creates one demo user per role per unit for three units, plus headquarters', async () => {
    const users = demoUsers();
    expect(users).toHaveLength(3 + 3 * 4);
    expect(await countOf('app_user')).toBe(users.length);
    expect(users.map((u) => u.username)).toContain('kepala.soeharso');
  });

  it('changes nothing when run again', async () => {
    const before = await countOf('audit_event');
    expect((await seedReferenceData(t.database.db)).seeded).toBe(false);
    expect((await seedAreas(t.database.db)).seeded).toBe(false);
    expect((await seedUnitDefaults(t.database.db)).seeded).toBe(false);
    expect((await seedDemoData(t.database.db)).seeded).toBe(false);
    expect(await countOf('app_user')).toBe(15);
    expect(await countOf('audit_event')).toBe(before);
  });
});
