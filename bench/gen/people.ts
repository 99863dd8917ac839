// Generated people for benchmarks: realistic Indonesian names by region, valid and unique NIKs, shared KK
// numbers within households, villages from idn-area-data, clusters, PPKS and registering units. Seeded, so
// two runs with the same seed write the same people. Reusable: `await loadPeople(db, { count })` on a
// migrated, seeded database (areas, reference data, units).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../apps/api/src/db/client.ts';
import { normaliseName, searchNames } from '../../apps/api/src/modules/people/names.ts';
import { rng } from '../lib.ts';
import {
  type NameRegion,
  NICKNAMES,
  ONE_WORD_FEMALE,
  ONE_WORD_MALE,
  REGIONS,
  STREET_ALIASES,
  TITLES_AFTER,
  TITLES_BEFORE_FEMALE,
  TITLES_BEFORE_MALE,
} from './people-names.ts';

export type GeneratedPerson = {
  id: string;
  nik: string | null;
  no_nik_reason: string | null;
  kk_no: string | null;
  full_name: string;
  name_norm: string;
  search_names: string;
  sex: 'L' | 'P';
  birth_date: string | null;
  birth_date_estimated: boolean;
  birth_place: string | null;
  mother_name: string | null;
  mother_name_norm: string | null;
  religion: string;
  marital_status: string;
  area_code: string;
  street: string;
  rt: string;
  rw: string;
  current_location_kind: string;
  registered_unit_id: string;
  aliases: string[];
  clusters: string[];
  ppks: number[];
  /** Another unit serving the person or referred to, besides the registering unit. */
  other_unit_id: string | null;
  other_unit_reason: 'serves' | 'referred' | null;
};

export type World = {
  villagesByProvince: Map<string, { code: string; regencyName: string }[]>;
  districts: string[];
  unitsByProvince: Map<string, string[]>;
  units: string[];
  ppksByCluster: Map<string, number[]>;
};

const TODAY = new Date(Date.UTC(2026, 0, 1));
const STREETS =
  'Jl. Merdeka|Jl. Sudirman|Jl. Diponegoro|Jl. Pahlawan|Jl. Kenanga|Jl. Melati|Gg. Mawar|Jl. Masjid|Jl. Pasar|Dusun Krajan|Jl. Raya|Gg. Kelinci'.split(
    '|',
  );

/** Areas, units and PPKS the generator draws from (read once from the seeded database). */
export async function loadWorld(db: Db): Promise<World> {
  const villages = await queryRows<{ code: string; province_code: string; regency_name: string }>(
    db,
    sql`select v.code, v.province_code, r.name as regency_name
        from area v join area r on r.code = v.regency_code where v.level = 'village' order by v.code`,
  );
  const villagesByProvince = new Map<string, { code: string; regencyName: string }[]>();
  for (const v of villages) {
    const list = villagesByProvince.get(v.province_code) ?? [];
    list.push({ code: v.code, regencyName: v.regency_name });
    villagesByProvince.set(v.province_code, list);
  }
  const districts = (
    await queryRows<{ code: string }>(db, sql`select code from area where level = 'district' order by code`)
  ).map((d) => d.code);
  const units = await queryRows<{ id: string; province_code: string }>(
    db,
    sql`select id, province_code from unit where archived_at is null order by code`,
  );
  if (villages.length === 0 || units.length === 0) throw new Error('seed areas and units first');
  const unitsByProvince = new Map<string, string[]>();
  for (const u of units)
    unitsByProvince.set(u.province_code, [...(unitsByProvince.get(u.province_code) ?? []), u.id]);
  const ppks = await queryRows<{ no: number; default_cluster: string | null }>(
    db,
    sql`select no, default_cluster_code as default_cluster from ppks_category order by no`,
  );
  const ppksByCluster = new Map<string, number[]>();
  for (const p of ppks) {
    if (p.default_cluster)
      ppksByCluster.set(p.default_cluster, [...(ppksByCluster.get(p.default_cluster) ?? []), p.no]);
  }
  return { villagesByProvince, districts, unitsByProvince, units: units.map((u) => u.id), ppksByCluster };
}

