// The tally's answer checked against the case-level aggregate for the same filters (the benchmark at
// 1,000,000 cases and the API tests use it): both ways, in one transaction, normalised for order.
import type { Tx } from '../../db/client.ts';
import { todayWib } from '../../lib/dates.ts';
import type { Filters, GroupBy } from './outcomes.repository.ts';
import { type Figures, readFigures, trendMonths } from './outcomes.service.ts';

const cmp = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** Order-free figures; groups with nobody followed up and zero counts are left out (absent in one way). */
function normal(x: Figures) {
  return {
    raw: x.raw.filter((r) => r.followed > 0).sort((a, b) => cmp(a.key, b.key)),
    levels: x.levels.filter((l) => l.n > 0).sort((a, b) => cmp(a.key, b.key) || a.level - b.level),
    overdue: x.overdue.filter((o) => o.n > 0).sort((a, b) => cmp(a.key, b.key)),
    trend: x.trend.filter((t) => t.n > 0).sort((a, b) => a.kind.localeCompare(b.kind) || a.month - b.month),
  };
}

export async function checkFigures(db: Tx, f: Filters, groupBy: GroupBy, today = todayWib()) {
  const months = trendMonths(f.to && f.to < today ? f.to : today);
  const tally = await readFigures(db, f, groupBy, today, months);
  const cases = await readFigures(db, f, groupBy, today, months, 'cases');
  const a = normal(tally);
  const b = normal(cases);
  return { isTally: tally.plan !== null, same: JSON.stringify(a) === JSON.stringify(b), tally: a, cases: b };
}
