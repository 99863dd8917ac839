import { z } from 'zod';
import { TERMINATION_REASONS } from './cases.ts';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';
import { ZIsoDate } from './people.ts';

// Follow-up until independent (issue 6): income surveys, their schedule per case, regional minimum wages,
// the roadmap ladder (levels with configurable criteria) and each person's milestones.

export const SURVEY_KINDS = ['intake', 'termination', 'followup', 'adhoc'] as const;
export const ZSurveyKind = z.enum(SURVEY_KINDS).describe('When in the case the survey was taken');
export type TSurveyKind = z.infer<typeof ZSurveyKind>;
export const WORK_STATUSES = [
  'employed',
  'self_employed',
  'casual',
  'unemployed',
  'not_in_labour_force',
] as const;
export const HOUSING_KINDS = ['own', 'rent', 'family', 'institution', 'shelter', 'street'] as const;
export const CHILDREN_IN_SCHOOL = ['all', 'some', 'none', 'not_applicable'] as const;
/** The income sources of a survey; monthly income is their sum, computed by the server. */
export const INCOME_SOURCES = ['wages', 'business', 'transfers', 'aid', 'outlet', 'other'] as const;
export type TIncomeSource = (typeof INCOME_SOURCES)[number];

/** Whole Rupiah. The sign is checked by the server (SURVEY_AMOUNT_NEGATIVE names the fields). */
const amount = z.number().int().max(1_000_000_000_000).describe('Rupiah per month, whole, not negative');
const optionalAmount = amount.nullable().optional();

const ZSurveyFields = z.object({
  surveyedOn: ZIsoDate.describe('Date of the survey; not in the future, not before birth or intake'),
  kind: ZSurveyKind,
  incomeWages: amount.default(0).describe('Wages and salaries, per month'),
  incomeBusiness: amount.default(0).describe('Own business profit, per month'),
  incomeTransfers: amount.default(0).describe('Money from family (remittances), per month'),
  incomeAid: amount.default(0).describe('Social assistance (PKH, BPNT, BLT …), per month'),
  incomeOutlet: amount
    .default(0)
    .describe('Earnings from sales in a unit outlet (Sentra Kreasi ATENSI); the outlet module fills it'),
  incomeOther: amount.default(0).describe('Other income, per month'),
  workStatus: z.enum(WORK_STATUSES).describe('Work status'),
  hasBusiness: z.boolean().default(false).describe('Runs a business'),
  businessTurnover: optionalAmount.describe('Monthly business turnover (omset)'),
  businessEmployees: z.number().int().max(10_000).nullable().optional().describe('People employed'),
  savings: optionalAmount.describe('Savings, Rupiah'),
  hasBankAccount: z.boolean().default(false).describe('Has a bank or savings account'),
  housing: z.enum(HOUSING_KINDS).describe('Where the person lives'),
  socialFunctioningScore: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('Social-functioning score, same 0–100 scale as the assessment'),
  hasNik: z.boolean().describe('Has a NIK / e-KTP'),
  hasKk: z.boolean().describe('In a family card (KK)'),
  hasBirthCertificate: z.boolean().describe('Has a birth certificate'),
  hasHealthInsurance: z.boolean().describe('Enrolled in health insurance (PBI-JK / BPJS Kesehatan)'),
  childrenInSchool: z.enum(CHILDREN_IN_SCHOOL).describe('School-age children in school'),
  notes: z.string().trim().max(4000).nullable().optional(),
});

export const ZCreateSurveyRequest = ZSurveyFields.extend({
  caseId: ZUuid.describe("A case of the caller's unit; the person is the case's"),
}).strict();
export type TCreateSurveyRequest = z.input<typeof ZCreateSurveyRequest>;

export const ZUpdateSurveyRequest = ZSurveyFields.extend({
  version: z.number().int().positive().describe('The version read (409 when someone changed it since)'),
}).strict();
export type TUpdateSurveyRequest = z.input<typeof ZUpdateSurveyRequest>;

export const ZDeleteSurveyQuery = z
  .object({ version: z.coerce.number().int().positive().describe('The version read') })
  .strict();

