// Demo beneficiaries (ATENSI_DEMO_PEOPLE): twenty-four people per demo unit, each registered and carried
// through the ATENSI process by the unit's social worker with the real services (people, consent, cases,
// referrals, follow-up surveys, training), one transaction per person, so audit, case progress,
// milestones, survey schedules and tasks are what the application itself would have written.
// Deterministic (a seeded generator per unit); dates are relative to today, never in the future.
import type { TCase, TCaseStage, TERMINATION_REASONS, TRole } from '@atensi/contracts';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor, Ctx } from '../../lib/context.ts';
import {
  addAssessment,
  addNote,
  addService,
  admitCase,
  advanceCase,
  approvePlan,
  closeCase,
  completeTask,
  createCase,
  savePlan,
  terminateCase,
} from '../../modules/cases/cases.service.ts';
import { acceptReferral, createReferral } from '../../modules/cases/referrals.service.ts';
import { createSurvey } from '../../modules/followup/surveys.service.ts';
import { createConsent } from '../../modules/people/consent.service.ts';
import { createPerson } from '../../modules/people/people.service.ts';
import { createCohort } from '../../modules/training/cohorts.service.ts';
import {
  addSession,
  assess,
  complete,
  enrol,
  recordAttendance,
} from '../../modules/training/enrolments.service.ts';
import { type Db, queryRows, type Tx } from '../client.ts';
import { appUser, person, unit } from '../schema.ts';
import { type DbActor, withActorTransaction } from '../transaction.ts';
import { NAME_POOLS, NO_NIK_REASONS } from './demo-people-names.ts';

// ── Stories: where each person's case stands today ──

type Story =
  | 'intake'
  | 'approach'
  | 'assessment'
  | 'plan'
  | 'intervention'
  | 'evaluation'
  | 'termination_open'
  | 'terminated'
  | 'recent_aftercare'
  | 'stalled'
  | 'climbing'
  | 'mandiri'
  | 'falling'
  | 'graduated'
  | 'returned'
  | 'dropped';

/** How many people per unit have each story (24 in all). */
export const STORY_COUNTS: [Story, number][] = [
  ['intake', 2],
  ['approach', 2],
  ['assessment', 2],
  ['plan', 2],
  ['intervention', 3],
  ['evaluation', 2],
  ['termination_open', 1],
  ['terminated', 1],
  ['recent_aftercare', 1],
  ['stalled', 1],
  ['climbing', 1],
  ['mandiri', 1],
  ['falling', 1],
  ['graduated', 2],
  ['returned', 1],
  ['dropped', 1],
];
export const DEMO_PEOPLE_PER_UNIT = STORY_COUNTS.reduce((n, [, k]) => n + k, 0);
/** People whose case reaches the graduation level (Lulus bimbingan lanjut) in each unit. */
export const DEMO_GRADUATES_PER_UNIT = 2;

/** The stage a story's case stands in today. */
const STAGE_OF: Record<Story, TCaseStage> = {
  intake: 'intake',
  approach: 'approach',
  assessment: 'assessment',
  plan: 'plan',
  intervention: 'intervention',
  evaluation: 'evaluation',
  termination_open: 'termination',
  terminated: 'termination',
  recent_aftercare: 'aftercare',
  stalled: 'aftercare',
  climbing: 'aftercare',
  mandiri: 'aftercare',
  falling: 'aftercare',
  graduated: 'closed',
  returned: 'closed',
  dropped: 'intervention',
};

/** Stories with income surveys after termination: adults of the unit's working-age cluster. */
const FOLLOWED: Story[] = ['stalled', 'climbing', 'mandiri', 'falling', 'graduated', 'returned'];
const ADULT_STORIES: Story[] = [...FOLLOWED, 'terminated', 'termination_open', 'recent_aftercare'];

type UnitPlan = {
  code: string;
  /** The cluster of adults followed up to independence. */
  adultCluster: string;
  /** Other clusters for cases still in the process, with the age range of each. */
  mix: { cluster: string; ages: [number, number] }[];
  course: { code: string; trainer: string; place: string };
};

