import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { appUser, area, cluster, unit, unitCoverage, unitFacility, unitService } from '../../db/schema.ts';

export type UnitRow = typeof unit.$inferSelect;
export type ServiceRow = typeof unitService.$inferSelect;

export async function findUnit(db: Tx, id: string): Promise<UnitRow | undefined> {
  return (await db.select().from(unit).where(eq(unit.id, id)).limit(1))[0];
}

export function listUnits(
  db: Tx,
  f: {
    q?: string | undefined;
    province?: string | undefined;
    cluster?: string | undefined;
    includeArchived: boolean;
  },
  page: { limit: number; offset: number },
) {
  const conds = [
    f.includeArchived ? undefined : isNull(unit.archivedAt),
    f.province ? eq(unit.provinceCode, f.province) : undefined,
    f.q
      ? sql`(${unit.code} ilike ${`%${f.q}%`} or ${unit.name} ilike ${`%${f.q}%`} or ${unit.city} ilike ${`%${f.q}%`})`
      : undefined,
    f.cluster
      ? sql`exists (select 1 from unit_service s where s.unit_id = ${unit.id} and s.cluster_code = ${f.cluster})`
      : undefined,
  ];
  const where = and(...conds);
  return Promise.all([
    db
      .select({
        unit,
        provinceName: area.name,
        clusterCodes: sql<
          string[]
        >`coalesce((select array_agg(s.cluster_code order by s.cluster_code) from unit_service s where s.unit_id = ${unit.id}), '{}')`,
        capacity: sql<number>`coalesce((select sum(s.residential_capacity) from unit_service s where s.unit_id = ${unit.id}), 0)::int`,
      })
      .from(unit)
      .leftJoin(area, eq(area.code, unit.provinceCode))
      .where(where)
      .orderBy(asc(unit.code))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(unit).where(where),
  ]);
}

export function findServices(db: Tx, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as ServiceRow[]);
  return db
    .select()
    .from(unitService)
    .where(inArray(unitService.unitId, unitIds))
    .orderBy(asc(unitService.clusterCode));
}

export function findCoverage(db: Tx, unitId: string) {
  return db
    .select({ code: unitCoverage.areaCode, name: area.name, isDefault: unitCoverage.isDefault })
    .from(unitCoverage)
    .innerJoin(area, eq(area.code, unitCoverage.areaCode))
    .where(eq(unitCoverage.unitId, unitId))
    .orderBy(asc(unitCoverage.areaCode));
}

export function findAllCoverage(db: Tx) {
  return db.select({ unitId: unitCoverage.unitId, areaCode: unitCoverage.areaCode }).from(unitCoverage);
}

export function findFacilities(db: Tx, unitId: string) {
  return db
    .select({ id: unitFacility.id, kind: unitFacility.kind, name: unitFacility.name })
    .from(unitFacility)
    .where(and(eq(unitFacility.unitId, unitId), isNull(unitFacility.archivedAt)))
    .orderBy(asc(unitFacility.kind), asc(unitFacility.name));
}

export async function countStaff(db: Tx, unitId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(appUser)
    .where(and(eq(appUser.unitId, unitId), eq(appUser.isActive, true)));
  return rows[0]?.n ?? 0;
}

export function findActiveUnits(db: Tx) {
  return db.select().from(unit).where(isNull(unit.archivedAt)).orderBy(asc(unit.code));
}

export function findActiveClusters(db: Tx) {
  return db
    .select({ code: cluster.code, nameId: cluster.nameId, nameEn: cluster.nameEn })
    .from(cluster)
    .where(eq(cluster.isActive, true))
    .orderBy(asc(cluster.sortOrder));
}

export function findProvinces(db: Tx) {
  return db
    .select({ code: area.code, name: area.name, lat: area.lat, lon: area.lon })
    .from(area)
    .where(eq(area.level, 'province'))
    .orderBy(asc(area.code));
}

export async function findAreaLevels(db: Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: area.code, level: area.level })
    .from(area)
    .where(inArray(area.code, codes));
  return new Map(rows.map((r) => [r.code, r.level]));
}

