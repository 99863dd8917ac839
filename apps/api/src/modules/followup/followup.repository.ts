// Data access for follow-up: typed queries, no rules. Every query runs in the request's transaction under
// row-level security; the roadmap facts across units come through the atensi_roadmap_facts definer (0020).
import type { TCriterion } from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { Facts, LadderLevel, SurveyFact } from './roadmap.ts';

export type SurveyRow = {
  id: string;
  person_id: string;
  case_id: string;
  case_no: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  surveyed_on: string;
  kind: string;
  monthly_income: string;
  income_wages: string;
  income_business: string;
  income_transfers: string;
  income_aid: string;
  income_outlet: string;
  income_other: string;
  work_status: string;
  has_business: boolean;
  business_turnover: string | null;
  business_employees: number | null;
  savings: string | null;
  has_bank_account: boolean;
  housing: string;
  social_functioning_score: number | null;
  has_nik: boolean;
  has_kk: boolean;
  has_birth_certificate: boolean;
  has_health_insurance: boolean;
  children_in_school: string;
  notes: string | null;
  recorded_by: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
};

const SURVEY_SELECT = sql`select s.id, s.person_id, s.case_id, c.case_no, s.unit_id, u.code as unit_code,
    u.name as unit_name, s.surveyed_on::text as surveyed_on, s.kind, s.monthly_income, s.income_wages,
    s.income_business, s.income_transfers, s.income_aid, s.income_outlet, s.income_other, s.work_status,
    s.has_business, s.business_turnover, s.business_employees, s.savings, s.has_bank_account, s.housing,
    s.social_functioning_score, s.has_nik, s.has_kk, s.has_birth_certificate, s.has_health_insurance,
    s.children_in_school, s.notes, w.display_name as recorded_by, s.version, s.created_at, s.updated_at
  from survey s
  join unit u on u.id = s.unit_id
  left join case_record c on c.id = s.case_id
  left join app_user w on w.id = s.recorded_by`;

export async function findSurvey(db: Tx, id: string, lock = false): Promise<SurveyRow | undefined> {
  const rows = await queryRows<SurveyRow>(
    db,
    lock
      ? sql`${SURVEY_SELECT} where s.id = ${id}::uuid for update of s`
      : sql`${SURVEY_SELECT} where s.id = ${id}::uuid`,
  );
  return rows[0];
}

export function listPersonSurveys(db: Tx, personId: string): Promise<SurveyRow[]> {
  return queryRows<SurveyRow>(
    db,
    sql`${SURVEY_SELECT} where s.person_id = ${personId}::uuid order by s.surveyed_on desc, s.created_at desc`,
  );
}

export type PersonRow = {
  id: string;
  full_name: string;
  birth_date: string | null;
  province_code: string | null;
  regency_code: string | null;
};

/** A person the caller may see (RLS), with the province and regency of their area. */
export async function findPerson(db: Tx, id: string): Promise<PersonRow | undefined> {
  const rows = await queryRows<PersonRow>(
    db,
    sql`select p.id, p.full_name, p.birth_date::text as birth_date,
          coalesce(a.province_code, left(p.area_code, 2)) as province_code, a.regency_code
        from person p left join area a on a.code = p.area_code
        where p.id = ${id}::uuid and p.merged_into_id is null`,
  );
  return rows[0];
}

export type WageRow = { province_code: string; regency_code: string | null; year: number; amount: string };

export function listProvinceWages(db: Tx, provinceCode: string): Promise<WageRow[]> {
  return queryRows<WageRow>(
    db,
    sql`select province_code, regency_code, year, amount_rupiah as amount from minimum_wage
        where province_code = ${provinceCode}`,
  );
}

/** The regency's UMK for the year when set, else the province's UMP; null when neither exists. */
export function pickWage(
  wages: WageRow[],
  regencyCode: string | null,
  year: number,
): { amount: number; kind: 'UMP' | 'UMK' } | null {
  const umk = regencyCode ? wages.find((w) => w.year === year && w.regency_code === regencyCode) : undefined;
  if (umk) return { amount: Number(umk.amount), kind: 'UMK' };
  const ump = wages.find((w) => w.year === year && w.regency_code === null);
  return ump ? { amount: Number(ump.amount), kind: 'UMP' } : null;
}

