import { z } from 'zod';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';
import { ZErrorDetail } from './errors.ts';
import { ZPersonListQuery } from './people.ts';

// Bulk import of people from a CSV or XLSX file (map columns, preview, run as a background job) and
// export of a search to CSV or XLSX.

/** The person fields a spreadsheet column can be mapped to. List fields take several values split by `;`. */
export const IMPORT_FIELDS = [
  'nik',
  'noNikReason',
  'kkNo',
  'fullName',
  'aliases',
  'sex',
  'birthDate',
  'birthPlace',
  'motherName',
  'religion',
  'maritalStatus',
  'nationality',
  'areaCode',
  'street',
  'rt',
  'rw',
  'phone',
  'clusters',
  'ppks',
  'disabilityType',
  'disabilityLevel',
  'currentLocation',
] as const;
export const ZImportField = z.enum(IMPORT_FIELDS).describe('A person field');
export type TImportField = z.infer<typeof ZImportField>;
/** Fields every mapping must include: a person needs a name and a sex. */
export const IMPORT_REQUIRED_FIELDS = ['fullName', 'sex'] as const satisfies readonly TImportField[];

export const IMPORT_STATUSES = [
  'uploaded',
  'previewed',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
] as const;
export const IMPORT_OUTCOMES = ['created', 'duplicate', 'invalid'] as const;

export const ZImportMapping = z
  .record(z.string().min(1).max(200), ZImportField)
  .describe('Spreadsheet column header → person field; unmapped columns are ignored');
export type TImportMapping = z.infer<typeof ZImportMapping>;

export const ZSavedImportMapping = z.object({
  id: ZUuid,
  name: z.string(),
  mapping: ZImportMapping,
  matchesHeaders: z.boolean().describe('Every column it names is in this file'),
});
export type TSavedImportMapping = z.infer<typeof ZSavedImportMapping>;

export const ZImportJob = z
  .object({
    id: ZUuid,
    unit: ZUnitRef.describe('The unit the people are registered in'),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    status: z.enum(IMPORT_STATUSES),
    headers: z.array(z.string()).describe('Column headers, in file order'),
    mapping: ZImportMapping.nullable().describe('The mapping chosen; null until one is saved'),
    suggestedMapping: ZImportMapping.describe(
      'A saved mapping for these headers, else a guess from the names',
    ),
    suggestedFrom: z.string().nullable().describe('Name of the saved mapping suggested, if any'),
    savedMappings: z.array(ZSavedImportMapping).describe("This unit's saved mappings"),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    createdCount: z.number().int(),
    duplicateCount: z.number().int(),
    invalidCount: z.number().int(),
    percent: z.number().int().min(0).max(100),
    errorMessage: z.string().nullable(),
    createdBy: z.string().nullable().describe('Username of who uploaded the file'),
    startedAt: ZTimestamp.nullable(),
    finishedAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
    version: z.number().int(),
  })
  .describe('An import job with its progress');
export type TImportJob = z.infer<typeof ZImportJob>;

export const ZImportJobSummary = ZImportJob.omit({
  headers: true,
  mapping: true,
  suggestedMapping: true,
  suggestedFrom: true,
  savedMappings: true,
});
export type TImportJobSummary = z.infer<typeof ZImportJobSummary>;
export const ZImportJobList = z.object({ items: z.array(ZImportJobSummary) });
export type TImportJobList = z.infer<typeof ZImportJobList>;

export const ZImportIdParams = z.object({ id: ZUuid }).strict();

export const ZUploadImportQuery = z
  .object({
    unitId: ZUuid.optional().describe('Headquarters: the unit to register the people in'),
  })
  .strict();

export const ZPutImportMappingRequest = z
  .object({
    mapping: ZImportMapping,
    saveAs: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Also save it under this name for the next file (replaces one of that name)'),
  })
  .strict();
export type TPutImportMappingRequest = z.input<typeof ZPutImportMappingRequest>;

export const ZImportPreviewQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(20).describe('Sample rows') })
  .strict();

export const ZImportRowProblem = z.object({
  rowNo: z.number().int().describe('Line in the spreadsheet (the header is line 1)'),
  outcome: z.enum(['invalid', 'duplicate']),
  messages: z.array(ZErrorDetail),
  existing: z
    .object({
      personId: ZUuid.nullable().describe('The registered person, when this user may see them'),
      unit: ZUnitRef.nullable().describe('The unit to contact'),
      rowNo: z.number().int().nullable().describe('An earlier line of this file with the same NIK'),
    })
    .nullable(),
});
export type TImportRowProblem = z.infer<typeof ZImportRowProblem>;

export const ZImportPreview = z.object({
  job: ZImportJob,
  sample: z.array(
    z.object({
      rowNo: z.number().int(),
      values: z.record(z.string(), z.string()).describe('Mapped field → value as understood'),
      outcome: z.enum(['valid', 'invalid', 'duplicate']),
      messages: z.array(ZErrorDetail),
    }),
  ),
  problems: z.array(ZImportRowProblem).describe('Invalid and duplicate rows of the whole file, first 500'),
  problemsTruncated: z.boolean(),
  counts: z.object({
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    duplicate: z.number().int(),
  }),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

/** A downloaded file is opened by a link, which cannot send the UI's Accept-Language: it names the language. */
const ZFileLang = z
  .enum(['id', 'en'])
  .optional()
  .describe('Language of headers and reasons (default: Accept-Language)');
export const ZImportErrorsQuery = z.object({ lang: ZFileLang }).strict();

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ZPeopleExportQuery = ZPersonListQuery.omit({ limit: true, cursor: true })
  .extend({ format: z.enum(EXPORT_FORMATS).default('csv').describe('File format'), lang: ZFileLang })
  .strict();
export type TPeopleExportQuery = z.input<typeof ZPeopleExportQuery>;
