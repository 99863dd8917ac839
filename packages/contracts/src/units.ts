import { z } from 'zod';
import { ZAreaCode } from './reference.ts';

export const UNIT_TYPES = ['balai_besar', 'balai', 'loka', 'sentra', 'sentra_terpadu'] as const;
export const ZUnitType = z.enum(UNIT_TYPES).describe('Kind of UPT');
export const SERVICE_MODES = ['residential', 'family', 'community'] as const;
export const ZServiceMode = z
  .enum(SERVICE_MODES)
  .describe('residensial, berbasis keluarga, berbasis komunitas');
export type TServiceMode = z.infer<typeof ZServiceMode>;

/** Indonesia's bounding box, with a margin for outer islands. */
export const INDONESIA_BOUNDS = { minLat: -11.5, maxLat: 6.5, minLon: 94.5, maxLon: 141.5 } as const;
export const ZLat = z
  .number()
  .min(INDONESIA_BOUNDS.minLat)
  .max(INDONESIA_BOUNDS.maxLat)
  .describe('Latitude in Indonesia');
export const ZLon = z
  .number()
  .min(INDONESIA_BOUNDS.minLon)
  .max(INDONESIA_BOUNDS.maxLon)
  .describe('Longitude in Indonesia');

export const ZUnitService = z
  .object({
    clusterCode: z.string().min(1).max(50).describe('Cluster served (reference data code)'),
    isResidential: z.boolean().describe('Offered residentially (in the unit)'),
    isFamily: z.boolean().describe('Offered in families (berbasis keluarga)'),
    isCommunity: z.boolean().describe('Offered in the community (berbasis komunitas)'),
    residentialCapacity: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('Beds for this cluster; 0 when not residential'),
  })
  .describe('One cluster a unit serves, with its modes and beds');
export type TUnitService = z.infer<typeof ZUnitService>;

export const ZUnitSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: ZUnitType,
  city: z.string(),
  provinceCode: z.string(),
  provinceName: z.string().nullable(),
  isArchived: z.boolean(),
  mergedIntoCode: z.string().nullable(),
  clusterCodes: z.array(z.string()).describe('Clusters served'),
  residentialCapacity: z.number().int().describe('Beds over all clusters'),
});
export type TUnitSummary = z.infer<typeof ZUnitSummary>;

export const ZUnitListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of the code, name or city'),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe('Province code'),
  cluster: z.string().max(50).optional().describe('Serves this cluster'),
  includeArchived: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TUnitListQuery = z.infer<typeof ZUnitListQuery>;
export const ZUnitListResponse = z.object({ items: z.array(ZUnitSummary), total: z.number().int() });

export const ZUnitFacility = z.object({
  id: z.uuid(),
  kind: z.enum(['outlet', 'warehouse']).describe('Sentra Kreasi ATENSI outlet or warehouse'),
  name: z.string(),
});

export const ZUnit = ZUnitSummary.extend({
  regencyCode: z.string(),
  laterName: z.string().nullable(),
  originalCluster: z.string().nullable(),
  address: z.string().nullable(),
  areaCode: z.string().nullable().describe('Kemendagri code of the address, down to the village'),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  headName: z.string().nullable().describe('Head of unit (Kepala UPT)'),
  note: z.string().nullable(),
  isVerified: z.boolean().describe('False for rows of the curated list still to be confirmed'),
  source: z.string(),
  services: z.array(ZUnitService),
  coverage: z.array(z.object({ code: ZAreaCode, name: z.string(), isDefault: z.boolean() })),
  facilities: z.array(ZUnitFacility),
  staffCount: z.number().int(),
  version: z.number().int().describe('Send back in If-Match when editing'),
});
export type TUnit = z.infer<typeof ZUnit>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZUpdateUnitRequest = z
  .strictObject({
    name: z.string().trim().min(3).max(200).optional(),
    type: ZUnitType.optional(),
    city: z.string().trim().min(2).max(100).optional(),
    address: optionalText(300),
    areaCode: ZAreaCode.nullable().optional(),
    lat: ZLat.nullable().optional(),
    lon: ZLon.nullable().optional(),
    phone: optionalText(40),
    email: z.email().max(200).nullable().optional(),
    headName: optionalText(200),
    note: optionalText(1000),
    version: z.number().int().min(1).describe('The version you read; a stale one answers 409'),
  })
  .describe('Edit a unit profile');
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

export const ZPutUnitServicesRequest = z
  .strictObject({
    services: z.array(ZUnitService.strict()).max(50),
    version: z.number().int().min(1),
  })
  .describe('Replace the clusters a unit serves (its matrix row)');
