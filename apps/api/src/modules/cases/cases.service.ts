import {
  type TAssessmentFormDef,
  type TCase,
  type TCaseStage,
  type TCaseSummary,
  type TCaseWorkers,
  type TCreateCaseRequest,
  type TErrorDetail,
  ZAdvanceCaseRequest,
  ZAssessmentRequest,
  ZAssignCaseRequest,
  ZCaseListQuery,
  ZCloseRequest,
  ZCreateCaseRequest,
  ZNoteRequest,
  ZPlanRequest,
  ZServiceRequest,
  ZTaskRequest,
  ZTerminateRequest,
} from '@atensi/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import {
  appUser,
  assessmentForm,
  caseAssessment,
  caseNote,
  casePlan,
  casePlanItem,
  caseRecord,
  caseService,
  caseStageEvent,
  caseTask,
  cluster,
  person,
  personUnit,
  referral,
  serviceComponent,
  unit,
  unitService,
} from '../../db/schema.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { isFutureInIndonesia, todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { ensureCaseSurveySchedule } from '../followup/index.ts';
import { type CaseFacts, checkMove, type Missing, missingToLeave, nextStage } from './stages.ts';

type Lang = Ctx['meta']['lang'];
type CaseRow = typeof caseRecord.$inferSelect;

const MISSING_TEXT: Record<Missing, Record<Lang, string>> = {
  first_contact_note: { id: 'catatan pendekatan awal', en: 'a first-contact note' },
  assessment: { id: 'asesmen', en: 'an assessment' },
  approved_plan: { id: 'rencana intervensi yang disetujui', en: 'an approved intervention plan' },
  service: { id: 'layanan yang diberikan', en: 'a service delivered' },
  evaluation: { id: 'asesmen evaluasi', en: 'an evaluation assessment' },
  termination: { id: 'data terminasi', en: 'the termination record' },
  aftercare_done: { id: 'kunjungan bimbingan lanjut selesai', en: 'after-care visits done' },
};

/** Today in WIB: the date of things recorded now (admission, discharge) and what is overdue. */
const today = (): string => todayWib();
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function field(f: string, issue: string, id: string, en: string, lang: Lang): TErrorDetail {
  return { field: f, issue, message: `${f}: ${lang === 'id' ? id : en}` };
}
function invalid(ctx: Ctx, f: string, issue: string, id: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [field(f, issue, id, en, ctx.meta.lang)] });
}
function notInFuture(ctx: Ctx, f: string, date: string) {
  if (isFutureInIndonesia(date))
    throw invalid(ctx, f, 'in_future', 'tidak boleh di masa depan', 'cannot be in the future');
}