const UNITS: UnitPlan[] = [
  {
    code: 'SOEHARSO',
    adultCluster: 'disabilitas',
    mix: [
      { cluster: 'disabilitas', ages: [19, 48] },
      { cluster: 'disabilitas', ages: [19, 48] },
      { cluster: 'lanjut_usia', ages: [62, 80] },
    ],
    course: { code: 'VOK-KOMPUTER', trainer: 'Hendro Wicaksono', place: 'Ruang Komputer Sentra Soeharso' },
  },
  {
    code: 'HANDAYANI',
    adultCluster: 'tuna_sosial_kpo',
    mix: [
      { cluster: 'anak', ages: [7, 17] },
      { cluster: 'anak', ages: [9, 16] },
      { cluster: 'tuna_sosial_kpo', ages: [19, 40] },
    ],
    course: { code: 'VOK-TATA-BOGA', trainer: 'Lina Marlina', place: 'Dapur Pelatihan Sentra Handayani' },
  },
  {
    code: 'TODDOPULI',
    adultCluster: 'disabilitas',
    mix: [
      { cluster: 'anak', ages: [6, 17] },
      { cluster: 'anak', ages: [8, 15] },
      { cluster: 'disabilitas', ages: [20, 45] },
    ],
    course: { code: 'VOK-KERAJINAN', trainer: 'Andi Tenri Ajeng', place: 'Bengkel Kerja Sentra Toddopuli' },
  },
];

// ── Small helpers ──

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof rng>;
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const todayIso = () => new Date().toISOString().slice(0, 10);
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const silent = (() => {
  const noop = () => {};
  const log: Record<string, unknown> = { level: 'silent' };
  for (const k of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) log[k] = noop;
  log.child = () => log;
  return log as unknown as FastifyBaseLogger;
})();

type StaffRow = { id: string; username: string; displayName: string; role: string; unitId: string | null };

function actorOf(u: StaffRow): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as TRole,
    unitId: u.unitId,
    sessionId: 'demo-seed',
    sessionTokenHash: 'demo-seed',
    sessionExpiresAt: new Date(Date.now() + 3_600_000),
    mustChangePassword: false,
  };
}
function dbActorOf(u: StaffRow): DbActor {
  return {
    userId: u.id,
    username: u.username,
    role: u.role,
    unitId: u.unitId,
    ip: null,
    requestId: 'demo-seed',
    scope: 'unit',
  };
}
function ctxOf(tx: Tx, u: StaffRow): Ctx {
  return {
    db: tx,
    actor: actorOf(u),
    scope: 'unit',
    log: silent,
    meta: { ip: '127.0.0.1', requestId: 'demo-seed', lang: 'id', userAgent: null },
  };
}
/** The same transaction, now acting as another user of the unit (the head approving, say). */
async function actAs(tx: Tx, u: StaffRow): Promise<Ctx> {
  await tx.execute(sql`select set_config('atensi.user_id', ${u.id}, true),
    set_config('atensi.username', ${u.username}, true), set_config('atensi.role', ${u.role}, true)`);
  return ctxOf(tx, u);
}

// ── People ──

type Village = { code: string; name: string };
type Staff = { peksos: StaffRow; kepala: StaffRow; ska: StaffRow };

type PersonSpec = {
  story: Story;
  fullName: string;
  birthPlace: string;
  sex: 'L' | 'P';
  birthDate: string;
  birthDateEstimated: boolean;
  age: number;
  cluster: string;
  nik: string | null;
  noNikReason: string | null;
  kkNo: string | null;
  village: Village;
  street: string;
  rt: string;
  rw: string;
  phone: string;
  guardian: { name: string; relationship: string; phone: string } | null;
  relative: { name: string; relationship: string } | null;
  disability: { type: string; level: 'ringan' | 'sedang' | 'berat' } | null;
  residential: boolean;
  intakeDate: string;
  /** Termination date, for stories past termination. */
  terminatedOn: string | null;
};

const DISABILITIES = [
  { type: 'Fisik (daksa), pascaamputasi tungkai', level: 'sedang' as const },
  { type: 'Fisik (daksa), pascastroke', level: 'sedang' as const },
  { type: 'Sensorik netra (low vision)', level: 'ringan' as const },
  { type: 'Fisik (daksa), cedera tulang belakang', level: 'berat' as const },
  { type: 'Sensorik rungu wicara', level: 'sedang' as const },
];

/** Intake and termination dates of a story, relative to today. */
function storyDates(story: Story, r: Rand, today: string): { intake: string; terminated: string | null } {
  const daysAgo = (lo: number, hi: number) => addDays(today, -between(r, lo, hi));
  const monthsAgo = (m: number) => addDays(addMonths(today, -m), -between(r, 0, 12));
  const withTermination = (t: string) => ({ intake: addMonths(t, -5), terminated: t });
  switch (story) {
    case 'intake':
      return { intake: daysAgo(1, 8), terminated: null };
    case 'approach':
      return { intake: daysAgo(9, 20), terminated: null };
    case 'assessment':
      return { intake: daysAgo(20, 40), terminated: null };
    case 'plan':
      return { intake: daysAgo(30, 50), terminated: null };
    case 'intervention':
      return { intake: daysAgo(55, 120), terminated: null };
    case 'dropped':
      return { intake: daysAgo(150, 210), terminated: null };
    case 'evaluation':
      return { intake: daysAgo(120, 160), terminated: null };
    case 'termination_open':
      return { intake: daysAgo(150, 175), terminated: null };
    case 'terminated':
      return withTermination(daysAgo(7, 20));
    case 'recent_aftercare':
      return withTermination(daysAgo(35, 60));
    case 'stalled':
      return withTermination(monthsAgo(9));
    case 'climbing':
      return withTermination(monthsAgo(8));
    case 'mandiri':
      return withTermination(monthsAgo(7));
    case 'falling':
      return withTermination(monthsAgo(10));
    case 'graduated':
    case 'returned':
      return withTermination(monthsAgo(13));
  }
}