export const ZSurvey = z.object({
  id: ZUuid,
  personId: ZUuid,
  caseId: ZUuid,
  caseNo: z.string().nullable().describe('Null when the case belongs to a unit the caller cannot see'),
  unit: ZUnitRef,
  surveyedOn: z.string(),
  kind: ZSurveyKind,
  monthlyIncome: z.number().int().describe('Sum of the sources'),
  incomeWages: z.number().int(),
  incomeBusiness: z.number().int(),
  incomeTransfers: z.number().int(),
  incomeAid: z.number().int(),
  incomeOutlet: z.number().int(),
  incomeOther: z.number().int(),
  workStatus: z.enum(WORK_STATUSES),
  hasBusiness: z.boolean(),
  businessTurnover: z.number().int().nullable(),
  businessEmployees: z.number().int().nullable(),
  savings: z.number().int().nullable(),
  hasBankAccount: z.boolean(),
  housing: z.enum(HOUSING_KINDS),
  socialFunctioningScore: z.number().int().nullable(),
  hasNik: z.boolean(),
  hasKk: z.boolean(),
  hasBirthCertificate: z.boolean(),
  hasHealthInsurance: z.boolean(),
  childrenInSchool: z.enum(CHILDREN_IN_SCHOOL),
  notes: z.string().nullable(),
  recordedBy: z.string().nullable(),
  canEdit: z.boolean().describe("The caller's unit recorded it (only that unit edits it)"),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TSurvey = z.infer<typeof ZSurvey>;

export const ZSurveyList = z.object({ items: z.array(ZSurvey).describe('Newest first') });
export type TSurveyList = z.infer<typeof ZSurveyList>;

/** What deleting a survey changed on the roadmap. */
export const ZRoadmapChange = z.object({
  level: z.number().int().nullable().describe("The person's level now; null when no level is reached"),
  reached: z.array(z.number().int()).describe('Levels newly reached by this change'),
  revoked: z.array(z.number().int()).describe('Levels whose milestone this change revoked'),
});
export type TRoadmapChange = z.infer<typeof ZRoadmapChange>;

/** What saving a survey changed on the roadmap (so the form can say "reached level 3"). */
export const ZSurveySaved = z.object({
  survey: ZSurvey,
  level: z.number().int().nullable().describe("The person's level now; null when no level is reached"),
  reached: z.array(z.number().int()).describe('Levels newly reached by this change'),
  revoked: z.array(z.number().int()).describe('Levels whose milestone this change revoked'),
  fulfilledScheduleId: ZUuid.nullable().describe('The schedule entry this survey fulfilled'),
});
export type TSurveySaved = z.infer<typeof ZSurveySaved>;

// ── Schedule ──

export const ZScheduleStatus = z.enum(['done', 'overdue', 'due', 'upcoming']);
export const ZScheduleEntry = z.object({
  id: ZUuid,
  caseId: ZUuid,
  kind: ZSurveyKind,
  dueOn: z.string(),
  status: ZScheduleStatus.describe('due: within 14 days; overdue: past due and not done'),
  surveyId: ZUuid.nullable(),
  surveyedOn: z.string().nullable(),
  taskId: ZUuid.nullable(),
  version: z.number().int(),
});
export type TScheduleEntry = z.infer<typeof ZScheduleEntry>;

export const ZCaseSchedule = z.object({
  caseId: ZUuid,
  items: z.array(ZScheduleEntry).describe('By due date'),
  canEdit: z.boolean(),
});
export type TCaseSchedule = z.infer<typeof ZCaseSchedule>;

export const ZPutScheduleRequest = z
  .object({
    items: z
      .array(
        z
          .object({
            id: ZUuid.optional().describe('An existing open entry; absent for a new one'),
            version: z.number().int().positive().optional().describe('Required with id'),
            kind: ZSurveyKind,
            dueOn: ZIsoDate,
          })
          .strict(),
      )
      .max(40)
      .describe('The open entries wanted; open entries not listed are removed (done ones stay)'),
  })
  .strict();
export type TPutScheduleRequest = z.input<typeof ZPutScheduleRequest>;

export const ZDueSurveysQuery = z
  .object({
    overdue: z.enum(['true', 'false']).optional().describe('true: only past due'),
    worker: z.union([ZUuid, z.literal('me')]).optional(),
    withinDays: z.coerce
      .number()
      .int()
      .min(0)
      .max(366)
      .default(30)
      .describe('Due up to this many days ahead'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const ZDueSurvey = z.object({
  scheduleId: ZUuid,
  caseId: ZUuid,
  caseNo: z.string(),
  person: z.object({ id: ZUuid, fullName: z.string() }),
  worker: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  kind: ZSurveyKind,
  dueOn: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number().int().describe('0 when not yet due'),
  taskId: ZUuid.nullable(),
});
export type TDueSurvey = z.infer<typeof ZDueSurvey>;
export const ZDueSurveyList = z.object({ items: z.array(ZDueSurvey), total: z.number().int() });
export type TDueSurveyList = z.infer<typeof ZDueSurveyList>;

// ── Minimum wages (UMP per province, UMK per regency) ──

export const ZMinimumWage = z.object({
  id: ZUuid,
  provinceCode: z.string(),
  provinceName: z.string().nullable(),
  regencyCode: z.string().nullable().describe('Null for the provincial wage (UMP)'),
  regencyName: z.string().nullable(),
  kind: z.enum(['UMP', 'UMK']),
  year: z.number().int(),
  amountRupiah: z.number().int(),
  source: z.string().nullable(),
  version: z.number().int(),
  updatedAt: ZTimestamp,
});
export type TMinimumWage = z.infer<typeof ZMinimumWage>;

export const ZMinimumWageQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .describe('Province code, 2 digits'),
  })
  .strict();
export const ZMinimumWageList = z.object({ items: z.array(ZMinimumWage) });
export type TMinimumWageList = z.infer<typeof ZMinimumWageList>;

export const ZPutMinimumWageRequest = z
  .object({
    provinceCode: z.string().regex(/^\d{2}$/),
    regencyCode: z
      .string()
      .regex(/^\d{2}\.\d{2}$/)
      .nullable()
      .default(null)
      .describe('Regency code (e.g. 33.72) for a UMK; null for the UMP'),
    year: z.number().int().min(2000).max(2100),
    amountRupiah: z.number().int().min(1).max(1_000_000_000),
    source: z.string().trim().min(3).max(500).describe('Where the figure comes from (decree, URL)'),
    version: z.number().int().min(0).describe('The version read; 0 to add a new one'),
  })
  .strict();
export type TPutMinimumWageRequest = z.input<typeof ZPutMinimumWageRequest>;

export const ZMinimumWageLookupQuery = z
  .object({ person: ZUuid, date: ZIsoDate.optional().describe('Default today') })
  .strict();
export const ZMinimumWageLookup = z.object({
  status: z.enum(['found', 'no_area', 'no_wage']).describe('no_area/no_wage: cannot be assessed'),
  kind: z.enum(['UMP', 'UMK']).nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  year: z.number().int(),
  amountRupiah: z.number().int().nullable(),
});
export type TMinimumWageLookup = z.infer<typeof ZMinimumWageLookup>;

// ── Roadmap ladder ──

export const CRITERION_KINDS = [
  'assessment_recorded',
  'plan_approved',
  'basic_needs_met',
  'has_identity',
  'health_insurance',
  'stable_living',
  'functioning_improved',
  'training_completed',
  'work_or_business',
  'bank_account',
  'income_at_least',
  'no_social_assistance',
  'level_holds',
  'terminated_with_reason',
  'followups_done',
] as const;
export type TCriterionKind = (typeof CRITERION_KINDS)[number];

/** A criterion of a level: a kind and its parameters. Every criterion of a level must hold. */
export const ZCriterion = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('assessment_recorded') })
    .strict()
    .describe('An assessment with a baseline social-functioning score'),
  z
    .object({ kind: z.literal('plan_approved') })
    .strict()
    .describe('An approved intervention plan'),
  z
    .object({ kind: z.literal('basic_needs_met') })
    .strict()
    .describe('Latest survey: housed (not street), in a KK, school-age children all in school'),
  z
    .object({ kind: z.literal('has_identity'), allowOpenTask: z.boolean().default(true) })
    .strict()
    .describe('Has a NIK/KTP, or (allowOpenTask) a document task to get one'),
  z
    .object({ kind: z.literal('health_insurance') })
    .strict()
    .describe('Latest survey: health insurance'),
  z
    .object({
      kind: z.literal('stable_living'),
      housing: z.array(z.enum(HOUSING_KINDS)).min(1).default(['own', 'rent', 'family']),
    })
    .strict()
    .describe('Back with family or stable in a community: latest survey housing in the list'),
  z
    .object({
      kind: z.literal('functioning_improved'),
      bands: z.number().int().min(1).max(5).default(1),
      bandWidth: z.number().int().min(5).max(50).default(20),
    })
    .strict()
    .describe('Latest survey score at least `bands` bands (of bandWidth points) above the baseline'),
  z
    .object({
      kind: z.literal('training_completed'),
      serviceCodes: z.array(z.string().min(1).max(40)).max(20).default(['vokasional_kewirausahaan']),
    })
    .strict()
    .describe('A training completed, or coaching delivered as one of these case services'),
  z
    .object({ kind: z.literal('work_or_business') })
    .strict()
    .describe('Latest survey: work or a business'),
  z
    .object({ kind: z.literal('bank_account') })
    .strict()
    .describe('Latest survey: a bank account'),
  z
    .object({
      kind: z.literal('income_at_least'),
      ratio: z.number().min(0.1).max(5),
      consecutive: z.number().int().min(1).max(12).default(1),
    })
    .strict()
    .describe('Income ≥ ratio × minimum wage in the last `consecutive` surveys'),
  z
    .object({ kind: z.literal('no_social_assistance'), surveys: z.number().int().min(1).max(12).default(1) })
    .strict()
    .describe('No social assistance income in the last `surveys` surveys'),
  z
    .object({ kind: z.literal('level_holds'), level: z.number().int().min(0).max(20) })
    .strict()
    .describe("Another level's criteria still hold"),
  z
    .object({
      kind: z.literal('terminated_with_reason'),
      reasons: z.array(z.enum(TERMINATION_REASONS)).min(1).default(['mandiri']),
    })
    .strict()
    .describe('A case terminated with one of these reasons'),
  z
    .object({
      kind: z.literal('followups_done'),
      months: z.array(z.number().int().min(1).max(36)).min(1).max(12).default([3, 6, 12]),
      toleranceDays: z.number().int().min(0).max(90).default(45),
    })
    .strict()
    .describe('After termination, a survey near each of these months'),
]);
export type TCriterion = z.infer<typeof ZCriterion>;