/** Load a case the actor may see (service filter; row-level security applies again), optionally locked. */
async function loadCase(ctx: Ctx, id: string, lock = false): Promise<CaseRow> {
  const q = ctx.db
    .select()
    .from(caseRecord)
    .where(
      ctx.scope === 'all'
        ? eq(caseRecord.id, id)
        : and(
            eq(caseRecord.id, id),
            eq(caseRecord.unitId, ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000'),
          ),
    )
    .limit(1);
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function assertOpen(c: CaseRow) {
  if (c.stage === 'closed') throw new AppError('CASE_CLOSED');
}
function assertVersion(c: CaseRow, version: number) {
  if (c.version !== version) throw new AppError('CONFLICT');
}
async function bump(ctx: Ctx, c: CaseRow, set: Partial<typeof caseRecord.$inferInsert> = {}) {
  await ctx.db
    .update(caseRecord)
    .set({ ...set, version: c.version + 1, updatedAt: new Date() })
    .where(and(eq(caseRecord.id, c.id), eq(caseRecord.version, c.version)));
}

export async function createCase(ctx: Ctx, input: TCreateCaseRequest): Promise<TCase> {
  const f = ZCreateCaseRequest.parse(input);
  const unitId = ctx.actor.unitId;
  if (!unitId) throw new AppError('FORBIDDEN');
  notInFuture(ctx, 'intakeDate', f.intakeDate);
  const p = (
    await queryRows<{ id: string }>(
      ctx.db,
      sql`select p.id from person p where p.id = ${f.personId}::uuid and p.merged_into_id is null
          and (p.registered_unit_id = ${unitId}::uuid or exists (select 1 from person_unit pu where pu.person_id = p.id and pu.unit_id = ${unitId}::uuid))`,
    )
  )[0];
  if (!p) throw invalid(ctx, 'personId', 'unknown', 'orang tidak ditemukan', 'person not found');
  const cl = await ctx.db.select({ code: cluster.code }).from(cluster).where(eq(cluster.code, f.clusterCode));
  if (!cl.length) throw invalid(ctx, 'clusterCode', 'unknown', 'klaster tidak dikenal', 'unknown cluster');
  let workerId = f.workerId ?? (ctx.actor.role === 'pekerja_sosial' ? ctx.actor.userId : null);
  if (f.workerId) {
    const w = await ctx.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(and(eq(appUser.id, f.workerId), eq(appUser.unitId, unitId), eq(appUser.isActive, true)));
    if (!w.length)
      throw invalid(
        ctx,
        'workerId',
        'unknown',
        'petugas tidak ditemukan di unit ini',
        'no such worker in this unit',
      );
    workerId = f.workerId;
  }
  const open = await ctx.db
    .select({ id: caseRecord.id })
    .from(caseRecord)
    .where(
      and(
        eq(caseRecord.personId, f.personId),
        eq(caseRecord.unitId, unitId),
        sql`${caseRecord.stage} <> 'closed'`,
      ),
    );
  if (open.length) throw new AppError('CASE_ALREADY_OPEN');
  const u = (await ctx.db.select({ code: unit.code }).from(unit).where(eq(unit.id, unitId)))[0];
  const year = f.intakeDate.slice(0, 4);
  const prefix = `${u?.code ?? 'UPT'}-${year}-`;
  const n =
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from case_record where case_no like ${`${prefix}%`}`,
      )
    )[0]?.n ?? 0;
  const [row] = await ctx.db
    .insert(caseRecord)
    .values({
      caseNo: `${prefix}${String(n + 1).padStart(5, '0')}`,
      personId: f.personId,
      unitId,
      clusterCode: f.clusterCode,
      approaches: f.approaches,
      intakeSource: f.intakeSource,
      intakeDate: f.intakeDate,
      intakeNotes: f.intakeNotes ?? null,
      workerId,
    })
    .returning();
  if (!row) throw new Error('insert case returned nothing');
  await ctx.db
    .insert(caseStageEvent)
    .values({ caseId: row.id, fromStage: null, toStage: 'intake', byUserId: ctx.actor.userId });
  await ctx.db
    .insert(personUnit)
    .values({ personId: f.personId, unitId, reason: 'serves' })
    .onConflictDoNothing();
  return getCase(ctx, row.id, false);
}

async function factsOf(ctx: Ctx, c: CaseRow): Promise<CaseFacts> {
  const r = (
    await queryRows<Omit<CaseFacts, 'terminated'>>(
      ctx.db,
      sql`select
        (select count(*)::int from case_note n where n.case_id = ${c.id}::uuid) as "notes",
        (select count(*)::int from case_assessment a where a.case_id = ${c.id}::uuid) as "assessments",
        exists (select 1 from case_plan p where p.case_id = ${c.id}::uuid and p.status = 'approved') as "approvedPlan",
        (select count(*)::int from case_service s where s.case_id = ${c.id}::uuid) as "services",
        (select count(*)::int from case_assessment a where a.case_id = ${c.id}::uuid and a.created_at >= coalesce(
           (select max(e.created_at) from case_stage_event e where e.case_id = ${c.id}::uuid and e.to_stage = 'evaluation'),
           'infinity'::timestamptz)) as "evaluationAssessments",
        (select count(*)::int from case_task t where t.case_id = ${c.id}::uuid and t.kind = 'aftercare_visit' and t.done_at is null) as "openAftercareTasks"`,
    )
  )[0];
  if (!r) throw new Error('facts query returned nothing');
  // Decided here, not in SQL: a bound boolean comes back from PGlite as text.
  return { ...r, terminated: c.terminationReason !== null };
}

export async function advanceCase(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZAdvanceCaseRequest>,
): Promise<TCase> {
  const f = ZAdvanceCaseRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertVersion(c, f.version);
  assertOpen(c);
  const from = c.stage as TCaseStage;
  const check = checkMove(from, f.to, await factsOf(ctx, c));
  let isOverride = false;
  if (!check.ok) {
    if (check.why === 'same') throw new AppError('CASE_STAGE_ORDER');
    if (!f.override) {
      const missing = check.missing.map((m) =>
        field('to', m, `belum ada ${MISSING_TEXT[m].id}`, `missing ${MISSING_TEXT[m].en}`, ctx.meta.lang),
      );
      throw new AppError(check.why === 'incomplete' ? 'CASE_STAGE_INCOMPLETE' : 'CASE_STAGE_ORDER', {
        ...(missing.length ? { details: missing } : {}),
      });
    }
    if (ctx.actor.role !== 'kepala_upt') throw new AppError('CASE_OVERRIDE_FORBIDDEN');
    isOverride = true;
  }
  if (f.to === 'termination' && !isOverride && c.terminationReason === null) {
    // Termination is entered through POST /terminate, which records the reason and after-care.
  }
  await bump(ctx, c, {
    stage: f.to,
    ...(f.to === 'closed'
      ? { closedAt: new Date(), ...(c.admittedAt && !c.dischargedAt ? { dischargedAt: today() } : {}) }
      : {}),
  });
  await ctx.db.insert(caseStageEvent).values({
    caseId: id,
    fromStage: from,
    toStage: f.to,
    byUserId: ctx.actor.userId,
    isOverride,
    reason: f.override?.reason ?? null,
  });
  return getCase(ctx, id, false);
}

type FormStructure = {
  scale: { min: number; max: number };
  domains: { key: string; id: string; en: string }[];
};

/** Who may carry a case at the actor's unit: its active social workers and head. */
export async function listWorkers(ctx: Ctx): Promise<TCaseWorkers> {
  const rows = await ctx.db
    .select({ id: appUser.id, displayName: appUser.displayName, role: appUser.role })
    .from(appUser)
    .where(
      and(
        eq(appUser.unitId, ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000'),
        eq(appUser.isActive, true),
        sql`${appUser.role} in ('kepala_upt', 'pekerja_sosial')`,
      ),
    )
    .orderBy(asc(appUser.displayName));
  return { items: rows.map((r) => ({ ...r, role: r.role as 'kepala_upt' | 'pekerja_sosial' })) };
}

/** The unit head hands a case to another worker of the unit. */
export async function assignCase(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZAssignCaseRequest>,
): Promise<TCase> {
  const f = ZAssignCaseRequest.parse(input);
  if (ctx.actor.role !== 'kepala_upt') throw new AppError('FORBIDDEN');
  const c = await loadCase(ctx, id, true);
  assertVersion(c, f.version);
  assertOpen(c);
  const ok = (await listWorkers(ctx)).items.some((w) => w.id === f.workerId);
  if (!ok)
    throw invalid(
      ctx,
      'workerId',
      'unknown',
      'petugas tidak ditemukan di unit ini',
      'no such worker in this unit',
    );
  await bump(ctx, c, { workerId: f.workerId });
  return getCase(ctx, id, false);
}

/** The active assessment form, for the UI to render (domains, labels, scale). */
export async function getAssessmentForm(ctx: Ctx): Promise<TAssessmentFormDef> {
  const form = (
    await ctx.db
      .select()
      .from(assessmentForm)
      .where(eq(assessmentForm.isActive, true))
      .orderBy(desc(assessmentForm.formVersion))
      .limit(1)
  )[0];
  if (!form) throw new AppError('SERVICE_UNAVAILABLE');
  const s = form.structure as unknown as FormStructure;
  return {
    id: form.id,
    code: form.code,
    formVersion: form.formVersion,
    title: form.title,
    scale: s.scale,
    domains: s.domains,
  };
}

export async function addAssessment(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZAssessmentRequest>,
): Promise<TCase> {
  const f = ZAssessmentRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertOpen(c);
  notInFuture(ctx, 'assessedOn', f.assessedOn);
  if (f.assessedOn < c.intakeDate) {
    throw invalid(ctx, 'assessedOn', 'too_small', 'sebelum tanggal penerimaan', 'is before the intake date');
  }
  const form = (
    await ctx.db
      .select()
      .from(assessmentForm)
      .where(eq(assessmentForm.isActive, true))
      .orderBy(desc(assessmentForm.formVersion))
      .limit(1)
  )[0];
  if (!form) throw new AppError('SERVICE_UNAVAILABLE');
  const s = form.structure as unknown as FormStructure;
  const problems: TErrorDetail[] = [];
  const scores: number[] = [];
  for (const d of s.domains) {
    const v = f.answers[d.key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < s.scale.min || v > s.scale.max) {
      problems.push(
        field(
          `answers.${d.key}`,
          'invalid_value',
          `nilai ${s.scale.min}–${s.scale.max} untuk ${d.id}`,
          `score ${s.scale.min}–${s.scale.max} for ${d.en}`,
          ctx.meta.lang,
        ),
      );
    } else scores.push(v);
  }
  const known = new Set(s.domains.flatMap((d) => [d.key, `${d.key}_notes`]));
  for (const k of Object.keys(f.answers)) {
    if (!known.has(k))
      problems.push(
        field(`answers.${k}`, 'unknown_field', 'bukan bagian formulir', 'not on the form', ctx.meta.lang),
      );
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const score = Math.round(((mean - s.scale.min) / (s.scale.max - s.scale.min)) * 100);
  await ctx.db.insert(caseAssessment).values({
    caseId: id,
    formId: form.id,
    answers: f.answers,
    needs: f.needs ?? null,
    strengths: f.strengths ?? null,
    riskLevel: f.riskLevel,
    functioningScore: score,
    assessedOn: f.assessedOn,
    assessedBy: ctx.actor.userId,
  });
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

async function currentPlan(ctx: Ctx, caseId: string) {
  return (
    await ctx.db
      .select()
      .from(casePlan)
      .where(eq(casePlan.caseId, caseId))
      .orderBy(desc(casePlan.planNo))
      .limit(1)
  )[0];
}

export async function savePlan(ctx: Ctx, id: string, input: z.input<typeof ZPlanRequest>): Promise<TCase> {
  const f = ZPlanRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertOpen(c);
  const codes = new Set(
    (await ctx.db.select({ code: serviceComponent.code }).from(serviceComponent)).map((r) => r.code),
  );
  const problems = f.items.flatMap((it, i) =>
    codes.has(it.serviceCode)
      ? []
      : [
          field(
            `items.${i}.serviceCode`,
            'unknown',
            'komponen layanan tidak dikenal',
            'unknown service component',
            ctx.meta.lang,
          ),
        ],
  );
  if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  const cur = await currentPlan(ctx, id);
  let planId: string;
  if (cur && cur.status === 'draft') {
    if (cur.version !== f.version) throw new AppError('CONFLICT');
    await ctx.db
      .update(casePlan)
      .set({ goals: f.goals, version: cur.version + 1, updatedAt: new Date() })
      .where(eq(casePlan.id, cur.id));
    await ctx.db.delete(casePlanItem).where(eq(casePlanItem.planId, cur.id));
    planId = cur.id;
  } else {
    // No plan yet, or the current one is approved: a change makes a new version.
    if (f.version !== 0) throw new AppError('CONFLICT');
    const [row] = await ctx.db
      .insert(casePlan)
      .values({ caseId: id, planNo: (cur?.planNo ?? 0) + 1, goals: f.goals, createdBy: ctx.actor.userId })
      .returning({ id: casePlan.id });
    if (!row) throw new Error('insert plan returned nothing');
    planId = row.id;
  }
  await ctx.db.insert(casePlanItem).values(
    f.items.map((it) => ({
      planId,
      serviceCode: it.serviceCode,
      description: it.description,
      frequency: it.frequency ?? null,
      responsible: it.responsible ?? null,
      plannedQuantity: it.plannedQuantity,
      budgetRupiah: it.budgetRupiah,
    })),
  );
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function approvePlan(ctx: Ctx, id: string, version: number): Promise<TCase> {
  if (ctx.actor.role !== 'kepala_upt') throw new AppError('FORBIDDEN');
  const c = await loadCase(ctx, id, true);
  assertOpen(c);
  const cur = await currentPlan(ctx, id);
  if (cur?.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT');
  if (cur.version !== version) throw new AppError('CONFLICT');
  if (cur.createdBy === ctx.actor.userId) throw new AppError('PLAN_SELF_APPROVAL');
  await ctx.db
    .update(casePlan)
    .set({ status: 'superseded', updatedAt: new Date() })
    .where(and(eq(casePlan.caseId, id), eq(casePlan.status, 'approved')));
  const reviewDue = addDays(today(), 90);
  await ctx.db
    .update(casePlan)
    .set({
      status: 'approved',
      approvedBy: ctx.actor.userId,
      approvedAt: new Date(),
      reviewDue,
      version: cur.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(casePlan.id, cur.id));
  await ctx.db.insert(caseTask).values({
    caseId: id,
    kind: 'plan_review',
    title: `Tinjau rencana intervensi v${cur.planNo}`,
    dueOn: reviewDue,
    assigneeId: c.workerId,
  });
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function addService(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZServiceRequest>,
): Promise<TCase> {
  const f = ZServiceRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertOpen(c);
  notInFuture(ctx, 'deliveredOn', f.deliveredOn);
  if (f.deliveredOn < c.intakeDate) {
    throw invalid(ctx, 'deliveredOn', 'too_small', 'sebelum tanggal penerimaan', 'is before the intake date');
  }
  const code = await ctx.db.select().from(serviceComponent).where(eq(serviceComponent.code, f.serviceCode));
  if (!code.length)
    throw invalid(
      ctx,
      'serviceCode',
      'unknown',
      'komponen layanan tidak dikenal',
      'unknown service component',
    );
  if (f.planItemId) {
    const item = await queryRows<{ service_code: string }>(
      ctx.db,
      sql`select i.service_code from case_plan_item i join case_plan p on p.id = i.plan_id
          where i.id = ${f.planItemId}::uuid and p.case_id = ${id}::uuid`,
    );
    if (!item[0])
      throw invalid(ctx, 'planItemId', 'unknown', 'bukan bagian rencana kasus ini', 'not in this case plan');
    if (item[0].service_code !== f.serviceCode) {
      throw invalid(
        ctx,
        'serviceCode',
        'mismatch',
        'tidak sesuai butir rencana',
        'does not match the plan item',
      );
    }
  }
  await ctx.db.insert(caseService).values({
    caseId: id,
    planItemId: f.planItemId ?? null,
    serviceCode: f.serviceCode,
    deliveredOn: f.deliveredOn,
    workerId: ctx.actor.userId,
    quantity: f.quantity,
    costRupiah: f.costRupiah,
    notes: f.notes ?? null,
  });
  await completeReferralOf(ctx, c);
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function addNote(ctx: Ctx, id: string, input: z.input<typeof ZNoteRequest>): Promise<TCase> {
  const f = ZNoteRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  await ctx.db
    .insert(caseNote)
    .values({ caseId: id, body: f.body, isConfidential: f.isConfidential, authorId: ctx.actor.userId });
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function addTask(ctx: Ctx, id: string, input: z.input<typeof ZTaskRequest>): Promise<TCase> {
  const f = ZTaskRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertOpen(c);
  const assignee = f.assigneeId ?? c.workerId ?? ctx.actor.userId;
  const ok = await ctx.db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.id, assignee), eq(appUser.unitId, c.unitId)));
  if (!ok.length)
    throw invalid(
      ctx,
      'assigneeId',
      'unknown',
      'petugas tidak ditemukan di unit ini',
      'no such worker in this unit',
    );
  await ctx.db
    .insert(caseTask)
    .values({ caseId: id, kind: f.kind, title: f.title, dueOn: f.dueOn, assigneeId: assignee });
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function completeTask(ctx: Ctx, id: string, taskId: string, version: number): Promise<TCase> {
  const c = await loadCase(ctx, id, true);
  const t = (
    await ctx.db
      .select()
      .from(caseTask)
      .where(and(eq(caseTask.id, taskId), eq(caseTask.caseId, id)))
  )[0];
  if (!t) throw new AppError('NOT_FOUND');
  if (t.version !== version) throw new AppError('CONFLICT');
  if (t.doneAt) throw new AppError('CONFLICT');
  await ctx.db
    .update(caseTask)
    .set({ doneAt: new Date(), doneBy: ctx.actor.userId, version: t.version + 1, updatedAt: new Date() })
    .where(eq(caseTask.id, taskId));
  await bump(ctx, c);
  return getCase(ctx, id, false);
}

export async function terminateCase(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZTerminateRequest>,
): Promise<TCase> {
  const f = ZTerminateRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertVersion(c, f.version);
  assertOpen(c);
  if (c.stage !== 'termination') throw new AppError('CASE_STAGE_ORDER');
  notInFuture(ctx, 'terminatedOn', f.terminatedOn);
  f.aftercareVisits.forEach((d, i) => {
    if (d < f.terminatedOn) {
      throw invalid(
        ctx,
        `aftercareVisits.${i}`,
        'too_small',
        'sebelum tanggal terminasi',
        'is before the termination date',
      );
    }
  });
  await bump(ctx, c, {
    terminationReason: f.reason,
    terminatedAt: f.terminatedOn,
    ...(c.admittedAt && !c.dischargedAt ? { dischargedAt: f.terminatedOn } : {}),
  });
  if (f.aftercareVisits.length) {
    await ctx.db.insert(caseTask).values(
      f.aftercareVisits.map((d, i) => ({
        caseId: id,
        kind: 'aftercare_visit',
        title: `Kunjungan bimbingan lanjut ${i + 1}`,
        dueOn: d,
        assigneeId: c.workerId,
      })),
    );
  }
  // The termination survey and the after-care surveys are due from now on (follow-up's schedule); the
  // roadmap takes the termination into account at the next survey or view of the person's roadmap.
  await ensureCaseSurveySchedule(ctx, id);
  return getCase(ctx, id, false);
}

/** Close early from any stage (or finally), with a reason; frees the bed. */
export async function closeCase(ctx: Ctx, id: string, input: z.input<typeof ZCloseRequest>): Promise<TCase> {
  const f = ZCloseRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertVersion(c, f.version);
  assertOpen(c);
  await bump(ctx, c, {
    stage: 'closed',
    closedAt: new Date(),
    closedReason: f.reason,
    ...(c.admittedAt && !c.dischargedAt ? { dischargedAt: today() } : {}),
  });
  await ctx.db.insert(caseStageEvent).values({
    caseId: id,
    fromStage: c.stage,
    toStage: 'closed',
    byUserId: ctx.actor.userId,
    reason: f.reason,
  });
  await completeReferralOf(ctx, c);
  return getCase(ctx, id, false);
}

/** Reopen a closed case: back to assessment, recorded with the reason. */
export async function reopenCase(ctx: Ctx, id: string, input: z.input<typeof ZCloseRequest>): Promise<TCase> {
  const f = ZCloseRequest.parse(input);
  const c = await loadCase(ctx, id, true);
  assertVersion(c, f.version);
  if (c.stage !== 'closed') throw new AppError('CASE_STAGE_ORDER');
  const open = await ctx.db
    .select({ id: caseRecord.id })
    .from(caseRecord)
    .where(
      and(
        eq(caseRecord.personId, c.personId),
        eq(caseRecord.unitId, c.unitId),
        sql`${caseRecord.stage} <> 'closed'`,
      ),
    );
  if (open.length) throw new AppError('CASE_ALREADY_OPEN');
  await bump(ctx, c, {
    stage: 'assessment',
    closedAt: null,
    closedReason: null,
    terminationReason: null,
    terminatedAt: null,
  });
  await ctx.db.insert(caseStageEvent).values({
    caseId: id,
    fromStage: 'closed',
    toStage: 'assessment',
    byUserId: ctx.actor.userId,
    reason: f.reason,
    isOverride: true,
  });
  return getCase(ctx, id, false);
}

/** Residential admission: the unit head approves, and only into a free bed of the case's cluster. */
export async function admitCase(ctx: Ctx, id: string, version: number): Promise<TCase> {
  if (ctx.actor.role !== 'kepala_upt') throw new AppError('FORBIDDEN');
  const c = await loadCase(ctx, id, true);
  assertVersion(c, version);
  assertOpen(c);
  if (!c.approaches.includes('residential')) {
    throw invalid(
      ctx,
      'approaches',
      'invalid_value',
      'kasus ini bukan layanan residensial',
      'this case is not residential',
    );
  }
  if (c.admittedAt && !c.dischargedAt) throw new AppError('CONFLICT');
  // Lock the matrix row so two admissions cannot take the last bed at once.
  const svc = (
    await ctx.db
      .select()
      .from(unitService)
      .where(and(eq(unitService.unitId, c.unitId), eq(unitService.clusterCode, c.clusterCode)))
      .for('update')
  )[0];
  const occupied =
    (
      await queryRows<{ occupied: number }>(
        ctx.db,
        sql`select occupied from atensi_residential_occupancy() where unit_id = ${c.unitId}::uuid and cluster_code = ${c.clusterCode}`,
      )
    )[0]?.occupied ?? 0;
  if (!svc?.isResidential || svc.residentialCapacity - occupied <= 0) throw new AppError('NO_FREE_BED');
  await bump(ctx, c, { admittedAt: today(), dischargedAt: null, residentialApprovedBy: ctx.actor.userId });
  return getCase(ctx, id, false);
}

/** The receiving case of a referral recorded a service or closed: the referral loop is closed. */
async function completeReferralOf(ctx: Ctx, c: CaseRow): Promise<void> {
  if (!c.fromReferralId) return;
  await ctx.db
    .update(referral)
    .set({
      status: 'completed',
      completedAt: new Date(),
      version: sql`${referral.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(referral.id, c.fromReferralId), eq(referral.status, 'accepted')));
}

function overdue(dueOn: string, doneAt: Date | null): boolean {
  return doneAt === null && dueOn < today();
}

export async function getCase(ctx: Ctx, id: string, audit = true): Promise<TCase> {
  const c = await loadCase(ctx, id);
  const p = (
    await ctx.db
      .select({ id: person.id, fullName: person.fullName })
      .from(person)
      .where(eq(person.id, c.personId))
  )[0];
  const u = (
    await ctx.db
      .select({ id: unit.id, code: unit.code, name: unit.name })
      .from(unit)
      .where(eq(unit.id, c.unitId))
  )[0];
  const users = new Map(
    (
      await queryRows<{ id: string; display_name: string }>(
        ctx.db,
        sql`select id, display_name from app_user where unit_id = ${c.unitId}::uuid or role in ('admin','operator_pusat')`,
      )
    ).map((r) => [r.id, r.display_name]),
  );
  const name = (uid: string | null) => (uid ? (users.get(uid) ?? null) : null);
  const stages = await ctx.db
    .select()
    .from(caseStageEvent)
    .where(eq(caseStageEvent.caseId, id))
    .orderBy(asc(caseStageEvent.createdAt));
  const assessments = await ctx.db
    .select()
    .from(caseAssessment)
    .where(eq(caseAssessment.caseId, id))
    .orderBy(asc(caseAssessment.assessedOn));
  const plans = await ctx.db
    .select()
    .from(casePlan)
    .where(eq(casePlan.caseId, id))
    .orderBy(desc(casePlan.planNo));
  const plan = plans[0];
  const approved = plans.find((p) => p.status === 'approved');
  const planIds = plans.filter((p) => p === plan || p === approved).map((p) => p.id);
  const items = planIds.length
    ? await ctx.db
        .select()
        .from(casePlanItem)
        .where(
          sql`${casePlanItem.planId} in (${sql.join(
            planIds.map((p) => sql`${p}::uuid`),
            sql`, `,
          )})`,
        )
        .orderBy(asc(casePlanItem.createdAt))
    : [];
  const services = await ctx.db
    .select()
    .from(caseService)
    .where(eq(caseService.caseId, id))
    .orderBy(desc(caseService.deliveredOn));
  const notes = await ctx.db
    .select()
    .from(caseNote)
    .where(eq(caseNote.caseId, id))
    .orderBy(desc(caseNote.createdAt));
  const tasks = await ctx.db
    .select()
    .from(caseTask)
    .where(eq(caseTask.caseId, id))
    .orderBy(asc(caseTask.dueOn));
  const facts = await factsOf(ctx, c);
  const planView = (pl: typeof casePlan.$inferSelect) => ({
    id: pl.id,
    planNo: pl.planNo,
    status: pl.status as 'draft' | 'approved' | 'superseded',
    goals: pl.goals,
    createdById: pl.createdBy,
    createdBy: name(pl.createdBy),
    approvedBy: name(pl.approvedBy),
    approvedAt: pl.approvedAt?.toISOString() ?? null,
    reviewDue: pl.reviewDue,
    version: pl.version,
    items: items
      .filter((it) => it.planId === pl.id)
      .map((it) => {
        const delivered = services.filter((sv) => sv.planItemId === it.id);
        return {
          id: it.id,
          serviceCode: it.serviceCode,
          description: it.description,
          frequency: it.frequency,
          responsible: it.responsible,
          plannedQuantity: it.plannedQuantity,
          budgetRupiah: it.budgetRupiah,
          deliveredQuantity: delivered.reduce((n, sv) => n + sv.quantity, 0),
          deliveredRupiah: delivered.reduce((n, sv) => n + sv.costRupiah, 0),
        };
      }),
  });
  const stage = c.stage as TCaseStage;
  const next = nextStage(stage);
  const openTasks = tasks.filter((t) => !t.doneAt);
  if (audit) await auditRead(ctx, 'case_record', id);
  return {
    id: c.id,
    caseNo: c.caseNo,
    person: { id: c.personId, fullName: p?.fullName ?? '' },
    unit: { id: c.unitId, code: u?.code ?? '', name: u?.name ?? '' },
    clusterCode: c.clusterCode,
    stage,
    approaches: c.approaches as TCase['approaches'],
    worker: c.workerId ? { id: c.workerId, displayName: name(c.workerId) ?? '' } : null,
    intakeDate: c.intakeDate,
    intakeSource: c.intakeSource as TCase['intakeSource'],
    intakeNotes: c.intakeNotes,
    admittedAt: c.admittedAt,
    dischargedAt: c.dischargedAt,
    terminationReason: c.terminationReason as TCase['terminationReason'],
    terminatedAt: c.terminatedAt,
    closedReason: c.closedReason,
    stages: stages.map((e) => ({
      from: e.fromStage as TCaseStage | null,
      to: e.toStage as TCaseStage,
      at: e.createdAt.toISOString(),
      by: name(e.byUserId),
      isOverride: e.isOverride,
      reason: e.reason,
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      assessedOn: a.assessedOn,
      riskLevel: a.riskLevel as TCase['assessments'][number]['riskLevel'],
      functioningScore: a.functioningScore,
      needs: a.needs,
      strengths: a.strengths,
      answers: a.answers,
    })),
    plan: plan ? planView(plan) : null,
    approvedPlan: approved ? planView(approved) : null,
    planHistory: plans.map((p) => ({
      planNo: p.planNo,
      status: p.status as 'draft' | 'approved' | 'superseded',
      createdBy: name(p.createdBy),
      approvedBy: name(p.approvedBy),
      approvedAt: p.approvedAt?.toISOString() ?? null,
    })),
    services: services.map((s) => ({
      id: s.id,
      serviceCode: s.serviceCode,
      planItemId: s.planItemId,
      deliveredOn: s.deliveredOn,
      quantity: s.quantity,
      costRupiah: s.costRupiah,
      notes: s.notes,
      worker: name(s.workerId),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      isConfidential: n.isConfidential,
      author: name(n.authorId),
      at: n.createdAt.toISOString(),
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      kind: t.kind as TCase['tasks'][number]['kind'],
      title: t.title,
      dueOn: t.dueOn,
      assignee: name(t.assigneeId),
      doneAt: t.doneAt?.toISOString() ?? null,
      overdue: overdue(t.dueOn, t.doneAt),
      version: t.version,
    })),
    nextTask: openTasks[0]
      ? { title: openTasks[0].title, dueOn: openTasks[0].dueOn, overdue: overdue(openTasks[0].dueOn, null) }
      : null,
    overdueTasks: openTasks.filter((t) => overdue(t.dueOn, null)).length,
    nextStage: stage === 'closed' ? null : next,
    missingForNext:
      stage === 'closed' ? [] : missingToLeave(stage, facts).map((m) => MISSING_TEXT[m][ctx.meta.lang]),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function listCases(
  ctx: Ctx,
  input: z.input<typeof ZCaseListQuery>,
): Promise<{ items: TCaseSummary[]; total: number }> {
  const q = ZCaseListQuery.parse(input);
  const conds = [
    ctx.scope === 'all'
      ? sql`true`
      : sql`c.unit_id = ${ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000'}::uuid`,
    q.stage ? sql`c.stage = ${q.stage}` : undefined,
    q.worker ? sql`c.worker_id = ${q.worker === 'me' ? ctx.actor.userId : q.worker}::uuid` : undefined,
    q.person ? sql`c.person_id = ${q.person}::uuid` : undefined,
    q.open === 'true' ? sql`c.stage <> 'closed'` : q.open === 'false' ? sql`c.stage = 'closed'` : undefined,
  ].filter((x): x is ReturnType<typeof sql> => x !== undefined);
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<{
    id: string;
    case_no: string;
    person_id: string;
    full_name: string;
    unit_id: string;
    unit_code: string;
    unit_name: string;
    cluster_code: string;
    stage: TCaseStage;
    approaches: string[];
    worker_id: string | null;
    worker_name: string | null;
    intake_date: string;
    updated_at: Date;
    next_title: string | null;
    next_due: string | null;
    overdue: number;
  }>(
    ctx.db,
    sql`select c.id, c.case_no, c.person_id, p.full_name, c.unit_id, u.code as unit_code, u.name as unit_name,
          c.cluster_code, c.stage, c.approaches, c.worker_id, w.display_name as worker_name,
          c.intake_date::text as intake_date, c.updated_at, nt.title as next_title, nt.due_on::text as next_due,
          (select count(*)::int from case_task t where t.case_id = c.id and t.done_at is null and t.due_on < ${today()}::date) as overdue
        from case_record c
        join person p on p.id = c.person_id
        join unit u on u.id = c.unit_id
        left join app_user w on w.id = c.worker_id
        left join lateral (select t.title, t.due_on from case_task t where t.case_id = c.id and t.done_at is null
                           order by t.due_on limit 1) nt on true
        where ${where}
        order by overdue desc, nt.due_on nulls last, c.updated_at desc, c.id
        limit ${q.limit} offset ${q.offset}`,
  );
  const total =
    (
      await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from case_record c where ${where}`)
    )[0]?.n ?? 0;
  const t = today();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      person: { id: r.person_id, fullName: r.full_name },
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      clusterCode: r.cluster_code,
      stage: r.stage,
      approaches: r.approaches as TCaseSummary['approaches'],
      worker: r.worker_id ? { id: r.worker_id, displayName: r.worker_name ?? '' } : null,
      intakeDate: r.intake_date,
      nextTask:
        r.next_title && r.next_due
          ? { title: r.next_title, dueOn: r.next_due, overdue: r.next_due < t }
          : null,
      overdueTasks: r.overdue,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}
