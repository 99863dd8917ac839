// Small shared checks for the training services: field errors in both languages, dates.
import type { TErrorDetail } from '@atensi/contracts';
import type { Ctx } from '../../lib/context.ts';
import { isFutureInIndonesia, todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';

/** Today in WIB: the date given to something recorded now (an enrolment). */
export const today = (): string => todayWib();

/** A 400 VALIDATION_FAILED naming one field, in the caller's language. */
export function invalid(ctx: Ctx, field: string, issue: string, id: string, en: string): AppError {
  const detail: TErrorDetail = { field, issue, message: `${field}: ${ctx.meta.lang === 'id' ? id : en}` };
  return new AppError('VALIDATION_FAILED', { details: [detail] });
}

export function notInFuture(ctx: Ctx, field: string, date: string) {
  if (isFutureInIndonesia(date))
    throw invalid(ctx, field, 'in_future', 'tidak boleh di masa depan', 'cannot be in the future');
}

/** The actor's unit, for writes that belong to one unit (headquarters has none). */
export function actorUnit(ctx: Ctx): string {
  if (!ctx.actor.unitId) throw new AppError('FORBIDDEN');
  return ctx.actor.unitId;
}
