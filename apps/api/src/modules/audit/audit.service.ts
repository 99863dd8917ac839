import type { TAuditEvent, TAuditSearchQuery, TAuditSearchResponse, TRole } from '@atensi/contracts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { searchAuditEvents } from './audit.repository.ts';

function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (!cursor) return undefined;
  if (!/^[1-9][0-9]{0,18}$/.test(cursor)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'query.cursor', issue: 'invalid_format', message: 'cursor' }],
    });
  }
  return BigInt(cursor);
}

/** Search the audit log, newest first. Looking at the audit log is itself audited. */
export async function searchAudit(ctx: Ctx, q: TAuditSearchQuery): Promise<TAuditSearchResponse> {
  if (ctx.scope !== 'all') throw new AppError('FORBIDDEN');
  const rows = await searchAuditEvents(
    ctx.db,
    {
      actor: q.actor,
      action: q.action,
      entity: q.entity,
      entityId: q.entityId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      beforeId: decodeCursor(q.cursor),
    },
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const { limit: _limit, cursor: _cursor, ...filters } = q;
  await auditRead(ctx, 'audit_event', null, { filters, returned: page.length }, 'search');
  const items: TAuditEvent[] = page.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorUsername: r.actorUsername,
    actorRole: (r.actorRole as TRole | null) ?? null,
    actorUnitId: r.actorUnitId,
    action: r.action as TAuditEvent['action'],
    entity: r.entity,
    entityId: r.entityId,
    ip: r.ip,
    requestId: r.requestId,
    changes: r.changes ?? null,
    meta: r.meta ?? null,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? last.id.toString() : null };
}
