// Survey schedules per case: the default (intake, termination, then every 3 months for 12 months of
// after-care), edits, the task that reminds the case worker of each due survey, and the due list.
import {
  type TCaseSchedule,
  type TDueSurveyList,
  type TPutScheduleRequest,
  type TScheduleEntry,
  type TSurveyKind,
  ZDueSurveysQuery,
  ZPutScheduleRequest,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { addMonths } from './roadmap.ts';

export const AFTERCARE_MONTHS = [3, 6, 9, 12];
/** A survey fulfils an open entry due within this many days of it (intake and termination: any distance). */
const FULFIL_WINDOW_DAYS = 60;
const DUE_SOON_DAYS = 14;

export type CaseRow = {
  id: string;
  case_no: string;
  person_id: string;
  unit_id: string;
  worker_id: string | null;
  stage: string;
  intake_date: string;
  terminated_at: string | null;
};

const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** A case in the caller's scope (its unit, or every unit for headquarters), or 404. */
export async function loadCase(ctx: Ctx, id: string, lock = false): Promise<CaseRow> {
  const unitCond = ctx.scope === 'all' ? sql`true` : sql`c.unit_id = ${ctx.actor.unitId ?? NO_UNIT}::uuid`;
  const rows = await queryRows<CaseRow>(
    ctx.db,
    sql`select c.id, c.case_no, c.person_id, c.unit_id, c.worker_id, c.stage, c.intake_date::text as intake_date,
          c.terminated_at::text as terminated_at
        from case_record c where c.id = ${id}::uuid and ${unitCond} ${lock ? sql`for update` : sql``}`,
  );
  const c = rows[0];
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** The caller may write on this case: a case of their own unit. */
export function assertOwnUnit(ctx: Ctx, unitId: string) {
  if (ctx.actor.unitId !== unitId) throw new AppError('FORBIDDEN');
}

type EntryRow = {
  id: string;
  case_id: string;
  kind: TSurveyKind;
  due_on: string;
  survey_id: string | null;
  surveyed_on: string | null;
  task_id: string | null;
  version: number;
};

function entries(ctx: Ctx, caseId: string): Promise<EntryRow[]> {
  return queryRows<EntryRow>(
    ctx.db,
    sql`select e.id, e.case_id, e.kind, e.due_on::text as due_on, e.survey_id, s.surveyed_on::text as surveyed_on,
          e.task_id, e.version
        from survey_schedule e left join survey s on s.id = e.survey_id
        where e.case_id = ${caseId}::uuid order by e.due_on, e.created_at, e.id`,
  );
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function toEntry(e: EntryRow, t: string): TScheduleEntry {
  const status = e.survey_id
    ? 'done'
    : e.due_on < t
      ? 'overdue'
      : daysBetween(t, e.due_on) <= DUE_SOON_DAYS
        ? 'due'
        : 'upcoming';
  return {
    id: e.id,
    caseId: e.case_id,
    kind: e.kind,
    dueOn: e.due_on,
    status,
    surveyId: e.survey_id,
    surveyedOn: e.surveyed_on,
    taskId: e.task_id,
    version: e.version,
  };
}

function taskTitle(kind: TSurveyKind, dueOn: string, c: CaseRow): string {
  const what =
    kind === 'intake'
      ? 'Survei awal (penerimaan)'
      : kind === 'termination'
        ? 'Survei saat terminasi'
        : kind === 'followup' && c.terminated_at
          ? `Survei tindak lanjut (${Math.round(daysBetween(c.terminated_at, dueOn) / 30.4)} bulan setelah terminasi)`
          : 'Survei tindak lanjut';
  return `${what}: ${c.case_no}`;
}

async function addEntry(ctx: Ctx, c: CaseRow, kind: TSurveyKind, dueOn: string): Promise<void> {
  const task = await queryRows<{ id: string }>(
    ctx.db,
    sql`insert into case_task (case_id, kind, title, due_on, assignee_id)
        values (${c.id}::uuid, 'survey', ${taskTitle(kind, dueOn, c)}, ${dueOn}::date, ${c.worker_id}::uuid)
        returning id`,
  );
  await ctx.db.execute(
    sql`insert into survey_schedule (case_id, unit_id, kind, due_on, task_id)
        values (${c.id}::uuid, ${c.unit_id}::uuid, ${kind}, ${dueOn}::date, ${task[0]?.id ?? null}::uuid)`,
  );
}

/**
 * Add what the default schedule still lacks: the intake survey; once the case is terminated, the
 * termination survey and the after-care surveys at 3, 6, 9 and 12 months (only when the case has no
 * follow-up entries yet, so a worker's edits stand). Safe to call again; works for cases opened before
 * schedules existed. Called on every survey recorded and by POST /cases/:id/survey-schedule/default.
 */
export async function ensureDefaultSchedule(ctx: Ctx, c: CaseRow): Promise<void> {
  const have = await entries(ctx, c.id);
  if (!have.some((e) => e.kind === 'intake')) await addEntry(ctx, c, 'intake', c.intake_date);
  if (!c.terminated_at) return;
  if (!have.some((e) => e.kind === 'termination')) await addEntry(ctx, c, 'termination', c.terminated_at);
  if (!have.some((e) => e.kind === 'followup'))
    for (const m of AFTERCARE_MONTHS) await addEntry(ctx, c, 'followup', addMonths(c.terminated_at, m));
}

/**
 * For the cases module: call after a case is terminated (same transaction) so the termination and
 * after-care surveys are scheduled and their tasks appear at once, not only at the next survey.
 */
export async function ensureCaseSurveySchedule(ctx: Ctx, caseId: string): Promise<void> {
  await ensureDefaultSchedule(ctx, await loadCase(ctx, caseId, true));
}

export async function getSchedule(ctx: Ctx, caseId: string): Promise<TCaseSchedule> {
  const c = await loadCase(ctx, caseId);
  const t = todayWib();
  return {
    caseId: c.id,
    items: (await entries(ctx, c.id)).map((e) => toEntry(e, t)),
    canEdit: ctx.actor.unitId === c.unit_id,
  };
}

export async function createDefaultSchedule(ctx: Ctx, caseId: string): Promise<TCaseSchedule> {
  const c = await loadCase(ctx, caseId, true);
  assertOwnUnit(ctx, c.unit_id);
  await ensureDefaultSchedule(ctx, c);
  return getSchedule(ctx, caseId);
}

/** Replace the open entries: listed ones kept or changed (with their version), others removed with their task. */
export async function putSchedule(
  ctx: Ctx,
  caseId: string,
  input: TPutScheduleRequest,
): Promise<TCaseSchedule> {
  const f = ZPutScheduleRequest.parse(input);
  const c = await loadCase(ctx, caseId, true);
  assertOwnUnit(ctx, c.unit_id);
  const have = await entries(ctx, c.id);
  for (const [i, item] of f.items.entries()) {
    if (item.dueOn < c.intake_date)
      throw new AppError('SURVEY_BEFORE_INTAKE', {
        details: [{ field: `items.${i}.dueOn`, issue: 'before_intake', message: `items.${i}.dueOn` }],
      });
    if (!item.id) continue;
    const cur = have.find((e) => e.id === item.id);
    if (!cur) throw new AppError('NOT_FOUND');
    if (cur.survey_id) throw new AppError('SURVEY_SCHEDULE_DONE');
    if (item.version !== cur.version) throw new AppError('CONFLICT');
  }
  for (const e of have) {
    if (e.survey_id || f.items.some((x) => x.id === e.id)) continue;
    await ctx.db.execute(sql`delete from survey_schedule where id = ${e.id}::uuid`);
    if (e.task_id) await ctx.db.execute(sql`delete from case_task where id = ${e.task_id}::uuid`);
  }
  for (const item of f.items) {
    const cur = item.id ? have.find((e) => e.id === item.id) : undefined;
    if (!cur) {
      await addEntry(ctx, c, item.kind, item.dueOn);
      continue;
    }
    if (cur.kind === item.kind && cur.due_on === item.dueOn) continue;
    await ctx.db.execute(
      sql`update survey_schedule set kind = ${item.kind}, due_on = ${item.dueOn}::date, version = version + 1,
            updated_at = now() where id = ${cur.id}::uuid`,
    );
    if (cur.task_id)
      await ctx.db.execute(
        sql`update case_task set title = ${taskTitle(item.kind, item.dueOn, c)}, due_on = ${item.dueOn}::date,
              version = version + 1, updated_at = now() where id = ${cur.task_id}::uuid`,
      );
  }
  return getSchedule(ctx, caseId);
}

/**
 * A survey fulfils the open entry it answers: an open intake/termination entry of its own kind, else the
 * open entry due nearest its date (within 60 days). Its task is completed. Returns the entry id, or null.
 */
export async function fulfilSchedule(
  ctx: Ctx,
  caseId: string,
  survey: { id: string; kind: TSurveyKind; surveyedOn: string },
): Promise<string | null> {
  const open = (await entries(ctx, caseId)).filter((e) => !e.survey_id);
  const sameKind =
    survey.kind === 'intake' || survey.kind === 'termination'
      ? open.find((e) => e.kind === survey.kind)
      : undefined;
  const nearest = open
    .map((e) => ({ e, d: Math.abs(daysBetween(e.due_on, survey.surveyedOn)) }))
    .filter((x) => x.d <= FULFIL_WINDOW_DAYS)
    .sort((a, b) => a.d - b.d)[0]?.e;
  const hit = sameKind ?? nearest;
  if (!hit) return null;
  await ctx.db.execute(
    sql`update survey_schedule set survey_id = ${survey.id}::uuid, version = version + 1, updated_at = now()
        where id = ${hit.id}::uuid`,
  );
  if (hit.task_id)
    await ctx.db.execute(
      sql`update case_task set done_at = now(), done_by = ${ctx.actor.userId}::uuid, version = version + 1,
            updated_at = now() where id = ${hit.task_id}::uuid and done_at is null`,
    );
  return hit.id;
}

/** Before a survey is deleted: its entries are due again and their tasks reopen. */
export async function releaseSchedule(ctx: Ctx, surveyId: string): Promise<void> {
  const rows = await queryRows<{ id: string; task_id: string | null }>(
    ctx.db,
    sql`update survey_schedule set survey_id = null, version = version + 1, updated_at = now()
        where survey_id = ${surveyId}::uuid returning id, task_id`,
  );
  for (const r of rows)
    if (r.task_id)
      await ctx.db.execute(
        sql`update case_task set done_at = null, done_by = null, version = version + 1, updated_at = now()
            where id = ${r.task_id}::uuid`,
      );
}

export async function listDueSurveys(
  ctx: Ctx,
  input: z.input<typeof ZDueSurveysQuery>,
): Promise<TDueSurveyList> {
  const q = ZDueSurveysQuery.parse(input);
  const t = todayWib();
  const horizon =
    q.overdue === 'true' ? sql`e.due_on < ${t}::date` : sql`e.due_on <= ${t}::date + ${q.withinDays}::int`;
  const conds = [
    sql`e.survey_id is null`,
    horizon,
    ctx.scope === 'all' ? sql`true` : sql`e.unit_id = ${ctx.actor.unitId ?? NO_UNIT}::uuid`,
    q.worker ? sql`c.worker_id = ${q.worker === 'me' ? ctx.actor.userId : q.worker}::uuid` : sql`true`,
  ];
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<{
    id: string;
    case_id: string;
    case_no: string;
    person_id: string;
    full_name: string;
    worker_id: string | null;
    worker_name: string | null;
    kind: TSurveyKind;
    due_on: string;
    task_id: string | null;
  }>(
    ctx.db,
    sql`select e.id, e.case_id, c.case_no, c.person_id, p.full_name, c.worker_id, w.display_name as worker_name,
          e.kind, e.due_on::text as due_on, e.task_id
        from survey_schedule e
        join case_record c on c.id = e.case_id
        join person p on p.id = c.person_id
        left join app_user w on w.id = c.worker_id
        where ${where}
        order by e.due_on, e.id
        limit ${q.limit} offset ${q.offset}`,
  );
  const total =
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from survey_schedule e join case_record c on c.id = e.case_id where ${where}`,
      )
    )[0]?.n ?? 0;
  return {
    total,
    items: rows.map((r) => ({
      scheduleId: r.id,
      caseId: r.case_id,
      caseNo: r.case_no,
      person: { id: r.person_id, fullName: r.full_name },
      worker: r.worker_id ? { id: r.worker_id, displayName: r.worker_name ?? '' } : null,
      kind: r.kind,
      dueOn: r.due_on,
      overdue: r.due_on < t,
      daysOverdue: Math.max(0, daysBetween(r.due_on, t)),
      taskId: r.task_id,
    })),
  };
}
