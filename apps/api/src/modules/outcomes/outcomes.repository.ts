// The outcome queries. Two exact ways to the same figures:
// - tally: per-unit and per-group counts kept by triggers (migrations 0022, 0025); medians are the middle
//   values of the cumulative counts. Used for the page as headquarters opens it and for the filters and
//   groupings whose cases are a sum of tally groups (see `tallyPlan` in the service).
// - cases: aggregates over case_progress (percentile_cont, FILTER) for the other combinations.
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

/**
 * Which tally groups (outcome_tally.grp, migration 0025) hold the filtered cases and where their counts go:
 * each row source adds its counts to `key` (UNIT_KEY: to its unit), `total` lists the groups of the total.
 * Groups within one key are disjoint, so summing them is exact.
 */
export type TallyPlan = { rows: { grp: string; key: string }[]; total: string[] };
export const UNIT_KEY = '@unit';

type Median = { k: string | null; u: string | null; m: string; t: number; g: string[] };
type MedianRow = { k: string | null; metric: string; tot: string; value: string; cum: string };

/**
 * Medians from value counts: the mean of the values at positions floor((n+1)/2) and floor(n/2)+1 of each
 * distribution (as percentile_cont(0.5)), n known from the tally's counts. Each distribution (one key's
 * groups, summed per value) is walked in value order with a running sum that stops just past the middle:
 * per unit along the primary key, for all units along (grp, metric, value).
 */
async function tallyMedians(
  db: Tx,
  cond: SQL,
  wanted: Median[],
): Promise<{ k: string | null; metric: string; median: number | null }[]> {
  if (wanted.length === 0) return [];
  const rows = await queryRows<MedianRow>(
    db,
    sql`with k as (
          select x->>'k' as key, nullif(x->>'u', '')::uuid as unit_id, x->>'m' as metric,
                 (x->>'t')::bigint as tot, array(select jsonb_array_elements_text(x->'g')) as grps
          from jsonb_array_elements(${JSON.stringify(wanted)}::jsonb) x)
        select k.key as k, k.metric, k.tot::text, m.value::text, m.cum::text
        from k cross join lateral (
          select x.value, x.cum from (
            select v.value, (sum(v.n) over (order by v.value rows unbounded preceding))::bigint as cum
            from (select t.value, sum(t.n) as n from outcome_tally t
                  where k.unit_id is not null and t.unit_id = k.unit_id and t.grp = any(k.grps)
                    and t.metric = k.metric and t.n > 0
                  group by t.value) v
            order by v.value) x
          where x.cum >= (k.tot + 1) / 2 limit 2) m
        where k.unit_id is not null
        union all
        select k.key, k.metric, k.tot::text, m.value::text, m.cum::text
        from k cross join lateral (
          select x.value, x.cum from (
            select v.value, (sum(v.n) over (order by v.value rows unbounded preceding))::bigint as cum
            from (select t.value, sum(t.n) as n from outcome_tally t
                  where t.grp = any(k.grps) and t.metric = k.metric and t.n > 0 and ${cond}
                  group by t.value) v
            order by v.value) x
          where x.cum >= (k.tot + 1) / 2 limit 2) m
        where k.unit_id is null`,
  );
  const seen = new Map<string, MedianRow[]>();
  for (const r of rows) {
    const key = `${r.k}|${r.metric}`;
    seen.set(key, [...(seen.get(key) ?? []), r]);
  }
  const out: { k: string | null; metric: string; median: number | null }[] = [];
  for (const [first, second] of seen.values()) {
    if (!first) continue;
    const tot = Number(first.tot);
    const hi = Math.floor(tot / 2) + 1;
    const upper = Number(first.cum) >= hi ? Number(first.value) : Number(second?.value ?? first.value);
    out.push({ k: first.k, metric: first.metric, median: (Number(first.value) + upper) / 2 });
  }
  return out;
}

/** Whole years and months of intake whose groups exist (their bounds), for open-ended periods. */
export async function tallyYears(db: Tx): Promise<{ first: number; last: number } | null> {
  const [row] = await queryRows<{ lo: string | null; hi: string | null }>(
    db,
    // Two index probes (the first and last 'y:' group) rather than min/max, which row security defeats.
    sql`select (select grp from outcome_tally where grp >= 'y:' and grp < 'y;' and n > 0 order by grp limit 1) as lo,
               (select grp from outcome_tally where grp >= 'y:' and grp < 'y;' and n > 0 order by grp desc limit 1) as hi`,
  );
  if (!row?.lo || !row.hi) return null;
  return { first: Number(row.lo.slice(2)), last: Number(row.hi.slice(2)) };
}

/**
 * Everything the page shows, from outcome_tally in two reads: the counts (with past months' open entries
 * and the trend months), then the medians. This month's overdue entries come from `openThisMonth`.
 */