export async function findExistingClusters(db: Tx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: cluster.code }).from(cluster).where(inArray(cluster.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** Bump the version when it still matches; false means someone else changed the unit meanwhile. */
export async function updateUnitIfVersion(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<typeof unit.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(unit)
    .set({ ...patch, version: sql`${unit.version} + 1`, updatedAt: new Date() })
    .where(and(eq(unit.id, id), eq(unit.version, version)))
    .returning({ id: unit.id });
  return rows.length === 1;
}

export async function replaceServices(db: Tx, unitId: string, rows: (typeof unitService.$inferInsert)[]) {
  await db.delete(unitService).where(eq(unitService.unitId, unitId));
  if (rows.length) await db.insert(unitService).values(rows);
}

export async function replaceCoverage(db: Tx, unitId: string, codes: string[], isDefault: boolean) {
  await db.delete(unitCoverage).where(eq(unitCoverage.unitId, unitId));
  if (codes.length)
    await db.insert(unitCoverage).values(codes.map((areaCode) => ({ unitId, areaCode, isDefault })));
}

/**
 * Active residential cases per unit and cluster, keyed `unitId/clusterCode`. Cases do not exist yet (the
 * cases issue adds them and this query); until then every bed is free, as the units issue specifies.
 */
export async function countActiveResidential(_db: Tx): Promise<Map<string, number>> {
  return new Map();
}

export type NearestRow = {
  clusterExists: boolean;
  areaExists: boolean;
  provinceCode: string | null;
  originLat: number | null;
  originLon: number | null;
  id: string | null;
  code: string | null;
  name: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  residentialCapacity: number | null;
  isCovering: boolean | null;
};

/**
 * One round trip for the nearest-unit ranking: whether the cluster and area exist, the origin (given
 * coordinates; else a unit in the same regency, as areas below the province carry no coordinates; else the
 * province capital), the province (given, or the one whose capital is nearest the coordinates), and every
 * unit serving the cluster in the mode with whether its coverage holds the province or regency.
 * With no candidate, one row carries the facts alone.
 */
export function findNearestCandidates(
  db: Tx,
  p: {
    cluster: string;
    mode: 'residential' | 'family' | 'community';
    area: string | null;
    provinceCode: string | null;
    regencyCode: string | null;
    lat: number | null;
    lon: number | null;
  },
) {
  const modeColumn =
    p.mode === 'residential'
      ? sql`s.is_residential`
      : p.mode === 'family'
        ? sql`s.is_family`
        : sql`s.is_community`;
  const lat = p.lat === null ? sql`null::float8` : sql`${p.lat}::float8`;
  const lon = p.lon === null ? sql`null::float8` : sql`${p.lon}::float8`;
  return queryRows<NearestRow>(
    db,
    sql`with given as (select ${lat} as lat, ${lon} as lon),
    place as (
      select coalesce(${p.provinceCode}::text, (
               select a.code from area a, given g where a.level = 'province' and a.lat is not null and g.lat is not null
               order by (a.lat - g.lat) ^ 2 + ((a.lon - g.lon) * cos(radians(g.lat))) ^ 2 limit 1)) as province_code,
             coalesce(g.lat, ru.lat, cap.lat) as lat, coalesce(g.lon, ru.lon, cap.lon) as lon
      from given g
      left join lateral (select lat, lon from unit where regency_code = ${p.regencyCode}::text
        and archived_at is null and lat is not null order by code limit 1) ru on true
      left join area cap on cap.code = ${p.provinceCode}::text
    )
    select exists (select 1 from cluster where code = ${p.cluster}) as "clusterExists",
      exists (select 1 from area where code = ${p.area}::text) as "areaExists",
      pl.province_code as "provinceCode", pl.lat as "originLat", pl.lon as "originLon",
      c.id, c.code, c.name, c.city, c.lat, c.lon, c.residential_capacity as "residentialCapacity",
      c.is_covering as "isCovering"
    from place pl
    left join lateral (
      select u.id, u.code, u.name, u.city, u.lat, u.lon, s.residential_capacity,
        exists (select 1 from unit_coverage uc where uc.unit_id = u.id
                and uc.area_code in (pl.province_code, ${p.regencyCode ?? ''})) as is_covering
      from unit u join unit_service s on s.unit_id = u.id and s.cluster_code = ${p.cluster}
      where u.archived_at is null and u.lat is not null and u.lon is not null and ${modeColumn}
    ) c on true`,
  );
}

export async function isUnitCodeTaken(db: Tx, code: string): Promise<boolean> {
  const rows = await db
    .select({ id: unit.id })
    .from(unit)
    .where(sql`upper(${unit.code}) = upper(${code})`)
    .limit(1);
  return rows.length > 0;
}

export async function insertUnit(db: Tx, row: typeof unit.$inferInsert): Promise<string> {
  const rows = await db.insert(unit).values(row).returning({ id: unit.id });
  const id = rows[0]?.id;
  if (!id) throw new Error('unit insert returned no row');
  return id;
}

export async function moveActiveUsers(db: Tx, fromUnitId: string, toUnitId: string): Promise<number> {
  const rows = await db
    .update(appUser)
    .set({ unitId: toUnitId, version: sql`${appUser.version} + 1`, updatedAt: new Date() })
    .where(and(eq(appUser.unitId, fromUnitId), eq(appUser.isActive, true)))
    .returning({ id: appUser.id });
  return rows.length;
}

export async function insertFacility(db: Tx, row: typeof unitFacility.$inferInsert): Promise<void> {
  await db.insert(unitFacility).values(row);
}

export async function archiveFacility(db: Tx, unitId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(unitFacility)
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(unitFacility.id, id), eq(unitFacility.unitId, unitId), isNull(unitFacility.archivedAt)))
    .returning({ id: unitFacility.id });
  return rows.length === 1;
}
