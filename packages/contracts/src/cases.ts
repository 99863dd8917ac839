import { z } from 'zod';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';
import { ZIsoDate } from './people.ts';

// Cases (kasus): one episode of service for one person at one unit, through the ATENSI process.

export const CASE_STAGES = [
  'intake',
  'approach',
  'assessment',
  'plan',
  'intervention',
  'evaluation',
  'termination',
  'aftercare',
  'closed',
] as const;
export const ZCaseStage = z.enum(CASE_STAGES).describe('ATENSI stage');
export type TCaseStage = z.infer<typeof ZCaseStage>;
export const APPROACHES = ['residential', 'family', 'community'] as const;
export const INTAKE_SOURCES = ['walk_in', 'outreach', 'referral', 'report', 'court', 'hospital'] as const;
export const TERMINATION_REASONS = [
  'mandiri',
  'returned_to_family',
  'referred',
  'moved',
  'dropped_out',
  'died',
  'other',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const TASK_KINDS = [
  'plan_review',
  'aftercare_visit',
  'document',
  'survey',
  'referral',
  'other',
] as const;

const reason = z.string().trim().min(3).max(1000);
const rupiah = z.number().int().min(0).max(1_000_000_000_000).describe('Rupiah, whole');

export const ZCaseIdParams = z.object({ id: ZUuid }).strict();

export const ZCreateCaseRequest = z
  .object({
    personId: ZUuid,
    clusterCode: z.string().trim().min(1).max(40),
    approaches: z.array(z.enum(APPROACHES)).min(1).max(3),
    intakeSource: z.enum(INTAKE_SOURCES),
    intakeDate: ZIsoDate,
    intakeNotes: z.string().trim().max(4000).nullable().optional(),
    workerId: ZUuid.optional().describe(
      'Assigned social worker; defaults to the creator when a social worker',
    ),
  })
  .strict();
export type TCreateCaseRequest = z.input<typeof ZCreateCaseRequest>;

export const ZAdvanceCaseRequest = z
  .object({
    to: ZCaseStage,
    version: z.number().int().positive(),
    override: z
      .object({ reason })
      .optional()
      .describe('Unit head only: move backwards or past a missing record, with the reason recorded'),
  })
  .strict();

export const ZAssessmentRequest = z
  .object({
    answers: z.record(z.string(), z.union([z.string().max(4000), z.number(), z.boolean(), z.null()])),
    needs: z.string().trim().max(4000).nullable().optional(),
    strengths: z.string().trim().max(4000).nullable().optional(),
    riskLevel: z.enum(RISK_LEVELS),
    assessedOn: ZIsoDate,
  })
  .strict();

export const ZPlanItem = z
  .object({
    serviceCode: z.string().trim().min(1).max(40).describe('ATENSI service component'),
    description: z.string().trim().min(3).max(2000),
    frequency: z.string().trim().max(200).nullable().optional(),
    responsible: z.string().trim().max(200).nullable().optional(),
    plannedQuantity: z.number().int().min(0).max(10000).default(1),
    budgetRupiah: rupiah.default(0),
  })
  .strict();

export const ZPlanRequest = z
  .object({
    goals: z.array(z.string().trim().min(3).max(1000)).min(1).max(20),
    items: z.array(ZPlanItem).min(1).max(50),
    version: z.number().int().min(0).describe('The draft version read; 0 for a new draft'),
  })
  .strict();

export const ZServiceRequest = z
  .object({
    serviceCode: z.string().trim().min(1).max(40),
    planItemId: ZUuid.nullable().optional(),
    deliveredOn: ZIsoDate,
    quantity: z.number().int().min(1).max(10000).default(1),
    costRupiah: rupiah.default(0),
    notes: z.string().trim().max(4000).nullable().optional(),
  })
  .strict();

export const ZNoteRequest = z
  .object({ body: z.string().trim().min(1).max(8000), isConfidential: z.boolean().default(false) })
  .strict();

export const ZTaskRequest = z
  .object({
    kind: z.enum(TASK_KINDS),
    title: z.string().trim().min(3).max(300),
    dueOn: ZIsoDate,
    assigneeId: ZUuid.optional(),
  })
  .strict();

export const ZTerminateRequest = z
  .object({
    reason: z.enum(TERMINATION_REASONS),
    terminatedOn: ZIsoDate,
    aftercareVisits: z.array(ZIsoDate).max(24).default([]).describe('Dates of after-care visits to schedule'),
    version: z.number().int().positive(),
  })
  .strict();

export const ZCloseRequest = z.object({ reason, version: z.number().int().positive() }).strict();

export const ZCaseSummary = z.object({
  id: ZUuid,
  caseNo: z.string(),
  person: z.object({ id: ZUuid, fullName: z.string() }),
  unit: ZUnitRef,
  clusterCode: z.string(),
  stage: ZCaseStage,
  approaches: z.array(z.enum(APPROACHES)),
  worker: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  intakeDate: z.string(),
  nextTask: z.object({ title: z.string(), dueOn: z.string(), overdue: z.boolean() }).nullable(),
  overdueTasks: z.number().int(),
  updatedAt: ZTimestamp,
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseListQuery = z
  .object({
    stage: ZCaseStage.optional(),
    worker: z.union([ZUuid, z.literal('me')]).optional(),
    person: ZUuid.optional(),
    open: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(300).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const ZCaseListResponse = z.object({ items: z.array(ZCaseSummary), total: z.number().int() });

const ZPlanView = z.object({
  id: ZUuid,
  planNo: z.number().int(),
  status: z.enum(['draft', 'approved', 'superseded']),
  goals: z.array(z.string()),
  createdById: ZUuid.nullable().describe('Its author, who may not approve it'),
  createdBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: ZTimestamp.nullable(),
  reviewDue: z.string().nullable(),
  version: z.number().int(),
  items: z.array(
    ZPlanItem.extend({
      id: ZUuid,
      deliveredQuantity: z.number().int(),
      deliveredRupiah: z.number().int(),
    }),
  ),
});

export const ZCase = ZCaseSummary.extend({
  intakeSource: z.enum(INTAKE_SOURCES),
  intakeNotes: z.string().nullable(),
  admittedAt: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  terminationReason: z.enum(TERMINATION_REASONS).nullable(),
  terminatedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  stages: z.array(
    z.object({
      from: ZCaseStage.nullable(),
      to: ZCaseStage,
      at: ZTimestamp,
      by: z.string().nullable(),
      isOverride: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  assessments: z.array(
    z.object({
      id: ZUuid,
      assessedOn: z.string(),
      riskLevel: z.enum(RISK_LEVELS),
      functioningScore: z.number().int(),
      needs: z.string().nullable(),
      strengths: z.string().nullable(),
      answers: z.record(z.string(), z.unknown()),
    }),
  ),
  plan: ZPlanView.nullable().describe(
    'The latest plan version (a draft awaiting approval, or the approved one)',
  ),
  approvedPlan: ZPlanView.nullable().describe('The approved plan that governs services now'),
  planHistory: z.array(
    z.object({
      planNo: z.number().int(),
      status: z.enum(['draft', 'approved', 'superseded']),
      createdBy: z.string().nullable(),
      approvedBy: z.string().nullable(),
      approvedAt: ZTimestamp.nullable(),
    }),
  ),
  services: z.array(
    z.object({
      id: ZUuid,
      serviceCode: z.string(),
      planItemId: ZUuid.nullable(),
      deliveredOn: z.string(),
      quantity: z.number().int(),
      costRupiah: z.number().int(),
      notes: z.string().nullable(),
      worker: z.string().nullable(),
    }),
  ),
  notes: z.array(
    z.object({
      id: ZUuid,
      body: z.string(),
      isConfidential: z.boolean(),
      author: z.string().nullable(),
      at: ZTimestamp,
    }),
  ),
  tasks: z.array(
    z.object({
      id: ZUuid,
      kind: z.enum(TASK_KINDS),
      title: z.string(),
      dueOn: z.string(),
      assignee: z.string().nullable(),
      doneAt: ZTimestamp.nullable(),
      overdue: z.boolean(),
      version: z.number().int(),
    }),
  ),
  nextStage: ZCaseStage.nullable(),
  missingForNext: z.array(z.string()).describe('What must be recorded before moving to the next stage'),
  version: z.number().int(),
});
export type TCase = z.infer<typeof ZCase>;

export const ZAssessmentFormDef = z
  .object({
    id: ZUuid,
    code: z.string(),
    formVersion: z.number().int(),
    title: z.string(),
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    domains: z.array(z.object({ key: z.string(), id: z.string(), en: z.string() })),
  })
  .describe('The active assessment form: its structure is data, so it can evolve without a release');
export type TAssessmentFormDef = z.infer<typeof ZAssessmentFormDef>;

export const ZCaseWorkers = z.object({
  items: z.array(
    z.object({ id: ZUuid, displayName: z.string(), role: z.enum(['kepala_upt', 'pekerja_sosial']) }),
  ),
});
export type TCaseWorkers = z.infer<typeof ZCaseWorkers>;
export const ZAssignCaseRequest = z
  .object({ workerId: ZUuid, version: z.number().int().positive() })
  .strict();