function buildSpecs(plan: UnitPlan, unitIndex: number, villages: Village[], today: string): PersonSpec[] {
  const r = rng(0x41e + unitIndex * 7919);
  const pool = NAME_POOLS[plan.code];
  if (!pool) throw new Error(`demo people: no names for ${plan.code}`);
  const stories = STORY_COUNTS.flatMap(([s, n]) => Array.from({ length: n }, () => s));
  const used = new Set<string>();
  let residentialLeft = 2;
  return stories.map((story, i) => {
    const sex: 'L' | 'P' = i % 2 === 0 ? 'P' : 'L';
    let fullName = '';
    for (let tries = 0; tries < 50 && (!fullName || used.has(fullName)); tries++)
      fullName =
        sex === 'L'
          ? `${pick(r, pool.male)} ${pick(r, pool.secondMale)}`
          : `${pick(r, pool.female)} ${pick(r, pool.secondFemale)}`;
    used.add(fullName);
    const adult = ADULT_STORIES.includes(story);
    const mix = adult
      ? { cluster: plan.adultCluster, ages: [22, 47] as [number, number] }
      : pick(r, plan.mix);
    const age = between(r, mix.ages[0], mix.ages[1]);
    const dates = storyDates(story, r, today);
    const birthYear = Number(today.slice(0, 4)) - age - 1;
    const month = between(r, 1, 12);
    const day = between(r, 1, 28);
    const birthDate = `${birthYear}-${pad(month, 2)}-${pad(day, 2)}`;
    const village = villages[(i * 7 + unitIndex * 3) % villages.length] as Village;
    const [pp = '', rr = '', dd = ''] = village.code.split('.');
    // Children found on the street and a few adults have no NIK yet (about one in eight).
    const hasNik = !(i % 8 === 3 && !FOLLOWED.includes(story));
    const serial = unitIndex * 100 + i + 1;
    const nik = hasNik
      ? `${pp}${rr}${dd}${pad(sex === 'P' ? day + 40 : day, 2)}${pad(month, 2)}${pad(birthYear % 100, 2)}${pad(serial, 4)}`
      : null;
    const phone = `08${pick(r, ['12', '13', '21', '22', '52', '57', '77', '81', '95'])}${pad(between(r, 0, 99_999_999), 8)}`;
    const child = age < 18;
    const motherFirst = pick(r, pool.female);
    const guardian = child
      ? { name: `${motherFirst} ${pick(r, pool.secondFemale)}`, relationship: 'ibu', phone }
      : null;
    const relative =
      !child && age >= 60
        ? {
            name:
              i % 3
                ? `${pick(r, pool.female)} ${pick(r, pool.secondFemale)}`
                : `${pick(r, pool.male)} ${pick(r, pool.secondMale)}`,
            relationship: 'anak',
          }
        : !child
          ? { name: `${pick(r, pool.female)} ${pick(r, pool.secondFemale)}`, relationship: 'ibu' }
          : null;
    const disability = mix.cluster === 'disabilitas' ? pick(r, DISABILITIES) : null;
    const residential =
      residentialLeft > 0 && (story === 'intervention' || story === 'evaluation') && residentialLeft-- > 0;
    return {
      story,
      fullName,
      birthPlace: pool.birthPlace,
      sex,
      birthDate,
      birthDateEstimated: !hasNik,
      age,
      cluster: mix.cluster,
      nik,
      noNikReason: hasNik ? null : (NO_NIK_REASONS[i % NO_NIK_REASONS.length] ?? null),
      kkNo: hasNik
        ? `${pp}${rr}${dd}${pad(between(r, 1, 28), 2)}${pad(between(r, 1, 12), 2)}${pad(between(r, 5, 24), 2)}${pad(serial, 4)}`
        : null,
      village,
      street: `${pick(r, pool.streets)} No. ${between(r, 1, 140)}`,
      rt: pad(between(r, 1, 12), 3),
      rw: pad(between(r, 1, 9), 3),
      phone,
      guardian,
      relative,
      disability,
      residential,
      intakeDate: dates.intake,
      terminatedOn: dates.terminated,
    };
  });
}

