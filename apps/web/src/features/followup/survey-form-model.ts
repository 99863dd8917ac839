// The survey form's state, its checks (mirroring the API's) and the request it sends.
import { INCOME_SOURCES, type TCreateSurveyRequest, type TSurvey } from '@atensi/contracts';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api-client.ts';
import { incomeField } from './api.ts';

export type IncomeKey = ReturnType<typeof incomeField>;
export const INCOME_KEYS: IncomeKey[] = INCOME_SOURCES.map(incomeField);

/** The largest amount the form takes (the API's bound): a typo of extra zeros is caught at the field. */
export const MAX_RUPIAH = 1_000_000_000_000;

export type Form = {
  surveyedOn: string;
  kind: TSurvey['kind'];
  income: Record<IncomeKey, number | string>;
  workStatus: TSurvey['workStatus'];
  hasBusiness: boolean;
  businessTurnover: number | string;
  businessEmployees: number | string;
  savings: number | string;
  hasBankAccount: boolean;
  housing: TSurvey['housing'];
  socialFunctioningScore: number | string;
  hasNik: boolean;
  hasKk: boolean;
  hasBirthCertificate: boolean;
  hasHealthInsurance: boolean;
  childrenInSchool: TSurvey['childrenInSchool'];
  notes: string;
};

export const blankIncome = (): Record<IncomeKey, number | string> =>
  Object.fromEntries(INCOME_KEYS.map((k) => [k, 0])) as Record<IncomeKey, number | string>;

export function fromSurvey(s: TSurvey): Form {
  return {
    surveyedOn: s.surveyedOn,
    kind: s.kind,
    income: Object.fromEntries(INCOME_KEYS.map((k) => [k, s[k]])) as Record<IncomeKey, number>,
    workStatus: s.workStatus,
    hasBusiness: s.hasBusiness,
    businessTurnover: s.businessTurnover ?? '',
    businessEmployees: s.businessEmployees ?? '',
    savings: s.savings ?? '',
    hasBankAccount: s.hasBankAccount,
    housing: s.housing,
    socialFunctioningScore: s.socialFunctioningScore ?? '',
    hasNik: s.hasNik,
    hasKk: s.hasKk,
    hasBirthCertificate: s.hasBirthCertificate,
    hasHealthInsurance: s.hasHealthInsurance,
    childrenInSchool: s.childrenInSchool,
    notes: s.notes ?? '',
  };
}

/** Where the API's refusal codes belong when it names no field. */
const CODE_FIELD: Partial<Record<string, string>> = {
  SURVEY_DATE_FUTURE: 'surveyedOn',
  SURVEY_BEFORE_BIRTH: 'surveyedOn',
  SURVEY_BEFORE_INTAKE: 'surveyedOn',
  SURVEY_SCORE_OUT_OF_SCALE: 'socialFunctioningScore',
};

/** The server's message for a field: from its details, or from a code that belongs to one field. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldError(field) ?? (CODE_FIELD[error.code] === field ? error.message : undefined);
}

/** Empty number inputs are "not given" (null), not zero. */
const optionalNumber = (v: number | string): number | null => (v === '' ? null : Number(v));

/** A new survey starts from the case's latest answers (status rarely changes), with income at zero. */
export function initialForm(
  existing: TSurvey | undefined,
  latest: TSurvey | undefined,
  presetKind: TSurvey['kind'] | undefined,
  today: string,
): Form {
  if (existing) return fromSurvey(existing);
  const start: Form = latest
    ? { ...fromSurvey(latest), businessTurnover: '', savings: '', socialFunctioningScore: '', notes: '' }
    : {
        surveyedOn: '',
        kind: 'followup',
        income: blankIncome(),
        workStatus: 'unemployed',
        hasBusiness: false,
        businessTurnover: '',
        businessEmployees: '',
        savings: '',
        hasBankAccount: false,
        housing: 'family',
        socialFunctioningScore: '',
        hasNik: false,
        hasKk: false,
        hasBirthCertificate: false,
        hasHealthInsurance: false,
        childrenInSchool: 'not_applicable',
        notes: '',
      };
  return {
    ...start,
    surveyedOn: today,
    kind: presetKind ?? (latest ? 'followup' : 'intake'),
    income: blankIncome(),
  };
}

/** The form's own checks, mirroring the API's: required, no negatives, whole Rupiah, no future date. */
export function checkForm(f: Form, today: string, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.surveyedOn) e.surveyedOn = t('followup.form.required');
  else if (f.surveyedOn > today) e.surveyedOn = t('followup.form.future');
  const money = (field: string, v: number | string, required: boolean) => {
    if (v === '') {
      if (required) e[field] = t('followup.form.required');
      return;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) e[field] = t('followup.form.required');
    else if (n < 0) e[field] = t('followup.form.negative');
    else if (!Number.isInteger(n)) e[field] = t('followup.form.wholeNumber');
    else if (n > MAX_RUPIAH) e[field] = t('followup.form.tooHigh');
  };
  for (const k of INCOME_KEYS) money(k, f.income[k], true);
  if (f.hasBusiness) {
    money('businessTurnover', f.businessTurnover, false);
    money('businessEmployees', f.businessEmployees, false);
  }
  money('savings', f.savings, false);
  if (f.socialFunctioningScore !== '') {
    const s = Number(f.socialFunctioningScore);
    if (!Number.isInteger(s) || s < 0 || s > 100) e.socialFunctioningScore = t('followup.form.scoreRange');
  }
  return e;
}

/** The request body (without caseId or version) from a checked form. */
export function toRequest(f: Form): Omit<TCreateSurveyRequest, 'caseId'> {
  return {
    surveyedOn: f.surveyedOn,
    kind: f.kind,
    ...(Object.fromEntries(INCOME_KEYS.map((k) => [k, Number(f.income[k]) || 0])) as Record<
      IncomeKey,
      number
    >),
    workStatus: f.workStatus,
    hasBusiness: f.hasBusiness,
    businessTurnover: f.hasBusiness ? optionalNumber(f.businessTurnover) : null,
    businessEmployees: f.hasBusiness ? optionalNumber(f.businessEmployees) : null,
    savings: optionalNumber(f.savings),
    hasBankAccount: f.hasBankAccount,
    housing: f.housing,
    socialFunctioningScore: optionalNumber(f.socialFunctioningScore),
    hasNik: f.hasNik,
    hasKk: f.hasKk,
    hasBirthCertificate: f.hasBirthCertificate,
    hasHealthInsurance: f.hasHealthInsurance,
    childrenInSchool: f.childrenInSchool,
    notes: f.notes.trim() || null,
  };
}
