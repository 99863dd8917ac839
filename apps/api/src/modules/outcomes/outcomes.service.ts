// Outcome figures per unit, cluster or approach, computed at request time so they are exact and current.
// A unit user sees only their own unit (filtered here and again by row-level security); every read is
// audited, since the figures describe people served.
import {
  type TOutcomeFigures,
  type TOutcomesQuery,
  type TOutcomesResponse,
  ZOutcomesQuery,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
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
  type RawFigures,
  tallyFigures,
} from './outcomes.repository.ts';

const TREND_MONTHS = 24;

/** Today in Indonesia's western time zone (WIB), where most units work: overdue is counted against it. */
export function todayWib(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

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
  const firstMonth = months[0] ?? 0;
  const lastMonth = months.at(-1) ?? 0;
  const isPlain = !q.cluster && !q.approach && !q.from && !q.to && groupBy === 'unit';

  let raw: RawFigures[];
  let levels: LevelCount[];
  let overdue: KeyCount[];
  let trend: MonthCount[];
  if (isPlain) {
    ({
      figures: raw,
      levels,
      overdue,
      trend,
    } = await tallyFigures(ctx.db, unitIds, today, firstMonth, lastMonth));
  } else {
    // Medians over many cases sort in memory rather than on disk.
    await ctx.db.execute(sql`set local work_mem = '64MB'`);
    raw = await caseFigures(ctx.db, f, groupBy);
    levels = await caseLevels(ctx.db, f, groupBy);
    overdue = [
      ...(await caseOverdue(ctx.db, f, groupBy, today)),
      ...(await caseOverdue(ctx.db, f, null, today)),
    ];
    trend = await caseTrend(ctx.db, f, monthStart(firstMonth), monthEnd(lastMonth));
  }

  const keys = new Set<string>();
  for (const r of raw) if (r.key !== null && r.followed > 0) keys.add(r.key);
  for (const o of overdue) if (o.key !== null && o.n > 0) keys.add(o.key);
  const names = await ladderAndUnits(ctx.db, groupBy === 'unit' ? [...keys] : []);
  const labels =
    groupBy === 'unit'
      ? names.units
      : groupBy === 'cluster'
        ? await clusterNames(ctx.db, ctx.meta.lang)
        : new Map<string, string>();
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
    method: isPlain ? 'tally' : 'cases',
  };
}
