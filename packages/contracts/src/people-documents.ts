import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';
import { ZIsoDate } from './people.ts';

// A person's documents and photo (images and PDF, type checked by content) and consent records
// (UU 27/2022: who gave it, for which purposes, how it was recorded, and its withdrawal).

export const DOCUMENT_KINDS = [
  'photo',
  'ktp',
  'kk',
  'akta_lahir',
  'consent_form',
  'medical',
  'other',
] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS).describe('What the document is');
export type TDocumentKind = z.infer<typeof ZDocumentKind>;

/** Accepted file types, decided by the file's content (never its name or the client's type). */
export const DOCUMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The default upload limit; the server's UPLOAD_MAX_BYTES may change it and the list answer reports it. */
export const DOCUMENT_MAX_BYTES_DEFAULT = 5 * 1024 * 1024;

/** The form fields sent with the file (multipart/form-data: `kind`, then one file in `file`). */
export const ZUploadDocumentFields = z
  .strictObject({ kind: ZDocumentKind })
  .describe('multipart/form-data fields beside the one file (field `file`)');
export type TUploadDocumentFields = z.infer<typeof ZUploadDocumentFields>;

export const ZDocumentParams = z.strictObject({ id: ZUuid, docId: ZUuid });

export const ZPersonDocument = z
  .object({
    id: ZUuid,
    personId: ZUuid,
    kind: ZDocumentKind,
    fileName: z.string().describe('File name for download; its extension follows the detected type'),
    mimeType: z.enum(DOCUMENT_MIME_TYPES).describe('Type detected from the content'),
    sizeBytes: z.number().int().describe('Size in bytes'),
    sha256: z.string().describe('SHA-256 of the content, hex'),
    uploadedBy: z.string().nullable().describe('Who uploaded it (display name)'),
    createdAt: ZTimestamp,
  })
  .describe('One stored document (content is fetched from …/file)');
export type TPersonDocument = z.infer<typeof ZPersonDocument>;

export const ZPersonDocumentList = z.object({
  items: z.array(ZPersonDocument).describe('Newest first; deleted documents are left out'),
  maxBytes: z.number().int().describe('The largest file the server accepts, in bytes'),
});
export type TPersonDocumentList = z.infer<typeof ZPersonDocumentList>;

export const CONSENT_PURPOSES = ['services', 'referral', 'data_sharing', 'photo', 'fundraising'] as const;
export const ZConsentPurpose = z
  .enum(CONSENT_PURPOSES)
  .describe('services, referral (to other units and programmes), data_sharing, photo (use), fundraising');
export type TConsentPurpose = z.infer<typeof ZConsentPurpose>;
export const CONSENT_METHODS = ['signed_form', 'verbal_witnessed'] as const;

export const ZCreateConsentRequest = z
  .strictObject({
    givenBy: z
      .enum(['self', 'guardian'])
      .describe('The person, or their guardian (required for children and where a guardian exists)'),
    guardianRelationId: ZUuid.nullable()
      .optional()
      .describe("The guardian as one of the person's family links"),
    guardianName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('The guardian by name, when not among the family links'),
    purposes: z
      .array(ZConsentPurpose)
      .min(1)
      .max(CONSENT_PURPOSES.length)
      .describe('What the consent covers'),
    method: z.enum(CONSENT_METHODS).describe('signed_form (upload the form first) or verbal_witnessed'),
    witnessName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('Required for verbal consent'),
    documentId: ZUuid.nullable()
      .optional()
      .describe('Required for a signed form: a consent_form document of this person'),
    givenAt: ZIsoDate.describe('When consent was given; not in the future'),
  })
  .describe('Record a consent');
export type TCreateConsentRequest = z.input<typeof ZCreateConsentRequest>;

export const ZWithdrawConsentRequest = z.strictObject({
  reason: z.string().trim().min(3).max(500).describe('Why consent is withdrawn'),
  version: z.number().int().min(1).describe('The version read; a stale one answers 409'),
});
export type TWithdrawConsentRequest = z.input<typeof ZWithdrawConsentRequest>;

export const ZConsentParams = z.strictObject({ id: ZUuid, consentId: ZUuid });

export const ZConsent = z.object({
  id: ZUuid,
  givenBy: z.enum(['self', 'guardian']),
  guardianRelationId: ZUuid.nullable(),
  guardianName: z.string().nullable().describe('The guardian (from the family link when one was chosen)'),
  purposes: z.array(ZConsentPurpose),
  method: z.enum(CONSENT_METHODS),
  witnessName: z.string().nullable(),
  documentId: ZUuid.nullable(),
  givenAt: ZIsoDate,
  withdrawnAt: ZTimestamp.nullable(),
  withdrawnReason: z.string().nullable(),
  recordedBy: z.string().nullable().describe('Who recorded it (display name)'),
  isActive: z.boolean().describe('Not withdrawn'),
  version: z.number().int(),
  createdAt: ZTimestamp,
});
export type TConsent = z.infer<typeof ZConsent>;

export const ZGuardianOption = z.object({
  relationId: ZUuid,
  name: z.string(),
  relationship: z.string(),
  isGuardian: z.boolean(),
});

export const ZConsentListResponse = z.object({
  items: z.array(ZConsent).describe('Newest first, withdrawn ones included'),
  currentPurposes: z.array(ZConsentPurpose).describe('Purposes covered by at least one active consent'),
  guardianRequired: z
    .boolean()
    .describe('A child or a person with a guardian: consent must come from a guardian'),
  guardianOptions: z
    .array(ZGuardianOption)
    .describe("The person's family links a guardian can be chosen from"),
});
export type TConsentListResponse = z.infer<typeof ZConsentListResponse>;