export type LevelRow = {
  level: number;
  code: string;
  name_id: string;
  name_en: string;
  criteria: TCriterion[];
  is_independence: boolean;
  is_graduation: boolean;
  version: number;
  updated_at: Date | string;
};

export function listLevels(db: Tx): Promise<LevelRow[]> {
  return queryRows<LevelRow>(
    db,
    sql`select level, code, name_id, name_en, criteria, is_independence, is_graduation, version, updated_at
        from roadmap_level order by level`,
  );
}

export function toLadder(rows: LevelRow[]): LadderLevel[] {
  return rows.map((r) => ({
    level: r.level,
    criteria: r.criteria,
    isIndependence: r.is_independence,
    isGraduation: r.is_graduation,
  }));
}

type RawFacts = {
  cases: {
    id: string;
    unitId: string;
    intakeDate: string;
    terminationReason: string | null;
    terminatedAt: string | null;
  }[];
  assessments: { on: string; score: number }[];
  plans: string[];
  services: { code: string; on: string }[];
  documentTasks: { from: string; doneOn: string | null }[];
  trainings: string[];
};

/** Everything the roadmap engine reads about a person, oldest first. */
export async function loadFacts(db: Tx, person: PersonRow): Promise<Facts> {
  const raw = (
    await queryRows<{ f: RawFacts }>(db, sql`select atensi_roadmap_facts(${person.id}::uuid) as f`)
  )[0]?.f;
  const wages = person.province_code ? await listProvinceWages(db, person.province_code) : [];
  const rows = await queryRows<{
    id: string;
    surveyed_on: string;
    monthly_income: string;
    income_aid: string;
    work_status: string;
    has_business: boolean;
    has_bank_account: boolean;
    housing: string;
    social_functioning_score: number | null;
    has_nik: boolean;
    has_kk: boolean;
    has_health_insurance: boolean;
    children_in_school: string;
  }>(
    db,
    sql`select id, surveyed_on::text as surveyed_on, monthly_income, income_aid, work_status, has_business,
          has_bank_account, housing, social_functioning_score, has_nik, has_kk, has_health_insurance,
          children_in_school
        from survey where person_id = ${person.id}::uuid order by surveyed_on, created_at, id`,
  );
  const surveys: SurveyFact[] = rows.map((r) => ({
    id: r.id,
    surveyedOn: r.surveyed_on,
    monthlyIncome: Number(r.monthly_income),
    incomeAid: Number(r.income_aid),
    workStatus: r.work_status,
    hasBusiness: r.has_business,
    hasBankAccount: r.has_bank_account,
    housing: r.housing,
    socialFunctioningScore: r.social_functioning_score,
    hasNik: r.has_nik,
    hasKk: r.has_kk,
    hasHealthInsurance: r.has_health_insurance,
    childrenInSchool: r.children_in_school,
    wage: pickWage(wages, person.regency_code, Number(r.surveyed_on.slice(0, 4))),
  }));
  return {
    surveys,
    assessments: raw?.assessments ?? [],
    plans: raw?.plans ?? [],
    services: raw?.services ?? [],
    terminations: (raw?.cases ?? [])
      .filter((c) => c.terminationReason && c.terminatedAt)
      .map((c) => ({ reason: c.terminationReason ?? '', on: c.terminatedAt ?? '' }))
      .sort((a, b) => a.on.localeCompare(b.on)),
    documentTasks: raw?.documentTasks ?? [],
    trainings: raw?.trainings ?? [],
  };
}

export type MilestoneRow = {
  id: string;
  level: number;
  reached_on: string;
  evidence: unknown;
  revoked_at: Date | string | null;
  created_at: Date | string;
};

export function listMilestones(db: Tx, personId: string): Promise<MilestoneRow[]> {
  return queryRows<MilestoneRow>(
    db,
    sql`select id, level, reached_on::text as reached_on, evidence, revoked_at, created_at
        from roadmap_milestone where person_id = ${personId}::uuid order by created_at desc, level desc`,
  );
}
