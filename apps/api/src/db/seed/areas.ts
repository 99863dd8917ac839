import { createRequire } from 'node:module';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { writeAudit } from '../../lib/audit.ts';
import { displayAreaName, searchAreaName } from '../../modules/reference/area-names.ts';
import type { Db } from '../client.ts';
import { area } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';
import { readCsvFile, readSeedCsv } from './csv.ts';

const require = createRequire(import.meta.url);
const SOURCE = 'idn-area-data 3.1.2 (Kemendagri codes; MIT)';
const BATCH = 10_000;

function idnAreaDataDir(): string {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

type AreaRow = typeof area.$inferInsert;

/** Build all 91,592 rows: 38 provinces, 514 regencies, 7,277 districts, 83,763 villages. */
export function readAreaRows(): AreaRow[] {
  const dir = idnAreaDataDir();
  const capitals = new Map(readSeedCsv('province-capitals.csv').map((r) => [r.province_code, r]));
  const rows: AreaRow[] = [];
  const add = (code: string, level: string, official: string, parentCode: string | null) => {
    const [p = '', r, d] = code.split('.');
    const name = displayAreaName(official).replaceAll('"', "'");
    const capital = level === 'province' ? capitals.get(code) : undefined;
    rows.push({
      code,
      level,
      name,
      officialName: official,
      parentCode,
      provinceCode: p,
      regencyCode: r ? `${p}.${r}` : null,
      districtCode: d ? `${p}.${r}.${d}` : null,
      searchName: searchAreaName(name),
      capitalName: capital?.capital ?? null,
      lat: capital?.lat ? Number(capital.lat) : null,
      lon: capital?.lon ? Number(capital.lon) : null,
      source:
        level === 'province' && capital ? `${SOURCE}; capital: shared/data/province-capitals.csv` : SOURCE,
    });
  };
  for (const r of readCsvFile(path.join(dir, 'provinces.csv')))
    add(req(r, 'code'), 'province', req(r, 'name'), null);
  for (const r of readCsvFile(path.join(dir, 'regencies.csv')))
    add(req(r, 'code'), 'regency', req(r, 'name'), req(r, 'province_code'));
  for (const r of readCsvFile(path.join(dir, 'districts.csv')))
    add(req(r, 'code'), 'district', req(r, 'name'), req(r, 'regency_code'));
  for (const r of readCsvFile(path.join(dir, 'villages.csv')))
    add(req(r, 'code'), 'village', req(r, 'name'), req(r, 'district_code'));
  return rows;
}

/**
 * Load the areas on an empty table. The row-level audit trigger is switched off for this one bulk load
 * (91k audit rows would say nothing) and one audit record states what was loaded, from where.
 */
export async function seedAreas(db: Db): Promise<{ seeded: boolean; rows: number }> {
  const existing = await db.select({ n: count() }).from(area);
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false, rows: 0 };
  const rows = readAreaRows();
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    await tx.execute(sql`alter table area disable trigger audit_insert`);
    // One JSON parameter per batch: far faster than binding 13 parameters per row on both drivers.
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx.execute(sql`
        insert into area (code, level, name, official_name, parent_code, province_code, regency_code,
                          district_code, search_name, capital_name, lat, lon, source)
        select code, level, name, "officialName", "parentCode", "provinceCode", "regencyCode",
               "districtCode", "searchName", "capitalName", lat, lon, source
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb) as x(
          code text, level text, name text, "officialName" text, "parentCode" text, "provinceCode" text,
          "regencyCode" text, "districtCode" text, "searchName" text, "capitalName" text,
          lat double precision, lon double precision, source text)`);
    }
    await tx.execute(sql`alter table area enable trigger audit_insert`);
    await writeAudit(
      tx,
      { userId: null, username: 'system', role: null, unitId: null },
      { ip: null, requestId: null },
      {
        action: 'insert',
        entity: 'area',
        entityId: null,
        meta: { bulkLoad: true, rows: rows.length, source: SOURCE },
      },
    );
  });
  // Merge the trigram index's pending list now (PGlite runs no autovacuum, and every typo search would
  // otherwise read the whole backlog), and fresh statistics, or the planner scans instead of using it.
  await db.execute(sql`select gin_clean_pending_list('area_search_trgm_idx')`);
  await db.execute(sql`analyze area`);
  return { seeded: true, rows: rows.length };
}

function req(row: Record<string, string>, key: string): string {
  const v = row[key];
  if (!v) throw new Error(`idn-area-data: column ${key} is empty in ${JSON.stringify(row)}`);
  return v;
}
