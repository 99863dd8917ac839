import {
  type TCreateReferralRequest,
  type TReferral,
  ZAcceptReferralRequest,
  ZCreateReferralRequest,
  ZDeclineReferralRequest,
  ZReferralListQuery,
  ZReferralOutcomeRequest,
} from '@atensi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import { caseRecord, personUnit, programme, referral, serviceComponent, unit } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { assertConsent } from '../people/consent.service.ts';
import { createCase } from './cases.service.ts';

type Row = typeof referral.$inferSelect;
const NO_UNIT = '00000000-0000-0000-0000-000000000000';
/** The summary is read by the receiving unit's staff, in Bahasa Indonesia. */
const APPROACH_ID: Record<string, string> = {
  residential: 'residensial',
  family: 'keluarga',
  community: 'komunitas',
};

function invalid(ctx: Ctx, field: string, issue: string, id: string, en: string) {
  return new AppError('VALIDATION_FAILED', {
    details: [{ field, issue, message: `${field}: ${ctx.meta.lang === 'id' ? id : en}` }],
  });
}

/** The acceptance deadline: `days` working days (Monday–Friday) after `from`. */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

export async function createReferral(ctx: Ctx, input: TCreateReferralRequest): Promise<TReferral> {
  const f = ZCreateReferralRequest.parse(input);
  if (Boolean(f.toUnitId) === Boolean(f.toProgrammeCode)) {
    throw invalid(
      ctx,
      'toUnitId',
      'required',
      'pilih satu: unit atau program tujuan',
      'choose one: a unit or a programme',
    );
  }
  const c = (
    await ctx.db
      .select()
      .from(caseRecord)
      .where(and(eq(caseRecord.id, f.caseId), eq(caseRecord.unitId, ctx.actor.unitId ?? NO_UNIT)))
  )[0];
  if (!c) throw invalid(ctx, 'caseId', 'unknown', 'kasus tidak ditemukan', 'case not found');
  if (c.stage === 'closed') throw new AppError('CASE_CLOSED');
  if (f.toUnitId) {
    const u = (await ctx.db.select().from(unit).where(eq(unit.id, f.toUnitId)))[0];
    if (!u || u.archivedAt)
      throw invalid(ctx, 'toUnitId', 'unknown', 'unit tujuan tidak ditemukan', 'unknown unit');
    if (u.id === c.unitId)
      throw invalid(
        ctx,
        'toUnitId',
        'invalid_value',
        'tidak dapat merujuk ke unit sendiri',
        'cannot refer to your own unit',
      );
  }
  if (f.toProgrammeCode) {
    const p = await ctx.db.select().from(programme).where(eq(programme.code, f.toProgrammeCode));
    if (!p.length)
      throw invalid(ctx, 'toProgrammeCode', 'unknown', 'program tidak dikenal', 'unknown programme');
  }
  const codes = new Set(
    (await ctx.db.select({ code: serviceComponent.code }).from(serviceComponent)).map((r) => r.code),
  );
  f.servicesRequested.forEach((s, i) => {
    if (!codes.has(s))
      throw invalid(
        ctx,
        `servicesRequested.${i}`,
        'unknown',
        'komponen layanan tidak dikenal',
        'unknown service',
      );
  });
  // Consent travels with the data: no referral without the person's (or guardian's) consent to it.
  await assertConsent(ctx, c.personId, 'referral');
  const facts = (
    await queryRows<{ sex: string; age: number | null; cluster: string }>(
      ctx.db,
      sql`select p.sex, date_part('year', age(p.birth_date))::int as age, cl.name_id as cluster
          from person p, cluster cl where p.id = ${c.personId}::uuid and cl.code = ${c.clusterCode}`,
    )
  )[0];
  const summary = [
    facts?.sex === 'P' ? 'Perempuan' : 'Laki-laki',
    facts?.age !== null && facts?.age !== undefined ? `${facts.age} tahun` : 'usia tidak diketahui',
    `klaster ${facts?.cluster ?? c.clusterCode}`,
    `pendekatan ${c.approaches.map((a) => APPROACH_ID[a] ?? a).join(', ')}`,
  ].join(' · ');
  const [row] = await ctx.db
    .insert(referral)
    .values({
      caseId: c.id,
      personId: c.personId,
      fromUnitId: c.unitId,
      toUnitId: f.toUnitId ?? null,
      toProgrammeCode: f.toProgrammeCode ?? null,
      servicesRequested: f.servicesRequested,
      reason: f.reason,
      summary,
      deadlineAt: addWorkingDays(new Date(), 3),
      createdBy: ctx.actor.userId,
    })
    .returning();
  if (!row) throw new Error('insert referral returned nothing');
  return getReferral(ctx, row.id);
}

