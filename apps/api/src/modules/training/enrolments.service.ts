// Running a cohort: enrolment (capacity held under a row lock), sessions and attendance, assessment,
// completion with a certificate code, dropping out, and the certificate's contents.
import { randomInt } from 'node:crypto';
import type {
  TAssessRequest,
  TAttendanceRequest,
  TCohort,
  TCompleteRequest,
  TEnrolRequest,
  TTrainingSessionRequest,
} from '@atensi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { trainingAttendance, trainingEnrolment, trainingSession } from '../../db/schema.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { invalid, notInFuture, today } from './checks.ts';
import { assertOwnUnit, type CohortRow, getCohort, loadCohort } from './cohorts.service.ts';

type EnrolmentRow = typeof trainingEnrolment.$inferSelect;

/** Enrol a person with an open case at the cohort's unit. The cohort row is locked, so two enrolments at
 * once cannot both take the last place. */
export async function enrol(ctx: Ctx, cohortId: string, input: TEnrolRequest): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId, true);
  assertOwnUnit(ctx, c);
  const [kase] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select cr.id from case_record cr
        where cr.person_id = ${input.personId}::uuid and cr.unit_id = ${c.unitId}::uuid and cr.stage <> 'closed'
        order by cr.intake_date desc limit 1`,
  );
  if (!kase) throw new AppError('ENROLMENT_NO_CASE');
  const existing = await ctx.db
    .select({ id: trainingEnrolment.id })
    .from(trainingEnrolment)
    .where(and(eq(trainingEnrolment.cohortId, cohortId), eq(trainingEnrolment.personId, input.personId)));
  if (existing.length) throw new AppError('ENROLMENT_DUPLICATE');
  const [n] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from training_enrolment where cohort_id = ${cohortId}::uuid and status <> 'dropped'`,
  );
  if (Number(n?.n ?? 0) >= c.capacity) throw new AppError('COHORT_FULL');
  await ctx.db.insert(trainingEnrolment).values({
    cohortId,
    unitId: c.unitId,
    personId: input.personId,
    caseId: kase.id,
    enrolledOn: today(),
    enrolledBy: ctx.actor.userId,
  });
  return getCohort(ctx, cohortId, false);
}

async function loadEnrolment(ctx: Ctx, c: CohortRow, enrolmentId: string): Promise<EnrolmentRow> {
  const [e] = await ctx.db
    .select()
    .from(trainingEnrolment)
    .where(and(eq(trainingEnrolment.id, enrolmentId), eq(trainingEnrolment.cohortId, c.id)))
    .for('update');
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

function assertVersion(e: EnrolmentRow, version: number) {
  if (e.version !== version) throw new AppError('CONFLICT');
}
function assertActive(e: EnrolmentRow) {
  if (e.status === 'completed' || e.status === 'failed') throw new AppError('ENROLMENT_ALREADY_COMPLETED');
  if (e.status === 'dropped') throw new AppError('ENROLMENT_NOT_ACTIVE');
}

export async function addSession(
  ctx: Ctx,
  cohortId: string,
  input: TTrainingSessionRequest,
): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId, true);
  assertOwnUnit(ctx, c);
  if (input.heldOn < c.startsOn || input.heldOn > c.endsOn)
    throw invalid(
      ctx,
      'heldOn',
      'outside_cohort',
      'harus di antara tanggal mulai dan selesai kelas',
      'must fall between the cohort’s first and last day',
    );
  await ctx.db.insert(trainingSession).values({
    cohortId,
    unitId: c.unitId,
    heldOn: input.heldOn,
    topic: input.topic,
    hours: input.hours,
  });
  return getCohort(ctx, cohortId, false);
}

/** Take (or correct) a session's attendance. Every person named must be an active participant. */
export async function recordAttendance(
  ctx: Ctx,
  cohortId: string,
  sessionId: string,
  input: TAttendanceRequest,
): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId, true);
  assertOwnUnit(ctx, c);
  const [s] = await ctx.db
    .select()
    .from(trainingSession)
    .where(and(eq(trainingSession.id, sessionId), eq(trainingSession.cohortId, cohortId)));
  if (!s) throw new AppError('NOT_FOUND');
  notInFuture(ctx, 'heldOn', s.heldOn);
  const seen = new Set<string>();
  for (const [i, a] of input.attendance.entries()) {
    if (seen.has(a.personId))
      throw invalid(ctx, `attendance.${i}.personId`, 'duplicate', 'disebut dua kali', 'is listed twice');
    seen.add(a.personId);
  }
  const active = await queryRows<{ id: string; person_id: string }>(
    ctx.db,
    sql`select id, person_id from training_enrolment
        where cohort_id = ${cohortId}::uuid and status in ('enrolled','completed','failed')`,
  );
  const byPerson = new Map(active.map((e) => [e.person_id, e.id]));
  const missing = input.attendance.findIndex((a) => !byPerson.has(a.personId));
  if (missing >= 0) {
    const field = `attendance.${missing}.personId`;
    throw new AppError('ATTENDANCE_NOT_ENROLLED', {
      details: [
        {
          field,
          issue: 'not_enrolled',
          message: `${field}: ${ctx.meta.lang === 'id' ? 'tidak terdaftar di kelas ini' : 'not enrolled in this cohort'}`,
        },
      ],
    });
  }
  const rows = input.attendance.map((a) => ({
    sessionId,
    enrolmentId: byPerson.get(a.personId) as string,
    unitId: c.unitId,
    present: a.present,
    recordedBy: ctx.actor.userId,
  }));
  await ctx.db
    .insert(trainingAttendance)
    .values(rows)
    .onConflictDoUpdate({
      target: [trainingAttendance.sessionId, trainingAttendance.enrolmentId],
      set: { present: sql`excluded.present`, recordedBy: ctx.actor.userId, updatedAt: new Date() },
      setWhere: sql`${trainingAttendance.present} is distinct from excluded.present`,
    });
  return getCohort(ctx, cohortId, false);
}

