import { z } from 'zod';
import { ZRole, ZTimestamp, ZUnitRef, ZUuid } from './common.ts';

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, '3–50 letters, digits, dot, dash or underscore')
  .describe('Username, e.g. peksos.soeharso');

export const ZUser = z
  .object({
    id: ZUuid,
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    unit: ZUnitRef.nullable(),
    isActive: z.boolean(),
    mustChangePassword: z.boolean(),
    isLocked: z.boolean().describe('Locked for a while after failed sign-ins'),
    lastLoginAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
    version: z.number().int().describe('Send back when editing; a stale one answers 409'),
  })
  .describe('A user account');
export type TUser = z.infer<typeof ZUser>;

export const ZUserListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of the username or name'),
  role: ZRole.optional(),
  unitId: ZUuid.optional(),
  active: z.enum(['true', 'false']).optional().describe('Only active (true) or deactivated (false) users'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;
export const ZUserListResponse = z.object({ items: z.array(ZUser), total: z.number().int() });

export const ZCreateUserRequest = z
  .strictObject({
    username: ZUsername,
    displayName: z.string().trim().min(3).max(200).describe('Full name'),
    role: ZRole,
    unitId: ZUuid.nullable().describe('Required for unit roles; null for headquarters roles'),
  })
  .describe('Create a user; the answer holds a one-time initial password');
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .strictObject({
    displayName: z.string().trim().min(3).max(200).optional(),
    role: ZRole.optional(),
    unitId: ZUuid.nullable().optional(),
    version: z.number().int().min(1),
  })
  .describe('Edit a user');
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZVersionRequest = z.strictObject({ version: z.number().int().min(1) });

export const ZUserWithPassword = z.object({
  user: ZUser,
  initialPassword: z
    .string()
    .describe('Shown once: hand it to the user, who must change it at first sign-in'),
});
export type TUserWithPassword = z.infer<typeof ZUserWithPassword>;

export const ZSession = z.object({
  id: ZUuid,
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  expiresAt: ZTimestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  isCurrent: z.boolean().describe('The session making this request'),
});
export const ZSessionList = z.object({ items: z.array(ZSession) });
export type TSession = z.infer<typeof ZSession>;

export const ZIdParams = z.strictObject({ id: ZUuid });
