// npm run bench:cases (embedded database) or npm run bench:cases:pg (PostgreSQL server) — issue 5 targets:
// opening a case page with a history of 200 services and 200 notes, and a social worker's caseload of 300
// open cases, each p95 under 100 ms on PostgreSQL. Through the HTTP layer (app.inject, signed-in session,
// one transaction per request, the case read audited as in production). People from bench/gen/people.ts;
// cases, services, notes and tasks bulk-written as the owner with triggers off (no audit rows for setup).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/api/src/db/client.ts';
import { loadPeople } from './gen/people.ts';
import { benchApp, machine, percentiles } from './lib.ts';

if (!process.env.DATABASE_URL && process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
}
const RUNS = Number(process.env.BENCH_QUERIES ?? 200);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const OTHER_CASES = Number(process.env.BENCH_CASES ?? 20_000);
const CASELOAD = 300;
const HISTORY = 200;

const bench = await benchApp();
const db = bench.database.db;
console.log(`cases on ${bench.kind}; ${machine()}, ${os.cpus().length} cores`);
await loadPeople(db, { count: PEOPLE, sampleEvery: PEOPLE });

const [worker] = await queryRows<{ id: string; unit_id: string }>(
  db,
  sql`select id, unit_id from app_user where username = 'peksos.soeharso'`,
);
if (!worker) throw new Error('demo user peksos.soeharso missing');
const started = performance.now();
await db.transaction(async (tx) => {
  await tx.execute(sql`set local session_replication_role = replica`);
  // The worker's caseload: 300 open cases at their unit, spread over the stages, each with 3 tasks
  // (one overdue in three cases).
  await tx.execute(sql`
    with picked as (
      select p.id as person_id, row_number() over (order by p.id) as n from person p
      where p.registered_unit_id = ${worker.unit_id}::uuid limit ${CASELOAD})
    insert into case_record (case_no, person_id, unit_id, cluster_code, stage, approaches, intake_source, intake_date, worker_id)
    select 'BENCH-W-' || n, person_id, ${worker.unit_id}::uuid, 'disabilitas',
      (array['intake','approach','assessment','plan','intervention','evaluation','termination','aftercare'])[1 + n % 8],
      array['family'], 'walk_in', current_date - (n % 400)::int, ${worker.id}::uuid
    from picked`);
  await tx.execute(sql`
    insert into case_task (case_id, kind, title, due_on, assignee_id)
    select c.id, 'other', 'Tugas ' || g, current_date + (g * 7 - (case when right(c.case_no, 1) in ('1','4','7') then 30 else 0 end)),
      ${worker.id}::uuid
    from case_record c cross join generate_series(1, 3) g where c.case_no like 'BENCH-W-%'`);
  // Other units' cases, so the caseload query has a realistic table to search.
  await tx.execute(sql`
    insert into case_record (case_no, person_id, unit_id, cluster_code, stage, approaches, intake_source, intake_date)
    select 'BENCH-O-' || row_number() over (), p.id, p.registered_unit_id, 'anak',
      (array['intake','assessment','intervention','closed'])[1 + (row_number() over ()) % 4],
      array['community'], 'outreach', current_date - 30
    from (select id, registered_unit_id from person order by id desc limit ${OTHER_CASES}) p`);
  // One case with a long history: 200 services against an approved plan, 200 notes, 5 assessments.
  await tx.execute(sql`
    with c as (select id from case_record where case_no = 'BENCH-W-1'),
    pl as (insert into case_plan (case_id, plan_no, goals, status, created_by, approved_by, approved_at)
           select id, 1, '["Mandiri secara ekonomi"]'::jsonb, 'approved', ${worker.id}::uuid, ${worker.id}::uuid, now() from c
           returning id),
    it as (insert into case_plan_item (plan_id, service_code, description, planned_quantity, budget_rupiah)
           select pl.id, s.code, 'Butir ' || s.code, 50, 5000000 from pl, service_component s returning id, service_code)
    insert into case_service (case_id, plan_item_id, service_code, delivered_on, worker_id, quantity, cost_rupiah, notes)
    select c.id, it.id, it.service_code, current_date - g, ${worker.id}::uuid, 1, 25000 * g, 'Layanan ke-' || g
    from c, generate_series(1, ${HISTORY}) g, lateral (select * from it order by it.id offset g % 7 limit 1) it`);
  await tx.execute(sql`
    insert into case_note (case_id, body, is_confidential, author_id)
    select c.id, 'Catatan perkembangan ke-' || g || ': ' || repeat('kunjungan rumah, ', 10), g % 10 = 0, ${worker.id}::uuid
    from case_record c, generate_series(1, ${HISTORY}) g where c.case_no = 'BENCH-W-1'`);
  await tx.execute(sql`
    insert into case_assessment (case_id, form_id, answers, risk_level, functioning_score, assessed_on, assessed_by)
    select c.id, f.id, '{"economic": 3}'::jsonb, 'medium', 40 + g * 5, current_date - 100 + g * 10, ${worker.id}::uuid
    from case_record c, assessment_form f, generate_series(1, 5) g where c.case_no = 'BENCH-W-1'`);
  await tx.execute(sql`
    insert into case_stage_event (case_id, from_stage, to_stage, by_user_id)
    select c.id, null, c.stage, ${worker.id}::uuid from case_record c where c.case_no like 'BENCH-%'`);
});
for (const t of ['case_record', 'case_task', 'case_service', 'case_note', 'case_plan', 'case_plan_item']) {
  await db.execute(sql.raw(`analyze ${t}`));
}
const [heavy] = await queryRows<{ id: string }>(
  db,
  sql`select id from case_record where case_no = 'BENCH-W-1'`,
);
const [counts] = await queryRows<{ cases: number; services: number; notes: number }>(
  db,
  sql`select (select count(*)::int from case_record) as cases, (select count(*)::int from case_service) as services,
             (select count(*)::int from case_note) as notes`,
);
console.log(
  `data: ${PEOPLE.toLocaleString('en')} people, ${counts?.cases.toLocaleString('en')} cases, ${counts?.services} services, ${counts?.notes} notes (setup ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const cookie = await bench.login('peksos.soeharso');
async function time(url: string, check: (body: string) => void) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const t = performance.now();
    const res = await bench.app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i === 0) check(res.body);
    if (i >= 10) samples.push(ms); // the first ten warm caches and the JIT
  }
  return percentiles(samples);
}

const page = await time(`/api/v1/cases/${heavy?.id}`, (b) => {
  const c = JSON.parse(b);
  if (c.services.length !== HISTORY || c.notes.length !== HISTORY) throw new Error('case history incomplete');
});
const caseload = await time(`/api/v1/cases?worker=me&open=true&limit=${CASELOAD}`, (b) => {
  const l = JSON.parse(b);
  if (l.items.length !== CASELOAD)
    throw new Error(`caseload has ${l.items.length} cases, expected ${CASELOAD}`);
});
console.log(`case page (${HISTORY} services, ${HISTORY} notes): ${JSON.stringify(page)} ms`);
console.log(`caseload (${CASELOAD} open cases): ${JSON.stringify(caseload)} ms`);
const ok = page.p95 < 100 && caseload.p95 < 100;
console.log(ok ? 'targets met (p95 < 100 ms)' : 'TARGET MISSED (p95 must be < 100 ms)');
await bench.close();
