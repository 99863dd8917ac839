import { count } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { cluster, ppksCategory, programme, serviceComponent, unit } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';
import { seedCourses } from './courses.ts';
import { readSeedCsv } from './csv.ts';
import { seedFollowupDefaults } from './followup.ts';

const SRC_CLUSTERS =
  'shared/data/clusters.csv (ATENSI target clusters, Permensos 7/2021 and the 2022 Sentra set)';
const SRC_PPKS = 'shared/data/ppks.csv (Permensos 8/2012, restated by Permensos 5/2019)';
const SRC_SERVICES = 'shared/data/atensi-services.csv (Permensos 7/2021 as amended by 7/2022, Art. 1)';
const SRC_PROGRAMMES = 'shared/data/programmes.csv';

const UNIT_TYPES = new Set(['balai_besar', 'balai', 'loka', 'sentra', 'sentra_terpadu']);

/** Load the reference data on an empty database; an existing database is left as its admins edited it. */
export async function seedReferenceData(db: Db): Promise<{ seeded: boolean }> {
  await seedCourses(db); // training catalogue (issue 6): its own check, so existing databases get it too
  await seedFollowupDefaults(db); // minimum wages and the roadmap ladder (issue 6): each when its table is empty
  const existing = await db.select({ n: count() }).from(cluster);
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false };
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    const clusters = readSeedCsv('clusters.csv');
    await tx.insert(cluster).values(
      clusters.map((r, i) => ({
        code: req(r, 'code'),
        nameId: req(r, 'name_id'),
        nameEn: req(r, 'name_en'),
        note: r.note || null,
        sortOrder: i + 1,
        source: SRC_CLUSTERS,
      })),
    );
    const known = new Set(clusters.map((r) => r.code));
    await tx.insert(ppksCategory).values(
      readSeedCsv('ppks.csv').map((r) => ({
        no: Number(req(r, 'no')),
        nameId: req(r, 'name_id'),
        nameEn: req(r, 'name_en'),
        ageRule: r.age_rule || null,
        defaultClusterCode: r.default_cluster && known.has(r.default_cluster) ? r.default_cluster : null,
        source: SRC_PPKS,
      })),
    );
    await tx.insert(serviceComponent).values(
      readSeedCsv('atensi-services.csv').map((r, i) => ({
        code: req(r, 'code'),
        nameId: req(r, 'name_id'),
        nameEn: req(r, 'name_en'),
        examples: r.examples || null,
        sortOrder: i + 1,
        source: SRC_SERVICES,
      })),
    );
    await tx.insert(programme).values(
      readSeedCsv('programmes.csv').map((r) => ({
        code: req(r, 'code'),
        nameId: req(r, 'name_id'),
        nameEn: req(r, 'name_en'),
        kind: req(r, 'kind'),
        source: SRC_PROGRAMMES,
      })),
    );
    await tx.insert(unit).values(
      readSeedCsv('units.csv').map((r) => {
        const regencyCode = req(r, 'regency_code');
        const type = req(r, 'type_2021');
        return {
          code: req(r, 'code'),
          name: req(r, 'name'),
          type: UNIT_TYPES.has(type) ? type : 'balai',
          provinceCode: regencyCode.slice(0, 2),
          regencyCode,
          city: req(r, 'city'),
          lat: r.lat ? Number(r.lat) : null,
          lon: r.lon ? Number(r.lon) : null,
          originalCluster: r.original_cluster || null,
          laterName: r.later_name || null,
          mergedIntoCode: r.merged_into || null,
          isVerified: r.verified === 'yes',
          source: r.source || 'shared/data/units.csv',
        };
      }),
    );
  });
  return { seeded: true };
}

function req(row: Record<string, string>, key: string): string {
  const v = row[key];
  if (v === undefined || v === '')
    throw new Error(`seed data: column ${key} is empty in ${JSON.stringify(row)}`);
  return v;
}
