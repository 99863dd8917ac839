// Outcome figures per unit, cluster or approach, computed at request time so they are exact and current:
// from the tally's groups when the filters are a sum of them (`tallyPlan`), else from the cases.
// A unit user sees only their own unit (filtered here and again by row-level security); every read is
// audited, since the figures describe people served.
import {
  APPROACHES,
  type TOutcomeFigures,
  type TOutcomesQuery,
  type TOutcomesResponse,
  ZOutcomesQuery,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayWib } from '../../lib/dates.ts';
import {
  caseFigures,
  caseLevels,
  caseOverdue,
  caseTrend,
  clusterNames,
  type Filters,
  type GroupBy,
  type KeyCount,
  type LevelCount,
  ladderAndUnits,
  type MonthCount,
  openThisMonth,
  type RawFigures,
  type TallyPlan,
  tallyFigures,
  tallyYears,
  UNIT_KEY,
} from './outcomes.repository.ts';

const TREND_MONTHS = 24;

/** The 24 months ending with the month of `end` (YYYY-MM-DD): YYYYMM numbers, oldest first. */
export function trendMonths(end: string): number[] {
  const y = Number(end.slice(0, 4));
  const m = Number(end.slice(5, 7));
  const out: number[] = [];
  for (let i = TREND_MONTHS - 1; i >= 0; i--) {
    const k = y * 12 + (m - 1) - i;
    out.push(Math.floor(k / 12) * 100 + (k % 12) + 1);
  }
  return out;
}