// ── Surveys: income over the months, as a share of the province's minimum wage ──

type Wages = Map<number, number>;
function wageFor(wages: Wages, on: string): number {
  const year = Number(on.slice(0, 4));
  const years = [...wages.keys()].sort((a, b) => a - b);
  const y = years.filter((k) => k <= year).pop() ?? years[0];
  return (y !== undefined ? wages.get(y) : undefined) ?? 2_500_000;
}
const round50k = (n: number) => Math.round(n / 50_000) * 50_000;

type SurveyPoint = {
  on: string;
  kind: 'intake' | 'termination' | 'followup';
  /** Earned income as a share of the minimum wage. */
  ratio: number;
  aid: number;
  work: 'employed' | 'self_employed' | 'casual' | 'unemployed';
  business: boolean;
  bank: boolean;
  housing: 'own' | 'rent' | 'family' | 'shelter' | 'institution';
  score: number;
  insurance: boolean;
};

/** Shares of the minimum wage at 3, 6, 9 and 12 months after termination, per story. */
const FOLLOWUP_RATIOS: Partial<Record<Story, (number | null)[]>> = {
  graduated: [1.1, 1.2, 1.25, 1.3],
  mandiri: [1.05, 1.15],
  climbing: [0.55, 0.75],
  stalled: [0.3, 0.3, 0.25],
  falling: [1.1, 1.15, 0.35],
  returned: [0.4, 0.55, null, 0.6],
};

function surveyPlan(s: PersonSpec, today: string): SurveyPoint[] {
  if (!s.terminatedOn) return [];
  const t = s.terminatedOn;
  const shelter = s.cluster === 'tuna_sosial_kpo';
  const out: SurveyPoint[] = [
    {
      on: addDays(s.intakeDate, 3),
      kind: 'intake',
      ratio: 0.1,
      aid: 300_000,
      work: 'unemployed',
      business: false,
      bank: false,
      housing: shelter ? 'shelter' : 'family',
      score: 30,
      insurance: false,
    },
    {
      on: t,
      kind: 'termination',
      ratio: 0.4,
      aid: 300_000,
      work: 'casual',
      business: false,
      bank: true,
      housing: 'family',
      score: 55,
      insurance: true,
    },
  ];
  const ratios = FOLLOWUP_RATIOS[s.story] ?? [];
  ratios.forEach((ratio, k) => {
    const on = addDays(addMonths(t, 3 * (k + 1)), k % 2);
    if (ratio === null || on > today) return;
    const independent = ratio >= 1;
    out.push({
      on,
      kind: 'followup',
      ratio,
      aid: independent ? 0 : 300_000,
      work: independent ? (k % 2 ? 'self_employed' : 'employed') : ratio >= 0.5 ? 'casual' : 'unemployed',
      business: independent && k % 2 === 1,
      bank: true,
      housing: independent ? 'rent' : 'family',
      score: independent ? 75 : ratio >= 0.5 ? 65 : 50,
      insurance: true,
    });
  });
  return out;
}

// ── One person, start to finish, in one transaction ──

type Registered = {
  personId: string;
  caseId: string;
  story: Story;
  cluster: string;
  adult: boolean;
  age: number;
};

const ASSESSMENT_KEYS = [
  'physical_health',
  'psychological',
  'social_relations',
  'family',
  'economic',
  'spiritual',
  'environment',
  'legal_identity',
];
const answers = (v: number) =>
  Object.fromEntries(ASSESSMENT_KEYS.map((k, i) => [k, i % 3 === 0 ? v + 1 : v]));

function planItems(s: PersonSpec) {
  const items = [
    {
      serviceCode: 'terapi',
      description: 'Terapi psikososial dan bimbingan mental spiritual',
      frequency: 'mingguan',
      plannedQuantity: 12,
      budgetRupiah: 1_800_000,
    },
    {
      serviceCode: s.age < 18 ? 'perawatan_pengasuhan' : 'hidup_layak',
      description: s.age < 18 ? 'Pengasuhan dan pemenuhan kebutuhan anak' : 'Permakanan dan kebutuhan dasar',
      frequency: 'bulanan',
      plannedQuantity: 3,
      budgetRupiah: 2_250_000,
    },
    {
      serviceCode: 'dukungan_keluarga',
      description: 'Konseling keluarga dan kunjungan rumah',
      frequency: 'dua kali sebulan',
      plannedQuantity: 4,
      budgetRupiah: 600_000,
    },
  ];
  if (s.age >= 18 && s.age < 60)
    items.unshift({
      serviceCode: 'vokasional_kewirausahaan',
      description: 'Pelatihan keterampilan kerja dan modal usaha',
      frequency: 'sekali',
      plannedQuantity: 1,
      budgetRupiah: 3_500_000,
    });
  if (s.disability)
    items.push({
      serviceCode: 'aksesibilitas',
      description: 'Alat bantu sesuai asesmen',
      frequency: 'sekali',
      plannedQuantity: 1,
      budgetRupiah: 4_000_000,
    });
  return items;
}

