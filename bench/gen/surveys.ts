// Generated follow-up for benchmarks: one case per person (at their registering unit), a series of income
// surveys per case, the survey schedule, and case_progress consistent with the surveys. Seeded and
// set-based (SQL over the people already loaded by bench/gen/people.ts), so 5,000,000 surveys load in
// minutes. Runs as the table owner with triggers off (no audit rows); call atensi_outcome_tally_rebuild()
// afterwards so the outcome tally matches (the trigger keeps it current for real writes).
//
// The series (deterministic per case, from hashes of the case id):
// - cadence: intake survey within 2 weeks of intake; termination after 3–9 months (residential longer);
//   after-care every 3 months for 12 months; one case in two has a further 18-month visit. Intake dates
//   spread evenly over four years. Only dates up to today exist; about one case in twelve skipped its last
//   due visit (an overdue schedule entry; a recent case may so have no survey yet).
// - income: monthly Rupiah, rounded to Rp 25.000 as people report it. Four trajectories against the
//   province's UMP: rising to 0.8–1.8 × UMP (45 %), flat around a low base (30 %), rising then falling back
//   below half the UMP (10 %), and late risers that start climbing after termination (15 %). A third
//   start with no income at all.
// - UMP: per province and year from minimum_wage when seeded, else ../shared/data/ump.csv; a year without
//   a figure uses the nearest known year (Rp 3.000.000 for a province without any).
// - level (simplified from DESIGN.md's ladder, on income only): -1 no survey; 0 one survey; 1 two or more;
//   2 latest income > 0; 3 latest ≥ 0.5 × UMP; 4 (mandiri) once two consecutive surveys are ≥ UMP
//   (independent_on = the second one's date), held while the latest stays ≥ 0.5 × UMP (else back to 2);
//   5 (graduated) when a survey at least 180 days after independence is still ≥ 0.5 × UMP
//   (graduated_on = that survey's date).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../apps/api/src/db/client.ts';

export type FollowupOptions = {
  /** Cases per statement (people are taken in id order). */
  batch?: number;
  seed?: number;
  log?: (line: string) => void;
  /** When every person already has a generated case (an earlier run), keep them and only recount. */
  reuse?: boolean;
};

const UMP_CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/ump.csv');