export async function tallyFigures(
  db: Tx,
  unitIds: string[],
  plan: TallyPlan,
  today: string,
  fromMonth: number,
  toMonth: number,
): Promise<{ raw: RawFigures[]; levels: LevelCount[]; overdue: KeyCount[]; trend: MonthCount[] }> {
  const cond = unitCond(sql`unit_id`, unitIds);
  const month = Number(today.slice(0, 4)) * 100 + Number(today.slice(5, 7));
  // The groups read, also as arrays: the planner then walks (grp, metric) in the index per group.
  const grps = [...new Set([...plan.rows.map((r) => r.grp), ...plan.total])];
  const sources = JSON.stringify([
    ...plan.rows.map((r) => ({ g: r.grp, k: r.key })),
    ...plan.total.map((g) => ({ g, k: null })),
  ]);
  const rowKey = sql`case when s.k = ${UNIT_KEY} then t.unit_id::text else s.k end`;
  // JSON, not an array literal: a cluster code typed in a filter may hold quotes or commas.
  const anyOf = (list: string[]) =>
    sql`t.grp = any(array(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb)))`;
  const inGrps = anyOf(grps);
  const totalGrps = anyOf(plan.total);
  const rows = await queryRows<{ g: string | null; metric: string; value: string; n: string }>(
    db,
    sql`with s as (select x.g, x.k from jsonb_to_recordset(${sources}::jsonb) as x(g text, k text))
        select ${rowKey} as g, t.metric, t.value::text, sum(t.n)::text as n
        from s join outcome_tally t on t.grp = s.g
        where ${inGrps} and t.n > 0 and ${cond}
          and t.metric in ('followed', 'level', 'independent', 'graduated', 'first_income_n', 'latest_income_n')
        group by 1, 2, 3
        union all
        select null, t.metric, t.value::text, sum(t.n)::text from outcome_tally t
        where ${totalGrps} and t.n > 0 and ${cond}
          and t.metric in ('month_intake', 'month_independent', 'month_graduated')
          and t.value between ${fromMonth} and ${toMonth}
        group by 2, 3
        union all
        select ${rowKey}, 'overdue', '0', sum(t.n)::text
        from s join outcome_tally t on t.grp = s.g
        where ${inGrps} and t.n > 0 and ${cond} and t.metric = 'open_month' and t.value < ${month}
        group by 1`,
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
  if (!overdue.some((o) => o.key === null)) overdue.push({ key: null, n: 0 });
  const grpsOf = new Map<string | null, string[]>([[null, plan.total]]);
  for (const r of plan.rows) if (r.key !== UNIT_KEY) grpsOf.set(r.key, [...(grpsOf.get(r.key) ?? []), r.grp]);
  const unitGrps = plan.rows.filter((r) => r.key === UNIT_KEY).map((r) => r.grp);
  const wanted: Median[] = [];
  for (const r of counts) {
    const m =
      r.metric === 'first_income_n'
        ? 'first_income'
        : r.metric === 'latest_income_n'
          ? 'latest_income'
          : r.metric === 'independent'
            ? 'days_independent'
            : null;
    if (!m || Number(r.n) <= 0) continue;
    const isUnit = r.g !== null && !grpsOf.has(r.g);
    wanted.push({
      k: r.g,
      u: isUnit ? r.g : null,
      m,
      t: Number(r.n),
      g: isUnit ? unitGrps : (grpsOf.get(r.g) ?? []),
    });
  }
  const medians = await tallyMedians(db, cond, wanted);
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
  const levels: LevelCount[] = [];
  for (const r of counts) {
    const n = Number(r.n);
    const f = fig(r.g);
    if (r.metric === 'followed') f.followed += n;
    else if (r.metric === 'independent') f.independent += n;
    else if (r.metric === 'graduated') f.graduated += n;
    else if (r.metric === 'level') levels.push({ key: r.g, level: Number(r.value), n });
  }
  for (const m of medians) {
    const f = fig(m.k);
    if (m.metric === 'first_income') f.medianFirstIncome = num(m.median);
    else if (m.metric === 'latest_income') f.medianLatestIncome = num(m.median);
    else f.medianDaysToIndependence = num(m.median);
  }
  return { raw: [...byKey.values()], levels, overdue, trend };
}

/**
 * Open entries due this month before today (the tally holds whole months). Without case filters, from
 * the open-schedule index by unit; with them, by the case they belong to.
 */
export async function openThisMonth(
  db: Tx,
  f: Filters,
  groupBy: GroupBy | null,
  today: string,
): Promise<KeyCount[]> {
  const since = `${today.slice(0, 7)}-01`;
  if (!f.cluster && !f.approach && !f.from && !f.to && groupBy === 'unit') {
    const rows = await queryRows<{ key: string; n: string }>(
      db,
      sql`select unit_id::text as key, count(*)::text as n from survey_schedule
          where survey_id is null and due_on >= ${since}::date and due_on < ${today}::date
            and ${unitCond(sql`unit_id`, f.unitIds)}
          group by unit_id`,
    );
    const out = rows.map((r) => ({ key: r.key as string | null, n: Number(r.n) }));
    return [...out, { key: null, n: out.reduce((sum, o) => sum + o.n, 0) }];
  }
  const rows = await caseOverdue(db, f, groupBy, today, since);
  // An entry is in one unit and one cluster, so the total is their sum; by approach it may be in two.
  if (groupBy === null || groupBy === 'approach') {
    return groupBy === null ? rows : [...rows, ...(await caseOverdue(db, f, null, today, since))];
  }
  return [...rows, { key: null, n: rows.reduce((sum, o) => sum + o.n, 0) }];
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
  since?: string,
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
          ${since ? sql`and s.due_on >= ${since}::date` : sql``}
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
