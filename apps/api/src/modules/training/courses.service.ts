// The course catalogue with, next to each course, the income change of its graduates (from surveys).
import type {
  TCourse,
  TCourseList,
  TCourseOutcome,
  TCreateCourseRequest,
  TUpdateCourseRequest,
} from '@atensi/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { course } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { invalid } from './checks.ts';

type CourseRow = typeof course.$inferSelect;

const NO_OUTCOME: TCourseOutcome = {
  graduates: 0,
  after3Months: { count: 0, medianChange: null },
  after6Months: { count: 0, medianChange: null },
};

function toCourse(r: CourseRow, outcome: TCourseOutcome = NO_OUTCOME): TCourse {
  return {
    code: r.code,
    kind: r.kind as TCourse['kind'],
    nameId: r.nameId,
    nameEn: r.nameEn,
    descriptionId: r.descriptionId,
    descriptionEn: r.descriptionEn,
    hours: r.hours,
    competenciesId: r.competenciesId,
    competenciesEn: r.competenciesEn,
    isActive: r.isActive,
    version: r.version,
    outcome,
  };
}

type OutcomeRow = {
  course_code: string;
  graduates: number;
  n3: number;
  m3: number | null;
  n6: number;
  m6: number | null;
};

/**
 * Per course, the graduates (completed enrolments) within the caller's scope, and the change of their
 * monthly income: the last survey on or before completion against the first survey at or after completion
 * plus 3 (and 6) months. Median over the graduates who have both surveys; `count` says how many.
 */
export async function courseOutcomes(ctx: Ctx): Promise<Map<string, TCourseOutcome>> {
  const unitFilter =
    ctx.scope === 'all'
      ? sql``
      : sql`and k.unit_id = ${ctx.actor.unitId ?? null}::uuid and e.unit_id = k.unit_id`;
  const rows = await queryRows<OutcomeRow>(
    ctx.db,
    sql`with grads as (
          select e.person_id, k.course_code, e.completed_on
          from training_enrolment e join training_cohort k on k.id = e.cohort_id
          where e.status = 'completed' ${unitFilter}
        ), measured as (
          select g.course_code,
            (select s.monthly_income from survey s
              where s.person_id = g.person_id and s.surveyed_on <= g.completed_on
              order by s.surveyed_on desc, s.created_at desc limit 1) as before,
            (select s.monthly_income from survey s
              where s.person_id = g.person_id and s.surveyed_on >= (g.completed_on + interval '3 months')::date
              order by s.surveyed_on, s.created_at limit 1) as after3,
            (select s.monthly_income from survey s
              where s.person_id = g.person_id and s.surveyed_on >= (g.completed_on + interval '6 months')::date
              order by s.surveyed_on, s.created_at limit 1) as after6
          from grads g
        )
        select course_code, count(*)::int as graduates,
          count(after3 - before)::int as n3,
          percentile_cont(0.5) within group (order by (after3 - before)::float8) as m3,
          count(after6 - before)::int as n6,
          percentile_cont(0.5) within group (order by (after6 - before)::float8) as m6
        from measured group by course_code`,
  );
  const median = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return new Map(
    rows.map((r) => [
      r.course_code,
      {
        graduates: Number(r.graduates),
        after3Months: { count: Number(r.n3), medianChange: Number(r.n3) ? median(r.m3) : null },
        after6Months: { count: Number(r.n6), medianChange: Number(r.n6) ? median(r.m6) : null },
      },
    ]),
  );
}

export async function listCourses(ctx: Ctx): Promise<TCourseList> {
  const rows = await ctx.db
    .select()
    .from(course)
    .orderBy(asc(course.kind), asc(course.sortOrder), asc(course.code));
  const outcomes = await courseOutcomes(ctx);
  return { items: rows.map((r) => toCourse(r, outcomes.get(r.code))) };
}

function checkCompetencies(ctx: Ctx, input: { competenciesId: string[]; competenciesEn: string[] }) {
  if (input.competenciesId.length !== input.competenciesEn.length)
    throw invalid(
      ctx,
      'competenciesEn',
      'count_mismatch',
      'jumlah kompetensi harus sama dengan versi Bahasa Indonesia',
      'must list as many competencies as the Indonesian version',
    );
}

export async function createCourse(ctx: Ctx, input: TCreateCourseRequest): Promise<TCourse> {
  checkCompetencies(ctx, input);
  const taken = await ctx.db.select({ code: course.code }).from(course).where(eq(course.code, input.code));
  if (taken.length) throw new AppError('COURSE_CODE_TAKEN');
  const [max] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select coalesce(max(sort_order), 0)::int as n from course`,
  );
  const [row] = await ctx.db
    .insert(course)
    .values({
      code: input.code,
      kind: input.kind,
      nameId: input.nameId,
      nameEn: input.nameEn,
      descriptionId: input.descriptionId ?? null,
      descriptionEn: input.descriptionEn ?? null,
      hours: input.hours,
      competenciesId: input.competenciesId,
      competenciesEn: input.competenciesEn,
      isActive: input.isActive ?? true,
      sortOrder: (max?.n ?? 0) + 1,
      source: `added by ${ctx.actor.username}`,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL');
  return toCourse(row);
}

export async function updateCourse(ctx: Ctx, code: string, input: TUpdateCourseRequest): Promise<TCourse> {
  checkCompetencies(ctx, input);
  const [cur] = await ctx.db.select().from(course).where(eq(course.code, code)).for('update');
  if (!cur) throw new AppError('NOT_FOUND');
  if (cur.version !== input.version) throw new AppError('CONFLICT');
  const [row] = await ctx.db
    .update(course)
    .set({
      kind: input.kind,
      nameId: input.nameId,
      nameEn: input.nameEn,
      descriptionId: input.descriptionId ?? null,
      descriptionEn: input.descriptionEn ?? null,
      hours: input.hours,
      competenciesId: input.competenciesId,
      competenciesEn: input.competenciesEn,
      isActive: input.isActive ?? cur.isActive,
      version: cur.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(course.code, code), eq(course.version, cur.version)))
    .returning();
  if (!row) throw new AppError('CONFLICT');
  const outcomes = await courseOutcomes(ctx);
  return toCourse(row, outcomes.get(row.code));
}
