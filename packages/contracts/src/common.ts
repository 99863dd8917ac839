import { z } from 'zod';

export const ROLES = [
  'admin',
  'operator_pusat',
  'kepala_upt',
  'pekerja_sosial',
  'petugas_ska',
  'petugas_gudang',
  'dpo',
] as const;
export const ZRole = z.enum(ROLES).describe('User role');
export type TRole = z.infer<typeof ZRole>;

/** Headquarters roles work nationwide and belong to no unit; every other role belongs to exactly one unit. */
export const HQ_ROLES = ['admin', 'operator_pusat', 'dpo'] as const satisfies readonly TRole[];
export function isHqRole(role: TRole): boolean {
  return (HQ_ROLES as readonly TRole[]).includes(role);
}

export const ZUuid = z.uuid().describe('Identifier (UUID)');
export const ZTimestamp = z.iso.datetime({ offset: true }).describe('Time, ISO 8601 with offset');

export const ZUnitRef = z
  .object({
    id: ZUuid,
    code: z.string().describe('Short unit code, e.g. SOEHARSO'),
    name: z.string().describe('Unit name'),
  })
  .describe('A unit (UPT), as referenced from other records');
export type TUnitRef = z.infer<typeof ZUnitRef>;

/** Keyset paging: `cursor` is opaque; pass back `nextCursor` for the next page. */
export const ZPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page'),
};
