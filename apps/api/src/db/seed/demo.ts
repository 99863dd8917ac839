import type { TRole } from '@atensi/contracts';
import { and, count, eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../../modules/auth/index.ts';
import type { Db } from '../client.ts';
import { appUser, unit, unitService } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';
import { seedDemoPeople } from './demo-people.ts';

/** The demo data set: three units across the country, one user per role per unit, and headquarters. */
export const DEMO_PASSWORD = 'demo-atensi-2026';
export const DEMO_UNIT_CODES = ['SOEHARSO', 'HANDAYANI', 'TODDOPULI'] as const;

const DEMO_BEDS: [string, string, number][] = [
  ['SOEHARSO', 'disabilitas', 120],
  ['SOEHARSO', 'lanjut_usia', 20],
  ['HANDAYANI', 'anak', 60],
  ['HANDAYANI', 'tuna_sosial_kpo', 25],
  ['TODDOPULI', 'anak', 40],
  ['TODDOPULI', 'disabilitas', 15],
];

type DemoUser = { username: string; displayName: string; role: TRole; unitCode: string | null };

const UNIT_STAFF: Record<(typeof DEMO_UNIT_CODES)[number], Record<string, string>> = {
  SOEHARSO: {
    kepala: 'Sri Wahyuningsih',
    peksos: 'Agus Prasetyo',
    ska: 'Dewi Lestari',
    gudang: 'Bambang Sutrisno',
  },
  HANDAYANI: {
    kepala: 'Rini Handayani',
    peksos: 'Yusuf Maulana',
    ska: 'Siti Nurhaliza',
    gudang: 'Joko Susilo',
  },
  TODDOPULI: {
    kepala: 'Andi Makkasau',
    peksos: 'Nurul Hidayah',
    ska: 'Muh. Ikhsan',
    gudang: 'Rahmat Daeng Situju',
  },
};

const UNIT_ROLES: [string, TRole][] = [
  ['kepala', 'kepala_upt'],
  ['peksos', 'pekerja_sosial'],
  ['ska', 'petugas_ska'],
  ['gudang', 'petugas_gudang'],
];

export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'admin', displayName: 'Admin Atensi', role: 'admin', unitCode: null },
    { username: 'pusat', displayName: 'Operator Pusat Rehsos', role: 'operator_pusat', unitCode: null },
    { username: 'dpo', displayName: 'Petugas Pelindungan Data', role: 'dpo', unitCode: null },
  ];
  for (const code of DEMO_UNIT_CODES) {
    for (const [prefix, role] of UNIT_ROLES) {
      users.push({
        username: `${prefix}.${code.toLowerCase()}`,
        displayName: UNIT_STAFF[code][prefix] ?? prefix,
        role,
        unitCode: code,
      });
    }
  }
  return users;
}

/** Load the demo users once, on a database with no users; with `people`, the demo beneficiaries too. */
export async function seedDemoData(db: Db, opts: { people?: boolean } = {}): Promise<{ seeded: boolean }> {
  const existing = await db.select({ n: count() }).from(appUser);
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    const units = await tx
      .select({ id: unit.id, code: unit.code })
      .from(unit)
      .where(inArray(unit.code, [...DEMO_UNIT_CODES]));
    const byCode = new Map(units.map((u) => [u.code, u.id]));
    await tx.insert(appUser).values(
      demoUsers().map((u) => {
        const unitId = u.unitCode ? byCode.get(u.unitCode) : null;
        if (u.unitCode && !unitId)
          throw new Error(`demo seed: unit ${u.unitCode} is missing from the reference data`);
        return {
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          unitId: unitId ?? null,
          passwordHash,
        };
      }),
    );
    // Demo beds, so the matrix and the nearest-unit ranking show free capacity.
    for (const [code, clusterCode, beds] of DEMO_BEDS) {
      const unitId = byCode.get(code);
      if (!unitId) continue;
      await tx
        .update(unitService)
        .set({ isResidential: true, residentialCapacity: beds })
        .where(and(eq(unitService.unitId, unitId), eq(unitService.clusterCode, clusterCode)));
    }
  });
  if (opts.people) await seedDemoPeople(db); // ── Demo beneficiaries (demo-people.ts; ATENSI_DEMO_PEOPLE) ──
  return { seeded: true };
}
