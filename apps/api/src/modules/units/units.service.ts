import type {
  TCreateUnitRequest,
  TErrorDetail,
  TMergeUnitRequest,
  TNearestQuery,
  TNearestResponse,
  TPutUnitCoverageRequest,
  TPutUnitServicesRequest,
  TServiceMode,
  TUnit,
  TUnitListQuery,
  TUnitMatrix,
  TUnitSummary,
  TUpdateUnitRequest,
} from '@atensi/contracts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { distanceKm } from './geo.ts';
import * as repo from './units.repository.ts';

function invalid(field: string, issue: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field, issue, message }] });
}

/** A head of unit edits only their own unit; headquarters roles edit any. */
function assertMayEdit(ctx: Ctx, unitId: string): void {
  if (ctx.scope === 'all') return;
  if (ctx.scope === 'unit' && ctx.actor.unitId === unitId) return;
  throw new AppError('FORBIDDEN');
}

async function loadUnit(ctx: Ctx, id: string): Promise<repo.UnitRow> {
  const u = await repo.findUnit(ctx.db, id);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

function modesOf(s: repo.ServiceRow): TServiceMode[] {
  return [
    ...(s.isResidential ? (['residential'] as const) : []),
    ...(s.isFamily ? (['family'] as const) : []),
    ...(s.isCommunity ? (['community'] as const) : []),
  ];
}

export async function listUnitSummaries(
  ctx: Ctx,
  q: TUnitListQuery,
): Promise<{ items: TUnitSummary[]; total: number }> {
  const { rows, total } = await repo.listUnits(
    ctx.db,
    { q: q.q, province: q.province, cluster: q.cluster, includeArchived: q.includeArchived ?? false },
    { limit: q.limit, offset: q.offset },
  );
  return {
    total,
    items: rows.map(({ unit: u, provinceName, clusterCodes, capacity }) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      type: u.type as TUnitSummary['type'],
      city: u.city,
      provinceCode: u.provinceCode,
      provinceName,
      isArchived: u.archivedAt !== null,
      mergedIntoCode: u.mergedIntoCode,
      clusterCodes,
      residentialCapacity: capacity,
    })),
  };
}

export async function getUnit(ctx: Ctx, id: string): Promise<TUnit> {
  const u = await loadUnit(ctx, id);
  // One after another: the queries share the request's connection, which runs one at a time anyway.
  const services = await repo.findServices(ctx.db, [u.id]);
  const coverage = await repo.findCoverage(ctx.db, u.id);
  const facilities = await repo.findFacilities(ctx.db, u.id);
  const staffCount = await repo.countStaff(ctx.db, u.id);
  const provinceName = await repo.findAreaName(ctx.db, u.provinceCode);
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type as TUnit['type'],
    city: u.city,
    provinceCode: u.provinceCode,
    provinceName,
    regencyCode: u.regencyCode,
    isArchived: u.archivedAt !== null,
    mergedIntoCode: u.mergedIntoCode,
    laterName: u.laterName,
    originalCluster: u.originalCluster,
    address: u.address,
    areaCode: u.areaCode,
    lat: u.lat,
    lon: u.lon,
    phone: u.phone,
    email: u.email,
    headName: u.headName,
    note: u.note,
    isVerified: u.isVerified,
    source: u.source,
    clusterCodes: services.map((s) => s.clusterCode),
    residentialCapacity: services.reduce((n, s) => n + s.residentialCapacity, 0),
    services: services.map((s) => ({
      clusterCode: s.clusterCode,
      isResidential: s.isResidential,
      isFamily: s.isFamily,
      isCommunity: s.isCommunity,
      residentialCapacity: s.residentialCapacity,
    })),
    coverage,
    facilities: facilities.map((f) => ({ ...f, kind: f.kind as 'outlet' | 'warehouse' })),
    staffCount,
    version: u.version,
  };
}

