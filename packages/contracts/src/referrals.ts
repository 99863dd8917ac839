import { z } from 'zod';
import { APPROACHES } from './cases.ts';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';

// Referrals: from a case to another unit or to a programme/agency. The receiving unit sees a summary
// until it accepts; then it sees the person and opens its own case, linked to the referral.

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed', 'cancelled'] as const;
export const REFERRAL_OUTCOMES = ['enrolled', 'rejected', 'pending'] as const;

export const ZCreateReferralRequest = z
  .object({
    caseId: ZUuid,
    toUnitId: ZUuid.optional(),
    toProgrammeCode: z.string().trim().min(1).max(40).optional(),
    servicesRequested: z.array(z.string().trim().min(1).max(40)).min(1).max(7),
    reason: z.string().trim().min(10).max(2000),
  })
  .strict();
export type TCreateReferralRequest = z.input<typeof ZCreateReferralRequest>;

export const ZReferralIdParams = z.object({ id: ZUuid }).strict();

export const ZAcceptReferralRequest = z
  .object({
    version: z.number().int().positive(),
    approaches: z.array(z.enum(APPROACHES)).min(1).max(3),
    workerId: ZUuid.optional(),
  })
  .strict();
export const ZDeclineReferralRequest = z
  .object({ version: z.number().int().positive(), reason: z.string().trim().min(5).max(2000) })
  .strict();
export const ZReferralOutcomeRequest = z
  .object({
    version: z.number().int().positive(),
    outcome: z.enum(REFERRAL_OUTCOMES),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const ZReferralListQuery = z
  .object({
    box: z.enum(['in', 'out', 'all']).default('all'),
    status: z.enum(REFERRAL_STATUSES).optional(),
    overdue: z.enum(['true']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const ZReferral = z.object({
  id: ZUuid,
  direction: z.enum(['in', 'out', 'hq']).describe('As seen by this user'),
  fromUnit: ZUnitRef,
  toUnit: ZUnitRef.nullable(),
  toProgramme: z.object({ code: z.string(), name: z.string() }).nullable(),
  servicesRequested: z.array(z.string()),
  reason: z.string(),
  summary: z.string().describe('What the receiving side sees before accepting: no identity'),
  status: z.enum(REFERRAL_STATUSES),
  deadlineAt: ZTimestamp,
  overdue: z.boolean(),
  declineReason: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  /** Only for the sending unit, headquarters, or the receiving unit once it accepted. */
  person: z.object({ id: ZUuid, fullName: z.string() }).nullable(),
  caseId: ZUuid.nullable().describe('The sending case (sending side only)'),
  receivingCaseId: ZUuid.nullable(),
  createdAt: ZTimestamp,
  version: z.number().int(),
});
export type TReferral = z.infer<typeof ZReferral>;
export const ZReferralListResponse = z.object({ items: z.array(ZReferral), total: z.number().int() });
