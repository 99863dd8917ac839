import { count, eq } from 'drizzle-orm';
import { defaultCoverage } from '../../modules/units/index.ts';
import type { Db } from '../client.ts';
import { area, cluster, unit, unitCoverage, unitService } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';

/**
 * First-start defaults for the units (run after areas): coverage = own province plus the provinces whose
 * capital is nearest to the unit; services = every active cluster in families and communities (every unit
 * is multi-service), and its original cluster residentially too, with 0 beds until its head records them.
 */
export async function seedUnitDefaults(db: Db): Promise<{ seeded: boolean }> {
  const existing = await db.select({ n: count() }).from(unitService);
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false };
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    const units = await tx.select().from(unit);
    const clusters = await tx.select({ code: cluster.code }).from(cluster).where(eq(cluster.isActive, true));
    const provinces = await tx
      .select({ code: area.code, lat: area.lat, lon: area.lon })
      .from(area)
      .where(eq(area.level, 'province'));
    const coverage = defaultCoverage(units, provinces);
    const known = new Set(provinces.map((p) => p.code));
    const coverageRows = [...coverage].flatMap(([unitId, codes]) =>
      [...codes].filter((c) => known.has(c)).map((areaCode) => ({ unitId, areaCode, isDefault: true })),
    );
    if (coverageRows.length) await tx.insert(unitCoverage).values(coverageRows).onConflictDoNothing();
    const serviceRows = units.flatMap((u) =>
      clusters.map((c) => ({
        unitId: u.id,
        clusterCode: c.code,
        isResidential: u.originalCluster === c.code,
        isFamily: true,
        isCommunity: true,
        residentialCapacity: 0,
      })),
    );
    if (serviceRows.length) await tx.insert(unitService).values(serviceRows);
  });
  return { seeded: true };
}