export async function updateUnit(ctx: Ctx, id: string, input: TUpdateUnitRequest): Promise<TUnit> {
  const u = await loadUnit(ctx, id);
  assertMayEdit(ctx, u.id);
  if (input.areaCode) {
    const levels = await repo.findAreaLevels(ctx.db, [input.areaCode]);
    if (!levels.has(input.areaCode)) throw invalid('areaCode', 'unknown_area', `areaCode ${input.areaCode}`);
  }
  if (
    (input.lat === undefined) !== (input.lon === undefined) ||
    (input.lat === null) !== (input.lon === null)
  ) {
    throw invalid('lat', 'incomplete_coordinates', 'lat and lon go together');
  }
  const { version, ...patch } = input;
  if (!(await repo.updateUnitIfVersion(ctx.db, u.id, version, patch))) throw new AppError('CONFLICT');
  return getUnit(ctx, u.id);
}

export async function putUnitServices(ctx: Ctx, id: string, input: TPutUnitServicesRequest): Promise<TUnit> {
  const u = await loadUnit(ctx, id);
  assertMayEdit(ctx, u.id);
  const known = await repo.findExistingClusters(
    ctx.db,
    input.services.map((s) => s.clusterCode),
  );
  const details: TErrorDetail[] = [];
  const seen = new Set<string>();
  input.services.forEach((s, i) => {
    const field = `services.${i}`;
    if (!known.has(s.clusterCode))
      details.push({ field: `${field}.clusterCode`, issue: 'unknown_cluster', message: s.clusterCode });
    if (seen.has(s.clusterCode))
      details.push({ field: `${field}.clusterCode`, issue: 'duplicate', message: s.clusterCode });
    seen.add(s.clusterCode);
    if (!s.isResidential && !s.isFamily && !s.isCommunity) {
      details.push({ field, issue: 'no_mode', message: 'residential, family or community' });
    }
    if (!s.isResidential && s.residentialCapacity > 0) {
      details.push({
        field: `${field}.residentialCapacity`,
        issue: 'not_residential',
        message: 'beds only for residential service',
      });
    }
  });
  if (details.length) throw new AppError('VALIDATION_FAILED', { details });
  if (!(await repo.updateUnitIfVersion(ctx.db, u.id, input.version, {}))) throw new AppError('CONFLICT');
  await repo.replaceServices(
    ctx.db,
    u.id,
    input.services.map((s) => ({ unitId: u.id, ...s })),
  );
  return getUnit(ctx, u.id);
}

export async function putUnitCoverage(ctx: Ctx, id: string, input: TPutUnitCoverageRequest): Promise<TUnit> {
  const u = await loadUnit(ctx, id);
  assertMayEdit(ctx, u.id);
  const codes = [...new Set(input.areaCodes)];
  const levels = await repo.findAreaLevels(ctx.db, codes);
  const details: TErrorDetail[] = [];
  input.areaCodes.forEach((code, i) => {
    const level = levels.get(code);
    if (!level) details.push({ field: `areaCodes.${i}`, issue: 'unknown_area', message: code });
    else if (level !== 'province' && level !== 'regency') {
      details.push({ field: `areaCodes.${i}`, issue: 'not_province_or_regency', message: code });
    }
  });
  if (details.length) throw new AppError('VALIDATION_FAILED', { details });
  if (!(await repo.updateUnitIfVersion(ctx.db, u.id, input.version, {}))) throw new AppError('CONFLICT');
  await repo.replaceCoverage(ctx.db, u.id, codes, false);
  return getUnit(ctx, u.id);
}