const STAGES_IN_ORDER: TCaseStage[] = [
  'intake',
  'approach',
  'assessment',
  'plan',
  'intervention',
  'evaluation',
  'termination',
  'aftercare',
  'closed',
];

async function registerOne(
  tx: Tx,
  staff: Staff,
  s: PersonSpec,
  wages: Wages,
  today: string,
): Promise<Registered> {
  const ctx = ctxOf(tx, staff.peksos);
  const p = await createPerson(ctx, {
    nik: s.nik,
    noNikReason: s.noNikReason,
    kkNo: s.kkNo,
    fullName: s.fullName,
    sex: s.sex,
    birthDate: s.birthDate,
    birthDateEstimated: s.birthDateEstimated,
    birthPlace: s.birthPlace,
    motherName: s.guardian?.name ?? (s.relative?.relationship === 'ibu' ? s.relative.name : null),
    religion: 'islam',
    maritalStatus: s.age < 18 ? 'belum_kawin' : s.age > 30 ? 'kawin' : 'belum_kawin',
    areaCode: s.village.code,
    street: s.street,
    rt: s.rt,
    rw: s.rw,
    currentLocationKind: s.residential ? 'institution' : s.nik ? 'home' : 'street',
    phones: [{ phone: s.phone, owner: s.guardian ? 'guardian' : 'self' }],
    relations: [
      ...(s.guardian ? [{ ...s.guardian, isGuardian: true }] : []),
      ...(s.relative ? [{ ...s.relative, isGuardian: false }] : []),
    ],
    clusters: [s.cluster],
    disabilityType: s.disability?.type ?? null,
    disabilityLevel: s.disability?.level ?? null,
    confirmNew: true,
  });
  await createConsent(ctx, p.id, {
    givenBy: s.guardian ? 'guardian' : 'self',
    guardianName: s.guardian?.name ?? null,
    purposes: ['services', 'referral', 'data_sharing'],
    method: 'verbal_witnessed',
    witnessName: staff.ska.displayName,
    givenAt: s.intakeDate,
  });
  const I = s.intakeDate;
  let c: TCase = await createCase(ctx, {
    personId: p.id,
    clusterCode: s.cluster,
    approaches: s.residential ? ['residential'] : s.age < 18 ? ['family', 'community'] : ['family'],
    intakeSource: s.nik ? (s.age < 18 ? 'report' : 'walk_in') : 'outreach',
    intakeDate: I,
    intakeNotes: s.nik
      ? 'Datang bersama keluarga untuk meminta layanan rehabilitasi sosial.'
      : 'Dijangkau petugas di jalan; belum memiliki dokumen kependudukan.',
  });
  const target = STAGE_OF[s.story];
  const goal = STAGES_IN_ORDER.indexOf(target);
  const end = s.terminatedOn ?? today;
  // When each stage was entered, spread between intake and termination (or today).
  const span = Math.max(1, Math.round((Date.parse(end) - Date.parse(I)) / 86_400_000));
  const entered = new Map<TCaseStage, string>([['intake', I]]);
  const at = (stage: TCaseStage) => entered.get(stage) ?? I;
  const advance = async (to: TCaseStage, on: string) => {
    c = await advanceCase(ctx, c.id, { to, version: c.version });
    entered.set(to, on);
  };
  const step = (k: number) => minDate(addDays(I, Math.round((span * k) / 7)), end);

  if (goal >= 1) {
    await advance('approach', step(0.3));
    c = await addNote(ctx, c.id, {
      body: 'Kontak awal: penerima manfaat dan keluarga bersedia mengikuti layanan.',
    });
  }
  if (goal >= 2) {
    await advance('assessment', step(0.8));
    c = await addAssessment(ctx, c.id, {
      answers: answers(2),
      needs: 'Dukungan psikososial, kebutuhan dasar dan kemandirian ekonomi.',
      strengths: 'Keluarga mendukung; bersemangat belajar.',
      riskLevel: s.nik ? 'medium' : 'high',
      assessedOn: at('assessment'),
    });
  }
  if (goal >= 3) {
    await advance('plan', step(1.3));
    c = await savePlan(ctx, c.id, {
      goals: ['Pulih secara psikososial', 'Berfungsi sosial di keluarga dan masyarakat'],
      items: planItems(s),
      version: 0,
    });
    if (goal >= 4) {
      const head = await actAs(tx, staff.kepala);
      c = await approvePlan(head, c.id, c.plan?.version ?? 1);
      await actAs(tx, staff.peksos);
      // The plan was approved when the story says, so the roadmap dates its first level then.
      await tx.execute(
        sql`update case_plan set approved_at = ${`${step(1.6)}T03:00:00Z`}::timestamptz
            where case_id = ${c.id}::uuid and status = 'approved'`,
      );
    }
  }
  if (goal >= 4) {
    await advance('intervention', step(1.8));
    if (s.residential) {
      const head = await actAs(tx, staff.kepala);
      c = await admitCase(head, c.id, c.version);
      await actAs(tx, staff.peksos);
    }
    const items = c.approvedPlan?.items ?? [];
    for (const [k, it] of items.entries()) {
      if (k > (s.story === 'dropped' ? 0 : 1)) break;
      c = await addService(ctx, c.id, {
        serviceCode: it.serviceCode,
        planItemId: it.id,
        deliveredOn: minDate(addDays(at('intervention'), 3 + k * 9), today),
        quantity: 1,
        costRupiah: Math.round(it.budgetRupiah / Math.max(1, it.plannedQuantity)),
      });
    }
  }
  if (s.story === 'dropped') {
    c = await closeCase(ctx, c.id, {
      reason: 'Penerima manfaat pindah ke luar kota bersama keluarga dan tidak dapat dihubungi lagi.',
      version: c.version,
    });
    await backdateStages(tx, c.id, entered);
    return {
      personId: p.id,
      caseId: c.id,
      story: s.story,
      cluster: s.cluster,
      adult: s.age >= 18,
      age: s.age,
    };
  }
  if (goal >= 5) {
    await advance('evaluation', step(5.2));
    c = await addAssessment(ctx, c.id, {
      answers: answers(3),
      needs: 'Pendampingan lanjutan di keluarga.',
      strengths: 'Kemampuan merawat diri dan bekerja meningkat.',
      riskLevel: 'low',
      assessedOn: at('evaluation'),
    });
  }
  if (goal >= 6) await advance('termination', step(6.5));
  const terminated = s.terminatedOn;
  if (terminated) {
    const reason: (typeof TERMINATION_REASONS)[number] = ['graduated', 'mandiri', 'falling'].includes(s.story)
      ? 'mandiri'
      : 'returned_to_family';
    c = await terminateCase(ctx, c.id, {
      reason,
      terminatedOn: terminated,
      aftercareVisits:
        goal >= 8 ? [addDays(terminated, 30)] : [addDays(terminated, 30), addMonths(terminated, 3)],
      version: c.version,
    });
    for (const sp of surveyPlan(s, today)) {
      const wage = wageFor(wages, sp.on);
      const earned = round50k(sp.ratio * wage);
      await createSurvey(ctx, {
        caseId: c.id,
        surveyedOn: sp.on,
        kind: sp.kind,
        incomeWages: sp.business ? 0 : earned,
        incomeBusiness: sp.business ? earned : 0,
        incomeAid: sp.aid,
        workStatus: sp.work,
        hasBusiness: sp.business,
        businessTurnover: sp.business ? earned * 3 : null,
        savings: sp.bank ? round50k(earned * 0.4) : null,
        hasBankAccount: sp.bank,
        housing: sp.housing,
        socialFunctioningScore: sp.score,
        hasNik: s.nik !== null,
        hasKk: s.kkNo !== null,
        hasBirthCertificate: true,
        hasHealthInsurance: sp.insurance,
        childrenInSchool: s.age >= 30 ? 'all' : 'not_applicable',
      });
    }
  }
  if (goal >= 7) {
    await advance('aftercare', addDays(terminated ?? today, 1));
    // The first visit was made when due (a case closes only when its visits are done); the people whose
    // progress stalled have not been visited yet, so their visits show as overdue.
    const first = c.tasks.find((t) => t.kind === 'aftercare_visit' && !t.doneAt && t.dueOn <= today);
    if (first && s.story !== 'stalled') c = await completeTask(ctx, c.id, first.id, first.version);
  }
  if (goal >= 8) {
    await advance('closed', minDate(addMonths(terminated ?? today, 12), today));
  }
  await backdateStages(tx, c.id, entered);
  return { personId: p.id, caseId: c.id, story: s.story, cluster: s.cluster, adult: s.age >= 18, age: s.age };
}

