// Follow-up reference data (issue 6): provincial minimum wages (UMP) from seed-data/ump.csv and the default
// roadmap ladder (DESIGN.md, "Roadmap ladder"). Each is loaded when its table is empty, so existing
// databases get it too and an admin's edits are never overwritten.
import type { TCriterion } from '@atensi/contracts';
import { count } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { minimumWage, roadmapLevel } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';
import { readSeedCsv } from './csv.ts';

type LevelSeed = {
  level: number;
  code: string;
  nameId: string;
  nameEn: string;
  criteria: TCriterion[];
  isIndependence?: boolean;
  isGraduation?: boolean;
};

/** The default ladder; every threshold is data an admin can tune (PUT /api/v1/roadmap/levels). */
export const DEFAULT_LADDER: LevelSeed[] = [
  {
    level: 0,
    code: 'asesmen',
    nameId: 'Asesmen',
    nameEn: 'Assessed',
    criteria: [{ kind: 'assessment_recorded' }, { kind: 'plan_approved' }],
  },
  {
    level: 1,
    code: 'pulih',
    nameId: 'Pulih',
    nameEn: 'Stabilised',
    criteria: [
      { kind: 'basic_needs_met' },
      { kind: 'has_identity', allowOpenTask: true },
      { kind: 'health_insurance' },
    ],
  },
  {
    level: 2,
    code: 'berfungsi_sosial',
    nameId: 'Berfungsi sosial',
    nameEn: 'Functioning socially',
    criteria: [
      { kind: 'stable_living', housing: ['own', 'rent', 'family'] },
      { kind: 'functioning_improved', bands: 1, bandWidth: 20 },
    ],
  },
  {
    level: 3,
    code: 'produktif',
    nameId: 'Produktif (naik kelas)',
    nameEn: 'Productive',
    criteria: [
      { kind: 'training_completed', serviceCodes: ['vokasional_kewirausahaan'] },
      { kind: 'work_or_business' },
      { kind: 'bank_account' },
      { kind: 'income_at_least', ratio: 0.5, consecutive: 1 },
    ],
  },
  {
    level: 4,
    code: 'mandiri',
    nameId: 'Mandiri (mentas)',
    nameEn: 'Independent',
    isIndependence: true,
    criteria: [
      { kind: 'income_at_least', ratio: 1, consecutive: 2 },
      { kind: 'no_social_assistance', surveys: 2 },
      { kind: 'level_holds', level: 2 },
      { kind: 'terminated_with_reason', reasons: ['mandiri'] },
    ],
  },
  {
    level: 5,
    code: 'bimbingan_lanjut',
    nameId: 'Lulus bimbingan lanjut',
    nameEn: 'Graduated after follow-up',
    isGraduation: true,
    criteria: [
      { kind: 'followups_done', months: [3, 6, 12], toleranceDays: 45 },
      { kind: 'income_at_least', ratio: 0.5, consecutive: 1 },
    ],
  },
];

export async function seedFollowupDefaults(db: Db): Promise<void> {
  const wages = (await db.select({ n: count() }).from(minimumWage))[0]?.n ?? 0;
  const levels = (await db.select({ n: count() }).from(roadmapLevel))[0]?.n ?? 0;
  if (wages > 0 && levels > 0) return;
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    if (wages === 0)
      await tx.insert(minimumWage).values(
        readSeedCsv('ump.csv').map((r) => ({
          provinceCode: String(r.province_code),
          regencyCode: null,
          year: Number(r.year),
          amountRupiah: Math.round(Number(r.ump_rupiah)),
          source: `shared/data/ump.csv: ${r.source}`,
        })),
      );
    if (levels === 0)
      await tx.insert(roadmapLevel).values(
        DEFAULT_LADDER.map((l) => ({
          level: l.level,
          code: l.code,
          nameId: l.nameId,
          nameEn: l.nameEn,
          criteria: l.criteria,
          isIndependence: l.isIndependence ?? false,
          isGraduation: l.isGraduation ?? false,
        })),
      );
  });
}
