// The outcome queries. Two exact ways to the same figures:
// - tally: per-unit counts kept by a trigger on case_progress (migration 0022); medians are the middle
//   values of the cumulative counts. Used for the page as headquarters opens it (per unit, no filters).
// - cases: aggregates over case_progress (percentile_cont, FILTER) for filtered views and other groupings.
// Both run inside the request's transaction, so row-level security scopes them as well as the filters.
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';

export type Filters = {
  /** Units to restrict to (AND-ed): the requested unit and, for a unit user, their own. */
  unitIds: string[];
  cluster?: string | undefined;
  approach?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};
export type GroupBy = 'unit' | 'cluster' | 'approach';

/** Per group (key) and for the total (key null). */
export type RawFigures = {
  key: string | null;
  followed: number;
  medianFirstIncome: number | null;
  medianLatestIncome: number | null;
  independent: number;
  graduated: number;
  medianDaysToIndependence: number | null;
};
export type LevelCount = { key: string | null; level: number; n: number };
export type KeyCount = { key: string | null; n: number };
export type MonthCount = { kind: 'intake' | 'independent' | 'graduated'; month: number; n: number };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function unitCond(column: SQL, unitIds: string[]): SQL {
  if (unitIds.length === 0) return sql`true`;
  return sql.join(
    unitIds.map((u) => sql`${column} = ${u}::uuid`),
    sql` and `,
  );
}

// ── tally ──────────────────────────────────────────────────────────────────────────────────────────

const MEDIAN_METRICS = sql`('first_income', 'latest_income', 'days_independent')`;
type MedianRow = { g: string | null; metric: string; median: string | null; seen: string };

/**
 * Medians from value counts: the value at positions floor((n+1)/2) and floor(n/2)+1 of each distribution
 * (their mean, as percentile_cont(0.5)). Per unit the tally is read in its key order with one running sum;
 * the total merges the units' counts per value first (a few thousand values).
 */
async function tallyMedians(db: Tx, cond: SQL, totals: { u: string; m: string; t: number }[]) {
  const perUnit = await queryRows<MedianRow>(
    db,
    sql`with k as (
          select (x->>'u')::uuid as unit_id, x->>'m' as metric, (x->>'t')::bigint as tot
          from jsonb_array_elements(${JSON.stringify(totals)}::jsonb) x),
        c as (
          select unit_id, metric, value,
                 sum(n) over (partition by unit_id, metric order by value rows unbounded preceding) as cum
          from outcome_tally where metric in ${MEDIAN_METRICS} and n > 0 and ${cond})
        select c.unit_id::text as g, c.metric, max(c.cum)::text as seen,
               ((min(c.value) filter (where c.cum >= (k.tot + 1) / 2)
                 + min(c.value) filter (where c.cum >= k.tot / 2 + 1))::numeric / 2)::text as median
        from c join k on k.unit_id = c.unit_id and k.metric = c.metric
        group by c.unit_id, c.metric, k.tot`,
  );
  const expected = new Map(totals.map((x) => [`${x.u}|${x.m}`, x.t]));
  // Every value counted once per followed (or independent) case: otherwise recount with the totals read
  // from the distributions themselves.
  const consistent =
    perUnit.length === totals.length &&
    perUnit.every((r) => Number(r.seen) === expected.get(`${r.g}|${r.metric}`));
  const total = await queryRows<MedianRow>(
    db,
    sql`with h as (
          select metric, value, sum(n) as n from outcome_tally
          where metric in ${MEDIAN_METRICS} and n > 0 and ${cond} group by metric, value),
        c as (
          select metric, value,
                 (sum(n) over (partition by metric order by value rows unbounded preceding))::bigint as cum,
                 (sum(n) over (partition by metric))::bigint as tot
          from h)
        select null as g, metric, max(cum)::text as seen,
               ((min(value) filter (where cum >= (tot + 1) / 2)
                 + min(value) filter (where cum >= tot / 2 + 1))::numeric / 2)::text as median
        from c group by metric, tot`,
  );
  if (consistent) return [...perUnit, ...total];
  const recounted = await queryRows<MedianRow>(
    db,
    sql`with c as (
          select unit_id, metric, value,
                 (sum(n) over (partition by unit_id, metric order by value rows unbounded preceding))::bigint as cum,
                 (sum(n) over (partition by unit_id, metric))::bigint as tot
          from outcome_tally where metric in ${MEDIAN_METRICS} and n > 0 and ${cond})
        select unit_id::text as g, metric, max(cum)::text as seen,
               ((min(value) filter (where cum >= (tot + 1) / 2)
                 + min(value) filter (where cum >= tot / 2 + 1))::numeric / 2)::text as median
        from c group by unit_id, metric, tot`,
  );
  return [...recounted, ...total];
}

