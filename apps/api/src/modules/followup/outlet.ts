// The hook for the outlet issue (Sentra Kreasi ATENSI sales): how outlet earnings reach the income surveys.
// Not wired to any route yet; the outlet module will call it inside its own payout transaction.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { personOr404, recomputePerson } from './roadmap.service.ts';

/**
 * Record what a person earned from outlet sales in a month (the outlet's payout total for that month, not
 * a delta). It sets `income_outlet` on the person's latest survey dated in that month recorded by the
 * caller's unit, recomputes the monthly income (the sum of the sources) and the roadmap, all in the
 * caller's transaction. Returns the survey updated, or null when no survey of that month exists: the
 * outlet keeps its payout ledger, and the survey form prefills the month's payouts when the worker records
 * the next survey (`incomeOutlet`).
 */
export async function recordOutletIncome(
  ctx: Ctx,
  input: { personId: string; month: string; amountRupiah: number },
): Promise<{ surveyId: string } | null> {
  if (!/^\d{4}-\d{2}$/.test(input.month)) throw new Error('month must be YYYY-MM');
  if (!Number.isInteger(input.amountRupiah) || input.amountRupiah < 0)
    throw new Error('amountRupiah must be a whole number, not negative');
  const person = await personOr404(ctx, input.personId);
  const rows = await queryRows<{ id: string; case_id: string }>(
    ctx.db,
    sql`update survey s set income_outlet = ${input.amountRupiah},
          monthly_income = s.monthly_income - s.income_outlet + ${input.amountRupiah},
          version = s.version + 1, updated_at = now()
        where s.id = (select x.id from survey x
                       where x.person_id = ${person.id}::uuid and x.unit_id = ${ctx.actor.unitId}::uuid
                         and to_char(x.surveyed_on, 'YYYY-MM') = ${input.month}
                       order by x.surveyed_on desc, x.created_at desc limit 1 for update)
        returning s.id, s.case_id`,
  );
  const hit = rows[0];
  if (!hit) return null;
  await recomputePerson(ctx, person, [hit.case_id]);
  return { surveyId: hit.id };
}