/** Stage changes happened over months in the story, not all today: date each when the story says. */
async function backdateStages(tx: Tx, caseId: string, entered: Map<TCaseStage, string>) {
  const rows = [...entered].map(([stage, on]) => sql`(${stage}, ${`${on}T02:00:00Z`}::timestamptz)`);
  await tx.execute(
    sql`update case_stage_event e set created_at = v.at from (values ${sql.join(rows, sql`, `)}) as v(stage, at)
        where e.case_id = ${caseId}::uuid and e.to_stage = v.stage`,
  );
  const closed = entered.get('closed');
  if (closed)
    await tx.execute(
      sql`update case_record set closed_at = ${`${closed}T02:00:00Z`}::timestamptz where id = ${caseId}::uuid`,
    );
}

// ── Training: one cohort per unit ──

async function seedCohort(db: Db, plan: UnitPlan, staff: Staff, people: Registered[], today: string) {
  const candidates = people.filter(
    (p) =>
      p.age >= 15 &&
      [
        'plan',
        'intervention',
        'evaluation',
        'termination_open',
        'climbing',
        'mandiri',
        'recent_aftercare',
      ].includes(p.story),
  );
  const chosen = candidates.slice(0, 10);
  if (!chosen.length) return;
  await withActorTransaction(db, dbActorOf(staff.peksos), async (tx) => {
    const ctx = ctxOf(tx, staff.peksos);
    const startsOn = addDays(today, -56);
    let cohort = await createCohort(ctx, {
      courseCode: plan.course.code,
      startsOn,
      endsOn: addDays(today, 14),
      trainer: plan.course.trainer,
      place: plan.course.place,
      capacity: 15,
      notes: 'Kelas angkatan demo: pertemuan mingguan.',
    });
    for (const p of chosen) cohort = await enrol(ctx, cohort.id, { personId: p.personId });
    const topics = [
      'Pengenalan alat dan keselamatan kerja',
      'Praktik dasar',
      'Praktik lanjutan',
      'Mutu dan kemasan',
      'Menghitung harga jual',
      'Praktik mandiri',
      'Persiapan uji kompetensi',
      'Pameran karya',
    ];
    for (let w = 0; w < 8; w++) {
      const heldOn = addDays(startsOn, w * 7);
      if (heldOn > today) break;
      cohort = await addSession(ctx, cohort.id, { heldOn, topic: topics[w] ?? 'Praktik', hours: 4 });
      const session = cohort.sessions.find((x) => x.heldOn === heldOn);
      if (!session) continue;
      cohort = await recordAttendance(ctx, cohort.id, session.id, {
        attendance: chosen.map((p, k) => ({ personId: p.personId, present: (k + w) % 6 !== 5 })),
      });
    }
    // A few finished early with the assessment; one did not pass.
    for (const [k, p] of chosen.slice(0, 4).entries()) {
      const e = cohort.enrolments.find((x) => x.personId === p.personId);
      if (!e) continue;
      const passed = k < 3;
      cohort = await assess(ctx, cohort.id, e.id, {
        score: passed ? 78 + k * 5 : 52,
        passed,
        assessedOn: addDays(today, -4),
        version: e.version,
      });
      const after = cohort.enrolments.find((x) => x.id === e.id);
      if (!after) continue;
      cohort = await complete(ctx, cohort.id, e.id, {
        completedOn: addDays(today, -3),
        version: after.version,
      });
    }
  });
}

