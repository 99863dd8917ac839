import { z } from 'zod';
import { ZPageQuery, ZRole, ZTimestamp } from './common.ts';

export const AUDIT_ACTIONS = [
  'insert',
  'update',
  'delete',
  'read',
  'login',
  'login_failed',
  'logout',
  'password_change',
  'search',
  'export',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS).describe('What happened');

export const ZAuditChange = z
  .object({
    before: z.unknown().describe('Value before the change (null when created)'),
    after: z.unknown().describe('Value after the change (null when deleted)'),
  })
  .describe('One changed field; secrets show as "[disembunyikan]"');

export const ZAuditEvent = z
  .object({
    id: z.string().describe('Sequence number'),
    at: ZTimestamp,
    actorUserId: z.string().nullable(),
    actorUsername: z.string().nullable().describe('Who did it; null for the system'),
    actorRole: ZRole.nullable(),
    actorUnitId: z.string().nullable(),
    action: ZAuditAction,
    entity: z.string().describe('Kind of record, e.g. app_user, unit'),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    changes: z.record(z.string(), ZAuditChange).nullable().describe('Changed fields, before and after'),
    meta: z.record(z.string(), z.unknown()).nullable().describe('Extra facts, e.g. the search filters used'),
  })
  .describe('One audit record');
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditSearchQuery = z
  .strictObject({
    actor: z.string().trim().max(100).optional().describe('Username of the actor'),
    action: ZAuditAction.optional(),
    entity: z.string().trim().max(64).optional(),
    entityId: z.string().trim().max(100).optional(),
    from: ZTimestamp.optional().describe('From this time (inclusive)'),
    to: ZTimestamp.optional().describe('Up to this time (exclusive)'),
    ...ZPageQuery,
  })
  .describe('Search the audit log, newest first');
export type TAuditSearchQuery = z.infer<typeof ZAuditSearchQuery>;

export const ZAuditSearchResponse = z.object({
  items: z.array(ZAuditEvent),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null at the end'),
});
export type TAuditSearchResponse = z.infer<typeof ZAuditSearchResponse>;