/** Counts and medians per unit and in total, from outcome_tally. */
export async function tallyFigures(
  db: Tx,
  unitIds: string[],
): Promise<{ figures: RawFigures[]; levels: LevelCount[] }> {
  const cond = unitCond(sql`unit_id`, unitIds);
  const counts = await queryRows<{ g: string | null; metric: string; value: string; n: string }>(
    db,
    sql`select unit_id::text as g, metric, value::text, n::text from outcome_tally
        where metric in ('followed', 'level', 'independent', 'graduated') and n > 0 and ${cond}`,
  );
  const totals: { u: string; m: string; t: number }[] = [];
  for (const r of counts) {
    if (r.g === null) continue;
    if (r.metric === 'followed')
      totals.push(
        { u: r.g, m: 'first_income', t: Number(r.n) },
        { u: r.g, m: 'latest_income', t: Number(r.n) },
      );
    if (r.metric === 'independent') totals.push({ u: r.g, m: 'days_independent', t: Number(r.n) });
  }
  const medians = await tallyMedians(db, cond, totals);
  const byKey = new Map<string | null, RawFigures>();
  const fig = (key: string | null): RawFigures => {
    let f = byKey.get(key);
    if (!f) {
      f = {
        key,
        followed: 0,
        medianFirstIncome: null,
        medianLatestIncome: null,
        independent: 0,
        graduated: 0,
        medianDaysToIndependence: null,
      };
      byKey.set(key, f);
    }
    return f;
  };
  fig(null);
  const levelMap = new Map<string, LevelCount>();
  for (const r of counts) {
    const n = Number(r.n);
    for (const key of [r.g, null]) {
      const f = fig(key);
      if (r.metric === 'followed') f.followed += n;
      else if (r.metric === 'independent') f.independent += n;
      else if (r.metric === 'graduated') f.graduated += n;
      else {
        const id = `${key}|${r.value}`;
        const lc = levelMap.get(id) ?? { key, level: Number(r.value), n: 0 };
        lc.n += n;
        levelMap.set(id, lc);
      }
    }
  }
  for (const m of medians) {
    const f = fig(m.g);
    if (m.metric === 'first_income') f.medianFirstIncome = num(m.median);
    else if (m.metric === 'latest_income') f.medianLatestIncome = num(m.median);
    else f.medianDaysToIndependence = num(m.median);
  }
  return { figures: [...byKey.values()], levels: [...levelMap.values()] };
}

/**
 * Overdue per unit: open entries of past months from the tally, and this month's due before today from the
 * open-schedule index (a few days' worth, whatever the size of the backlog).
 */
