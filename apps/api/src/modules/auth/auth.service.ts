import { createHash, randomBytes } from 'node:crypto';
import type { TChangePasswordRequest, TLoginRequest, TMe, TRole, TSession } from '@atensi/contracts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../../db/transaction.ts';
import { ANONYMOUS, SYSTEM, writeAudit } from '../../lib/audit.ts';
import type { Actor, Ctx, RequestMeta } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { modulesFor } from '../../policy.ts';
import * as repo from './auth.repository.ts';
import { checkPasswordStrength, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

export type AuthConfig = Pick<
  Config,
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_MAX_HOURS'
  | 'LOGIN_MAX_FAILURES'
  | 'LOGIN_LOCK_MINUTES'
  | 'LOGIN_IP_MAX_FAILURES'
  | 'LOGIN_IP_WINDOW_MINUTES'
>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const MINUTE = 60_000;

function retryAfter(until: Date): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) };
}

/**
 * Sign in. Failures are recorded and committed before the error is thrown (a rolled-back failure
 * would not count towards the lockout), so this runs its own transactions rather than the request's.
 */
export async function login(
  db: Db,
  config: AuthConfig,
  meta: RequestMeta,
  input: TLoginRequest,
): Promise<{ token: string; me: TMe }> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - config.LOGIN_IP_WINDOW_MINUTES * MINUTE);
  const ipFailures = await repo.countRecentFailuresFromIp(db, meta.ip, windowStart);
  if (ipFailures >= config.LOGIN_IP_MAX_FAILURES) {
    throw new AppError('AUTH_RATE_LIMITED', {
      headers: { 'retry-after': String(config.LOGIN_IP_WINDOW_MINUTES * 60) },
    });
  }

  const user = await repo.findUserByUsername(db, input.username);
  // A failed attempt is nobody's act: the account tried is what the attempt is about (entity), and the
  // username typed is a claim (meta), so a search by actor never pins it on the account's owner.
  const attemptedUsername = input.username.slice(0, 100);
  const anon = {
    userId: null,
    username: null,
    role: null,
    unitId: null,
    ip: meta.ip,
    requestId: meta.requestId,
  };

  if (user?.lockedUntil && user.lockedUntil > now) {
    await withActorTransaction(db, anon, async (tx) => {
      await repo.insertLoginAttempt(tx, { username: input.username, ip: meta.ip, isSuccess: false });
      await writeAudit(tx, ANONYMOUS, meta, {
        action: 'login_failed',
        entity: 'app_user',
        entityId: user.id,
        meta: { attemptedUsername, reason: 'locked' },
      });
    });
    throw new AppError('AUTH_ACCOUNT_LOCKED', { headers: retryAfter(user.lockedUntil) });
  }

  const isPasswordRight = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !isPasswordRight || !user.isActive) {
    const reason = !user ? 'unknown_user' : !isPasswordRight ? 'wrong_password' : 'inactive';
    let lockedUntil: Date | null = null;
    await withActorTransaction(db, anon, async (tx) => {
      await repo.insertLoginAttempt(tx, { username: input.username, ip: meta.ip, isSuccess: false });
      if (user && !isPasswordRight) {
        const failures = user.failedLoginCount + 1;
        lockedUntil =
          failures >= config.LOGIN_MAX_FAILURES
            ? new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * MINUTE)
            : null;
        await repo.updateUserLoginState(tx, user.id, {
          failedLoginCount: lockedUntil ? 0 : failures,
          lockedUntil,
        });
      }
      await writeAudit(tx, ANONYMOUS, meta, {
        action: 'login_failed',
        entity: 'app_user',
        entityId: user?.id ?? null,
        meta: {
          attemptedUsername,
          reason,
          ...(lockedUntil ? { lockedUntil: (lockedUntil as Date).toISOString() } : {}),
        },
      });
    });
    if (lockedUntil) throw new AppError('AUTH_ACCOUNT_LOCKED', { headers: retryAfter(lockedUntil) });
    throw new AppError(
      user && !user.isActive && isPasswordRight ? 'AUTH_ACCOUNT_INACTIVE' : 'AUTH_INVALID_CREDENTIALS',
    );
  }

  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + config.SESSION_MAX_HOURS * 60 * MINUTE);
  const who = { userId: user.id, username: user.username, role: user.role, unitId: user.unitId };
  await withActorTransaction(db, { ...who, ip: meta.ip, requestId: meta.requestId }, async (tx) => {
    await repo.insertLoginAttempt(tx, { username: input.username, ip: meta.ip, isSuccess: true });
    await repo.updateUserLoginState(tx, user.id, {
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: now,
    });
    const session = await repo.insertSession(tx, {
      tokenHash,
      userId: user.id,
      expiresAt,
      // The idle timeout compares it with the application's clock, so it is set from that clock too (a
      // database default would use the server's, which need not agree).
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await writeAudit(tx, who, meta, { action: 'login', entity: 'user_session', entityId: session.id });
  });
  const me = await describeUser(db, user, expiresAt);
  return { token, me };
}

async function describeUser(db: Db | Ctx['db'], user: repo.UserRow, sessionExpiresAt: Date): Promise<TMe> {
  const unitRef = user.unitId ? await repo.findUnitRef(db, user.unitId) : undefined;
  const role = user.role as TRole;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role,
    unit: unitRef ?? null,
    mustChangePassword: user.mustChangePassword,
    modules: modulesFor(role),
    sessionExpiresAt: sessionExpiresAt.toISOString(),
  };
}