async function load(ctx: Ctx, id: string, lock = false): Promise<Row> {
  const scope =
    ctx.scope === 'all'
      ? sql`true`
      : sql`(${referral.fromUnitId} = ${ctx.actor.unitId ?? NO_UNIT}::uuid or ${referral.toUnitId} = ${ctx.actor.unitId ?? NO_UNIT}::uuid)`;
  const q = ctx.db
    .select()
    .from(referral)
    .where(and(eq(referral.id, id), scope))
    .limit(1);
  const row = (lock ? await q.for('update') : await q)[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function present(ctx: Ctx, rows: Row[]): Promise<TReferral[]> {
  if (!rows.length) return [];
  const unitIds = [...new Set(rows.flatMap((r) => [r.fromUnitId, ...(r.toUnitId ? [r.toUnitId] : [])]))];
  const units = new Map(
    (
      await queryRows<{ id: string; code: string; name: string }>(
        ctx.db,
        sql`select id, code, name from unit where id in (${sql.join(
          unitIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`,
      )
    ).map((u) => [u.id, u]),
  );
  const progs = new Map(
    (await ctx.db.select({ code: programme.code, name: programme.nameId }).from(programme)).map((p) => [
      p.code,
      p,
    ]),
  );
  // Names only for people this user may see (RLS decides: the receiving unit sees them once it accepted).
  const visible = new Map(
    (
      await queryRows<{ id: string; full_name: string }>(
        ctx.db,
        sql`select id, full_name from person where id in (${sql.join(
          rows.map((r) => sql`${r.personId}::uuid`),
          sql`, `,
        )})`,
      )
    ).map((p) => [p.id, p.full_name]),
  );
  const now = Date.now();
  return rows.map((r) => {
    const direction = ctx.scope === 'all' ? 'hq' : r.fromUnitId === ctx.actor.unitId ? 'out' : 'in';
    const receiverBeforeAccept = direction === 'in' && r.status === 'sent';
    const name = visible.get(r.personId);
    const from = units.get(r.fromUnitId);
    const to = r.toUnitId ? units.get(r.toUnitId) : undefined;
    return {
      id: r.id,
      direction,
      fromUnit: { id: r.fromUnitId, code: from?.code ?? '', name: from?.name ?? '' },
      toUnit: r.toUnitId ? { id: r.toUnitId, code: to?.code ?? '', name: to?.name ?? '' } : null,
      toProgramme: r.toProgrammeCode
        ? (progs.get(r.toProgrammeCode) ?? { code: r.toProgrammeCode, name: '' })
        : null,
      servicesRequested: r.servicesRequested,
      reason: r.reason,
      summary: r.summary,
      status: r.status as TReferral['status'],
      deadlineAt: r.deadlineAt.toISOString(),
      overdue: r.status === 'sent' && r.deadlineAt.getTime() < now,
      declineReason: r.declineReason,
      outcome: r.outcome as TReferral['outcome'],
      person: !receiverBeforeAccept && name ? { id: r.personId, fullName: name } : null,
      caseId: direction === 'in' ? null : r.caseId,
      receivingCaseId: r.receivingCaseId,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

export async function getReferral(ctx: Ctx, id: string): Promise<TReferral> {
  const [r] = await present(ctx, [await load(ctx, id)]);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function listReferrals(ctx: Ctx, input: z.input<typeof ZReferralListQuery>) {
  const q = ZReferralListQuery.parse(input);
  const mine = ctx.actor.unitId ?? NO_UNIT;
  const conds = [
    ctx.scope === 'all'
      ? sql`true`
      : q.box === 'in'
        ? sql`r.to_unit_id = ${mine}::uuid`
        : q.box === 'out'
          ? sql`r.from_unit_id = ${mine}::uuid`
          : sql`(r.to_unit_id = ${mine}::uuid or r.from_unit_id = ${mine}::uuid)`,
    q.status ? sql`r.status = ${q.status}` : sql`true`,
    q.overdue ? sql`r.status = 'sent' and r.deadline_at < now()` : sql`true`,
  ];
  const where = sql.join(conds, sql` and `);
  const ids = await queryRows<{ id: string }>(
    ctx.db,
    sql`select r.id from referral r where ${where}
        order by (r.status = 'sent' and r.deadline_at < now()) desc, r.created_at desc, r.id limit ${q.limit} offset ${q.offset}`,
  );
  const total =
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from referral r where ${where}`))[0]
      ?.n ?? 0;
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(referral)
        .where(
          sql`${referral.id} in (${sql.join(
            ids.map((i) => sql`${i.id}::uuid`),
            sql`, `,
          )})`,
        )
    : [];
  const order = new Map(ids.map((r, i) => [r.id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { items: await present(ctx, rows), total };
}

function assertReceiver(ctx: Ctx, r: Row) {
  if (!r.toUnitId || r.toUnitId !== ctx.actor.unitId) throw new AppError('REFERRAL_NOT_YOURS');
}

/** The receiving unit accepts: it may now see the person, and it opens its own case linked to this referral. */
export async function acceptReferral(ctx: Ctx, id: string, input: z.input<typeof ZAcceptReferralRequest>) {
  const f = ZAcceptReferralRequest.parse(input);
  const r = await load(ctx, id, true);
  assertReceiver(ctx, r);
  if (r.version !== f.version) throw new AppError('CONFLICT');
  if (r.status !== 'sent') throw new AppError('REFERRAL_NOT_OPEN');
  await ctx.db
    .insert(personUnit)
    .values({ personId: r.personId, unitId: r.toUnitId ?? NO_UNIT, reason: 'referred' })
    .onConflictDoNothing();
  const sending = (
    await queryRows<{ cluster_code: string }>(
      ctx.db,
      sql`select cluster_code from atensi_referral_cluster(${id}::uuid)`,
    )
  )[0];
  const created = await createCase(ctx, {
    personId: r.personId,
    clusterCode: sending?.cluster_code ?? 'ppks_lainnya',
    approaches: f.approaches,
    intakeSource: 'referral',
    intakeDate: todayWib(),
    intakeNotes: `Rujukan: ${r.reason}`,
    ...(f.workerId ? { workerId: f.workerId } : {}),
  });
  await ctx.db.update(caseRecord).set({ fromReferralId: id }).where(eq(caseRecord.id, created.id));
  await ctx.db
    .update(referral)
    .set({
      status: 'accepted',
      decidedAt: new Date(),
      decidedBy: ctx.actor.userId,
      receivingCaseId: created.id,
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(referral.id, id));
  return getReferral(ctx, id);
}

export async function declineReferral(ctx: Ctx, id: string, input: z.input<typeof ZDeclineReferralRequest>) {
  const f = ZDeclineReferralRequest.parse(input);
  const r = await load(ctx, id, true);
  assertReceiver(ctx, r);
  if (r.version !== f.version) throw new AppError('CONFLICT');
  if (r.status !== 'sent') throw new AppError('REFERRAL_NOT_OPEN');
  await ctx.db
    .update(referral)
    .set({
      status: 'declined',
      declineReason: f.reason,
      decidedAt: new Date(),
      decidedBy: ctx.actor.userId,
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(referral.id, id));
  return getReferral(ctx, id);
}

export async function cancelReferral(ctx: Ctx, id: string, input: z.input<typeof ZDeclineReferralRequest>) {
  const f = ZDeclineReferralRequest.parse(input);
  const r = await load(ctx, id, true);
  if (r.fromUnitId !== ctx.actor.unitId) throw new AppError('REFERRAL_NOT_YOURS');
  if (r.version !== f.version) throw new AppError('CONFLICT');
  if (r.status !== 'sent') throw new AppError('REFERRAL_NOT_OPEN');
  await ctx.db
    .update(referral)
    .set({ status: 'cancelled', declineReason: f.reason, version: r.version + 1, updatedAt: new Date() })
    .where(eq(referral.id, id));
  return getReferral(ctx, id);
}

/** Programme referrals close with the outcome the sending unit records (enrolled, rejected, pending). */
export async function recordOutcome(ctx: Ctx, id: string, input: z.input<typeof ZReferralOutcomeRequest>) {
  const f = ZReferralOutcomeRequest.parse(input);
  const r = await load(ctx, id, true);
  if (r.fromUnitId !== ctx.actor.unitId || !r.toProgrammeCode) throw new AppError('REFERRAL_NOT_YOURS');
  if (r.version !== f.version) throw new AppError('CONFLICT');
  if (r.status !== 'sent' && r.status !== 'accepted') throw new AppError('REFERRAL_NOT_OPEN');
  const done = f.outcome !== 'pending';
  await ctx.db
    .update(referral)
    .set({
      outcome: f.outcome,
      status: done ? 'completed' : 'accepted',
      ...(done ? { completedAt: new Date() } : {}),
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(referral.id, id));
  return getReferral(ctx, id);
}
