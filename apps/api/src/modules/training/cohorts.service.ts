// Cohorts at a unit: open, change, list with search and paging, the whole cohort at a glance, and the unit's
// people who may be enrolled.
import type {
  TCandidates,
  TCohort,
  TCohortList,
  TCohortSummary,
  TCreateCohortRequest,
  TTrainingSession,
  TUpdateCohortRequest,
  ZCohortListQuery,
} from '@atensi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import { course, trainingCohort } from '../../db/schema.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { actorUnit, invalid } from './checks.ts';

export type CohortRow = typeof trainingCohort.$inferSelect;
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** Load a cohort the actor may see (service filter; row-level security applies again), optionally locked. */
export async function loadCohort(ctx: Ctx, id: string, lock = false): Promise<CohortRow> {
  const where =
    ctx.scope === 'all'
      ? eq(trainingCohort.id, id)
      : and(eq(trainingCohort.id, id), eq(trainingCohort.unitId, ctx.actor.unitId ?? NO_UNIT));
  const q = ctx.db.select().from(trainingCohort).where(where).limit(1);
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Only the unit that runs a cohort changes it (headquarters reads). */
export function assertOwnUnit(ctx: Ctx, c: CohortRow) {
  if (c.unitId !== ctx.actor.unitId) throw new AppError('FORBIDDEN');
}

type SummaryRow = {
  id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  course_code: string;
  course_name_id: string;
  course_name_en: string;
  course_kind: string;
  course_hours: number;
  starts_on: string;
  ends_on: string;
  trainer: string;
  place: string;
  capacity: number;
  notes: string | null;
  enrolled: number;
  completed: number;
  version: number;
  created_at: string | Date;
  total?: number;
};

const SUMMARY_SELECT = sql`select k.id, k.unit_id, u.code as unit_code, u.name as unit_name,
    k.course_code, c.name_id as course_name_id, c.name_en as course_name_en, c.kind as course_kind,
    c.hours as course_hours, k.starts_on::text as starts_on, k.ends_on::text as ends_on, k.trainer, k.place,
    k.capacity, k.notes, k.version, k.created_at,
    (select count(*)::int from training_enrolment e where e.cohort_id = k.id and e.status <> 'dropped') as enrolled,
    (select count(*)::int from training_enrolment e where e.cohort_id = k.id and e.status = 'completed') as completed
  from training_cohort k join unit u on u.id = k.unit_id join course c on c.code = k.course_code`;

function toSummary(r: SummaryRow): TCohortSummary {
  return {
    id: r.id,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    course: {
      code: r.course_code,
      nameId: r.course_name_id,
      nameEn: r.course_name_en,
      kind: r.course_kind as TCohortSummary['course']['kind'],
    },
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    trainer: r.trainer,
    place: r.place,
    capacity: r.capacity,
    enrolled: Number(r.enrolled),
    completed: Number(r.completed),
    version: r.version,
  };
}

export async function listCohorts(ctx: Ctx, q: z.infer<typeof ZCohortListQuery>): Promise<TCohortList> {
  const conds = [sql`true`];
  if (ctx.scope !== 'all') conds.push(sql`k.unit_id = ${ctx.actor.unitId ?? NO_UNIT}::uuid`);
  else if (q.unit) conds.push(sql`k.unit_id = ${q.unit}::uuid`);
  if (q.course) conds.push(sql`k.course_code = ${q.course}`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(
      sql`(c.name_id ilike ${like} or c.name_en ilike ${like} or k.trainer ilike ${like} or k.place ilike ${like})`,
    );
  }
  const rows = await queryRows<SummaryRow>(
    ctx.db,
    sql`select s.*, count(*) over ()::int as total from (${SUMMARY_SELECT} where ${sql.join(conds, sql` and `)}) s
        order by s.starts_on desc, s.id limit ${q.limit} offset ${q.offset}`,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (!rows.length && q.offset > 0) {
    const [n] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from (${SUMMARY_SELECT} where ${sql.join(conds, sql` and `)}) s`,
    );
    total = Number(n?.n ?? 0);
  }
  return { items: rows.map(toSummary), total };
}

type EnrolmentRow = {
  id: string;
  person_id: string;
  full_name: string | null;
  case_id: string;
  case_no: string | null;
  status: string;
  enrolled_on: string;
  score: number | null;
  passed: boolean | null;
  assessed_on: string | null;
  completed_on: string | null;
  certificate_code: string | null;
  attended: number;
  version: number;
};

/** The cohort with its people, sessions and attendance. Reading names of people is audited. */
export async function getCohort(ctx: Ctx, id: string, audit = true): Promise<TCohort> {
  await loadCohort(ctx, id);
  const [s] = await queryRows<SummaryRow>(ctx.db, sql`${SUMMARY_SELECT} where k.id = ${id}::uuid`);
  if (!s) throw new AppError('NOT_FOUND');
  const enrolments = await queryRows<EnrolmentRow>(
    ctx.db,
    sql`select e.id, e.person_id, p.full_name, e.case_id, cr.case_no, e.status, e.enrolled_on::text as enrolled_on,
          e.score, e.passed, e.assessed_on::text as assessed_on, e.completed_on::text as completed_on,
          e.certificate_code, e.version,
          (select count(*)::int from training_attendance a where a.enrolment_id = e.id and a.present) as attended
        from training_enrolment e
        left join person p on p.id = e.person_id
        left join case_record cr on cr.id = e.case_id
        where e.cohort_id = ${id}::uuid
        order by p.full_name, e.id`,
  );
  const sessions = await queryRows<{
    id: string;
    held_on: string;
    topic: string;
    hours: number;
    present: string[] | null;
    recorded: boolean;
  }>(
    ctx.db,
    sql`select ts.id, ts.held_on::text as held_on, ts.topic, ts.hours,
          (select array_agg(a.enrolment_id::text order by a.enrolment_id) from training_attendance a
            where a.session_id = ts.id and a.present) as present,
          exists (select 1 from training_attendance a where a.session_id = ts.id) as recorded
        from training_session ts where ts.cohort_id = ${id}::uuid order by ts.held_on, ts.created_at`,
  );
  if (audit) await auditRead(ctx, 'training_cohort', id, { people: enrolments.length });
  const summary = toSummary(s);
  return {
    ...summary,
    course: { ...summary.course, hours: s.course_hours },
    notes: s.notes,
    createdAt: new Date(s.created_at).toISOString(),
    enrolments: enrolments.map((e) => ({
      id: e.id,
      personId: e.person_id,
      fullName: e.full_name ?? '—',
      caseId: e.case_id,
      caseNo: e.case_no ?? '—',
      status: e.status as TCohort['enrolments'][number]['status'],
      enrolledOn: e.enrolled_on,
      score: e.score,
      passed: e.passed,
      assessedOn: e.assessed_on,
      completedOn: e.completed_on,
      certificateCode: e.certificate_code,
      sessionsAttended: Number(e.attended),
      version: e.version,
    })),
    sessions: sessions.map(
      (x): TTrainingSession => ({
        id: x.id,
        heldOn: x.held_on,
        topic: x.topic,
        hours: x.hours,
        present: x.present ?? [],
        recorded: Boolean(x.recorded),
      }),
    ),
  };
}

function checkDates(ctx: Ctx, startsOn: string, endsOn: string) {
  if (endsOn < startsOn)
    throw invalid(
      ctx,
      'endsOn',
      'before_start',
      'tidak boleh sebelum tanggal mulai',
      'cannot be before the start date',
    );
}

export async function createCohort(ctx: Ctx, input: TCreateCohortRequest): Promise<TCohort> {
  const unitId = actorUnit(ctx);
  checkDates(ctx, input.startsOn, input.endsOn);
  const [c] = await ctx.db.select().from(course).where(eq(course.code, input.courseCode));
  if (!c) throw invalid(ctx, 'courseCode', 'unknown', 'pelatihan tidak dikenal', 'unknown course');
  if (!c.isActive) throw new AppError('COURSE_INACTIVE');
  const [row] = await ctx.db
    .insert(trainingCohort)
    .values({
      unitId,
      courseCode: c.code,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      trainer: input.trainer,
      place: input.place,
      capacity: input.capacity,
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: trainingCohort.id });
  if (!row) throw new AppError('INTERNAL');
  return getCohort(ctx, row.id, false);
}

export async function updateCohort(ctx: Ctx, id: string, input: TUpdateCohortRequest): Promise<TCohort> {
  const cur = await loadCohort(ctx, id, true);
  assertOwnUnit(ctx, cur);
  if (cur.version !== input.version) throw new AppError('CONFLICT');
  checkDates(ctx, input.startsOn, input.endsOn);
  const [n] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from training_enrolment where cohort_id = ${id}::uuid and status <> 'dropped'`,
  );
  if (input.capacity < Number(n?.n ?? 0)) throw new AppError('COHORT_CAPACITY_TOO_LOW');
  await ctx.db
    .update(trainingCohort)
    .set({
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      trainer: input.trainer,
      place: input.place,
      capacity: input.capacity,
      notes: input.notes ?? null,
      version: cur.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(trainingCohort.id, id), eq(trainingCohort.version, cur.version)));
  return getCohort(ctx, id, false);
}

/** People with an open case at the cohort's unit, by name or case number; marks those already enrolled. */
export async function listCandidates(
  ctx: Ctx,
  cohortId: string,
  q: string | undefined,
): Promise<TCandidates> {
  const c = await loadCohort(ctx, cohortId);
  assertOwnUnit(ctx, c);
  const like = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const rows = await queryRows<{ person_id: string; full_name: string; case_no: string; enrolled: boolean }>(
    ctx.db,
    sql`select distinct on (p.full_name, p.id) p.id as person_id, p.full_name, cr.case_no,
          exists (select 1 from training_enrolment e where e.cohort_id = ${cohortId}::uuid and e.person_id = p.id) as enrolled
        from case_record cr join person p on p.id = cr.person_id
        where cr.unit_id = ${c.unitId}::uuid and cr.stage <> 'closed' and p.merged_into_id is null
          ${like ? sql`and (p.full_name ilike ${like} or cr.case_no ilike ${like})` : sql``}
        order by p.full_name, p.id, cr.intake_date desc
        limit 20`,
  );
  await auditRead(ctx, 'training_cohort', cohortId, { candidates: rows.length }, 'search');
  return {
    items: rows.map((r) => ({
      personId: r.person_id,
      fullName: r.full_name,
      caseNo: r.case_no,
      enrolled: Boolean(r.enrolled),
    })),
  };
}