export const ZRoadmapLevel = z.object({
  level: z.number().int().min(0).max(20),
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  criteria: z.array(ZCriterion),
  isIndependence: z.boolean().describe('Reaching it sets the date of independence (mandiri)'),
  isGraduation: z.boolean().describe('The top of the ladder: graduated (mentas)'),
  version: z.number().int(),
  updatedAt: ZTimestamp,
});
export type TRoadmapLevel = z.infer<typeof ZRoadmapLevel>;
export const ZRoadmapLevelList = z.object({
  items: z.array(ZRoadmapLevel),
  criterionKinds: z.array(z.enum(CRITERION_KINDS)),
});
export type TRoadmapLevelList = z.infer<typeof ZRoadmapLevelList>;

export const ZPutRoadmapLevelsRequest = z
  .object({
    levels: z
      .array(
        z
          .object({
            level: z.number().int().min(0).max(20),
            code: z
              .string()
              .trim()
              .regex(/^[a-z][a-z0-9_]{1,39}$/),
            nameId: z.string().trim().min(2).max(100),
            nameEn: z.string().trim().min(2).max(100),
            criteria: z.array(ZCriterion).min(1).max(20),
            isIndependence: z.boolean().default(false),
            isGraduation: z.boolean().default(false),
            version: z.number().int().min(0).describe('The version read; 0 for a new level'),
          })
          .strict(),
      )
      .min(1)
      .max(21)
      .describe('The whole ladder: levels 0..n in order, the last one the graduation'),
  })
  .strict();
