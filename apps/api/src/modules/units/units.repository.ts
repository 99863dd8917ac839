import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { appUser, area, cluster, unit, unitCoverage, unitFacility, unitService } from '../../db/schema.ts';

export type UnitRow = typeof unit.$inferSelect;
export type ServiceRow = typeof unitService.$inferSelect;

export async function findUnit(db: Tx, id: string): Promise<UnitRow | undefined> {
  return (await db.select().from(unit).where(eq(unit.id, id)).limit(1))[0];
}

export async function listUnits(
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
  const rows = await db
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
    .offset(page.offset);
  const total = await db.select({ n: count() }).from(unit).where(where);
  return { rows, total: total[0]?.n ?? 0 };
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

export async function findAreaName(db: Tx, code: string): Promise<string | null> {
  const rows = await db.select({ name: area.name }).from(area).where(eq(area.code, code)).limit(1);
  return rows[0]?.name ?? null;
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
/** Active residential stays per `unitId/clusterCode`, over every unit (counted past row-level security). */
export async function countActiveResidential(db: Tx): Promise<Map<string, number>> {
  const rows = await queryRows<{ unit_id: string; cluster_code: string; occupied: number }>(
    db,
    sql`select unit_id, cluster_code, occupied from atensi_residential_occupancy()`,
  );
  return new Map(rows.map((r) => [`${r.unit_id}/${r.cluster_code}`, r.occupied]));
}

export type NearestCandidate = {
  id: string;
  code: string;
  name: string;
  city: string;
  lat: number;
  lon: number;
  residentialCapacity: number;
  isCovering: boolean;
};

export type NearestFacts = {
  clusterExists: boolean;
  areaExists: boolean;
  /** The given province, or the one whose capital is nearest the given coordinates. */
  provinceCode: string | null;
  /** [lat, lon] of the first active unit in the given regency, if any (asked only without coordinates). */
  regencyUnit: [number, number] | null;
  /** [lat, lon] of the given province's capital (asked only without coordinates). */
  capital: [number, number] | null;
  /** Every active unit with coordinates that serves the cluster in the mode. */
  candidates: NearestCandidate[];
};

/** A candidate as the query sends it: an array per unit decodes faster than an object. */
type CandidateTuple = [string, string, string, string, number, number, number, boolean];

/**
 * One round trip for the nearest-unit ranking: whether the cluster and area exist, what the origin can be
 * taken from (areas below the province carry no coordinates: a unit in the same regency, else the province
 * capital), the province (given, or the one whose capital is nearest the coordinates), and every unit
 * serving the cluster in the mode with whether its coverage holds the province or regency.
 * Shaped for PGlite, where planning and decoding rows cost more than executing: scalar subqueries and one
 * JSON value (decoded once) instead of a CTE, lateral joins and a row per unit.
 * Index use: cluster and area primary keys, unit_service_cluster_idx, the unit_coverage primary key.
 */
export async function findNearestFacts(
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
): Promise<NearestFacts> {
  const modeColumn =
    p.mode === 'residential'
      ? sql`s.is_residential`
      : p.mode === 'family'
        ? sql`s.is_family`
        : sql`s.is_community`;
  // Planning is half the cost on PGlite: leave out, as constants, the parts this kind of place does not need.
  const byCoordinates = p.lat !== null && p.lon !== null;
  const nearestProvince = byCoordinates
    ? sql`(select a.code from area a where a.level = 'province' and a.lat is not null
        order by (a.lat - ${p.lat}::float8) ^ 2 + ((a.lon - ${p.lon}::float8) * cos(radians(${p.lat}::float8))) ^ 2
        limit 1)`
    : sql`null::text`;
  const areaExists = p.area ? sql`exists (select 1 from area where code = ${p.area})` : sql`false`;
  const regencyUnit =
    p.regencyCode && !byCoordinates
      ? sql`(select json_build_array(lat, lon) from unit where regency_code = ${p.regencyCode}
          and archived_at is null and lat is not null and lon is not null order by code limit 1)`
      : sql`null::json`;
  const capital =
    p.provinceCode && !byCoordinates
      ? sql`(select json_build_array(lat, lon) from area where code = ${p.provinceCode} and lat is not null)`
      : sql`null::json`;
  const rows = await queryRows<{
    facts: Omit<NearestFacts, 'candidates'> & { candidates: CandidateTuple[] | null };
  }>(
    db,
    sql`select json_build_object(
      'clusterExists', exists (select 1 from cluster where code = ${p.cluster}),
      'areaExists', ${areaExists},
      'provinceCode', place.province_code,
      'regencyUnit', ${regencyUnit},
      'capital', ${capital},
      'candidates', (select json_agg(json_build_array(u.id, u.code, u.name, u.city, u.lat, u.lon,
          s.residential_capacity, exists (select 1 from unit_coverage uc where uc.unit_id = u.id
            and uc.area_code in (place.province_code, ${p.regencyCode ?? ''}))))
        from unit_service s join unit u on u.id = s.unit_id
        where s.cluster_code = ${p.cluster} and ${modeColumn}
          and u.archived_at is null and u.lat is not null and u.lon is not null)
    ) as facts
    from (select coalesce(${p.provinceCode}::text, ${nearestProvince}) as province_code) place`,
  );
  const facts = rows[0]?.facts;
  if (!facts) throw new Error('nearest facts query returned no row');
  return {
    ...facts,
    candidates: (facts.candidates ?? []).map(
      ([id, code, name, city, lat, lon, residentialCapacity, isCovering]) => ({
        id,
        code,
        name,
        city,
        lat,
        lon,
        residentialCapacity,
        isCovering,
      }),
    ),
  };
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
