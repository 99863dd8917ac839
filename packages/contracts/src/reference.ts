import { z } from 'zod';

export const AREA_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export const ZAreaLevel = z
  .enum(AREA_LEVELS)
  .describe('province, regency (kabupaten/kota), district, village');
export type TAreaLevel = z.infer<typeof ZAreaLevel>;

/** Kemendagri area codes: PP, PP.RR, PP.RR.DD, PP.RR.DD.VVVV. */
export const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
export const ZAreaCode = z
  .string()
  .regex(AREA_CODE_PATTERN, 'Kemendagri code: PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV')
  .describe('Kemendagri area code, e.g. 33.72.01.1001');

export const ZArea = z
  .object({
    code: ZAreaCode,
    level: ZAreaLevel,
    name: z.string().describe('Name, e.g. "Kota Surakarta"'),
    parentCode: ZAreaCode.nullable(),
    path: z.string().describe('Name with its parents, e.g. "Jebres, Kota Surakarta, Jawa Tengah"'),
  })
  .describe('An administrative area');
export type TArea = z.infer<typeof ZArea>;

export const ZAreaSearchQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Part of a name (typos tolerated) or the start of a code'),
    level: ZAreaLevel.optional(),
    parent: ZAreaCode.optional().describe('Only areas inside this area'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .describe('Search areas by name or code, for as-you-type pickers');
export type TAreaSearchQuery = z.infer<typeof ZAreaSearchQuery>;

export const ZAreaSearchResponse = z.object({ items: z.array(ZArea) });
export type TAreaSearchResponse = z.infer<typeof ZAreaSearchResponse>;

export const ZAreaDetail = ZArea.extend({
  parents: z.array(ZArea).describe('From the province down to the direct parent'),
  childCount: z.number().int().describe('Number of areas directly inside'),
});
export type TAreaDetail = z.infer<typeof ZAreaDetail>;

export const ZAreaCodeParams = z.strictObject({ code: ZAreaCode });

export const ZCluster = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  note: z.string().nullable(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  source: z.string(),
  version: z.number().int(),
});
export type TCluster = z.infer<typeof ZCluster>;

export const ZPpksCategory = z.object({
  no: z.number().int(),
  nameId: z.string(),
  nameEn: z.string(),
  ageRule: z.string().nullable(),
  defaultClusterCode: z.string().nullable(),
  source: z.string(),
});
export const ZServiceComponent = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  examples: z.string().nullable(),
  source: z.string(),
});
export const ZProgramme = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  source: z.string(),
});

export const ZReferenceData = z
  .object({
    clusters: z.array(ZCluster),
    ppks: z.array(ZPpksCategory),
    services: z.array(ZServiceComponent).describe('The 7 ATENSI service components'),
    programmes: z.array(ZProgramme),
  })
  .describe('Clusters, PPKS categories, ATENSI service components and programmes, each with its source');
export type TReferenceData = z.infer<typeof ZReferenceData>;

export const ZClusterCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,49}$/, 'lower-case letters, digits and underscore');

export const ZUpsertClusterRequest = z
  .strictObject({
    nameId: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().min(2).max(200),
    note: z.string().trim().max(1000).nullable().optional(),
    sortOrder: z.number().int().min(0).max(1000).optional(),
    isActive: z.boolean().optional(),
    source: z.string().trim().min(3).max(500).describe('Where this comes from (regulation, decree)'),
    version: z.number().int().min(1).optional().describe('Required when editing an existing cluster'),
  })
  .describe('Add or edit a cluster; clusters are data, never a hard-coded list');
export type TUpsertClusterRequest = z.infer<typeof ZUpsertClusterRequest>;
export const ZClusterParams = z.strictObject({ code: ZClusterCode });