export async function getMatrix(ctx: Ctx): Promise<TUnitMatrix> {
  const units = await repo.findActiveUnits(ctx.db);
  const clusters = await repo.findActiveClusters(ctx.db);
  const provinces = await repo.findProvinces(ctx.db);
  const coverageRows = await repo.findAllCoverage(ctx.db);
  const services = await repo.findServices(
    ctx.db,
    units.map((u) => u.id),
  );
  const occupied = await repo.countActiveResidential(ctx.db);
  const coverage = new Map<string, Set<string>>();
  for (const r of coverageRows) {
    const set = coverage.get(r.unitId) ?? new Set<string>();
    set.add(r.areaCode.slice(0, 2));
    coverage.set(r.unitId, set);
  }
  const gaps = provinces
    .map((p) => ({
      provinceCode: p.code,
      provinceName: p.name,
      missingClusters: clusters
        .filter((c) => !services.some((s) => s.clusterCode === c.code && coverage.get(s.unitId)?.has(p.code)))
        .map((c) => c.code),
    }))
    .filter((g) => g.missingClusters.length > 0);
  return {
    clusters,
    units: units.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      provinceCode: u.provinceCode,
      cells: Object.fromEntries(
        services
          .filter((s) => s.unitId === u.id)
          .map((s) => [
            s.clusterCode,
            {
              modes: modesOf(s),
              residentialCapacity: s.residentialCapacity,
              residentialFree: Math.max(
                0,
                s.residentialCapacity - (occupied.get(`${u.id}/${s.clusterCode}`) ?? 0),
              ),
            },
          ]),
      ),
    })),
    gaps,
  };
}

/**
 * Rank the units that serve a cluster in a mode: those whose coverage includes the place first, then by
 * distance, with free beds. One query whatever the number of units: referrals and rapid response call
 * this on every routing decision.
 */
export async function findNearestUnits(ctx: Ctx, q: TNearestQuery): Promise<TNearestResponse> {
  if ((q.lat === undefined) !== (q.lon === undefined)) {
    throw invalid('lat', 'incomplete_coordinates', 'lat and lon go together');
  }
  if (!q.area && q.lat === undefined) throw invalid('area', 'required', 'area or lat/lon');
  const facts = await repo.findNearestFacts(ctx.db, {
    cluster: q.cluster,
    mode: q.mode,
    area: q.area ?? null,
    provinceCode: q.area ? q.area.slice(0, 2) : null,
    regencyCode: q.area && q.area.length >= 5 ? q.area.slice(0, 5) : null,
    lat: q.lat ?? null,
    lon: q.lon ?? null,
  });
  if (!facts.clusterExists) throw invalid('cluster', 'unknown_cluster', q.cluster);
  if (q.area && !facts.areaExists) throw invalid('area', 'unknown_area', q.area);
  const [lat, lon] =
    q.lat !== undefined && q.lon !== undefined ? [q.lat, q.lon] : (facts.regencyUnit ?? facts.capital ?? []);
  if (lat === undefined || lon === undefined) throw invalid('area', 'no_coordinates', q.area ?? '');
  const origin = { lat, lon };
  const occupied = await repo.countActiveResidential(ctx.db);
  const items = facts.candidates
    .map((c) => ({
      unit: { id: c.id, code: c.code, name: c.name, city: c.city },
      isCovering: c.isCovering,
      distanceKm: Math.round(distanceKm(origin, { lat: c.lat, lon: c.lon }) * 10) / 10,
      residentialCapacity: c.residentialCapacity,
      residentialFree: Math.max(0, c.residentialCapacity - (occupied.get(`${c.id}/${q.cluster}`) ?? 0)),
    }))
    .sort((a, b) => Number(b.isCovering) - Number(a.isCovering) || a.distanceKm - b.distanceKm)
    .slice(0, q.limit);
  return { origin: { ...origin, provinceCode: facts.provinceCode }, items };
}

