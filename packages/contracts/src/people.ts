import { z } from 'zod';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';

// People (Penerima Manfaat). Field classes: identity, address and family are personal data; the fields
// of ZPersonSensitive are specific data (UU 27/2022) that only the case team and the unit head read.

export const RELIGIONS = [
  'islam',
  'protestan',
  'katolik',
  'hindu',
  'buddha',
  'khonghucu',
  'kepercayaan',
] as const;
export const MARITAL_STATUSES = ['belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati'] as const;
export const LOCATION_KINDS = ['home', 'street', 'shelter', 'institution', 'other'] as const;
export const PHONE_OWNERS = ['self', 'guardian', 'family', 'other'] as const;
export const DISABILITY_LEVELS = ['ringan', 'sedang', 'berat'] as const;
export const PERSON_WARNINGS = [
  'needs_identity_documents',
  'nik_birth_date_mismatch',
  'nik_sex_mismatch',
] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();
export const ZIsoDate = z.iso.date().describe('Date, YYYY-MM-DD');

export const ZPhoneInput = z
  .object({
    phone: z.string().trim().min(4).max(30).describe('Any common form: 0812…, +62 812…, (031) 567…'),
    owner: z.enum(PHONE_OWNERS).describe('Whose number it is'),
    relationship: optionalText(60).describe('For family or guardian numbers: how they are related'),
  })
  .strict();

export const ZRelationInput = z
  .object({
    relatedPersonId: ZUuid.nullable().optional().describe('The relative, when they are registered too'),
    name: optionalText(200).describe('The relative, when they are not registered'),
    relationship: text(60).describe('e.g. ibu, ayah, anak, kakak, paman, wali'),
    isGuardian: z.boolean().default(false).describe('Guardian (wali) for a child or an adult who needs one'),
    phone: optionalText(30),
  })
  .strict();

export const ZPersonFields = z
  .object({
    nik: z.string().trim().max(20).nullable().optional().describe('NIK, 16 digits; omit when unknown'),
    noNikReason: optionalText(300).describe('Why there is no NIK yet'),
    kkNo: z.string().trim().max(20).nullable().optional().describe('Family card (KK) number, 16 digits'),
    fullName: text(200),
    aliases: z.array(text(100)).max(20).default([]).describe('Street names, nicknames, other spellings'),
    sex: z.enum(['L', 'P']).describe('L: laki-laki (male), P: perempuan (female)'),
    birthDate: ZIsoDate.nullable().optional(),
    birthDateEstimated: z.boolean().default(false).describe('The birth date is an estimate'),
    birthPlace: optionalText(100),
    motherName: optionalText(200),
    religion: z.enum(RELIGIONS).nullable().optional(),
    maritalStatus: z.enum(MARITAL_STATUSES).nullable().optional(),
    nationality: z.enum(['WNI', 'WNA']).default('WNI'),
    areaCode: z.string().trim().max(20).nullable().optional().describe('Address area (down to village)'),
    street: optionalText(300),
    rt: z
      .string()
      .trim()
      .regex(/^[0-9]{1,3}$/)
      .nullable()
      .optional(),
    rw: z
      .string()
      .trim()
      .regex(/^[0-9]{1,3}$/)
      .nullable()
      .optional(),
    currentLocationKind: z.enum(LOCATION_KINDS).nullable().optional().describe('Where the person is now'),
    currentLocation: optionalText(300),
    phones: z.array(ZPhoneInput).max(10).default([]),
    relations: z.array(ZRelationInput).max(30).default([]),
    clusters: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    ppks: z.array(z.number().int().positive()).max(26).default([]),
    disabilityType: optionalText(100),
    disabilityLevel: z.enum(DISABILITY_LEVELS).nullable().optional(),
  })
  .strict();

export const ZCreatePersonRequest = ZPersonFields.extend({
  unitId: ZUuid.optional().describe(
    'Registering unit; headquarters must name one, unit staff register in theirs',
  ),
  confirmNew: z
    .boolean()
    .default(false)
    .describe('The user saw the likely matches and confirms this is a new person'),
}).strict();
export type TCreatePersonRequest = z.input<typeof ZCreatePersonRequest>;

export const ZUpdatePersonRequest = ZPersonFields.extend({
  version: z.number().int().positive().describe('The version read; a stale one answers 409'),
}).strict();
export type TUpdatePersonRequest = z.input<typeof ZUpdatePersonRequest>;

export const ZPersonSensitive = z
  .object({
    healthNotes: z.string().trim().max(4000).nullable(),
    drugUse: z.string().trim().max(4000).nullable(),
    hivStatus: z.string().trim().max(200).nullable(),
    criminalRecord: z.string().trim().max(4000).nullable(),
    traffickingDetails: z.string().trim().max(4000).nullable(),
  })
  .describe('Specific (sensitive) data: case team and unit head only; every read is audited');
export const ZPersonSensitiveResponse = ZPersonSensitive.extend({ version: z.number().int() });
export type TPersonSensitiveResponse = z.infer<typeof ZPersonSensitiveResponse>;
export const ZPutPersonSensitiveRequest = ZPersonSensitive.partial()
  .extend({ version: z.number().int().min(0).describe('0 when none was recorded yet') })
  .strict();

