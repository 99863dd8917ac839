import { z } from 'zod';
import { ZRole, ZTimestamp, ZUnitRef, ZUuid } from './common.ts';

export const ZLoginRequest = z
  .strictObject({
    username: z.string().trim().min(1).max(100).describe('Username'),
    password: z.string().min(1).max(200).describe('Password'),
  })
  .describe('Sign in with username and password');
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** Modules the signed-in user may open; derived on the server from the authorization policy. */
export const MODULES = [
  'home',
  'people',
  'cases',
  'referrals',
  'followup',
  'outcomes',
  'training',
  'units',
  'reference',
  'users',
  'audit',
  'account',
] as const;
export const ZModule = z.enum(MODULES);
export type TModule = z.infer<typeof ZModule>;

export const ZMe = z
  .object({
    id: ZUuid,
    username: z.string(),
    displayName: z.string().describe('Full name shown in the UI'),
    role: ZRole,
    unit: ZUnitRef.nullable().describe('The unit the user belongs to; null for headquarters roles'),
    mustChangePassword: z.boolean().describe('True until the user replaces an initial password'),
    modules: z.array(ZModule).describe('Modules this user may open, for the navigation'),
    sessionExpiresAt: ZTimestamp.describe('When the session ends at the latest'),
  })
  .describe('The signed-in user');
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1).max(200).describe('The password in use now'),
    newPassword: z.string().min(1).max(200).describe('At least 12 characters, not a common password'),
  })
  .describe('Change your own password');
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZOk = z.object({ ok: z.literal(true) }).describe('Done');

export const PASSWORD_MIN_LENGTH = 12;
