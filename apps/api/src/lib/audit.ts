import type { ZAuditAction } from '@atensi/contracts';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { auditEvent } from '../db/schema.ts';
import { SYSTEM_ACTOR } from '../db/transaction.ts';
import type { Ctx, RequestMeta } from './context.ts';

type AuditAction = z.infer<typeof ZAuditAction>;

/**
 * Who an audit record names (ARCHITECTURE.md, "Audit"): a signed-in user by id and username; the
 * application itself (seeding, ending expired sessions) as SYSTEM; nobody known (a failed sign-in) as
 * ANONYMOUS, with what they claimed, such as the username tried, in `meta` and never in the actor columns.
 */
export type AuditWho = {
  userId: string | null;
  username: string | null;
  role: string | null;
  unitId: string | null;
};

/** The application acting on its own: no user id, username "system" (the same as SYSTEM_ACTOR). */
export const SYSTEM: AuditWho = { userId: null, username: SYSTEM_ACTOR.username, role: null, unitId: null };

/** No one known: no user id and no username. */
export const ANONYMOUS: AuditWho = { userId: null, username: null, role: null, unitId: null };

/**
 * Write one audit record in the caller's transaction. Changes to audited tables are recorded by the
 * database trigger; services call this for what a trigger cannot see: reads of sensitive records,
 * searches, sign-in and sign-out.
 */
export async function writeAudit(
  db: Tx,
  who: AuditWho,
  meta: { ip: RequestMeta['ip'] | null; requestId: RequestMeta['requestId'] | null },
  event: { action: AuditAction; entity: string; entityId?: string | null; meta?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditEvent).values({
    actorUserId: who.userId,
    actorUsername: who.username,
    actorRole: who.role,
    actorUnitId: who.unitId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
    meta: event.meta ?? null,
  });
}

/** Record that the actor read a record marked sensitive (or searched one). */
export function auditRead(
  ctx: Ctx,
  entity: string,
  entityId: string | null,
  meta?: Record<string, unknown>,
  action: 'read' | 'search' = 'read',
): Promise<void> {
  return writeAudit(
    ctx.db,
    {
      userId: ctx.actor.userId,
      username: ctx.actor.username,
      role: ctx.actor.role,
      unitId: ctx.actor.unitId,
    },
    ctx.meta,
    { action, entity, entityId, ...(meta ? { meta } : {}) },
  );
}
