import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { appUser, unit } from '../../db/schema.ts';

export type UserRow = typeof appUser.$inferSelect;

const userColumns = {
  user: appUser,
  unitCode: unit.code,
  unitName: unit.name,
};

export async function listUsers(
  db: Tx,
  f: {
    q?: string | undefined;
    role?: string | undefined;
    unitId?: string | undefined;
    active?: boolean | undefined;
  },
  page: { limit: number; offset: number },
) {
  const where = and(
    f.q
      ? sql`(${appUser.username} ilike ${`%${f.q}%`} or ${appUser.displayName} ilike ${`%${f.q}%`})`
      : undefined,
    f.role ? eq(appUser.role, f.role) : undefined,
    f.unitId ? eq(appUser.unitId, f.unitId) : undefined,
    f.active === undefined ? undefined : eq(appUser.isActive, f.active),
  );
  // One after another: both run on the request's connection (node-postgres deprecates overlapping queries).
  const rows = await db
    .select(userColumns)
    .from(appUser)
    .leftJoin(unit, eq(unit.id, appUser.unitId))
    .where(where)
    .orderBy(asc(appUser.username))
    .limit(page.limit)
    .offset(page.offset);
  const total = await db.select({ n: count() }).from(appUser).where(where);
  return { rows, total: total[0]?.n ?? 0 };
}

export async function findUserWithUnit(db: Tx, id: string) {
  const rows = await db
    .select(userColumns)
    .from(appUser)
    .leftJoin(unit, eq(unit.id, appUser.unitId))
    .where(eq(appUser.id, id))
    .limit(1);
  return rows[0];
}

export async function isUsernameTaken(db: Tx, username: string): Promise<boolean> {
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`)
    .limit(1);
  return rows.length > 0;
}

export async function isActiveUnit(db: Tx, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: unit.id })
    .from(unit)
    .where(and(eq(unit.id, id), isNull(unit.archivedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(db: Tx, row: typeof appUser.$inferInsert): Promise<string> {
  const rows = await db.insert(appUser).values(row).returning({ id: appUser.id });
  const id = rows[0]?.id;
  if (!id) throw new Error('user insert returned no row');
  return id;
}

/** Update when the version still matches; false when someone else changed the user meanwhile. */
export async function updateUserIfVersion(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<typeof appUser.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(appUser)
    .set({ ...patch, version: sql`${appUser.version} + 1`, updatedAt: new Date() })
    .where(and(eq(appUser.id, id), eq(appUser.version, version)))
    .returning({ id: appUser.id });
  return rows.length === 1;
}