export async function tallyOverdue(db: Tx, unitIds: string[], today: string): Promise<KeyCount[]> {
  const month = Number(today.slice(0, 4)) * 100 + Number(today.slice(5, 7));
  const rows = await queryRows<{ key: string; n: string }>(
    db,
    sql`select key, sum(n)::text as n from (
          select unit_id::text as key, n::bigint as n from outcome_tally
          where metric = 'open_month' and value < ${month} and n > 0 and ${unitCond(sql`unit_id`, unitIds)}
          union all
          select unit_id::text, count(*) from survey_schedule
          where survey_id is null and due_on >= ${`${today.slice(0, 7)}-01`}::date and due_on < ${today}::date
            and ${unitCond(sql`unit_id`, unitIds)}
          group by unit_id) x
        group by key`,
  );
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

/** Month counts (YYYYMM) for the trend, from the tally. */
export async function tallyTrend(
  db: Tx,
  unitIds: string[],
  fromMonth: number,
  toMonth: number,
): Promise<MonthCount[]> {
  const rows = await queryRows<{ metric: string; value: string; n: string }>(
    db,
    sql`select metric, value::text, sum(n)::text as n from outcome_tally
        where metric in ('month_intake', 'month_independent', 'month_graduated')
          and value between ${fromMonth} and ${toMonth} and n > 0 and ${unitCond(sql`unit_id`, unitIds)}
        group by metric, value`,
  );
  return rows.map((r) => ({
    kind: r.metric.slice('month_'.length) as MonthCount['kind'],
    month: Number(r.value),
    n: Number(r.n),
  }));
}

// ── cases ──────────────────────────────────────────────────────────────────────────────────────────

function caseConds(f: Filters): SQL {
  const parts: SQL[] = [unitCond(sql`cp.unit_id`, f.unitIds)];
  if (f.cluster) parts.push(sql`cp.cluster_code = ${f.cluster}`);
  if (f.approach) parts.push(sql`${f.approach} = any(cp.approaches)`);
  if (f.from) parts.push(sql`cp.intake_date >= ${f.from}::date`);
  if (f.to) parts.push(sql`cp.intake_date <= ${f.to}::date`);
  return sql.join(parts, sql` and `);
}

/** The source rows and the group key: a case with two approaches counts under each. */
function grouped(groupBy: GroupBy | null): { from: SQL; key: SQL } {
  if (groupBy === 'approach') {
    return {
      from: sql`case_progress cp cross join lateral unnest(cp.approaches) as a(approach)`,
      key: sql`a.approach`,
    };
  }
  if (groupBy === 'cluster') return { from: sql`case_progress cp`, key: sql`cp.cluster_code` };
  if (groupBy === 'unit') return { from: sql`case_progress cp`, key: sql`cp.unit_id::text` };
  return { from: sql`case_progress cp`, key: sql`null::text` };
}

export async function caseFigures(db: Tx, f: Filters, groupBy: GroupBy | null): Promise<RawFigures[]> {
  const g = grouped(groupBy);
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select ${g.key} as key, count(*)::text as followed,
               percentile_cont(0.5) within group (order by cp.first_income)::text as mfi,
               percentile_cont(0.5) within group (order by cp.latest_income)::text as mli,
               count(*) filter (where cp.independent_on is not null)::text as independent,
               count(*) filter (where cp.graduated_on is not null)::text as graduated,
               percentile_cont(0.5) within group (order by cp.independent_on - cp.intake_date)::text as mdi
        from ${g.from}
        where cp.survey_count > 0 and ${caseConds(f)}
        group by 1`,
  );
  return rows.map((r) => ({
    key: r.key ?? null,
    followed: Number(r.followed),
    medianFirstIncome: num(r.mfi),
    medianLatestIncome: num(r.mli),
    independent: Number(r.independent),
    graduated: Number(r.graduated),
    medianDaysToIndependence: num(r.mdi),
  }));
}

export async function caseLevels(db: Tx, f: Filters, groupBy: GroupBy | null): Promise<LevelCount[]> {
  const g = grouped(groupBy);
  const rows = await queryRows<{ key: string | null; level: number; n: string }>(
    db,
    sql`select ${g.key} as key, cp.level, count(*)::text as n from ${g.from}
        where cp.survey_count > 0 and ${caseConds(f)} group by 1, 2`,
  );
  return rows.map((r) => ({ key: r.key ?? null, level: Number(r.level), n: Number(r.n) }));
}

/** Overdue entries by the case they belong to (a case may have no progress row before its first survey). */
export async function caseOverdue(
  db: Tx,
  f: Filters,
  groupBy: GroupBy | null,
  today: string,
): Promise<KeyCount[]> {
  const key =
    groupBy === 'approach'
      ? sql`a.approach`
      : groupBy === 'cluster'
        ? sql`cp.cluster_code`
        : groupBy === 'unit'
          ? sql`cp.unit_id::text`
          : sql`null::text`;
  const rows = await queryRows<{ key: string | null; n: string }>(
    db,
    sql`select ${key} as key, count(*)::text as n
        from survey_schedule s join case_record cp on cp.id = s.case_id
        ${groupBy === 'approach' ? sql`cross join lateral unnest(cp.approaches) as a(approach)` : sql``}
        where s.survey_id is null and s.due_on < ${today}::date and ${caseConds(f)}
        group by 1`,
  );
  return rows.map((r) => ({ key: r.key ?? null, n: Number(r.n) }));
}

export async function caseTrend(db: Tx, f: Filters, fromDay: string, toDay: string): Promise<MonthCount[]> {
  const month = (col: SQL) => sql`(extract(year from ${col}) * 100 + extract(month from ${col}))::int`;
  const rows = await queryRows<{ kind: MonthCount['kind']; month: number; n: string }>(
    db,
    sql`with x as (select cp.* from case_progress cp where cp.survey_count > 0 and ${caseConds(f)})
        select 'intake' as kind, ${month(sql`intake_date`)} as month, count(*)::text as n from x
          where intake_date between ${fromDay}::date and ${toDay}::date group by 2
        union all
        select 'independent', ${month(sql`independent_on`)}, count(*)::text from x
          where independent_on between ${fromDay}::date and ${toDay}::date group by 2
        union all
        select 'graduated', ${month(sql`graduated_on`)}, count(*)::text from x
          where graduated_on between ${fromDay}::date and ${toDay}::date group by 2`,
  );
  return rows.map((r) => ({ kind: r.kind, month: Number(r.month), n: Number(r.n) }));
}

// ── labels ─────────────────────────────────────────────────────────────────────────────────────────

export async function ladder(db: Tx) {
  return queryRows<{ level: number; nameId: string; nameEn: string }>(
    db,
    sql`select level, name_id as "nameId", name_en as "nameEn" from roadmap_level order by level`,
  );
}

export async function unitNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id::text, name from unit where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function clusterNames(db: Tx, lang: 'id' | 'en'): Promise<Map<string, string>> {
  const rows = await queryRows<{ code: string; name: string }>(
    db,
    lang === 'id'
      ? sql`select code, name_id as name from cluster`
      : sql`select code, name_en as name from cluster`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}
