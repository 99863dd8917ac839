import { and, count, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { appUser, loginAttempt, unit, userSession } from '../../db/schema.ts';

export type UserRow = typeof appUser.$inferSelect;

export async function findUserByUsername(db: Db | Tx, username: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`)
    .limit(1);
  return rows[0];
}

export async function findUserById(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(appUser).where(eq(appUser.id, id)).limit(1);
  return rows[0];
}

export async function findUnitRef(db: Db | Tx, id: string) {
  const rows = await db
    .select({ id: unit.id, code: unit.code, name: unit.name })
    .from(unit)
    .where(eq(unit.id, id))
    .limit(1);
  return rows[0];
}

export async function countRecentFailuresFromIp(db: Db | Tx, ip: string, since: Date): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.ip, ip), eq(loginAttempt.isSuccess, false), gt(loginAttempt.at, since)));
  return rows[0]?.n ?? 0;
}

export async function insertLoginAttempt(
  db: Tx,
  row: { username: string; ip: string; isSuccess: boolean },
): Promise<void> {
  await db
    .insert(loginAttempt)
    .values({ username: row.username.slice(0, 100), ip: row.ip, isSuccess: row.isSuccess });
}

export async function updateUserLoginState(
  db: Tx,
  id: string,
  patch: Partial<Pick<UserRow, 'failedLoginCount' | 'lockedUntil' | 'lastLoginAt'>>,
): Promise<void> {
  await db.update(appUser).set(patch).where(eq(appUser.id, id));
}

export async function updateUserPassword(db: Tx, id: string, passwordHash: string): Promise<void> {
  await db
    .update(appUser)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
      version: sql`${appUser.version} + 1`,
    })
    .where(eq(appUser.id, id));
}

export async function insertSession(
  db: Tx,
  row: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    lastSeenAt: Date;
    ip: string;
    userAgent: string | null;
  },
): Promise<{ id: string }> {
  const rows = await db.insert(userSession).values(row).returning({ id: userSession.id });
  const created = rows[0];
  if (!created) throw new Error('session insert returned no row');
  return created;
}

/** Runs before every request: only the columns the session check and the actor need. */
export async function findLiveSessionWithUser(db: Db, tokenHash: string) {
  const rows = await db
    .select({
      session: {
        id: userSession.id,
        expiresAt: userSession.expiresAt,
        lastSeenAt: userSession.lastSeenAt,
      },
      user: {
        id: appUser.id,
        username: appUser.username,
        displayName: appUser.displayName,
        role: appUser.role,
        unitId: appUser.unitId,
        isActive: appUser.isActive,
        mustChangePassword: appUser.mustChangePassword,
      },
    })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(and(eq(userSession.tokenHash, tokenHash), isNull(userSession.endedAt)))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(userSession).set({ lastSeenAt: at }).where(eq(userSession.tokenHash, tokenHash));
}

/** End a live session; false when it had already ended. */
export async function endSession(db: Db | Tx, tokenHash: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(userSession)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(userSession.tokenHash, tokenHash), isNull(userSession.endedAt)))
    .returning({ id: userSession.id });
  return rows.length === 1;
}

/** End every live session of a user except, optionally, one to keep. */
export async function endUserSessions(db: Tx, userId: string, reason: string, keepTokenHash?: string) {
  await db
    .update(userSession)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(
      and(
        eq(userSession.userId, userId),
        isNull(userSession.endedAt),
        keepTokenHash ? ne(userSession.tokenHash, keepTokenHash) : undefined,
      ),
    );
}

export function findLiveSessionsOfUser(db: Tx, userId: string) {
  return db
    .select()
    .from(userSession)
    .where(
      and(eq(userSession.userId, userId), isNull(userSession.endedAt), gt(userSession.expiresAt, new Date())),
    )
    .orderBy(desc(userSession.lastSeenAt));
}

/** End one session of a user by its public id; false when there is no such live session. */
export async function endSessionById(db: Tx, userId: string, id: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(userSession)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(userSession.id, id), eq(userSession.userId, userId), isNull(userSession.endedAt)))
    .returning({ id: userSession.id });
  return rows.length === 1;
}
