import { z } from 'zod';
import { APPROACHES } from './cases.ts';
import { ZUuid } from './common.ts';
import { ZIsoDate } from './people.ts';

// Outcomes for units and headquarters (issue 6): how far the people followed up have come, per unit,
// cluster or approach. A case counts once it has at least one survey ("followed up"); the period filters
// on the case's intake date.

export const OUTCOME_GROUPS = ['unit', 'cluster', 'approach'] as const;

export const ZOutcomesQuery = z
  .object({
    unit: ZUuid.optional().describe('Only this unit (a unit user always sees only their own)'),
    cluster: z.string().trim().min(1).max(40).optional().describe('Only cases of this cluster'),
    approach: z.enum(APPROACHES).optional().describe('Only cases using this approach'),
    from: ZIsoDate.optional().describe('Intake on or after this date'),
    to: ZIsoDate.optional().describe('Intake on or before this date'),
    groupBy: z.enum(OUTCOME_GROUPS).default('unit').describe('One row per unit, cluster or approach'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type TOutcomesQuery = z.input<typeof ZOutcomesQuery>;

export const ZOutcomesExportQuery = z
  .object({
    unit: ZUuid.optional(),
    cluster: z.string().trim().min(1).max(40).optional(),
    approach: z.enum(APPROACHES).optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    groupBy: z.enum(OUTCOME_GROUPS).default('unit'),
    lang: z.enum(['id', 'en']).optional().describe('Language of the sheet (default: the request language)'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type TOutcomesExportQuery = z.input<typeof ZOutcomesExportQuery>;

const ZMedian = z
  .number()
  .nullable()
  .describe('Median (the mean of the two middle values when even); null if none');

export const ZOutcomeFigures = z.object({
  key: z.string().describe('Unit id, cluster code, approach, or "total"'),
  label: z.string().describe('Unit name, cluster name, approach, or the total'),
  followed: z.number().int().describe('Cases with at least one survey'),
  medianFirstIncome: ZMedian.describe('Median monthly income at the first survey (Rupiah)'),
  medianLatestIncome: ZMedian.describe('Median monthly income at the latest survey (Rupiah)'),
  levels: z
    .array(z.object({ level: z.number().int(), count: z.number().int(), share: z.number() }))
    .describe('Followed-up cases at each roadmap level (share of followed, 0–1)'),
  independent: z.number().int().describe('Cases that reached independence (mandiri)'),
  graduated: z.number().int().describe('Cases that graduated (mentas)'),
  graduatedShare: z.number().describe('graduated / followed, 0–1 (0 when none followed)'),
  medianDaysToIndependence: ZMedian.describe('Median days from intake to independence'),
  overdue: z.number().int().describe('Scheduled surveys past their due date and not yet done'),
});
export type TOutcomeFigures = z.infer<typeof ZOutcomeFigures>;

export const ZOutcomesResponse = z.object({
  asOf: ZIsoDate.describe('Today: overdue is counted against this date'),
  groupBy: z.enum(OUTCOME_GROUPS),
  ladder: z
    .array(z.object({ level: z.number().int(), nameId: z.string(), nameEn: z.string() }))
    .describe('The roadmap levels, in order'),
  rows: z.array(ZOutcomeFigures),
  total: ZOutcomeFigures,
  trend: z
    .array(
      z.object({
        month: z.string().describe('YYYY-MM'),
        intake: z.number().int().describe('Followed-up cases taken in that month'),
        independent: z.number().int().describe('Cases that reached independence that month'),
        graduated: z.number().int().describe('Cases that graduated that month'),
      }),
    )
    .describe('The last 24 months (ending with the month of `to`, or this month)'),
  method: z
    .enum(['tally', 'cases'])
    .describe(
      'tally: summed from the exact counts kept per unit and group of cases (cluster, approach, intake period); cases: aggregated from the cases, for filter combinations no group covers',
    ),
});
export type TOutcomesResponse = z.infer<typeof ZOutcomesResponse>;