export async function getMe(ctx: Ctx): Promise<TMe> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('AUTH_REQUIRED');
  return describeUser(ctx.db, user, ctx.actor.sessionExpiresAt);
}

export async function logout(ctx: Ctx): Promise<void> {
  await repo.endSession(ctx.db, ctx.actor.sessionTokenHash, 'logout');
  await writeAudit(ctx.db, ctx.actor, ctx.meta, {
    action: 'logout',
    entity: 'user_session',
    entityId: ctx.actor.sessionId,
  });
}

/** Change one's own password; every other session of the user ends. */
export async function changePassword(ctx: Ctx, input: TChangePasswordRequest): Promise<void> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('AUTH_REQUIRED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('AUTH_PASSWORD_WRONG', {
      details: [
        {
          field: 'currentPassword',
          issue: 'wrong',
          message: ctx.meta.lang === 'id' ? 'Kata sandi saat ini salah' : 'The current password is wrong',
        },
      ],
    });
  }
  const problem =
    input.newPassword === input.currentPassword
      ? 'same_as_current'
      : checkPasswordStrength(input.newPassword, user.username);
  if (problem) {
    throw new AppError('AUTH_PASSWORD_WEAK', {
      details: [
        { field: 'newPassword', issue: problem, message: passwordProblemText(problem, ctx.meta.lang) },
      ],
    });
  }
  await repo.updateUserPassword(ctx.db, user.id, await hashPassword(input.newPassword));
  await repo.endUserSessions(ctx.db, user.id, 'password_changed', ctx.actor.sessionTokenHash);
}

function passwordProblemText(problem: string, lang: 'id' | 'en'): string {
  const texts: Record<string, [string, string]> = {
    too_short: ['Minimal 12 karakter', 'At least 12 characters'],
    too_common: ['Terlalu umum atau mudah ditebak', 'Too common or easy to guess'],
    contains_username: ['Tidak boleh memuat nama pengguna', 'Must not contain the username'],
    same_as_current: ['Harus berbeda dari kata sandi saat ini', 'Must differ from the current password'],
  };
  const pair = texts[problem] ?? ['Tidak valid', 'Invalid'];
  return lang === 'id' ? pair[0] : pair[1];
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** Resolve a session cookie to an actor, enforcing the idle timeout and the absolute lifetime. */
export async function resolveSession(db: Db, config: AuthConfig, token: string): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const found = await repo.findLiveSessionWithUser(db, tokenHash);
  if (!found) return null;
  const { session, user } = found;
  const now = new Date();
  const idleLimit = new Date(session.lastSeenAt.getTime() + config.SESSION_IDLE_MINUTES * MINUTE);
  if (session.expiresAt <= now || idleLimit <= now || !user.isActive) {
    const reason = session.expiresAt <= now ? 'expired' : idleLimit <= now ? 'idle' : 'inactive';
    // The application ends it, not the user: recorded as the system, once (a parallel request finds it ended).
    await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
      if (!(await repo.endSession(tx, tokenHash, reason))) return;
      await writeAudit(
        tx,
        SYSTEM,
        { ip: null, requestId: null },
        {
          action: 'logout',
          entity: 'user_session',
          entityId: session.id,
          meta: { reason, userId: user.id, username: user.username },
        },
      );
    });
    return { expired: true };
  }
  // Writing on every request would serialise everything on PGlite; a minute's precision is enough.
  if (now.getTime() - session.lastSeenAt.getTime() > 30_000) await repo.touchSession(db, tokenHash, now);
  return {
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as TRole,
      unitId: user.unitId,
      sessionId: session.id,
      sessionTokenHash: tokenHash,
      sessionExpiresAt: session.expiresAt,
      mustChangePassword: user.mustChangePassword,
    },
  };
}

/** The signed-in user's live sessions, most recent first. */
export async function listOwnSessions(ctx: Ctx): Promise<{ items: TSession[] }> {
  const rows = await repo.findLiveSessionsOfUser(ctx.db, ctx.actor.userId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      ip: r.ip,
      userAgent: r.userAgent,
      isCurrent: r.id === ctx.actor.sessionId,
    })),
  };
}

/** End one of one's own sessions (a phone left somewhere); another user's session is not found. */
export async function endOwnSession(ctx: Ctx, id: string): Promise<void> {
  if (!(await repo.endSessionById(ctx.db, ctx.actor.userId, id, 'ended_by_user')))
    throw new AppError('NOT_FOUND');
  await writeAudit(ctx.db, ctx.actor, ctx.meta, { action: 'logout', entity: 'user_session', entityId: id });
}