function monthStart(yyyymm: number): string {
  return `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}-01`;
}
function monthEnd(yyyymm: number): string {
  const y = Math.floor(yyyymm / 100);
  const m = yyyymm % 100;
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const ym = (day: string) => Number(day.slice(0, 4)) * 100 + Number(day.slice(5, 7));
const nextMonth = (m: number) => (m % 100 === 12 ? m + 89 : m + 1);

/**
 * The intake period as tally groups: whole years ('y:YYYY'), then whole quarters ('q:YYYYQ'), then the
 * months around them ('m:YYYYMM').
 * Null when a bound is not a month's first (from) or last (to) day: the case-level aggregate then.
 * `years` bounds an open end (the first and last intake years the tally holds).
 */
export function periodGroups(
  from: string | undefined,
  to: string | undefined,
  years: { first: number; last: number } | null,
): string[] | null {
  if (from && from.slice(8) !== '01') return null;
  if (to && monthEnd(ym(to)) !== to) return null;
  if (!years) return [];
  const first = Math.max(from ? ym(from) : 0, years.first * 100 + 1);
  const last = Math.min(to ? ym(to) : 999_999, years.last * 100 + 12);
  const out: string[] = [];
  for (let m = first; m <= last; ) {
    const y = Math.floor(m / 100);
    if (m % 100 === 1 && last >= y * 100 + 12) {
      out.push(`y:${y}`);
      m = (y + 1) * 100 + 1;
    } else if ((m % 100) % 3 === 1 && last >= m + 2) {
      out.push(`q:${y}${Math.ceil((m % 100) / 3)}`);
      m = nextMonth(nextMonth(nextMonth(m)));
    } else {
      out.push(`m:${m}`);
      m = nextMonth(m);
    }
  }
  return out;
}

/**
 * Where the figures come from: tally groups when the filtered cases are a disjoint union of groups (one
 * cluster, one approach, a period of whole months, a cluster in whole years), else null (the cases).
 */
export function tallyPlan(
  q: { cluster?: string | undefined; approach?: string | undefined; groupBy: GroupBy },
  period: string[] | null | undefined,
  clusters: string[],
): TallyPlan | null {
  const isYears = period?.every((g) => g.startsWith('y:')) ?? true;
  let total: string[];
  if (period === null) return null;
  if (q.approach && (q.cluster || period)) return null;
  if (q.cluster && period) {
    if (!isYears) return null;
    total = period.map((g) => `cy:${q.cluster}:${g.slice(2)}`);
  } else if (q.cluster) total = [`c:${q.cluster}`];
  else if (q.approach) total = [`a:${q.approach}`];
  else total = period ?? [''];
  if (q.groupBy === 'unit') return { rows: total.map((grp) => ({ grp, key: UNIT_KEY })), total };
  if (q.groupBy === 'cluster') {
    if (q.approach || !isYears) return null;
    const keys = q.cluster ? [q.cluster] : clusters;
    const rows = keys.flatMap((key) =>
      period ? period.map((g) => ({ grp: `cy:${key}:${g.slice(2)}`, key })) : [{ grp: `c:${key}`, key }],
    );
    return { rows, total };
  }
  // Grouped by approach, a filtered case also counts under its other approaches: not a tally group.
  if (q.cluster || q.approach || period) return null;
  return { rows: APPROACHES.map((key) => ({ grp: `a:${key}`, key })), total };
}

function figures(
  raw: RawFigures | undefined,
  key: string,
  label: string,
  levels: LevelCount[],
  overdue: number,
): TOutcomeFigures {
  const followed = raw?.followed ?? 0;
  const share = (n: number) => (followed === 0 ? 0 : n / followed);
  return {
    key,
    label,
    followed,
    medianFirstIncome: raw?.medianFirstIncome ?? null,
    medianLatestIncome: raw?.medianLatestIncome ?? null,
    levels: levels
      .filter((l) => l.n > 0)
      .sort((a, b) => a.level - b.level)
      .map((l) => ({ level: l.level, count: l.n, share: share(l.n) })),
    independent: raw?.independent ?? 0,
    graduated: raw?.graduated ?? 0,
    graduatedShare: share(raw?.graduated ?? 0),
    medianDaysToIndependence: raw?.medianDaysToIndependence ?? null,
    overdue,
  };
}

export type Figures = {
  plan: TallyPlan | null;
  raw: RawFigures[];
  levels: LevelCount[];
  overdue: KeyCount[];
  trend: MonthCount[];
};

/**
 * The raw figures for the filters: from the tally when a plan exists, else (or when `method` is 'cases',
 * as the benchmark and tests do to check the tally) aggregated from the cases.
 */
export async function readFigures(
  db: Tx,
  f: Filters,
  groupBy: GroupBy,
  today: string,
  months: number[],
  method: 'auto' | 'cases' = 'auto',
): Promise<Figures> {
  const firstMonth = months[0] ?? 0;
  const lastMonth = months.at(-1) ?? 0;
  const period = f.from || f.to ? periodGroups(f.from, f.to, await tallyYears(db)) : undefined;
  const clusters = groupBy === 'cluster' && !f.cluster ? [...(await clusterNames(db, 'id')).keys()] : [];
  const plan = method === 'cases' ? null : tallyPlan({ ...f, groupBy }, period, clusters);
  if (plan) {
    const read = await tallyFigures(db, f.unitIds, plan, today, firstMonth, lastMonth);
    // The tally holds whole months of open entries; this month's are counted up to today.
    for (const o of await openThisMonth(db, f, groupBy, today)) {
      const have = read.overdue.find((x) => x.key === o.key);
      if (have) have.n += o.n;
      else read.overdue.push({ ...o });
    }
    return { plan, ...read };
  }
  // Medians over many cases sort in memory rather than on disk.
  await db.execute(sql`set local work_mem = '64MB'`);
  return {
    plan,
    raw: await caseFigures(db, f, groupBy),
    levels: await caseLevels(db, f, groupBy),
    overdue: [...(await caseOverdue(db, f, groupBy, today)), ...(await caseOverdue(db, f, null, today))],
    trend: await caseTrend(db, f, monthStart(firstMonth), monthEnd(lastMonth)),
  };
}

/** The figures, the ladder and the trend for the filters, scoped to what the actor may see. */
export async function getOutcomes(ctx: Ctx, input: TOutcomesQuery): Promise<TOutcomesResponse> {
  const q = ZOutcomesQuery.parse(input);
  const unitIds = [...new Set([q.unit, ctx.scope === 'all' ? undefined : ctx.actor.unitId])].filter(
    (u): u is string => typeof u === 'string',
  );
  // A unit user without a unit sees nothing rather than everything.
  if (ctx.scope !== 'all' && !ctx.actor.unitId) unitIds.push('00000000-0000-0000-0000-000000000000');
  const f: Filters = { unitIds, cluster: q.cluster, approach: q.approach, from: q.from, to: q.to };
  const groupBy: GroupBy = q.groupBy;
  const today = todayWib();
  const months = trendMonths(q.to && q.to < today ? q.to : today);
  const { plan, raw, levels, overdue, trend } = await readFigures(ctx.db, f, groupBy, today, months);
  const clusters =
    groupBy === 'cluster' ? await clusterNames(ctx.db, ctx.meta.lang) : new Map<string, string>();

  const keys = new Set<string>();
  for (const r of raw) if (r.key !== null && r.followed > 0) keys.add(r.key);
  for (const o of overdue) if (o.key !== null && o.n > 0) keys.add(o.key);
  const names = await ladderAndUnits(ctx.db, groupBy === 'unit' ? [...keys] : []);
  const labels = groupBy === 'unit' ? names.units : clusters;
  const rows = [...keys]
    .map((key) =>
      figures(
        raw.find((r) => r.key === key),
        key,
        labels.get(key) ?? key,
        levels.filter((l) => l.key === key),
        overdue.find((o) => o.key === key)?.n ?? 0,
      ),
    )
    .sort((a, b) => a.label.localeCompare(b.label, 'id'));
  const total = figures(
    raw.find((r) => r.key === null),
    'total',
    ctx.meta.lang === 'id' ? 'Semua' : 'All',
    levels.filter((l) => l.key === null),
    overdue.find((o) => o.key === null)?.n ?? 0,
  );
  const trendRows = months.map((m) => {
    const at = (kind: MonthCount['kind']) => trend.find((t) => t.kind === kind && t.month === m)?.n ?? 0;
    return {
      month: `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`,
      intake: at('intake'),
      independent: at('independent'),
      graduated: at('graduated'),
    };
  });

  await auditRead(
    ctx,
    'outcomes',
    null,
    { filters: { unit: q.unit, cluster: q.cluster, approach: q.approach, from: q.from, to: q.to }, groupBy },
    'search',
  );
  return {
    asOf: today,
    groupBy,
    ladder: names.ladder,
    rows,
    total,
    trend: trendRows,
    method: plan ? 'tally' : 'cases',
  };
}