export async function assess(
  ctx: Ctx,
  cohortId: string,
  enrolmentId: string,
  input: TAssessRequest,
): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId);
  assertOwnUnit(ctx, c);
  const e = await loadEnrolment(ctx, c, enrolmentId);
  assertActive(e);
  assertVersion(e, input.version);
  notInFuture(ctx, 'assessedOn', input.assessedOn);
  await ctx.db
    .update(trainingEnrolment)
    .set({
      score: input.score,
      passed: input.passed,
      assessedOn: input.assessedOn,
      version: e.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(trainingEnrolment.id, e.id));
  return getCohort(ctx, cohortId, false);
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** ATN-XXXX-XXXX: 40 random bits, no look-alike characters (0/O, 1/I). */
export function newCertificateCode(): string {
  const pick = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `ATN-${pick()}-${pick()}`;
}

/** Finish a participant's course: passed → completed with a certificate code; not passed → failed. */
export async function complete(
  ctx: Ctx,
  cohortId: string,
  enrolmentId: string,
  input: TCompleteRequest,
): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId);
  assertOwnUnit(ctx, c);
  const e = await loadEnrolment(ctx, c, enrolmentId);
  assertActive(e);
  assertVersion(e, input.version);
  if (e.passed === null) throw new AppError('ENROLMENT_NOT_ASSESSED');
  notInFuture(ctx, 'completedOn', input.completedOn);
  if (input.completedOn < c.startsOn)
    throw invalid(
      ctx,
      'completedOn',
      'before_start',
      'tidak boleh sebelum kelas dimulai',
      'cannot be before the cohort starts',
    );
  const outcome = e.passed
    ? { status: 'completed', completedOn: input.completedOn, certificateCode: newCertificateCode() }
    : { status: 'failed' };
  await ctx.db
    .update(trainingEnrolment)
    .set({ ...outcome, version: e.version + 1, updatedAt: new Date() })
    .where(eq(trainingEnrolment.id, e.id));
  return getCohort(ctx, cohortId, false);
}

export async function drop(
  ctx: Ctx,
  cohortId: string,
  enrolmentId: string,
  version: number,
): Promise<TCohort> {
  const c = await loadCohort(ctx, cohortId);
  assertOwnUnit(ctx, c);
  const e = await loadEnrolment(ctx, c, enrolmentId);
  assertActive(e);
  assertVersion(e, version);
  await ctx.db
    .update(trainingEnrolment)
    .set({ status: 'dropped', version: e.version + 1, updatedAt: new Date() })
    .where(eq(trainingEnrolment.id, e.id));
  return getCohort(ctx, cohortId, false);
}

export type CertificateData = {
  code: string;
  fullName: string;
  courseNameId: string;
  courseNameEn: string;
  hours: number;
  competenciesId: string[];
  startsOn: string;
  endsOn: string;
  completedOn: string;
  unitName: string;
  unitCity: string | null;
};

/** What a certificate prints; reading it (it names the person) is audited. */
export async function certificateData(
  ctx: Ctx,
  cohortId: string,
  enrolmentId: string,
): Promise<CertificateData> {
  const c = await loadCohort(ctx, cohortId);
  const [r] = await queryRows<{
    status: string;
    certificate_code: string | null;
    completed_on: string | null;
    full_name: string | null;
    name_id: string;
    name_en: string;
    hours: number;
    competencies_id: string[];
    unit_name: string;
    city: string | null;
  }>(
    ctx.db,
    sql`select e.status, e.certificate_code, e.completed_on::text as completed_on, p.full_name,
          co.name_id, co.name_en, co.hours, co.competencies_id, u.name as unit_name, u.city
        from training_enrolment e
        join training_cohort k on k.id = e.cohort_id
        join course co on co.code = k.course_code
        join unit u on u.id = k.unit_id
        left join person p on p.id = e.person_id
        where e.id = ${enrolmentId}::uuid and e.cohort_id = ${c.id}::uuid`,
  );
  if (!r) throw new AppError('NOT_FOUND');
  if (r.status !== 'completed' || !r.certificate_code || !r.completed_on)
    throw new AppError('CERTIFICATE_NOT_AVAILABLE');
  await auditRead(ctx, 'training_enrolment', enrolmentId, { certificate: r.certificate_code });
  return {
    code: r.certificate_code,
    fullName: r.full_name ?? '—',
    courseNameId: r.name_id,
    courseNameEn: r.name_en,
    hours: r.hours,
    competenciesId: r.competencies_id,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    completedOn: r.completed_on,
    unitName: r.unit_name,
    unitCity: r.city,
  };
}
