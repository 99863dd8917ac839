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
  no: z.number().int().describe('Number in Permensos 8/2012 (1–26); the key'),
  nameId: z.string(),
  nameEn: z.string(),
  ageRule: z.string().nullable().describe('Who counts, e.g. "age 6-18"'),
  defaultClusterCode: z.string().nullable().describe('The cluster a person in this category usually joins'),
  source: z.string(),
  version: z.number().int(),
});
export type TPpksCategory = z.infer<typeof ZPpksCategory>;
export const ZServiceComponent = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  examples: z.string().nullable(),
  sortOrder: z.number().int(),
  source: z.string(),
  version: z.number().int(),
});
export type TServiceComponent = z.infer<typeof ZServiceComponent>;
export const ZProgramme = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  kind: z.string().describe('e.g. social assistance, health, empowerment'),
  source: z.string(),
  version: z.number().int(),
});
export type TProgramme = z.infer<typeof ZProgramme>;
export const ZProvinceCapital = z
  .object({
    provinceCode: z.string().describe('Kemendagri province code, e.g. 73'),
    provinceName: z.string(),
    capital: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    source: z.string(),
  })
  .describe('A province with its capital, for routing when only an area code is known (read-only)');
export type TProvinceCapital = z.infer<typeof ZProvinceCapital>;

export const ZReferenceData = z
  .object({
    clusters: z.array(ZCluster),
    ppks: z.array(ZPpksCategory),
    services: z.array(ZServiceComponent).describe('The 7 ATENSI service components'),
    programmes: z.array(ZProgramme),
    provinceCapitals: z.array(ZProvinceCapital),
  })
  .describe(
    'Clusters, PPKS categories, ATENSI service components, programmes and province capitals, each with its source',
  );
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

const ZName = z.string().trim().min(2).max(200);
const ZSource = z.string().trim().min(3).max(500).describe('Where this comes from (regulation, decree)');
const ZVersion = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('The version read; required when editing an existing record, left out when adding one');

export const ZUpsertPpksRequest = z
  .strictObject({
    nameId: ZName,
    nameEn: ZName,
    ageRule: z.string().trim().max(200).nullable().optional(),
    defaultClusterCode: ZClusterCode.nullable().optional().describe('An existing cluster, or null'),
    source: ZSource,
    version: ZVersion,
  })
  .describe('Add or edit a PPKS category');
export type TUpsertPpksRequest = z.infer<typeof ZUpsertPpksRequest>;
export const ZPpksParams = z.strictObject({
  code: z.coerce.number().int().min(1).max(999).describe('The category number'),
});

/** Service components share the cluster code format: lower-case letters, digits and underscore. */
export const ZServiceComponentCode = ZClusterCode;
export const ZUpsertServiceComponentRequest = z
  .strictObject({
    nameId: ZName,
    nameEn: ZName,
    examples: z.string().trim().max(1000).nullable().optional(),
    sortOrder: z.number().int().min(0).max(1000).optional(),
    source: ZSource,
    version: ZVersion,
  })
  .describe('Add or edit an ATENSI service component');
export type TUpsertServiceComponentRequest = z.infer<typeof ZUpsertServiceComponentRequest>;
export const ZServiceComponentParams = z.strictObject({ code: ZServiceComponentCode });

export const ZProgrammeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'capital letters, digits and underscore');
export const ZUpsertProgrammeRequest = z
  .strictObject({
    nameId: ZName,
    nameEn: ZName,
    kind: z.string().trim().min(2).max(100).describe('e.g. social assistance, health, empowerment'),
    source: ZSource,
    version: ZVersion,
  })
  .describe('Add or edit a programme or agency a person can be referred to');
export type TUpsertProgrammeRequest = z.infer<typeof ZUpsertProgrammeRequest>;
export const ZProgrammeParams = z.strictObject({ code: ZProgrammeCode });