// ── Entry point ──

export type DemoPeopleResult = { seeded: boolean; people: number; failures: string[] };

/**
 * Load the demo beneficiaries once: nothing happens when the demo units already have people. A step the
 * services refuse (each person, cohort and referral is its own transaction) is left out and reported in
 * `failures` with a warning, so a demo that no longer fits a changed rule never stops the first start.
 */
export async function seedDemoPeople(
  db: Db,
  warn: (message: string) => void = (m) => console.warn(m),
): Promise<DemoPeopleResult> {
  const failures: string[] = [];
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      const message = `demo people: ${what} left out: ${err instanceof Error ? err.message : String(err)}`;
      failures.push(message);
      warn(message);
      return null;
    }
  };
  const units = await db
    .select({ id: unit.id, code: unit.code })
    .from(unit)
    .where(
      inArray(
        unit.code,
        UNITS.map((u) => u.code),
      ),
    );
  const unitIds = units.map((u) => u.id);
  if (units.length !== UNITS.length) return { seeded: false, people: 0, failures };
  const existing = await db
    .select({ n: count() })
    .from(person)
    .where(inArray(person.registeredUnitId, unitIds));
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false, people: 0, failures };
  const users = await db
    .select({
      id: appUser.id,
      username: appUser.username,
      displayName: appUser.displayName,
      role: appUser.role,
      unitId: appUser.unitId,
    })
    .from(appUser)
    .where(and(inArray(appUser.unitId, unitIds), eq(appUser.isActive, true)));
  // The story ends today, or at the end of the last year with minimum wages on record: incomes are told as
  // shares of the wage, and a year without one cannot be judged (never guessed), so after the data's last
  // year the demo stays in that year instead of showing nobody climbing.
  const [lastWageYear] = await queryRows<{ y: number | null }>(
    db,
    sql`select max(year)::int as y from minimum_wage`,
  );
  const today = minDate(todayIso(), lastWageYear?.y ? `${lastWageYear.y}-12-31` : todayIso());
  const registered = new Map<string, Registered[]>();
  const staffOf = new Map<string, Staff>();
  let total = 0;
  for (const [unitIndex, plan] of UNITS.entries()) {
    const u = units.find((x) => x.code === plan.code);
    if (!u) continue;
    const mine = users.filter((x) => x.unitId === u.id);
    const peksos = mine.find((x) => x.role === 'pekerja_sosial');
    const kepala = mine.find((x) => x.role === 'kepala_upt');
    const ska = mine.find((x) => x.role === 'petugas_ska') ?? peksos;
    if (!peksos || !kepala || !ska) continue;
    const staff = { peksos, kepala, ska };
    staffOf.set(plan.code, staff);
    const regency = (
      await queryRows<{ regency_code: string; province_code: string }>(
        db,
        sql`select regency_code, province_code from unit where id = ${u.id}::uuid`,
      )
    )[0];
    if (!regency) continue;
    const villages = await queryRows<Village>(
      db,
      sql`select code, name from area where level = 'village' and code like ${`${regency.regency_code}.%`}
          order by code`,
    );
    if (!villages.length) continue;
    const wageRows = await queryRows<{ year: number; amount: string }>(
      db,
      sql`select year, amount_rupiah as amount from minimum_wage
          where province_code = ${regency.province_code} and regency_code is null`,
    );
    const wages: Wages = new Map(wageRows.map((w) => [Number(w.year), Number(w.amount)]));
    const list: Registered[] = [];
    for (const spec of buildSpecs(plan, unitIndex, villages, today)) {
      const done = await attempt(`${plan.code} ${spec.fullName} (${spec.story})`, () =>
        withActorTransaction(db, dbActorOf(peksos), (tx) => registerOne(tx, staff, spec, wages, today)),
      );
      if (done) list.push(done);
    }
    registered.set(plan.code, list);
    total += list.length;
  }
  for (const plan of UNITS) {
    const staff = staffOf.get(plan.code);
    const list = registered.get(plan.code);
    if (staff && list) await attempt(`${plan.code} cohort`, () => seedCohort(db, plan, staff, list, today));
  }
  await attempt('referrals', () => seedReferrals(db, units, staffOf, registered));
  return { seeded: true, people: total, failures };
}

