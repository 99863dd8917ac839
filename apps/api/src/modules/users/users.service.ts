import { randomInt } from 'node:crypto';
import {
  isHqRole,
  type TCreateUserRequest,
  type TRole,
  type TUpdateUserRequest,
  type TUser,
  type TUserListQuery,
  type TUserWithPassword,
} from '@atensi/contracts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { endUserSessions, hashPassword } from '../auth/index.ts';
import * as repo from './users.repository.ts';

/** Roles a head of unit may never grant. */
const HQ_ONLY: readonly TRole[] = ['admin', 'operator_pusat', 'dpo'];

function invalid(field: string, issue: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field, issue, message }] });
}

type Joined = NonNullable<Awaited<ReturnType<typeof repo.findUserWithUnit>>>;

function toUser({ user: u, unitCode, unitName }: Joined): TUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as TRole,
    unit: u.unitId && unitCode && unitName ? { id: u.unitId, code: unitCode, name: unitName } : null,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    isLocked: u.lockedUntil !== null && u.lockedUntil > new Date(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}

/** 16 letters and digits without look-alikes, in four groups: read aloud or typed from paper. */
export function generateInitialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''),
  );
  return groups.join('-');
}

/** A user visible to the actor: any for headquarters, the own unit's for a head of unit; else 404. */
async function loadVisible(ctx: Ctx, id: string): Promise<Joined> {
  const found = await repo.findUserWithUnit(ctx.db, id);
  if (!found || (ctx.scope === 'unit' && found.user.unitId !== ctx.actor.unitId))
    throw new AppError('NOT_FOUND');
  return found;
}

async function checkRoleAndUnit(ctx: Ctx, role: TRole, unitId: string | null): Promise<void> {
  if (ctx.scope === 'unit') {
    if (HQ_ONLY.includes(role)) throw new AppError('USER_ROLE_NOT_GRANTABLE');
    if (unitId !== ctx.actor.unitId) throw invalid('unitId', 'not_your_unit', 'unitId');
  }
  if (isHqRole(role) && unitId !== null)
    throw invalid('unitId', 'must_be_empty', 'headquarters roles have no unit');
  if (!isHqRole(role)) {
    if (!unitId) throw invalid('unitId', 'required', 'unit roles need a unit');
    if (!(await repo.isActiveUnit(ctx.db, unitId))) throw invalid('unitId', 'unknown_unit', unitId);
  }
}

export async function listUsers(ctx: Ctx, q: TUserListQuery): Promise<{ items: TUser[]; total: number }> {
  const unitId = ctx.scope === 'unit' ? (ctx.actor.unitId ?? undefined) : q.unitId;
  if (ctx.scope === 'unit' && q.unitId && q.unitId !== ctx.actor.unitId) return { items: [], total: 0 };
  const { rows, total } = await repo.listUsers(
    ctx.db,
    { q: q.q, role: q.role, unitId, active: q.active === undefined ? undefined : q.active === 'true' },
    { limit: q.limit, offset: q.offset },
  );
  return { items: rows.map(toUser), total };
}

export async function getUser(ctx: Ctx, id: string): Promise<TUser> {
  return toUser(await loadVisible(ctx, id));
}

export async function createUser(ctx: Ctx, input: TCreateUserRequest): Promise<TUserWithPassword> {
  await checkRoleAndUnit(ctx, input.role, input.unitId);
  if (await repo.isUsernameTaken(ctx.db, input.username)) throw new AppError('USER_USERNAME_TAKEN');
  const initialPassword = generateInitialPassword();
  const id = await repo.insertUser(ctx.db, {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId: input.unitId,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
  });
  return { user: await getUser(ctx, id), initialPassword };
}

export async function updateUser(ctx: Ctx, id: string, input: TUpdateUserRequest): Promise<TUser> {
  const current = await loadVisible(ctx, id);
  const role = input.role ?? (current.user.role as TRole);
  const unitId = input.unitId !== undefined ? input.unitId : current.user.unitId;
  const isRoleOrUnitChange = role !== current.user.role || unitId !== current.user.unitId;
  if (isRoleOrUnitChange) {
    if (id === ctx.actor.userId) throw new AppError('USER_SELF_CHANGE');
    // A head of unit may not touch a headquarters account, nor grant a headquarters role.
    if (ctx.scope === 'unit' && HQ_ONLY.includes(current.user.role as TRole)) {
      throw new AppError('USER_ROLE_NOT_GRANTABLE');
    }
    await checkRoleAndUnit(ctx, role, unitId);
  }
  const ok = await repo.updateUserIfVersion(ctx.db, id, input.version, {
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    role,
    unitId,
  });
  if (!ok) throw new AppError('CONFLICT');
  // A changed role or unit takes effect at once: sessions holding the old ones end.
  if (isRoleOrUnitChange) await endUserSessions(ctx.db, id, 'role_changed');
  return getUser(ctx, id);
}

export async function setUserActive(
  ctx: Ctx,
  id: string,
  isActive: boolean,
  version: number,
): Promise<TUser> {
  await loadVisible(ctx, id);
  if (id === ctx.actor.userId) throw new AppError('USER_SELF_CHANGE');
  if (!(await repo.updateUserIfVersion(ctx.db, id, version, { isActive }))) throw new AppError('CONFLICT');
  if (!isActive) await endUserSessions(ctx.db, id, 'deactivated');
  return getUser(ctx, id);
}

export async function resetUserPassword(ctx: Ctx, id: string, version: number): Promise<TUserWithPassword> {
  await loadVisible(ctx, id);
  const initialPassword = generateInitialPassword();
  const ok = await repo.updateUserIfVersion(ctx.db, id, version, {
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
    failedLoginCount: 0,
    lockedUntil: null,
    passwordChangedAt: new Date(),
  });
  if (!ok) throw new AppError('CONFLICT');
  await endUserSessions(ctx.db, id, 'password_reset');
  return { user: await getUser(ctx, id), initialPassword };
}