/** Add a unit (admin). It covers its own province and serves nothing until its matrix row is set. */
export async function createUnit(ctx: Ctx, input: TCreateUnitRequest): Promise<TUnit> {
  if (await repo.isUnitCodeTaken(ctx.db, input.code)) throw new AppError('UNIT_CODE_TAKEN');
  const levels = await repo.findAreaLevels(ctx.db, [input.regencyCode]);
  if (levels.get(input.regencyCode) !== 'regency')
    throw invalid('regencyCode', 'unknown_area', input.regencyCode);
  if (input.originalCluster) {
    const known = await repo.findExistingClusters(ctx.db, [input.originalCluster]);
    if (!known.has(input.originalCluster))
      throw invalid('originalCluster', 'unknown_cluster', input.originalCluster);
  }
  const provinceCode = input.regencyCode.slice(0, 2);
  const id = await repo.insertUnit(ctx.db, {
    ...input,
    provinceCode,
    isVerified: true,
    source: `entered by ${ctx.actor.username}`,
  });
  await repo.replaceCoverage(ctx.db, id, [provinceCode], true);
  return getUnit(ctx, id);
}

async function loadActiveForChange(ctx: Ctx, id: string): Promise<repo.UnitRow> {
  const u = await loadUnit(ctx, id);
  if (u.archivedAt) throw new AppError('UNIT_ARCHIVED');
  return u;
}

/** Archive a unit (admin). Refused while active users belong to it: nothing is left behind silently. */
export async function archiveUnit(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<TUnit> {
  const u = await loadActiveForChange(ctx, id);
  if ((await repo.countStaff(ctx.db, u.id)) > 0) throw new AppError('UNIT_HAS_ACTIVE_USERS');
  const note = [u.note, `Diarsipkan/archived ${new Date().toISOString().slice(0, 10)}: ${input.reason}`]
    .filter(Boolean)
    .join('\n');
  if (!(await repo.updateUnitIfVersion(ctx.db, u.id, input.version, { archivedAt: new Date(), note }))) {
    throw new AppError('CONFLICT');
  }
  return getUnit(ctx, u.id);
}

/**
 * Merge a unit into another (admin): the merged unit is archived with `merged_into`, and its active users
 * move only when asked (each move audited); otherwise the merge is refused while any remain.
 */
export async function mergeUnit(ctx: Ctx, id: string, input: TMergeUnitRequest): Promise<TUnit> {
  const u = await loadActiveForChange(ctx, id);
  if (input.intoUnitId === u.id) throw invalid('intoUnitId', 'same_unit', 'a unit cannot merge into itself');
  const target = await repo.findUnit(ctx.db, input.intoUnitId);
  if (!target || target.archivedAt) throw invalid('intoUnitId', 'unknown_unit', input.intoUnitId);
  if (input.moveUsers) await repo.moveActiveUsers(ctx.db, u.id, target.id);
  else if ((await repo.countStaff(ctx.db, u.id)) > 0) throw new AppError('UNIT_HAS_ACTIVE_USERS');
  const note = [
    u.note,
    `Digabung ke/merged into ${target.code} ${new Date().toISOString().slice(0, 10)}: ${input.note}`,
  ]
    .filter(Boolean)
    .join('\n');
  const ok = await repo.updateUnitIfVersion(ctx.db, u.id, input.version, {
    archivedAt: new Date(),
    mergedIntoCode: target.code,
    note,
  });
  if (!ok) throw new AppError('CONFLICT');
  return getUnit(ctx, u.id);
}

export async function addFacility(
  ctx: Ctx,
  id: string,
  input: { kind: 'outlet' | 'warehouse'; name: string },
) {
  const u = await loadActiveForChange(ctx, id);
  assertMayEdit(ctx, u.id);
  await repo.insertFacility(ctx.db, { unitId: u.id, kind: input.kind, name: input.name });
  return getUnit(ctx, u.id);
}

export async function removeFacility(ctx: Ctx, id: string, facilityId: string) {
  const u = await loadUnit(ctx, id);
  assertMayEdit(ctx, u.id);
  if (!(await repo.archiveFacility(ctx.db, u.id, facilityId))) throw new AppError('NOT_FOUND');
  return getUnit(ctx, u.id);
}
