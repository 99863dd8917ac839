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

type Total = { u: string | null; m: string; t: number };
type MedianRow = { g: string | null; metric: string; tot: string; value: string; cum: string };

/**
 * Medians from value counts: the mean of the values at positions floor((n+1)/2) and floor(n/2)+1 of each
 * distribution (as percentile_cont(0.5)), n known from the tally's counts. Each distribution is walked in
 * value order with a running sum that stops just past the middle: per unit along the primary key, for all
 * units along (metric, value) summing the units' counts per value.
 */
async function tallyMedians(
  db: Tx,
  cond: SQL,
  totals: Total[],
): Promise<{ g: string | null; metric: string; median: number | null }[]> {
  const rows = await queryRows<MedianRow>(
    db,
    sql`with k as (
          select nullif(x->>'u', '')::uuid as unit_id, x->>'m' as metric, (x->>'t')::bigint as tot
          from jsonb_array_elements(${JSON.stringify(totals)}::jsonb) x)
        select k.unit_id::text as g, k.metric, k.tot::text, m.value::text, m.cum::text
        from k cross join lateral (
          select x.value, x.cum from (
            select t.value, (sum(t.n) over (order by t.value rows unbounded preceding))::bigint as cum
            from outcome_tally t
            where k.unit_id is not null and t.unit_id = k.unit_id and t.metric = k.metric and t.n > 0
            order by t.value) x
          where x.cum >= (k.tot + 1) / 2 limit 2) m
        where k.unit_id is not null
        union all
        select null, k.metric, k.tot::text, m.value::text, m.cum::text
        from k cross join lateral (
          select x.value, x.cum from (
            select v.value, (sum(v.n) over (order by v.value rows unbounded preceding))::bigint as cum
            from (select t.value, sum(t.n) as n from outcome_tally t
                  where t.metric = k.metric and t.n > 0 and ${cond} group by t.value) v
            order by v.value) x
          where x.cum >= (k.tot + 1) / 2 limit 2) m
        where k.unit_id is null`,
  );
  const out = new Map<string, { g: string | null; metric: string; median: number | null }>();
  const seen = new Map<string, MedianRow[]>();
  for (const r of rows) {
    const key = `${r.g}|${r.metric}`;
    seen.set(key, [...(seen.get(key) ?? []), r]);
  }
  for (const [key, [first, second]] of seen) {
    if (!first) continue;
    const tot = Number(first.tot);
    const hi = Math.floor(tot / 2) + 1;
    const upper = Number(first.cum) >= hi ? Number(first.value) : Number(second?.value ?? first.value);
    out.set(key, { g: first.g, metric: first.metric, median: (Number(first.value) + upper) / 2 });
  }
  return [...out.values()];
}

/**
 * Everything the unfiltered page shows, from outcome_tally in two reads: the counts (with this month's
 * overdue entries from the open-schedule index and the trend months), then the medians.
 */
