import { z } from 'zod';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';
import { ZMatchReason } from './people.ts';

// The duplicate review queue, merging two records of one person, undoing a merge, and recording that two
// similar records are different people. Merges keep both histories: the merged record stays, read-only.

export const ZMergePersonSide = z
  .object({
    id: ZUuid,
    fullName: z.string(),
    aliases: z.array(z.string()),
    nik: z.string().nullable(),
    kkNo: z.string().nullable(),
    sex: z.enum(['L', 'P']),
    birthDate: z.string().nullable(),
    birthDateEstimated: z.boolean(),
    birthPlace: z.string().nullable(),
    motherName: z.string().nullable(),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable().describe('The address area, e.g. "Kota Surakarta"'),
    registeredUnit: ZUnitRef,
    version: z.number().int().describe('Send it back when merging; a stale one answers 409'),
    createdAt: ZTimestamp,
  })
  .describe('One side of a probable duplicate pair: what a reviewer compares');
export type TMergePersonSide = z.infer<typeof ZMergePersonSide>;

export const ZDuplicateQueueQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(50).default(20).describe('Pairs per page'),
    cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page'),
  })
  .strict();
export type TDuplicateQueueQuery = z.input<typeof ZDuplicateQueueQuery>;

export const ZDuplicatePair = z.object({
  a: ZMergePersonSide.describe('One record (compare createdAt for which is newer)'),
  b: ZMergePersonSide.describe('The other record'),
  score: z.number().describe('How likely the two are one person, 0–1'),
  reasons: z.array(ZMatchReason).describe('Why they match: which fields, how similar'),
  nikConflict: z.boolean().describe('Both have a NIK and they differ: resolve the NIK before merging'),
});
export type TDuplicatePair = z.infer<typeof ZDuplicatePair>;

export const ZDuplicateQueueResponse = z.object({
  items: z
    .array(ZDuplicatePair)
    .describe('Most likely first within a page; a page may hold a few more pairs than the limit'),
  nextCursor: z
    .string()
    .nullable()
    .describe('More of the registry is left to check: pass it back for the next stretch'),
});
export type TDuplicateQueueResponse = z.infer<typeof ZDuplicateQueueResponse>;

export const ZMergePeopleRequest = z
  .strictObject({
    survivorId: ZUuid.describe('The record that stays'),
    mergedId: ZUuid.describe('The record merged into it (kept read-only for history)'),
    reason: z.string().trim().min(3).max(500).describe('Why these are one person'),
    survivorVersion: z.number().int().positive().describe('The survivor version read'),
    mergedVersion: z.number().int().positive().describe('The merged record version read'),
  })
  .describe('Merge two records of one person');
export type TMergePeopleRequest = z.input<typeof ZMergePeopleRequest>;

export const ZPersonMerge = z
  .object({
    id: ZUuid,
    survivor: z.object({ id: ZUuid, fullName: z.string() }),
    merged: z.object({ id: ZUuid, fullName: z.string() }),
    reason: z.string(),
    mergedBy: z.string().nullable().describe('Username of who merged'),
    mergedAt: ZTimestamp,
    undoneAt: ZTimestamp.nullable(),
    undoneBy: z.string().nullable().describe('Username of who undid it'),
    moved: z
      .record(z.string(), z.number().int())
      .describe('How many rows of each kind moved to the survivor (aliases, phones, documents, …)'),
  })
  .describe('One merge, with who did it and why; undone merges stay listed');
export type TPersonMerge = z.infer<typeof ZPersonMerge>;

export const ZPersonMergeList = z.object({ items: z.array(ZPersonMerge) });
export type TPersonMergeList = z.infer<typeof ZPersonMergeList>;

export const ZMergeListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();

export const ZMergeIdParams = z.object({ mergeId: ZUuid }).strict();

export const ZMarkDistinctRequest = z
  .strictObject({
    personA: ZUuid,
    personB: ZUuid,
    reason: z.string().trim().min(3).max(500).describe('How the reviewer knows they differ'),
  })
  .describe('Record that two similar records are different people');
export type TMarkDistinctRequest = z.input<typeof ZMarkDistinctRequest>;

export const ZMarkDistinctResponse = z.object({
  personA: ZUuid,
  personB: ZUuid,
  decidedAt: ZTimestamp,
});
export type TMarkDistinctResponse = z.infer<typeof ZMarkDistinctResponse>;