/** A deterministic person factory over the world's areas and units. */
function personFactory(world: World, seed: number) {
  const r = rng(seed);
  const idRand = rng(seed + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const totalWeight = REGIONS.reduce((s, g) => s + g.weight, 0);
  const pickRegion = () => {
    let x = r() * totalWeight;
    for (const g of REGIONS) {
      x -= g.weight;
      if (x < 0) return g;
    }
    return REGIONS[0] as NameRegion;
  };
  const hex8 = () =>
    Math.floor(idRand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const uuid = () => {
    const h = hex8() + hex8() + hex8() + hex8();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) & 3]}${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const nikSerial = new Map<string, number>();
  const kkSerial = new Map<string, number>();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  function nik(districtCode: string, birth: Date, sex: 'L' | 'P'): string {
    const day = birth.getUTCDate() + (sex === 'P' ? 40 : 0);
    const prefix = `${districtCode.replaceAll('.', '')}${pad(day)}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCFullYear() % 100)}`;
    const serial = (nikSerial.get(prefix) ?? 0) + 1;
    nikSerial.set(prefix, serial);
    return `${prefix}${pad(serial, 4)}`;
  }
  function kk(districtCode: string): string {
    const issued = new Date(Date.UTC(int(2005, 2025), int(0, 11), int(1, 28)));
    const prefix = `${districtCode.replaceAll('.', '')}${pad(issued.getUTCDate())}${pad(issued.getUTCMonth() + 1)}${pad(issued.getUTCFullYear() % 100)}`;
    const serial = (kkSerial.get(prefix) ?? 0) + 1;
    kkSerial.set(prefix, serial);
    return `${prefix}${pad(serial, 4)}`;
  }
  function birthDate(ageLo: number, ageHi: number): Date {
    const days = Math.floor((ageLo + r() * (ageHi - ageLo + 1)) * 365.25);
    return new Date(TODAY.getTime() - days * 86_400_000);
  }
  function weighted(items: [string, number][]): string {
    let x = r();
    for (const [v, w] of items) {
      x -= w;
      if (x < 0) return v;
    }
    return items[0]?.[0] ?? 'islam';
  }
  function givenName(g: NameRegion, sex: 'L' | 'P', age: number): string {
    if (g.key === 'jawa' && chance(g.oneWord * (age >= 50 ? 2.5 : 0.5))) {
      return pick(sex === 'L' ? ONE_WORD_MALE : ONE_WORD_FEMALE);
    }
    // Muhammad and Siti open a large share of Muslim names across regions.
    const isMuslimRegion = ['jawa', 'sunda', 'melayu', 'bugis', 'minang'].includes(g.key);
    const prefix = isMuslimRegion && chance(0.12) ? (sex === 'L' ? 'Muhammad ' : 'Siti ') : '';
    const first = prefix + pick(sex === 'L' ? g.male : g.female);
    const lasts = sex === 'L' || g.femaleLast.length === 0 ? g.maleLast : g.femaleLast;
    if (chance(g.oneWord)) return first;
    const middle = chance(0.25) ? ` ${pick(sex === 'L' ? g.male : g.female)}` : '';
    if (g.isFamilyName) return `${first}${middle}`;
    return `${first}${middle === ` ${first}` ? '' : middle} ${pick(lasts)}`;
  }
  function decorate(name: string, sex: 'L' | 'P', age: number, religion: string): string {
    if (age >= 40 && religion === 'islam' && chance(0.04)) {
      return `${sex === 'L' ? pick(TITLES_BEFORE_MALE.slice(0, 1)) : pick(TITLES_BEFORE_FEMALE.slice(0, 1))} ${name}`;
    }
    if (age >= 25 && age < 65 && chance(0.02)) {
      const before = chance(0.3) ? `${pick(sex === 'L' ? TITLES_BEFORE_MALE : TITLES_BEFORE_FEMALE)} ` : '';
      return `${before}${name}, ${pick(TITLES_AFTER)}`;
    }
    return name;
  }
  function aliases(fullName: string, age: number, isStreet: boolean): string[] {
    if (!chance(isStreet ? 0.8 : 0.17)) return [];
    const first = (normaliseName(fullName).split(' ')[0] ?? '').toLowerCase();
    const known = NICKNAMES[first];
    const one = isStreet || !known || chance(0.2) ? pick(STREET_ALIASES) : pick(known);
    const out = [one];
    if (chance(0.12)) {
      const short = fullName.split(' ').find((w) => w.length > 3 && /^[A-Z]/.test(w));
      if (short) out.push(`${age < 30 ? 'Mas' : 'Pak'} ${short.slice(0, 4)}`);
    }
    return [...new Set(out)];
  }
  function clustersFor(age: number, isStreet: boolean): string[] {
    if (age < 18) return chance(0.1) ? ['anak', 'disabilitas'] : ['anak'];
    if (age >= 60) return chance(0.15) ? ['lanjut_usia', 'disabilitas'] : ['lanjut_usia'];
    if (isStreet) return ['tuna_sosial_kpo'];
    return [
      weighted([
        ['disabilitas', 0.45],
        ['napza', 0.12],
        ['tuna_sosial_kpo', 0.13],
        ['kelompok_rentan', 0.15],
        ['korban_bencana', 0.1],
        ['ppks_lainnya', 0.05],
      ]),
    ];
  }

  /** One household: a single person, or a mother with her children (same KK and village). */
  return function household(remaining: number): GeneratedPerson[] {
    const g = pickRegion();
    const province = pick(g.provinces);
    const villages =
      world.villagesByProvince.get(province) ?? [...world.villagesByProvince.values()][0] ?? [];
    const village = pick(villages);
    const district = village.code.split('.').slice(0, 3).join('.');
    const unitsHere = world.unitsByProvince.get(province);
    const unitId = unitsHere && chance(0.85) ? pick(unitsHere) : pick(world.units);
    const size = remaining > 1 && chance(0.2) ? Math.min(remaining, int(2, 4)) : 1;
    const hasKk = chance(size > 1 ? 0.95 : 0.8);
    const kkNo = hasKk ? kk(district) : null;
    const familyName = g.isFamilyName ? pick(g.maleLast) : null;
    const people: GeneratedPerson[] = [];
    let motherName: string | null = null;
    let motherAge = 0;
    for (let i = 0; i < size; i++) {
      const isMother = size > 1 && i === 0;
      const isChild = size > 1 && i > 0;
      const sex: 'L' | 'P' = isMother ? 'P' : chance(0.53) ? 'L' : 'P';
      const age = isMother
        ? int(22, 55)
        : isChild
          ? int(0, Math.min(17, motherAge - 18))
          : weighted([
                ['child', 0.22],
                ['adult', 0.5],
                ['old', 0.28],
              ]) === 'child'
            ? int(0, 17)
            : chance(0.64)
              ? int(18, 59)
              : int(60, 95);
      if (isMother) motherAge = age;
      const religion = weighted(g.religions);
      const lastName = isMother && familyName ? pick(g.maleLast) : familyName;
      const given = givenName(g, sex, age);
      const name = decorate(lastName ? `${given} ${lastName}` : given, sex, age, religion);
      const isStreet = !isChild && !isMother && chance(0.08);
      const hasNik = !isStreet && chance(isChild ? 0.85 : 0.88);
      const birth = birthDate(age, age);
      const estimated = !hasNik && chance(0.6);
      const nikDistrict = chance(0.9) ? district : pick(world.districts);
      const mother = isChild
        ? motherName
        : chance(0.65)
          ? `${pick(g.female)}${g.femaleLast.length && chance(0.5) ? ` ${pick(g.femaleLast)}` : ''}`
          : null;
      const al = aliases(name, age, isStreet);
      const clusters = clustersFor(age, isStreet);
      const ppksChoices = clusters.flatMap((c) => world.ppksByCluster.get(c) ?? []);
      const other = chance(0.06) ? pick(world.units) : null;
      people.push({
        id: uuid(),
        nik: hasNik ? nik(nikDistrict, birth, sex) : null,
        no_nik_reason: hasNik ? null : isStreet ? 'Tidak memiliki dokumen (hidup di jalan)' : 'Belum direkam',
        kk_no: isStreet ? null : kkNo,
        full_name: name,
        name_norm: normaliseName(name),
        search_names: searchNames(name, al),
        sex,
        birth_date:
          !hasNik && chance(0.05)
            ? null
            : estimated
              ? `${birth.getUTCFullYear()}-07-01`
              : birth.toISOString().slice(0, 10),
        birth_date_estimated: estimated,
        birth_place: chance(0.85)
          ? village.regencyName
          : pick(pick([...world.villagesByProvince.values()])).regencyName,
        mother_name: mother,
        mother_name_norm: mother ? normaliseName(mother) : null,
        religion,
        marital_status:
          age < 18
            ? 'belum_kawin'
            : age >= 60
              ? pick(['kawin', 'cerai_mati', 'cerai_mati'])
              : pick(['kawin', 'kawin', 'belum_kawin', 'cerai_hidup']),
        area_code: village.code,
        street: `${pick(STREETS)} No. ${int(1, 120)}`,
        rt: pad(int(1, 15), 3),
        rw: pad(int(1, 12), 3),
        current_location_kind: isStreet ? 'street' : 'home',
        registered_unit_id: unitId,
        aliases: al,
        clusters,
        ppks: ppksChoices.length && chance(0.7) ? [pick(ppksChoices)] : [],
        other_unit_id: other && other !== unitId ? other : null,
        other_unit_reason: other && other !== unitId ? (chance(0.5) ? 'serves' : 'referred') : null,
      });
      if (isMother) motherName = name;
    }
    return people;
  };
}

/** Generate `count` people without a database (the world must come from `loadWorld`). */
export function* generatePeople(world: World, count: number, seed = 4): Generator<GeneratedPerson> {
  const household = personFactory(world, seed);
  let made = 0;
  while (made < count) {
    for (const p of household(count - made)) {
      made++;
      yield p;
    }
  }
}

const PERSON_COLUMNS = `id uuid, nik text, no_nik_reason text, kk_no text, full_name text, name_norm text,
  search_names text, sex text, birth_date date, birth_date_estimated boolean, birth_place text, mother_name text,
  mother_name_norm text, religion text, marital_status text, area_code text, street text, rt text, rw text,
  current_location_kind text, registered_unit_id uuid, aliases text[], clusters text[], ppks int[],
  other_unit_id uuid, other_unit_reason text`;

/** Secondary indexes of the people tables: dropped during a big load and rebuilt after (much faster). */
const TABLES = ['person', 'person_alias', 'person_kk', 'person_unit', 'person_cluster', 'person_ppks'];

export type LoadOptions = {
  count: number;
  seed?: number;
  batch?: number;
  /** Keep one in `sampleEvery` generated people for the caller (queries for a benchmark). */
  sampleEvery?: number;
  log?: (line: string) => void;
  /** When the database already holds `count` people (from an earlier run with this seed), keep them. */
  reuse?: boolean;
};

/**
 * Write `count` generated people with their aliases, KK history, clusters, PPKS and unit links. Runs as
 * the table owner with triggers off (no audit rows, no per-row foreign-key checks: the generator only
 * uses codes it read from the database), one multi-table INSERT per batch from a JSON parameter.
 */
export async function loadPeople(db: Db, opts: LoadOptions) {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const world = await loadWorld(db);
  const batch = opts.batch ?? 20_000;
  const sampleEvery = opts.sampleEvery ?? 100;
  const sample: GeneratedPerson[] = [];
  const [present] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from person`);
  if (opts.reuse && (present?.n ?? 0) >= opts.count) {
    // Same seed, same people: rebuild the sample without writing them again.
    let i = 0;
    for (const p of generatePeople(world, opts.count, opts.seed)) if (i++ % sampleEvery === 0) sample.push(p);
    log(`  people: reusing the ${present?.n.toLocaleString('en')} already loaded`);
    return { count: opts.count, ms: Math.round(performance.now() - started), sample, reused: true };
  }
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = 'public' and i.tablename in ${sql.raw(`(${TABLES.map((t) => `'${t}'`).join(',')})`)}
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  const rebuild = opts.count >= 50_000;
  if (rebuild) for (const i of indexes) await db.execute(sql.raw(`drop index if exists "${i.indexname}"`));
  let rows: GeneratedPerson[] = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const json = JSON.stringify(rows);
    rows = [];
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        with x as (select * from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(PERSON_COLUMNS)})),
        p as (
          insert into person (id, nik, no_nik_reason, kk_no, full_name, name_norm, search_names, sex, birth_date,
            birth_date_estimated, birth_place, mother_name, mother_name_norm, religion, marital_status, area_code,
            street, rt, rw, current_location_kind, registered_unit_id)
          select id, nik, no_nik_reason, kk_no, full_name, name_norm, search_names, sex, birth_date,
            birth_date_estimated, birth_place, mother_name, mother_name_norm, religion, marital_status, area_code,
            street, rt, rw, current_location_kind, registered_unit_id from x),
        a as (insert into person_alias (person_id, alias) select id, unnest(aliases) from x),
        k as (insert into person_kk (person_id, kk_no) select id, kk_no from x where kk_no is not null),
        c as (insert into person_cluster (person_id, cluster_code) select id, unnest(clusters) from x),
        s as (insert into person_ppks (person_id, ppks_no) select id, unnest(ppks) from x),
        o as (insert into person_unit (person_id, unit_id, reason)
              select id, other_unit_id, other_unit_reason from x where other_unit_id is not null)
        insert into person_unit (person_id, unit_id, reason) select id, registered_unit_id, 'registered' from x`);
    });
  };
  for (const p of generatePeople(world, opts.count, opts.seed)) {
    rows.push(p);
    if (written % sampleEvery === 0) sample.push(p);
    written++;
    if (rows.length >= batch) {
      await flush();
      log(`  people: ${written.toLocaleString('en')} written`);
    }
  }
  await flush();
  if (rebuild) {
    log(`  rebuilding ${indexes.length} indexes`);
    for (const i of indexes) await db.execute(sql.raw(i.indexdef));
  }
  // What triggers on person and person_unit keep (0024, 0029), which the load switched off: the name-word
  // dictionary, each unit's people in name order and each person's words in name order.
  await db.execute(sql`insert into name_word (word)
    select distinct w from person p, unnest(p.search_words) w where p.merged_into_id is null and w <> ''
    on conflict do nothing`);
  await db.execute(
    sql`select atensi_unit_person_rows(array_agg(id)) from person where merged_into_id is null`,
  );
  await db.execute(sql`insert into person_word (word, name_norm, person_id)
    select distinct w, p.name_norm, p.id from person p, unnest(p.search_words) w
    where p.merged_into_id is null and w <> '' on conflict do nothing`);
  for (const t of [...TABLES, 'name_word', 'unit_person', 'person_word'])
    await db.execute(sql.raw(`vacuum analyze ${t}`));
  return { count: written, ms: Math.round(performance.now() - started), sample, reused: false };
}