export async function tallyFigures(
  db: Tx,
  unitIds: string[],
  today: string,
  fromMonth: number,
  toMonth: number,
): Promise<{ figures: RawFigures[]; levels: LevelCount[]; overdue: KeyCount[]; trend: MonthCount[] }> {
  const cond = unitCond(sql`unit_id`, unitIds);
  const month = Number(today.slice(0, 4)) * 100 + Number(today.slice(5, 7));
  const rows = await queryRows<{ g: string | null; metric: string; value: string; n: string }>(
    db,
    sql`select unit_id::text as g, metric, value::text, n::text from outcome_tally
        where metric in ('followed', 'level', 'independent', 'graduated', 'first_income_n', 'latest_income_n')
          and n > 0 and ${cond}
        union all
        select null, metric, value::text, sum(n)::text from outcome_tally
        where metric in ('month_intake', 'month_independent', 'month_graduated')
          and value between ${fromMonth} and ${toMonth} and n > 0 and ${cond}
        group by metric, value
        union all
        select key, 'overdue', '0', sum(n)::text from (
          select unit_id::text as key, n::bigint as n from outcome_tally
          where metric = 'open_month' and value < ${month} and n > 0 and ${cond}
          union all
          select unit_id::text, count(*) from survey_schedule
          where survey_id is null and due_on >= ${`${today.slice(0, 7)}-01`}::date and due_on < ${today}::date
            and ${cond}
          group by unit_id) x
        group by key`,
  );
  const overdue: KeyCount[] = [];
  const trend: MonthCount[] = [];
  const counts: typeof rows = [];
  for (const r of rows) {
    if (r.metric === 'overdue') overdue.push({ key: r.g, n: Number(r.n) });
    else if (r.metric.startsWith('month_'))
      trend.push({
        kind: r.metric.slice('month_'.length) as MonthCount['kind'],
        month: Number(r.value),
        n: Number(r.n),
      });
    else counts.push(r);
  }
  overdue.push({ key: null, n: overdue.reduce((sum, o) => sum + o.n, 0) });
  const totals: Total[] = [];
  const all = new Map<string, number>();
  for (const r of counts) {
    const m =
      r.metric === 'first_income_n'
        ? 'first_income'
        : r.metric === 'latest_income_n'
          ? 'latest_income'
          : r.metric === 'independent'
            ? 'days_independent'
            : null;
    if (!m || r.g === null || Number(r.n) <= 0) continue;
    totals.push({ u: r.g, m, t: Number(r.n) });
    all.set(m, (all.get(m) ?? 0) + Number(r.n));
  }
  for (const [m, t] of all) totals.push({ u: null, m, t });
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
      else if (r.metric === 'level') {
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
  return { figures: [...byKey.values()], levels: [...levelMap.values()], overdue, trend };
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

/** Group by the key and, in the same scan, the total (key null); by approach the total is its own query. */
function groupSets(groupBy: GroupBy | null): SQL {
  return groupBy === null || groupBy === 'approach' ? sql`1` : sql`grouping sets ((1), ())`;
}

export async function caseFigures(db: Tx, f: Filters, groupBy: GroupBy | null): Promise<RawFigures[]> {
  if (groupBy === 'approach')
    return [...(await caseFiguresOnce(db, f, groupBy)), ...(await caseFiguresOnce(db, f, null))];
  return caseFiguresOnce(db, f, groupBy);
}

async function caseFiguresOnce(db: Tx, f: Filters, groupBy: GroupBy | null): Promise<RawFigures[]> {
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
        group by ${groupSets(groupBy)}`,
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
  if (groupBy === 'approach')
    return [...(await caseLevelsOnce(db, f, groupBy)), ...(await caseLevelsOnce(db, f, null))];
  return caseLevelsOnce(db, f, groupBy);
}

async function caseLevelsOnce(db: Tx, f: Filters, groupBy: GroupBy | null): Promise<LevelCount[]> {
  const g = grouped(groupBy);
  const rows = await queryRows<{ key: string | null; level: number; n: string }>(
    db,
    sql`select ${g.key} as key, cp.level, count(*)::text as n from ${g.from}
        where cp.survey_count > 0 and ${caseConds(f)}
        group by ${groupBy === null || groupBy === 'approach' ? sql`1, 2` : sql`grouping sets ((1, 2), (2))`}`,
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

export type Ladder = { level: number; nameId: string; nameEn: string }[];

/** The roadmap ladder and the names of the units shown, in one read. */
export async function ladderAndUnits(
  db: Tx,
  ids: string[],
): Promise<{ ladder: Ladder; units: Map<string, string> }> {
  const [row] = await queryRows<{ ladder: Ladder | null; units: { id: string; name: string }[] | null }>(
    db,
    sql`select (select json_agg(json_build_object('level', level, 'nameId', name_id, 'nameEn', name_en) order by level)
                from roadmap_level) as ladder,
               (select json_agg(json_build_object('id', id::text, 'name', name)) from unit
                where id = any(${`{${ids.join(',')}}`}::uuid[])) as units`,
  );
  return { ladder: row?.ladder ?? [], units: new Map((row?.units ?? []).map((u) => [u.id, u.name])) };
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