export const ZPerson = z
  .object({
    id: ZUuid,
    nik: z.string().nullable(),
    noNikReason: z.string().nullable(),
    kkNo: z.string().nullable(),
    kkHistory: z.array(
      z.object({ kkNo: z.string(), recordedAt: ZTimestamp, endedAt: ZTimestamp.nullable() }),
    ),
    fullName: z.string(),
    aliases: z.array(z.string()),
    sex: z.enum(['L', 'P']),
    birthDate: z.string().nullable(),
    birthDateEstimated: z.boolean(),
    ageYears: z.number().int().nullable(),
    birthPlace: z.string().nullable(),
    motherName: z.string().nullable(),
    religion: z.enum(RELIGIONS).nullable(),
    maritalStatus: z.enum(MARITAL_STATUSES).nullable(),
    nationality: z.enum(['WNI', 'WNA']),
    areaCode: z.string().nullable(),
    areaPath: z.array(z.object({ code: z.string(), level: z.string(), name: z.string() })),
    street: z.string().nullable(),
    rt: z.string().nullable(),
    rw: z.string().nullable(),
    currentLocationKind: z.enum(LOCATION_KINDS).nullable(),
    currentLocation: z.string().nullable(),
    phones: z.array(
      z.object({ phone: z.string(), owner: z.enum(PHONE_OWNERS), relationship: z.string().nullable() }),
    ),
    relations: z.array(
      z.object({
        id: ZUuid,
        relatedPersonId: ZUuid.nullable(),
        name: z.string().nullable(),
        relationship: z.string(),
        isGuardian: z.boolean(),
        phone: z.string().nullable(),
      }),
    ),
    clusters: z.array(z.object({ code: z.string(), name: z.string() })),
    ppks: z.array(z.object({ no: z.number().int(), name: z.string() })),
    disabilityType: z.string().nullable(),
    disabilityLevel: z.enum(DISABILITY_LEVELS).nullable(),
    registeredUnit: ZUnitRef,
    units: z.array(ZUnitRef.extend({ reason: z.enum(['registered', 'serves', 'referred']) })),
    warnings: z.array(z.enum(PERSON_WARNINGS)).describe('Shown to the user; never block saving'),
    mayReadSensitive: z.boolean().describe('Whether this user may open the specific (sensitive) data'),
    mergedIntoId: ZUuid.nullable(),
    version: z.number().int(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .describe('A person (Penerima Manfaat) with personal data; specific data is read separately');
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonIdParams = z.object({ id: ZUuid }).strict();

export const ZPersonListQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe('Name, alias, NIK or KK; typos tolerated'),
    unit: ZUuid.optional(),
    cluster: z.string().trim().max(40).optional(),
    ppks: z.coerce.number().int().positive().optional(),
    area: z.string().trim().max(20).optional().describe('Area code; matches the area and everything in it'),
    sex: z.enum(['L', 'P']).optional(),
    ageMin: z.coerce.number().int().min(0).max(130).optional(),
    ageMax: z.coerce.number().int().min(0).max(130).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(300).optional().describe('Opaque cursor from the previous page'),
  })
  .strict();
export type TPersonListQuery = z.input<typeof ZPersonListQuery>;

export const ZPersonSummary = z.object({
  id: ZUuid,
  fullName: z.string(),
  aliases: z.array(z.string()),
  nik: z.string().nullable(),
  sex: z.enum(['L', 'P']),
  birthDate: z.string().nullable(),
  ageYears: z.number().int().nullable(),
  areaName: z.string().nullable(),
  registeredUnit: ZUnitRef,
  clusters: z.array(z.string()),
  score: z.number().nullable().describe('How well the name matches the query, 0–1'),
  warnings: z.array(z.enum(PERSON_WARNINGS)),
});
export type TPersonSummary = z.infer<typeof ZPersonSummary>;

export const ZPersonListResponse = z.object({
  items: z.array(ZPersonSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Matching people this user may see (capped: see totalIsCapped)'),
  totalIsCapped: z.boolean(),
  searchedFor: z
    .string()
    .nullable()
    .optional()
    .describe('When no name matched the text as typed: the corrected text the results are for'),
});
export type TPersonListResponse = z.infer<typeof ZPersonListResponse>;

export const ZDuplicateCheckRequest = z
  .object({
    nik: z.string().trim().max(20).nullable().optional(),
    fullName: text(200),
    aliases: z.array(text(100)).max(20).default([]),
    birthDate: ZIsoDate.nullable().optional(),
    motherName: optionalText(200),
    areaCode: z.string().trim().max(20).nullable().optional(),
    excludeId: ZUuid.optional().describe('When editing: the record itself'),
  })
  .strict();
export type TDuplicateCheckRequest = z.input<typeof ZDuplicateCheckRequest>;

export const ZMatchReason = z.object({
  field: z.enum(['nik', 'name', 'birthDate', 'motherName', 'area']),
  similarity: z.number().describe('0–1'),
  detail: z.string().describe('e.g. "nama 86% mirip", "lahir selisih 2 hari"'),
});
export const ZDuplicateCandidate = z.object({
  personId: ZUuid.nullable().describe('Only when this user may see the record'),
  fullName: z.string().nullable(),
  birthDate: z.string().nullable(),
  unit: ZUnitRef.extend({ phone: z.string().nullable() }).describe('The unit to contact'),
  visible: z.boolean(),
  score: z.number(),
  reasons: z.array(ZMatchReason),
});
export type TDuplicateCandidate = z.infer<typeof ZDuplicateCandidate>;
export const ZDuplicateCheckResponse = z.object({
  nikMatch: ZDuplicateCandidate.nullable(),
  candidates: z.array(ZDuplicateCandidate),
});
export type TDuplicateCheckResponse = z.infer<typeof ZDuplicateCheckResponse>;