export type TPutUnitServicesRequest = z.infer<typeof ZPutUnitServicesRequest>;

export const ZPutUnitCoverageRequest = z
  .strictObject({
    areaCodes: z.array(ZAreaCode).max(100).describe('Provinces or regencies the unit answers for'),
    version: z.number().int().min(1),
  })
  .describe('Replace the coverage area');
export type TPutUnitCoverageRequest = z.infer<typeof ZPutUnitCoverageRequest>;

export const ZMatrixCell = z.object({
  modes: z.array(ZServiceMode),
  residentialCapacity: z.number().int(),
  residentialFree: z.number().int().describe('Capacity minus active residential cases'),
});
export const ZUnitMatrix = z.object({
  clusters: z.array(z.object({ code: z.string(), nameId: z.string(), nameEn: z.string() })),
  units: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      provinceCode: z.string(),
      cells: z.record(z.string(), ZMatrixCell).describe('By cluster code; absent when not served'),
    }),
  ),
  gaps: z
    .array(
      z.object({ provinceCode: z.string(), provinceName: z.string(), missingClusters: z.array(z.string()) }),
    )
    .describe('Provinces where a cluster has no covering unit'),
});
export type TUnitMatrix = z.infer<typeof ZUnitMatrix>;

export const ZNearestQuery = z
  .strictObject({
    cluster: z.string().min(1).max(50),
    mode: ZServiceMode,
    area: ZAreaCode.optional().describe('Where the person is; the province capital is used for distance'),
    lat: z.coerce.number().min(INDONESIA_BOUNDS.minLat).max(INDONESIA_BOUNDS.maxLat).optional(),
    lon: z.coerce.number().min(INDONESIA_BOUNDS.minLon).max(INDONESIA_BOUNDS.maxLon).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .describe('Rank units that serve a cluster in a mode: coverage first, distance second');
export type TNearestQuery = z.infer<typeof ZNearestQuery>;

export const ZNearestResponse = z.object({
  origin: z.object({ lat: z.number(), lon: z.number(), provinceCode: z.string().nullable() }),
  items: z.array(
    z.object({
      unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), city: z.string() }),
      isCovering: z.boolean().describe('The place is inside the unit coverage area'),
      distanceKm: z.number(),
      residentialCapacity: z.number().int(),
      residentialFree: z.number().int(),
    }),
  ),
});
export type TNearestResponse = z.infer<typeof ZNearestResponse>;

export const ZUnitIdParams = z.strictObject({ id: z.uuid() });

export const ZUnitCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_]{3,30}$/, '3–30 capital letters, digits or underscore')
  .describe('Short unit code, e.g. SOEHARSO');

export const ZCreateUnitRequest = z
  .strictObject({
    code: ZUnitCode,
    name: z.string().trim().min(3).max(200),
    type: ZUnitType,
    regencyCode: z
      .string()
      .regex(/^\d{2}\.\d{2}$/, 'regency code PP.RR')
      .describe('Regency (kabupaten/kota)'),
    city: z.string().trim().min(2).max(100),
    lat: ZLat,
    lon: ZLon,
    originalCluster: z.string().max(50).nullable().optional(),
    address: z.string().trim().max(300).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    headName: z.string().trim().max(200).nullable().optional(),
  })
  .describe('Add a unit; it starts covering its own province and serving no cluster');
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

export const ZArchiveUnitRequest = z
  .strictObject({
    version: z.number().int().min(1),
    reason: z.string().trim().min(3).max(500).describe('Why the unit is archived'),
  })
  .describe('Archive a unit that has no active users');

export const ZMergeUnitRequest = z
  .strictObject({
    version: z.number().int().min(1),
    intoUnitId: z.uuid().describe('The unit it becomes part of'),
    moveUsers: z
      .boolean()
      .describe(
        'Move its active users to the receiving unit (each move audited); otherwise refused while any remain',
      ),
    note: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe('The decision behind the merge, e.g. a ministerial decree'),
  })
  .describe('Merge a unit into another, as in 2022 when three Bekasi balai became one Sentra');
export type TMergeUnitRequest = z.infer<typeof ZMergeUnitRequest>;

export const ZCreateFacilityRequest = z
  .strictObject({
    kind: z.enum(['outlet', 'warehouse']),
    name: z.string().trim().min(3).max(200),
  })
  .describe('Add an outlet (Sentra Kreasi ATENSI) or a warehouse to a unit');

export const ZFacilityParams = z.strictObject({ id: z.uuid(), facilityId: z.uuid() });
