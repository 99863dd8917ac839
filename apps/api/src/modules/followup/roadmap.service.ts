// The roadmap: recompute a person's level and milestones after every survey change (same transaction), the
// person's roadmap page, and the ladder that admin edits.
import {
  CRITERION_KINDS,
  type TCriterionResult,
  type TMilestone,
  type TPersonRoadmap,
  type TPutRoadmapLevelsRequest,
  type TRoadmapLevelList,
  ZCriterionResult,
  ZPutRoadmapLevelsRequest,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { latestDateInIndonesia } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import {
  findPerson,
  listLevels,
  listMilestones,
  loadFacts,
  type PersonRow,
  toLadder,
} from './followup.repository.ts';
import { computeTimeline } from './roadmap.ts';

/** The record's "now": surveys may be dated up to today in Jayapura, and the levels must count them. */
const today = (): string => latestDateInIndonesia();
const iso = (d: Date | string) => new Date(d).toISOString();
/** case_progress.level when no level of the ladder is reached yet (level 0 is the first level). */
export const NO_LEVEL = -1;

export type RecomputeResult = { level: number | null; reached: number[]; revoked: number[] };

/**
 * Recompute the person's roadmap from the record: milestones (a level first reached on a date, with the
 * evidence of that date; revoked when a correction means it was never reached), case_progress of the
 * changed cases, and the person-wide level on every case_progress row of the person.
 */
export async function recomputePerson(
  ctx: Ctx,
  person: PersonRow,
  changedCaseIds: string[],
): Promise<RecomputeResult> {
  const ladder = toLadder(await listLevels(ctx.db));
  const facts = await loadFacts(ctx.db, person);
  const tl = computeTimeline(ladder, facts, today());
  const live = (await listMilestones(ctx.db, person.id)).filter((m) => m.revoked_at === null);
  const reached: number[] = [];
  const revoked: number[] = [];
  for (const r of tl.reached) {
    const cur = live.find((m) => m.level === r.level);
    const evidence = JSON.stringify(r.evidence);
    if (cur && cur.reached_on === r.reachedOn) {
      if (JSON.stringify(cur.evidence) !== evidence)
        await ctx.db.execute(
          sql`update roadmap_milestone set evidence = ${evidence}::jsonb where id = ${cur.id}::uuid`,
        );
      continue;
    }
    // Reached on another date than recorded (a correction): the old milestone is revoked, a new one stands.
    if (cur)
      await ctx.db.execute(sql`update roadmap_milestone set revoked_at = now() where id = ${cur.id}::uuid`);
    else reached.push(r.level);
    await ctx.db.execute(
      sql`insert into roadmap_milestone (person_id, level, reached_on, evidence)
          values (${person.id}::uuid, ${r.level}, ${r.reachedOn}::date, ${evidence}::jsonb)`,
    );
  }
  for (const m of live) {
    if (tl.reached.some((r) => r.level === m.level)) continue;
    await ctx.db.execute(sql`update roadmap_milestone set revoked_at = now() where id = ${m.id}::uuid`);
    revoked.push(m.level);
  }
  const on = (pick: (l: (typeof ladder)[number]) => boolean) => {
    const lvl = ladder.find(pick);
    return lvl ? (tl.reached.find((r) => r.level === lvl.level)?.reachedOn ?? null) : null;
  };
  const independentOn = on((l) => l.isIndependence);
  const graduatedOn = on((l) => l.isGraduation);
  const level = tl.level ?? NO_LEVEL;
  for (const caseId of changedCaseIds)
    await refreshCaseProgress(ctx, caseId, level, independentOn, graduatedOn);
  await ctx.db.execute(
    sql`select atensi_set_person_level(${person.id}::uuid, ${level}, ${independentOn}::date, ${graduatedOn}::date)`,
  );
  return { level: tl.level, reached, revoked };
}

/** One case's survey figures (count, first and latest income and dates), kept for the outcome pages. */
async function refreshCaseProgress(
  ctx: Ctx,
  caseId: string,
  level: number,
  independentOn: string | null,
  graduatedOn: string | null,
): Promise<void> {
  await ctx.db.execute(sql`
    insert into case_progress as cp (case_id, person_id, unit_id, cluster_code, approaches, intake_date,
      survey_count, first_income, latest_income, first_survey_on, latest_survey_on, level, independent_on,
      graduated_on, updated_at)
    select c.id, c.person_id, c.unit_id, c.cluster_code, c.approaches, c.intake_date,
      (select count(*)::int from survey s where s.case_id = c.id),
      f.monthly_income, l.monthly_income, f.surveyed_on, l.surveyed_on,
      ${level}, ${independentOn}::date, ${graduatedOn}::date, now()
    from case_record c
    left join lateral (select monthly_income, surveyed_on from survey s where s.case_id = c.id
                       order by surveyed_on, created_at, id limit 1) f on true
    left join lateral (select monthly_income, surveyed_on from survey s where s.case_id = c.id
                       order by surveyed_on desc, created_at desc, id desc limit 1) l on true
    where c.id = ${caseId}::uuid
    on conflict (case_id) do update set
      survey_count = excluded.survey_count, first_income = excluded.first_income,
      latest_income = excluded.latest_income, first_survey_on = excluded.first_survey_on,
      latest_survey_on = excluded.latest_survey_on, level = excluded.level,
      independent_on = excluded.independent_on, graduated_on = excluded.graduated_on, updated_at = now()
    where (cp.survey_count, cp.first_income, cp.latest_income, cp.first_survey_on, cp.latest_survey_on,
           cp.level, cp.independent_on, cp.graduated_on)
      is distinct from (excluded.survey_count, excluded.first_income, excluded.latest_income,
           excluded.first_survey_on, excluded.latest_survey_on, excluded.level, excluded.independent_on,
           excluded.graduated_on)`);
}

/** A person the caller may see, or 404. */
export async function personOr404(ctx: Ctx, id: string): Promise<PersonRow> {
  const p = await findPerson(ctx.db, id);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

const ZEvidence = z.array(ZCriterionResult);

export async function getPersonRoadmap(ctx: Ctx, personId: string): Promise<TPersonRoadmap> {
  const person = await personOr404(ctx, personId);
  // Levels also move with records kept elsewhere (a termination, an approved plan, a training completed):
  // a caller who may move the person's level brings the milestones up to date first (a no-op when current).
  const serves = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select exists (select 1 from case_record c where c.person_id = ${person.id}::uuid) as ok`,
  );
  if (ctx.scope === 'all' || serves[0]?.ok) await recomputePerson(ctx, person, []);
  const levelRows = await listLevels(ctx.db);
  const ladder = toLadder(levelRows);
  const facts = await loadFacts(ctx.db, person);
  const tl = computeTimeline(ladder, facts, today());
  const milestones = await listMilestones(ctx.db, person.id);
  const live = milestones.filter((m) => m.revoked_at === null);
  const levels = levelRows.map((r) => {
    const now = tl.now.find((l) => l.level === r.level);
    const m = live.find((x) => x.level === r.level);
    const status: 'holds' | 'lost' | 'not_reached' = now?.holds ? 'holds' : m ? 'lost' : 'not_reached';
    return {
      level: r.level,
      code: r.code,
      nameId: r.name_id,
      nameEn: r.name_en,
      isIndependence: r.is_independence,
      isGraduation: r.is_graduation,
      status,
      reachedOn: m?.reached_on ?? null,
      criteria: now?.criteria ?? [],
    };
  });
  const nextLevel = levelRows.find((r) => r.level > (tl.level ?? NO_LEVEL));
  const next = nextLevel
    ? {
        level: nextLevel.level,
        missing: (tl.now.find((l) => l.level === nextLevel.level)?.criteria ?? []).filter(
          (c: TCriterionResult) => c.status !== 'met',
        ),
      }
    : null;
  const ms: TMilestone[] = milestones.map((m) => {
    const ev = ZEvidence.safeParse(m.evidence);
    return {
      id: m.id,
      level: m.level,
      reachedOn: m.reached_on,
      evidence: ev.success ? ev.data : [],
      revokedAt: m.revoked_at ? iso(m.revoked_at) : null,
      createdAt: iso(m.created_at),
    };
  });
  const on = (flag: 'isIndependence' | 'isGraduation') => {
    const l = ladder.find((x) => x[flag]);
    return l ? (live.find((m) => m.level === l.level)?.reached_on ?? null) : null;
  };
  await auditRead(ctx, 'person_roadmap', person.id);
  return {
    person: { id: person.id, fullName: person.full_name, provinceCode: person.province_code },
    level: tl.level,
    independentOn: on('isIndependence'),
    graduatedOn: on('isGraduation'),
    levels,
    next,
    milestones: ms,
    incomeSeries: facts.surveys.map((s) => ({
      surveyId: s.id,
      surveyedOn: s.surveyedOn,
      monthlyIncome: s.monthlyIncome,
      minimumWage: s.wage?.amount ?? null,
      minimumWageKind: s.wage?.kind ?? null,
    })),
  };
}

export async function getLevels(ctx: Ctx): Promise<TRoadmapLevelList> {
  const rows = await listLevels(ctx.db);
  return {
    items: rows.map((r) => ({
      level: r.level,
      code: r.code,
      nameId: r.name_id,
      nameEn: r.name_en,
      criteria: r.criteria,
      isIndependence: r.is_independence,
      isGraduation: r.is_graduation,
      version: r.version,
      updatedAt: iso(r.updated_at),
    })),
    criterionKinds: [...CRITERION_KINDS],
  };
}

function ladderInvalid(ctx: Ctx, field: string, id: string, en: string): AppError {
  return new AppError('ROADMAP_LADDER_INVALID', {
    details: [{ field, issue: 'invalid', message: `${field}: ${ctx.meta.lang === 'id' ? id : en}` }],
  });
}

/**
 * Replace the ladder (admin). Levels run 0..n without gaps, codes unique, the last level alone is the
 * graduation, at most one marks independence, and level_holds names only a lower level. A level people have
 * reached (a live milestone) cannot be removed. Milestones are not recomputed for everyone here: each
 * person's roadmap follows the new ladder on its next survey change, and the roadmap page shows it at once.
 */
export async function putLevels(ctx: Ctx, input: TPutRoadmapLevelsRequest): Promise<TRoadmapLevelList> {
  const f = ZPutRoadmapLevelsRequest.parse(input);
  f.levels.forEach((l, i) => {
    if (l.level !== i)
      throw ladderInvalid(
        ctx,
        `levels.${i}.level`,
        `harus ${i} (berurutan dari 0)`,
        `must be ${i} (in order from 0)`,
      );
    if (f.levels.findIndex((x) => x.code === l.code) !== i)
      throw ladderInvalid(ctx, `levels.${i}.code`, 'kode sudah dipakai', 'code already used');
    if (l.isGraduation !== (i === f.levels.length - 1))
      throw ladderInvalid(
        ctx,
        `levels.${i}.isGraduation`,
        'hanya tingkat terakhir yang merupakan kelulusan',
        'only the last level is the graduation',
      );
    l.criteria.forEach((c, j) => {
      if (c.kind === 'level_holds' && c.level >= l.level)
        throw ladderInvalid(
          ctx,
          `levels.${i}.criteria.${j}.level`,
          'harus tingkat yang lebih rendah',
          'must be a lower level',
        );
    });
  });
  if (f.levels.filter((l) => l.isIndependence).length > 1)
    throw ladderInvalid(ctx, 'levels', 'hanya satu tingkat mandiri', 'only one level marks independence');
  const current = await queryRows<{ level: number; version: number }>(
    ctx.db,
    sql`select level, version from roadmap_level order by level for update`,
  );
  for (const l of f.levels) {
    const cur = current.find((c) => c.level === l.level);
    if ((cur?.version ?? 0) !== l.version) throw new AppError('CONFLICT');
  }
  const removed = current.filter((c) => c.level >= f.levels.length).map((c) => c.level);
  if (removed.length) {
    const used = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from roadmap_milestone where level >= ${f.levels.length}`,
    );
    if ((used[0]?.n ?? 0) > 0) throw new AppError('ROADMAP_LEVEL_IN_USE');
    await ctx.db.execute(sql`delete from roadmap_level where level >= ${f.levels.length}`);
  }
  // Codes are unique: park the kept levels' codes first so a swap of two codes does not collide.
  await ctx.db.execute(
    sql`update roadmap_level set code = '~' || level::text where level < ${f.levels.length}`,
  );
  for (const l of f.levels) {
    await ctx.db.execute(sql`
      insert into roadmap_level (level, code, name_id, name_en, criteria, is_independence, is_graduation, updated_by)
      values (${l.level}, ${l.code}, ${l.nameId}, ${l.nameEn}, ${JSON.stringify(l.criteria)}::jsonb,
              ${l.isIndependence}, ${l.isGraduation}, ${ctx.actor.userId}::uuid)
      on conflict (level) do update set code = excluded.code, name_id = excluded.name_id,
        name_en = excluded.name_en, criteria = excluded.criteria, is_independence = excluded.is_independence,
        is_graduation = excluded.is_graduation, updated_by = excluded.updated_by,
        version = roadmap_level.version + 1, updated_at = now()`);
  }
  return getLevels(ctx);
}
