// Follow-up surveys: record, read, correct and delete, each change recomputing the person's roadmap and the
// case's progress in the same transaction.
import {
  INCOME_SOURCES,
  type TCreateSurveyRequest,
  type TErrorDetail,
  type TSurvey,
  type TSurveyList,
  type TSurveySaved,
  type TUpdateSurveyRequest,
  ZCreateSurveyRequest,
  ZUpdateSurveyRequest,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { isFutureInIndonesia } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { findSurvey, listPersonSurveys, type SurveyRow } from './followup.repository.ts';
import { personOr404, recomputePerson } from './roadmap.service.ts';
import {
  assertOwnUnit,
  ensureDefaultSchedule,
  fulfilSchedule,
  loadCase,
  releaseSchedule,
} from './schedule.service.ts';

type Fields = z.output<typeof ZCreateSurveyRequest>;

const SOURCE_FIELD = {
  wages: 'incomeWages',
  business: 'incomeBusiness',
  transfers: 'incomeTransfers',
  aid: 'incomeAid',
  outlet: 'incomeOutlet',
  other: 'incomeOther',
} as const;
const AMOUNT_FIELDS = [
  ...Object.values(SOURCE_FIELD),
  'businessTurnover',
  'savings',
  'businessEmployees',
] as const;

const n = (v: string | number | null) => (v === null ? null : Number(v));

export function toSurvey(ctx: Ctx, r: SurveyRow): TSurvey {
  return {
    id: r.id,
    personId: r.person_id,
    caseId: r.case_id,
    caseNo: r.case_no,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    surveyedOn: r.surveyed_on,
    kind: r.kind as TSurvey['kind'],
    monthlyIncome: Number(r.monthly_income),
    incomeWages: Number(r.income_wages),
    incomeBusiness: Number(r.income_business),
    incomeTransfers: Number(r.income_transfers),
    incomeAid: Number(r.income_aid),
    incomeOutlet: Number(r.income_outlet),
    incomeOther: Number(r.income_other),
    workStatus: r.work_status as TSurvey['workStatus'],
    hasBusiness: r.has_business,
    businessTurnover: n(r.business_turnover),
    businessEmployees: r.business_employees,
    savings: n(r.savings),
    hasBankAccount: r.has_bank_account,
    housing: r.housing as TSurvey['housing'],
    socialFunctioningScore: r.social_functioning_score,
    hasNik: r.has_nik,
    hasKk: r.has_kk,
    hasBirthCertificate: r.has_birth_certificate,
    hasHealthInsurance: r.has_health_insurance,
    childrenInSchool: r.children_in_school as TSurvey['childrenInSchool'],
    notes: r.notes,
    recordedBy: r.recorded_by,
    canEdit: ctx.actor.unitId === r.unit_id,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function detail(ctx: Ctx, field: string, issue: string, id: string, en: string): TErrorDetail {
  return { field, issue, message: `${field}: ${ctx.meta.lang === 'id' ? id : en}` };
}

/** The checks zod cannot make alone; each refusal has its own code and names the field. */
function validate(ctx: Ctx, f: Omit<Fields, 'caseId'>, birthDate: string | null, intakeDate: string) {
  const negative = AMOUNT_FIELDS.filter((k) => {
    const v = f[k];
    return typeof v === 'number' && v < 0;
  });
  if (negative.length)
    throw new AppError('SURVEY_AMOUNT_NEGATIVE', {
      details: negative.map((k) => detail(ctx, k, 'negative', 'tidak boleh negatif', 'must not be negative')),
    });
  const score = f.socialFunctioningScore;
  if (score !== null && score !== undefined && (score < 0 || score > 100))
    throw new AppError('SURVEY_SCORE_OUT_OF_SCALE', {
      details: [detail(ctx, 'socialFunctioningScore', 'out_of_scale', 'harus 0–100', 'must be 0–100')],
    });
  if (isFutureInIndonesia(f.surveyedOn))
    throw new AppError('SURVEY_DATE_FUTURE', {
      details: [detail(ctx, 'surveyedOn', 'in_future', 'di masa depan', 'is in the future')],
    });
  if (birthDate && f.surveyedOn < birthDate)
    throw new AppError('SURVEY_BEFORE_BIRTH', {
      details: [
        detail(ctx, 'surveyedOn', 'before_birth', 'sebelum tanggal lahir', 'is before the date of birth'),
      ],
    });
  // Surveys continue after termination and closing (after-care); only a date before intake is refused.
  if (f.surveyedOn < intakeDate)
    throw new AppError('SURVEY_BEFORE_INTAKE', {
      details: [
        detail(ctx, 'surveyedOn', 'before_intake', 'sebelum tanggal penerimaan', 'is before the intake date'),
      ],
    });
}

/** The column values of a survey; monthly income is the sum of the sources, computed here. */
function columns(f: Omit<Fields, 'caseId'>) {
  const monthly = INCOME_SOURCES.reduce((sum, s) => sum + f[SOURCE_FIELD[s]], 0);
  return sql`${f.surveyedOn}::date, ${f.kind}, ${monthly}, ${f.incomeWages}, ${f.incomeBusiness},
    ${f.incomeTransfers}, ${f.incomeAid}, ${f.incomeOutlet}, ${f.incomeOther}, ${f.workStatus}, ${f.hasBusiness},
    ${f.businessTurnover ?? null}::bigint, ${f.businessEmployees ?? null}::int, ${f.savings ?? null}::bigint,
    ${f.hasBankAccount}, ${f.housing}, ${f.socialFunctioningScore ?? null}::int, ${f.hasNik}, ${f.hasKk},
    ${f.hasBirthCertificate}, ${f.hasHealthInsurance}, ${f.childrenInSchool}, ${f.notes ?? null}`;
}
const COLUMN_NAMES = sql`surveyed_on, kind, monthly_income, income_wages, income_business, income_transfers,
  income_aid, income_outlet, income_other, work_status, has_business, business_turnover, business_employees,
  savings, has_bank_account, housing, social_functioning_score, has_nik, has_kk, has_birth_certificate,
  has_health_insurance, children_in_school, notes`;

async function saved(
  ctx: Ctx,
  surveyId: string,
  roadmap: { level: number | null; reached: number[]; revoked: number[] },
  fulfilledScheduleId: string | null,
): Promise<TSurveySaved> {
  const row = await findSurvey(ctx.db, surveyId);
  if (!row) throw new AppError('NOT_FOUND');
  return { survey: toSurvey(ctx, row), ...roadmap, fulfilledScheduleId };
}

export async function createSurvey(ctx: Ctx, input: TCreateSurveyRequest): Promise<TSurveySaved> {
  const f = ZCreateSurveyRequest.parse(input);
  const c = await loadCase(ctx, f.caseId, true);
  assertOwnUnit(ctx, c.unit_id);
  const person = await personOr404(ctx, c.person_id);
  validate(ctx, f, person.birth_date, c.intake_date);
  await ensureDefaultSchedule(ctx, c);
  const inserted = await queryRows<{ id: string }>(
    ctx.db,
    sql`insert into survey (person_id, case_id, unit_id, recorded_by, ${COLUMN_NAMES})
        values (${c.person_id}::uuid, ${c.id}::uuid, ${c.unit_id}::uuid, ${ctx.actor.userId}::uuid, ${columns(f)})
        returning id`,
  );
  const id = inserted[0]?.id ?? '';
  const fulfilled = await fulfilSchedule(ctx, c.id, { id, kind: f.kind, surveyedOn: f.surveyedOn });
  const roadmap = await recomputePerson(ctx, person, [c.id]);
  return saved(ctx, id, roadmap, fulfilled);
}

/** A survey the caller's unit recorded, locked for a change; 404 when invisible, 403 when another unit's. */
async function ownSurvey(ctx: Ctx, id: string): Promise<SurveyRow> {
  const row = await findSurvey(ctx.db, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  assertOwnUnit(ctx, row.unit_id);
  return row;
}

export async function updateSurvey(ctx: Ctx, id: string, input: TUpdateSurveyRequest): Promise<TSurveySaved> {
  const f = ZUpdateSurveyRequest.parse(input);
  const row = await ownSurvey(ctx, id);
  if (row.version !== f.version) throw new AppError('CONFLICT');
  const c = await loadCase(ctx, row.case_id);
  const person = await personOr404(ctx, row.person_id);
  validate(ctx, f, person.birth_date, c.intake_date);
  await ctx.db.execute(
    sql`update survey set (${COLUMN_NAMES}) = (${columns(f)}), version = version + 1, updated_at = now()
        where id = ${id}::uuid`,
  );
  const roadmap = await recomputePerson(ctx, person, [c.id]);
  return saved(ctx, id, roadmap, null);
}

export async function deleteSurvey(
  ctx: Ctx,
  id: string,
  version: number,
): Promise<{ level: number | null; reached: number[]; revoked: number[] }> {
  const row = await ownSurvey(ctx, id);
  if (row.version !== version) throw new AppError('CONFLICT');
  const person = await personOr404(ctx, row.person_id);
  await releaseSchedule(ctx, id);
  await ctx.db.execute(sql`delete from survey where id = ${id}::uuid`);
  return recomputePerson(ctx, person, [row.case_id]);
}

export async function getSurvey(ctx: Ctx, id: string): Promise<TSurvey> {
  const row = await findSurvey(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await auditRead(ctx, 'survey', id);
  return toSurvey(ctx, row);
}

export async function listSurveysOfPerson(ctx: Ctx, personId: string): Promise<TSurveyList> {
  const person = await personOr404(ctx, personId);
  const rows = await listPersonSurveys(ctx.db, person.id);
  await auditRead(ctx, 'survey', null, { personId: person.id, count: rows.length });
  return { items: rows.map((r) => toSurvey(ctx, r)) };
}
