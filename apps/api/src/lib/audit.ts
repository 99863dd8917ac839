import type { ZAuditAction } from '@atensi/contracts';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { auditEvent } from '../db/schema.ts';
import type { Ctx, RequestMeta } from './context.ts';

type AuditAction = z.infer<typeof ZAuditAction>;

export type AuditWho = {
  userId: string | null;
  username: string | null;
  role: string | null;
  unitId: string | null;
};

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
