// The roadmap criteria editor's form state: one draft per condition, its parameters as form values, checked
// field by field before it becomes a criterion. Ranges and defaults are read from the contract (ZCriterion).
import { type TCriterion, type TCriterionKind, ZCriterion } from '@atensi/contracts';
import type { TFunction } from 'i18next';

export type NumberParam =
  | 'bands'
  | 'bandWidth'
  | 'ratio'
  | 'consecutive'
  | 'surveys'
  | 'level'
  | 'toleranceDays';
export type ListParam = 'housing' | 'reasons' | 'serviceCodes';
export type Param = NumberParam | ListParam | 'allowOpenTask' | 'months';

/** The parameters each kind takes, in the order they are shown. */
export const KIND_PARAMS: Record<TCriterionKind, Param[]> = {
  assessment_recorded: [],
  plan_approved: [],
  basic_needs_met: [],
  has_identity: ['allowOpenTask'],
  health_insurance: [],
  stable_living: ['housing'],
  functioning_improved: ['bands', 'bandWidth'],
  training_completed: ['serviceCodes'],
  work_or_business: [],
  bank_account: [],
  income_at_least: ['ratio', 'consecutive'],
  no_social_assistance: ['surveys'],
  level_holds: ['level'],
  terminated_with_reason: ['reasons'],
  followups_done: ['months', 'toleranceDays'],
};

export type CriterionDraft = {
  /** For React lists only. */
  key: number;
  kind: TCriterionKind;
  /** A NumberInput holds '' while empty. */
  numbers: Partial<Record<NumberParam, number | string>>;
  lists: Partial<Record<ListParam, string[]>>;
  allowOpenTask: boolean;
  /** "3, 6, 12" */
  months: string;
};

export type NumberRule = { min: number; max: number; isInt: boolean };

/** What is read of a zod schema here (the web app does not depend on zod itself). */
type SchemaLike = {
  def: { type: string; defaultValue?: unknown; innerType?: SchemaLike; element?: SchemaLike };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
};

function paramSchema(
  kind: TCriterionKind,
  param: Param,
): { schema: SchemaLike | undefined; fallback: unknown } {
  const option = ZCriterion.options.find((o) => o.shape.kind.value === kind);
  let schema = (option?.shape as unknown as Record<string, SchemaLike> | undefined)?.[param];
  let fallback: unknown;
  if (schema?.def.type === 'default') {
    fallback = schema.def.defaultValue;
    schema = schema.def.innerType;
  }
  return { schema, fallback };
}

/** The range the contract allows for a number parameter (for months, of each month). */
export function numberRule(kind: TCriterionKind, param: NumberParam | 'months'): NumberRule {
  let { schema } = paramSchema(kind, param);
  if (schema?.def.type === 'array') schema = schema.def.element;
  if (schema?.def.type !== 'number') return { min: 0, max: 0, isInt: true };
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? 0, isInt: schema.isInt ?? false };
}

/** Parameters with no default in the contract start here. */
const START: Partial<Record<Param, number>> = { ratio: 1, level: 0 };

let nextKey = 1;

/** A new condition of a kind, with the contract's defaults. */
export function newDraft(kind: TCriterionKind, level: number): CriterionDraft {
  const d: CriterionDraft = { key: nextKey++, kind, numbers: {}, lists: {}, allowOpenTask: true, months: '' };
  for (const p of KIND_PARAMS[kind]) {
    const fallback = paramSchema(kind, p).fallback ?? START[p];
    if (p === 'allowOpenTask') d.allowOpenTask = fallback !== false;
    else if (p === 'months') d.months = ((fallback as number[] | undefined) ?? []).join(', ');
    else if (p === 'housing' || p === 'reasons' || p === 'serviceCodes')
      d.lists[p] = [...((fallback as string[] | undefined) ?? [])];
    else d.numbers[p] = p === 'level' ? Math.max(0, level - 1) : ((fallback as number | undefined) ?? '');
  }
  return d;
}

/** A saved criterion as a draft. */
export function toDraft(c: TCriterion, level: number): CriterionDraft {
  const d = newDraft(c.kind, level);
  const v = c as Record<string, unknown>;
  for (const p of KIND_PARAMS[c.kind]) {
    const x = v[p];
    if (x === undefined) continue;
    if (p === 'allowOpenTask') d.allowOpenTask = x !== false;
    else if (p === 'months') d.months = (x as number[]).join(', ');
    else if (p === 'housing' || p === 'reasons' || p === 'serviceCodes') d.lists[p] = [...(x as string[])];
    else d.numbers[p] = x as number;
  }
  return d;
}

export type DraftResult = { criterion: TCriterion | null; errors: Partial<Record<Param, string>> };

/** Check a condition field by field; a criterion only when every field is right. */
export function checkDraft(d: CriterionDraft, level: number, t: TFunction): DraftResult {
  const errors: Partial<Record<Param, string>> = {};
  const out: Record<string, unknown> = { kind: d.kind };
  for (const p of KIND_PARAMS[d.kind]) {
    if (p === 'allowOpenTask') out[p] = d.allowOpenTask;
    else if (p === 'housing' || p === 'reasons' || p === 'serviceCodes') {
      const list = d.lists[p] ?? [];
      if (list.length === 0) errors[p] = t('followup.editor.err.chooseOne');
      out[p] = list;
    } else if (p === 'months') {
      const r = numberRule(d.kind, 'months');
      const parts = d.months
        .split(/[\s,;]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const nums = parts.map(Number);
      if (parts.length === 0) errors.months = t('followup.editor.err.required');
      else if (nums.some((n) => !Number.isInteger(n) || n < r.min || n > r.max) || nums.length > 12)
        errors.months = t('followup.editor.err.months', { min: r.min, max: r.max });
      out.months = [...new Set(nums)].sort((a, b) => a - b);
    } else {
      const r = numberRule(d.kind, p);
      const raw = d.numbers[p];
      const n =
        typeof raw === 'number' ? raw : raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
      if (raw === undefined || raw === '') errors[p] = t('followup.editor.err.required');
      else if (!Number.isFinite(n)) errors[p] = t('followup.editor.err.number');
      else if (r.isInt && !Number.isInteger(n)) errors[p] = t('followup.editor.err.whole');
      else if (n < r.min || n > r.max) errors[p] = t('followup.editor.err.range', { min: r.min, max: r.max });
      else if (p === 'level' && n >= level) errors[p] = t('followup.editor.err.lowerLevel', { level });
      out[p] = n;
    }
  }
  if (Object.keys(errors).length) return { criterion: null, errors };
  const parsed = ZCriterion.safeParse(out);
  if (parsed.success) return { criterion: parsed.data, errors };
  const first = KIND_PARAMS[d.kind][0];
  if (first) errors[first] = t('followup.editor.err.invalid');
  return { criterion: null, errors };
}