/** Two referrals between units: SOEHARSO → TODDOPULI accepted (the family moved), HANDAYANI → SOEHARSO
 * waiting (a child who needs an assistive device). */
async function seedReferrals(
  db: Db,
  units: { id: string; code: string }[],
  staffOf: Map<string, Staff>,
  registered: Map<string, Registered[]>,
) {
  const id = (code: string) => units.find((u) => u.code === code)?.id;
  const send = async (
    from: string,
    to: string,
    who: Registered | undefined,
    services: string[],
    reason: string,
  ) => {
    const staff = staffOf.get(from);
    const toId = id(to);
    if (!staff || !who || !toId) return null;
    return withActorTransaction(db, dbActorOf(staff.peksos), (tx) =>
      createReferral(ctxOf(tx, staff.peksos), {
        caseId: who.caseId,
        toUnitId: toId,
        servicesRequested: services,
        reason,
      }),
    );
  };
  const moving = registered.get('SOEHARSO')?.find((p) => p.story === 'intervention' && p.adult);
  const sent = await send(
    'SOEHARSO',
    'TODDOPULI',
    moving,
    ['aksesibilitas', 'dukungan_keluarga'],
    'Keluarga pindah ke Makassar; mohon lanjutan layanan alat bantu dan pendampingan keluarga.',
  );
  const receiver = staffOf.get('TODDOPULI');
  if (sent && receiver)
    await withActorTransaction(db, dbActorOf(receiver.peksos), (tx) =>
      acceptReferral(ctxOf(tx, receiver.peksos), sent.id, { version: sent.version, approaches: ['family'] }),
    );
  const child = registered.get('HANDAYANI')?.find((p) => p.story === 'assessment' && !p.adult);
  await send(
    'HANDAYANI',
    'SOEHARSO',
    child,
    ['aksesibilitas', 'terapi'],
    'Anak memerlukan asesmen dan alat bantu gerak di balai besar disabilitas fisik.',
  );
}