async function loadUmp(db: Db): Promise<{ province: string; year: number; amount: number }[]> {
  const seeded = await queryRows<{ province: string; year: number; amount: string }>(
    db,
    sql`select province_code as province, year, amount_rupiah::text as amount from minimum_wage
        where regency_code is null`,
  );
  if (seeded.length > 0) return seeded.map((r) => ({ ...r, amount: Math.round(Number(r.amount)) }));
  const lines = readFileSync(UMP_CSV, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((l) => {
    const [province, , year, amount] = l.split(',');
    return { province: province ?? '', year: Number(year), amount: Math.round(Number(amount)) };
  });
}

/** Secondary indexes dropped during the load and rebuilt after. */
const TABLES = ['case_record', 'survey', 'survey_schedule', 'case_progress'];

export async function loadFollowup(db: Db, opts: FollowupOptions = {}) {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const batch = opts.batch ?? 100_000;
  const seed = opts.seed ?? 6;
  const [have] = await queryRows<{ cases: number; people: number }>(
    db,
    sql`select (select count(*)::int from case_record where case_no like 'BENCH-F-%') as cases,
               (select count(*)::int from person) as people`,
  );
  if (opts.reuse && have && have.cases > 0 && have.cases >= have.people) {
    log(`  follow-up: reusing the ${have.cases.toLocaleString('en')} cases already loaded`);
    return { ...(await summary(db)), ms: Math.round(performance.now() - started) };
  }
  const ump = await loadUmp(db);
  if (ump.length === 0) throw new Error('no UMP: seed minimum_wage or provide shared/data/ump.csv');
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = 'public' and i.tablename in ${sql.raw(`(${TABLES.map((t) => `'${t}'`).join(',')})`)}
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index if exists "${i.indexname}"`));
  await db.execute(sql`drop table if exists bench_ump`);
  await db.execute(sql`create unlogged table bench_ump (province text, year int, amount bigint)`);
  await db.execute(
    sql`insert into bench_ump select * from jsonb_to_recordset(${JSON.stringify(ump)}::jsonb)
        as x(province text, year int, amount bigint)`,
  );
  // Every province and year the series can reach, from the nearest known year.
  await db.execute(sql`drop table if exists bench_ump_year`);
  await db.execute(sql`
    create unlogged table bench_ump_year as
    select pv.province, y.year,
           (select u.amount from bench_ump u where u.province = pv.province
            order by abs(u.year - y.year), u.year limit 1) as amount
    from (select distinct province from bench_ump) pv, generate_series(2015, 2035) y(year)`);
  const [people] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from person`);
  const total = people?.n ?? 0;
  for (let offset = 0; offset < total; offset += batch) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      // Random numbers in [0, 1) from the case id and a salt.
      const r = (salt: string) =>
        sql.raw(`((hashtextextended(c.id::text || '${salt}', ${seed}) & 2147483647)::float8 / 2147483648)`);
      await tx.execute(sql`
        create temp table bc on commit drop as
        select gen_random_uuid() as id, p.id as person_id, p.registered_unit_id as unit_id,
               coalesce((select pc.cluster_code from person_cluster pc where pc.person_id = p.id
                         order by pc.cluster_code limit 1), 'ppks_lainnya') as cluster_code,
               left(p.area_code, 2) as province, n
        from (select id, registered_unit_id, area_code, row_number() over (order by id) + ${offset} as n
              from person order by id offset ${offset} limit ${batch}) p`);
      await tx.execute(sql`
        create temp table bk on commit drop as
        select c.*,
               (array['residential','family','community'])[1 + floor(${r('ap')} * 3)::int] as approach,
               -- Intake spread over four years, more recent years busier.
               (current_date - 30 - floor(${r('in')} * 1460)::int) as intake_date,
               case when ${r('tr')} < 0.45 then 'rising' when ${r('tr')} < 0.75 then 'flat'
                    when ${r('tr')} < 0.85 then 'falling' else 'late' end as trajectory,
               case when ${r('b0')} < 0.33 then 0 else 0.1 + ${r('b1')} * 0.5 end as base_factor,
               0.8 + ${r('tg')} * 1.0 as target_factor,
               90 + floor(${r('te')} * 180)::int as termination_after,
               ${r('x18')} < 0.5 as has_18,
               ${r('sk')} < 0.085 as skips_last
        from bc c`);
      // Planned visits: 0 intake, 1 termination, 2..5 after-care every 3 months, 6 the 18-month visit.
      await tx.execute(sql`
        create temp table bp on commit drop as
        select k.id as case_id, k.person_id, k.unit_id, k.province, v.k,
               case v.k when 0 then k.intake_date + (floor(${sql.raw(`((hashtextextended(k.id::text || 'd0', ${seed}) & 2147483647)::float8 / 2147483648)`)} * 14))::int
                        when 1 then k.intake_date + k.termination_after + (case when k.approach = 'residential' then 60 else 0 end)
                        when 6 then k.intake_date + k.termination_after + 540
                        else k.intake_date + k.termination_after + (v.k - 1) * 91 end as due_on,
               case v.k when 0 then 'intake' when 1 then 'termination' else 'followup' end as kind
        from bk k cross join generate_series(0, 6) v(k)
        where v.k < 6 or k.has_18`);
      await tx.execute(sql`
        insert into case_record (id, case_no, person_id, unit_id, cluster_code, stage, approaches, intake_source, intake_date)
        select id, 'BENCH-F-' || n, person_id, unit_id, cluster_code,
               case when current_date - intake_date > termination_after + 370 then 'closed'
                    when current_date - intake_date > termination_after then 'aftercare' else 'intervention' end,
               array[approach], 'walk_in', intake_date
        from bk`);
      // Done visits: due by today, except a skipped last due one. Income per trajectory, by visit number.
      await tx.execute(sql`
        create temp table bs on commit drop as
        select gen_random_uuid() as id, p.case_id, p.person_id, p.unit_id, p.due_on as surveyed_on, p.kind, p.k,
               coalesce(u.amount, 3000000) as ump,
               greatest(0, round(coalesce(u.amount, 3000000) * (case k.trajectory
                 when 'rising' then k.base_factor + (k.target_factor - k.base_factor) * least(1, p.k / 3.0)
                 when 'flat' then k.base_factor * (0.9 + 0.2 * ((hashtextextended(p.case_id::text || p.k, ${seed}) & 1023) / 1023.0))
                 when 'falling' then case when p.k <= 2 then k.base_factor + (k.target_factor - k.base_factor) * p.k / 2.0
                                          else 0.2 * k.target_factor end
                 else case when p.k <= 1 then k.base_factor else k.base_factor + (k.target_factor - k.base_factor) * least(1, (p.k - 1) / 3.0) end
               end) / 25000.0) * 25000)::bigint as income
        from (select bp.*, max(bp.due_on) filter (where bp.due_on <= current_date)
                             over (partition by bp.case_id) as last_due
              from bp) p
        join bk k on k.id = p.case_id
        left join bench_ump_year u on u.province = p.province and u.year = extract(year from p.due_on)::int
        where p.due_on <= current_date and not (k.skips_last and p.due_on = p.last_due)`);
      await tx.execute(sql`
        insert into survey (id, person_id, case_id, unit_id, surveyed_on, kind, monthly_income, income_wages,
          income_business, work_status, has_business, housing, has_nik, has_kk, has_birth_certificate,
          has_health_insurance, children_in_school)
        select id, person_id, case_id, unit_id, surveyed_on, kind, income, income - income / 3, income / 3,
          case when income = 0 then 'unemployed' when income < ump / 2 then 'casual' else 'self_employed' end,
          income >= ump / 2, case when k = 0 then 'family' else 'rent' end, k > 0, true, true, k > 0, 'not_applicable'
        from bs`);
      await tx.execute(sql`
        insert into survey_schedule (case_id, unit_id, kind, due_on, survey_id)
        select p.case_id, p.unit_id, p.kind, p.due_on, s.id
        from bp p left join bs s on s.case_id = p.case_id and s.k = p.k`);
      // case_progress from the series, by the simplified level rule above.
      await tx.execute(sql`
        insert into case_progress (case_id, person_id, unit_id, cluster_code, approaches, intake_date, survey_count,
          first_income, latest_income, first_survey_on, latest_survey_on, level, independent_on, graduated_on)
        with s as (
          select s.*, lag(s.income) over w as prev_income, lag(s.ump) over w as prev_ump
          from bs s window w as (partition by s.case_id order by s.surveyed_on, s.k)),
        agg as (
          select case_id, count(*)::int as n,
                 (array_agg(income order by surveyed_on, k))[1] as first_income,
                 (array_agg(income order by surveyed_on desc, k desc))[1] as latest_income,
                 (array_agg(ump order by surveyed_on desc, k desc))[1] as latest_ump,
                 min(surveyed_on) as first_on, max(surveyed_on) as latest_on,
                 min(surveyed_on) filter (where income >= ump and prev_income >= prev_ump) as independent_on
          from s group by case_id),
        grad as (
          select a.case_id, min(s.surveyed_on) as graduated_on
          from agg a join s on s.case_id = a.case_id
          where a.independent_on is not null and s.surveyed_on >= a.independent_on + 180 and s.income * 2 >= s.ump
          group by a.case_id)
        select k.id, k.person_id, k.unit_id, k.cluster_code, array[k.approach], k.intake_date, coalesce(a.n, 0),
               a.first_income, a.latest_income, a.first_on, a.latest_on,
               case when a.n is null then -1
                    when g.graduated_on is not null and a.latest_income * 2 >= a.latest_ump then 5
                    when a.independent_on is not null and a.latest_income * 2 >= a.latest_ump then 4
                    when a.independent_on is not null then 2
                    when a.n = 1 then 0
                    when a.latest_income * 2 >= a.latest_ump then 3
                    when a.latest_income > 0 then 2
                    else 1 end,
               a.independent_on, g.graduated_on
        from bk k left join agg a on a.case_id = k.id left join grad g on g.case_id = k.id`);
    });
    log(`  follow-up: ${Math.min(total, offset + batch).toLocaleString('en')} cases written`);
  }
  log(`  rebuilding ${indexes.length} indexes`);
  for (const i of indexes) await db.execute(sql.raw(i.indexdef));
  await db.execute(sql`drop table if exists bench_ump, bench_ump_year`);
  await db.execute(sql`select atensi_outcome_tally_rebuild()`);
  for (const t of [...TABLES, 'outcome_tally']) await db.execute(sql.raw(`vacuum analyze ${t}`));
  return { ...(await summary(db)), ms: Math.round(performance.now() - started) };
}

async function summary(db: Db) {
  const [counts] = await queryRows<{
    cases: number;
    surveys: number;
    schedule: number;
    open: number;
    tallyRows: number;
  }>(
    db,
    sql`select (select count(*)::int from case_progress) as cases, (select count(*)::int from survey) as surveys,
               (select count(*)::int from survey_schedule) as schedule,
               (select count(*)::int from survey_schedule where survey_id is null) as open,
               (select count(*)::int from outcome_tally) as "tallyRows"`,
  );
  if (!counts) throw new Error('no counts');
  return counts;
}