export type TPutRoadmapLevelsRequest = z.input<typeof ZPutRoadmapLevelsRequest>;

// ── A person's roadmap ──

export const ZCriterionStatus = z
  .enum(['met', 'not_met', 'unknown'])
  .describe('unknown: cannot be assessed (e.g. no minimum wage for the area and year)');
export const ZCriterionResult = z.object({
  criterion: ZCriterion,
  status: ZCriterionStatus,
  evidence: z
    .object({
      surveyIds: z.array(ZUuid).describe('Surveys whose values met (or failed) it'),
      values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    })
    .describe('What the judgement rests on'),
});
export type TCriterionResult = z.infer<typeof ZCriterionResult>;

export const ZMilestone = z.object({
  id: ZUuid,
  level: z.number().int(),
  reachedOn: z.string(),
  evidence: z.array(ZCriterionResult),
  revokedAt: ZTimestamp.nullable().describe('A later correction means it was never met'),
  createdAt: ZTimestamp,
});
export type TMilestone = z.infer<typeof ZMilestone>;

export const ZPersonRoadmap = z.object({
  person: z.object({ id: ZUuid, fullName: z.string(), provinceCode: z.string().nullable() }),
  level: z.number().int().nullable().describe('Current level; null before level 0 is reached'),
  independentOn: z.string().nullable(),
  graduatedOn: z.string().nullable(),
  levels: z.array(
    z.object({
      level: z.number().int(),
      code: z.string(),
      nameId: z.string(),
      nameEn: z.string(),
      isIndependence: z.boolean(),
      isGraduation: z.boolean(),
      status: z
        .enum(['holds', 'lost', 'not_reached'])
        .describe('holds: reached and still met; lost: reached once, not met now'),
      reachedOn: z.string().nullable(),
      criteria: z.array(ZCriterionResult).describe('As of today'),
    }),
  ),
  next: z
    .object({ level: z.number().int(), missing: z.array(ZCriterionResult) })
    .nullable()
    .describe('What is still missing for the next level; null at the top'),
  milestones: z.array(ZMilestone).describe('Including revoked ones, newest first'),
  incomeSeries: z.array(
    z.object({
      surveyId: ZUuid,
      surveyedOn: z.string(),
      monthlyIncome: z.number().int(),
      minimumWage: z.number().int().nullable().describe('For the survey date; null: cannot be assessed'),
      minimumWageKind: z.enum(['UMP', 'UMK']).nullable(),
    }),
  ),
});
export type TPersonRoadmap = z.infer<typeof ZPersonRoadmap>;
