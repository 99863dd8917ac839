import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { auditEvent } from '../../db/schema.ts';

export type AuditFilter = {
  actor?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: bigint | undefined;
};

export function searchAuditEvents(db: Tx, f: AuditFilter, limit: number) {
  return db
    .select()
    .from(auditEvent)
    .where(
      and(
        f.actor ? sql`lower(${auditEvent.actorUsername}) = lower(${f.actor})` : undefined,
        f.action ? eq(auditEvent.action, f.action) : undefined,
        f.entity ? eq(auditEvent.entity, f.entity) : undefined,
        f.entityId ? eq(auditEvent.entityId, f.entityId) : undefined,
        f.from ? gte(auditEvent.at, f.from) : undefined,
        f.to ? lt(auditEvent.at, f.to) : undefined,
        f.beforeId !== undefined ? lt(auditEvent.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditEvent.id))
    .limit(limit);
}
