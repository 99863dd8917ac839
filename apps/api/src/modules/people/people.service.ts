import type {
  TCreatePersonRequest,
  TDuplicateCandidate,
  TDuplicateCheckRequest,
  TDuplicateCheckResponse,
  TErrorDetail,
  TPerson,
  TPersonListQuery,
  TPersonListResponse,
  TPersonSensitiveResponse,
  TUpdatePersonRequest,
} from '@atensi/contracts';
import {
  ZCreatePersonRequest,
  ZDuplicateCheckRequest,
  ZPersonListQuery,
  ZPutPersonSensitiveRequest,
  ZUpdatePersonRequest,
} from '@atensi/contracts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import { person, personSensitive } from '../../db/schema.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { latestDateInIndonesia, todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { scorePair } from './match-score.ts';
import {
  exactWords,
  fuzzyCondition,
  planName,
  prefixCondition,
  type Tier,
  wordsCondition,
} from './name-search.ts';
import { normaliseName, searchNames } from './names.ts';
import { checkNik, type NikRule, nikWarnings } from './nik.ts';
import * as repo from './people.repository.ts';
import { toE164 } from './phone.ts';

type Fields = z.output<typeof ZUpdatePersonRequest>;
type Lang = Ctx['meta']['lang'];

/** Roles that may read specific (sensitive) data, in a unit that may see the person. */
const SENSITIVE_ROLES = new Set(['kepala_upt', 'pekerja_sosial']);
/** Below this combined score a similar record is not worth the user's attention. */
const CANDIDATE_MIN_SCORE = 0.55;

const NIK_RULE_TEXT: Record<NikRule, Record<Lang, string>> = {
  format: { id: 'NIK harus 16 angka', en: 'a NIK has 16 digits' },
  province: {
    id: 'kode provinsi (2 angka pertama) tidak dikenal',
    en: 'unknown province code (first 2 digits)',
  },
  day: {
    id: 'tanggal lahir (angka 7–8) harus 01–31, atau 41–71 untuk perempuan',
    en: 'day of birth (digits 7–8) must be 01–31, or 41–71 for women',
  },
  month: { id: 'bulan lahir (angka 9–10) harus 01–12', en: 'month of birth (digits 9–10) must be 01–12' },
  serial: {
    id: 'nomor urut (4 angka terakhir) tidak boleh 0000',
    en: 'the serial (last 4 digits) cannot be 0000',
  },
};

function detail(field: string, issue: string, id: string, en: string, lang: Lang): TErrorDetail {
  return { field, issue, message: `${field}: ${lang === 'id' ? id : en}` };
}

/** Age in whole years on the Indonesian (WIB) date, as the unit counts it. */
function ageYears(birthDate: string | null, today = todayWib()): number | null {
  if (!birthDate) return null;
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  const [ty = 0, tm = 1, td = 1] = today.split('-').map(Number);
  let age = ty - y;
  if (tm < m || (tm === m && td < d)) age--;
  return age;
}

/** The bound of "not in the future": the latest date anywhere in Indonesia (lib/dates). */
function todayIso(): string {
  return latestDateInIndonesia();
}

/** What checkFields looks up in the database: known provinces, areas, clusters, PPKS, visible people. */
export type FieldLookups = {
  provinces: Set<string>;
  areas: Set<string>;
  clusters: Set<string>;
  ppks: Set<number>;
  visible: Set<string>;
};

async function loadLookups(ctx: Ctx, f: Fields | z.output<typeof ZCreatePersonRequest>) {
  const relatedIds = f.relations.flatMap((r) => (r.relatedPersonId ? [r.relatedPersonId] : []));
  return {
    provinces: f.nik ? await repo.provinceCodes(ctx.db) : new Set<string>(),
    areas: f.areaCode ? await repo.existingCodes(ctx.db, 'area', [f.areaCode]) : new Set<string>(),
    clusters: await repo.existingCodes(ctx.db, 'cluster', [...new Set(f.clusters)]),
    ppks: await repo.existingPpks(ctx.db, [...new Set(f.ppks)]),
    visible: await repo.visiblePersonIds(ctx.db, relatedIds),
  };
}

/** Check everything that needs the database, collect every problem, and normalise phone numbers. */
async function validateFields(
  ctx: Ctx,
  f: Fields | z.output<typeof ZCreatePersonRequest>,
  selfId: string | null,
) {
  const { nikProblem, problems, value } = checkFields(f, await loadLookups(ctx, f), ctx.meta.lang, selfId);
  if (nikProblem) throw new AppError('NIK_INVALID', { details: [nikProblem, ...problems] });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  return value;
}

/** Every problem with a person's fields, given the lookups; pure, so bulk import checks rows the same way. */
export function checkFields(
  f: Fields | z.output<typeof ZCreatePersonRequest>,
  lookups: FieldLookups,
  lang: Lang,
  selfId: string | null,
) {
  const problems: TErrorDetail[] = [];
  let nikProblem: TErrorDetail | null = null;
  let nikParts: ReturnType<typeof checkNik> | null = null;
  if (f.nik) {
    const provinces = lookups.provinces;
    nikParts = checkNik(f.nik, (c) => provinces.has(c));
    if (!nikParts.ok) {
      const t = NIK_RULE_TEXT[nikParts.rule];
      nikProblem = detail('nik', nikParts.rule, t.id, t.en, lang);
    }
  }
  if (f.kkNo && !/^[0-9]{16}$/.test(f.kkNo)) {
    problems.push(
      detail('kkNo', 'invalid_format', 'nomor KK harus 16 angka', 'a KK number has 16 digits', lang),
    );
  }
  if (f.birthDate) {
    if (f.birthDate > todayIso()) {
      problems.push(
        detail(
          'birthDate',
          'in_future',
          'tanggal lahir tidak boleh di masa depan',
          'cannot be in the future',
          lang,
        ),
      );
    } else if (f.birthDate < '1900-01-01') {
      problems.push(detail('birthDate', 'too_small', 'tanggal lahir sebelum 1900', 'is before 1900', lang));
    }
  }
  if (f.areaCode && !lookups.areas.has(f.areaCode)) {
    problems.push(detail('areaCode', 'unknown', 'kode wilayah tidak dikenal', 'unknown area code', lang));
  }
  const clusters = [...new Set(f.clusters)];
  const knownClusters = lookups.clusters;
  clusters.forEach((c, i) => {
    if (!knownClusters.has(c)) {
      problems.push(
        detail(`clusters.${i}`, 'unknown', `klaster ${c} tidak dikenal`, `unknown cluster ${c}`, lang),
      );
    }
  });
  const ppks = [...new Set(f.ppks)];
  const knownPpks = lookups.ppks;
  ppks.forEach((p, i) => {
    if (!knownPpks.has(p)) {
      problems.push(
        detail(`ppks.${i}`, 'unknown', `kategori PPKS ${p} tidak dikenal`, `unknown PPKS ${p}`, lang),
      );
    }
  });
  const phones = f.phones.map((p, i) => {
    const e164 = toE164(p.phone);
    if (!e164) {
      problems.push(
        detail(
          `phones.${i}.phone`,
          'invalid_format',
          'nomor telepon tidak valid (contoh: 0812 3456 7890)',
          'invalid phone number (e.g. 0812 3456 7890)',
          lang,
        ),
      );
    }
    return { phone: e164 ?? p.phone, owner: p.owner, relationship: p.relationship ?? null };
  });
  const visible = lookups.visible;
  const relations = f.relations.map((r, i) => {
    if (!r.relatedPersonId && !r.name) {
      problems.push(
        detail(
          `relations.${i}.name`,
          'required',
          'isi nama atau pilih orang terdaftar',
          'name or a registered person',
          lang,
        ),
      );
    }
    if (r.relatedPersonId && (!visible.has(r.relatedPersonId) || r.relatedPersonId === selfId)) {
      problems.push(
        detail(
          `relations.${i}.relatedPersonId`,
          'unknown',
          'orang tidak ditemukan',
          'person not found',
          lang,
        ),
      );
    }
    let phone: string | null = null;
    if (r.phone) {
      phone = toE164(r.phone);
      if (!phone) {
        problems.push(
          detail(
            `relations.${i}.phone`,
            'invalid_format',
            'nomor telepon tidak valid',
            'invalid phone',
            lang,
          ),
        );
      }
    }
    return {
      relatedPersonId: r.relatedPersonId ?? null,
      name: r.name ?? null,
      relationship: r.relationship,
      isGuardian: r.isGuardian,
      phone,
    };
  });
  return {
    nikProblem,
    problems,
    value: {
      nikParts: nikParts?.ok ? nikParts.parts : null,
      phones,
      relations,
      clusters,
      ppks,
      aliases: [...new Set(f.aliases)],
    },
  };
}

/** An exact NIK match anywhere in the registry: 409 with the record if visible, else whom to contact. */
async function assertNikFree(ctx: Ctx, nik: string | null | undefined, selfId: string | null) {
  if (!nik) return;
  const rows = await queryRows<{ person_id: string; unit_id: string }>(
    ctx.db,
    sql`select person_id, unit_id from atensi_person_by_nik(${nik})`,
  );
  const other = rows.find((r) => r.person_id !== selfId);
  if (!other) return;
  const visible = await repo.visiblePersonIds(ctx.db, [other.person_id]);
  const unitRow = (await repo.unitContacts(ctx.db, [other.unit_id])).get(other.unit_id);
  throw new AppError('PERSON_DUPLICATE_NIK', {
    details: [
      {
        field: 'nik',
        issue: 'duplicate',
        message: ctx.meta.lang === 'id' ? 'nik: sudah terdaftar' : 'nik: already registered',
      },
    ],
    existing: {
      personId: visible.has(other.person_id) ? other.person_id : null,
      unit: unitRow ? { id: unitRow.id, name: unitRow.name, phone: unitRow.phone } : null,
    },
  });
}

/** Likely matches without NIK: similar name, birth date within a tolerance, mother's name, area, with why. */
export async function checkDuplicates(
  ctx: Ctx,
  input: TDuplicateCheckRequest,
): Promise<TDuplicateCheckResponse> {
  const req = ZDuplicateCheckRequest.parse(input);
  const lang = ctx.meta.lang;
  const names = searchNames(req.fullName, req.aliases);
  const rows = await queryRows<{
    person_id: string;
    unit_id: string;
    name_sim: number;
    mother_sim: number | null;
    birth_diff_days: number | null;
    same_regency: boolean | null;
  }>(
    ctx.db,
    sql`select * from atensi_person_candidates(${normaliseName(req.fullName) || names}, ${req.birthDate ?? null}::date,
        ${req.motherName ? normaliseName(req.motherName) : null}, ${req.areaCode ?? null}, ${req.excludeId ?? null}::uuid)`,
  );
  let nikMatchRow: { person_id: string; unit_id: string } | undefined;
  if (req.nik && /^[0-9]{16}$/.test(req.nik)) {
    const found = await queryRows<{ person_id: string; unit_id: string }>(
      ctx.db,
      sql`select person_id, unit_id from atensi_person_by_nik(${req.nik})`,
    );
    nikMatchRow = found.find((r) => r.person_id !== req.excludeId);
  }
  const ids = [...rows.map((r) => r.person_id), ...(nikMatchRow ? [nikMatchRow.person_id] : [])];
  const visible = await repo.visiblePersonIds(ctx.db, ids);
  const units = await repo.unitContacts(ctx.db, [
    ...new Set([...rows.map((r) => r.unit_id), ...(nikMatchRow ? [nikMatchRow.unit_id] : [])]),
  ]);
  const visibleRows = visible.size
    ? await ctx.db
        .select({ id: person.id, fullName: person.fullName, birthDate: person.birthDate })
        .from(person)
        .where(
          sql`${person.id} in (${sql.join(
            [...visible].map((v) => sql`${v}::uuid`),
            sql`, `,
          )})`,
        )
    : [];
  const shown = new Map(visibleRows.map((r) => [r.id, r]));
  const candidate = (
    personId: string,
    unitId: string,
    score: number,
    reasons: TDuplicateCandidate['reasons'],
  ) => {
    const u = units.get(unitId);
    const v = shown.get(personId);
    return {
      personId: v ? personId : null,
      fullName: v?.fullName ?? null,
      birthDate: v?.birthDate ?? null,
      visible: Boolean(v),
      unit: { id: unitId, code: u?.code ?? '', name: u?.name ?? '', phone: u?.phone ?? null },
      score,
      reasons,
    };
  };
  const candidates: TDuplicateCandidate[] = [];
  for (const r of rows) {
    if (r.person_id === nikMatchRow?.person_id) continue;
    const { score: final, reasons } = scorePair(r, lang);
    if (final >= CANDIDATE_MIN_SCORE) candidates.push(candidate(r.person_id, r.unit_id, final, reasons));
  }
  candidates.sort((a, b) => b.score - a.score);
  return {
    nikMatch: nikMatchRow
      ? candidate(nikMatchRow.person_id, nikMatchRow.unit_id, 1, [
          { field: 'nik', similarity: 1, detail: lang === 'id' ? 'NIK sama' : 'same NIK' },
        ])
      : null,
    candidates: candidates.slice(0, 10),
  };
}

function registeringUnit(ctx: Ctx, requested: string | undefined): string {
  if (ctx.scope === 'all') {
    if (!requested) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          detail(
            'unitId',
            'required',
            'pilih unit yang mendaftarkan',
            'choose the registering unit',
            ctx.meta.lang,
          ),
        ],
      });
    }
    return requested;
  }
  if (!ctx.actor.unitId || (requested && requested !== ctx.actor.unitId)) {
    throw new AppError('FORBIDDEN');
  }
  return ctx.actor.unitId;
}

/** A person's table columns from validated fields (also used by bulk import). */
export function columns(f: Fields | z.output<typeof ZCreatePersonRequest>, aliases: string[]) {
  return {
    nik: f.nik || null,
    noNikReason: f.nik ? null : (f.noNikReason ?? null),
    kkNo: f.kkNo || null,
    fullName: f.fullName,
    nameNorm: normaliseName(f.fullName),
    searchNames: searchNames(f.fullName, aliases),
    sex: f.sex,
    birthDate: f.birthDate ?? null,
    birthDateEstimated: f.birthDateEstimated,
    birthPlace: f.birthPlace ?? null,
    motherName: f.motherName ?? null,
    motherNameNorm: f.motherName ? normaliseName(f.motherName) : null,
    religion: f.religion ?? null,
    maritalStatus: f.maritalStatus ?? null,
    nationality: f.nationality,
    areaCode: f.areaCode || null,
    street: f.street ?? null,
    rt: f.rt ?? null,
    rw: f.rw ?? null,
    currentLocationKind: f.currentLocationKind ?? null,
    currentLocation: f.currentLocation ?? null,
    disabilityType: f.disabilityType ?? null,
    disabilityLevel: f.disabilityLevel ?? null,
  };
}

export async function createPerson(ctx: Ctx, input: TCreatePersonRequest): Promise<TPerson> {
  const f = ZCreatePersonRequest.parse(input);
  const unitId = registeringUnit(ctx, f.unitId);
  const v = await validateFields(ctx, f, null);
  await assertNikFree(ctx, f.nik, null);
  if (!f.confirmNew) {
    const dup = await checkDuplicates(ctx, {
      fullName: f.fullName,
      aliases: v.aliases,
      birthDate: f.birthDate ?? null,
      motherName: f.motherName ?? null,
      areaCode: f.areaCode ?? null,
    });
    if (dup.candidates.length) throw new AppError('PERSON_POSSIBLE_DUPLICATE');
  }
  const row = await repo.insertPerson(ctx.db, {
    ...columns(f, v.aliases),
    registeredUnitId: unitId,
    createdBy: ctx.actor.userId,
  });
  await repo.linkUnit(ctx.db, row.id, unitId, 'registered');
  await repo.replaceParts(ctx.db, row.id, v);
  if (row.kkNo) await repo.recordKk(ctx.db, row.id, row.kkNo);
  return getPerson(ctx, row.id, { audit: false });
}

export async function updatePerson(ctx: Ctx, id: string, input: TUpdatePersonRequest): Promise<TPerson> {
  const f = ZUpdatePersonRequest.parse(input);
  await assertInScope(ctx, id);
  const current = await repo.findPerson(ctx.db, id, true);
  if (!current) throw new AppError('NOT_FOUND');
  if (current.mergedIntoId) throw new AppError('PERSON_MERGED');
  if (current.version !== f.version) throw new AppError('CONFLICT');
  const v = await validateFields(ctx, f, id);
  await assertNikFree(ctx, f.nik, id);
  const cols = columns(f, v.aliases);
  await ctx.db
    .update(person)
    .set({ ...cols, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(person.id, id), eq(person.version, f.version)));
  await repo.replaceParts(ctx.db, id, v);
  if ((cols.kkNo ?? null) !== (current.kkNo ?? null)) await repo.recordKk(ctx.db, id, cols.kkNo);
  return getPerson(ctx, id, { audit: false });
}

/** The service-layer scope check; row-level security checks the same again in the database. */
export async function assertInScope(ctx: Ctx, id: string): Promise<void> {
  if (ctx.scope === 'all') return;
  const rows = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select exists (select 1 from person p where p.id = ${id}::uuid and ${scopeFilter(ctx)}) as ok`,
  );
  if (!rows[0]?.ok) throw new AppError('NOT_FOUND');
}

/** The smallest digit string above every string starting with `digits` ("3372" → "3373"), if any. */
function nextPrefix(digits: string): string | null {
  const at = digits.search(/[0-8]9*$/);
  if (at < 0) return null;
  return `${digits.slice(0, at)}${Number(digits[at]) + 1}`;
}

/** The service layer's own unit filter; row-level security applies the same rule again. */
export function scopeFilter(ctx: Ctx): SQL {
  if (ctx.scope === 'all') return sql`true`;
  const u = ctx.actor.unitId;
  if (!u) return sql`false`;
  return sql`(p.registered_unit_id = ${u}::uuid or exists (select 1 from person_unit pu where pu.person_id = p.id and pu.unit_id = ${u}::uuid))`;
}

function warningsOf(
  row: { nik: string | null; birthDate: string | null; sex: string },
  provinces?: Set<string>,
) {
  const out: TPerson['warnings'] = [];
  if (!row.nik) out.push('needs_identity_documents');
  else {
    const r = checkNik(row.nik, (c) => (provinces ? provinces.has(c) : true));
    if (r.ok) out.push(...nikWarnings(r.parts, row.birthDate, row.sex as 'L' | 'P'));
  }
  return out;
}

export async function getPerson(
  ctx: Ctx,
  id: string,
  opts: { audit: boolean } = { audit: true },
): Promise<TPerson> {
  await assertInScope(ctx, id);
  const p = await repo.findPerson(ctx.db, id);
  if (!p) throw new AppError('NOT_FOUND');
  const parts = await repo.loadPersonParts(ctx.db, id);
  const path = p.areaCode ? await repo.areaPath(ctx.db, p.areaCode) : [];
  const unitRow = (await repo.unitContacts(ctx.db, [p.registeredUnitId])).get(p.registeredUnitId);
  // Children's data is specific data: every read of a person record is audited.
  if (opts.audit) await auditRead(ctx, 'person', id);
  return {
    id: p.id,
    nik: p.nik,
    noNikReason: p.noNikReason,
    kkNo: p.kkNo,
    kkHistory: parts.kk.map((k) => ({
      kkNo: k.kkNo,
      recordedAt: k.recordedAt.toISOString(),
      endedAt: k.endedAt?.toISOString() ?? null,
    })),
    fullName: p.fullName,
    aliases: parts.aliases.map((a) => a.alias),
    sex: p.sex as TPerson['sex'],
    birthDate: p.birthDate,
    birthDateEstimated: p.birthDateEstimated,
    ageYears: ageYears(p.birthDate),
    birthPlace: p.birthPlace,
    motherName: p.motherName,
    religion: p.religion as TPerson['religion'],
    maritalStatus: p.maritalStatus as TPerson['maritalStatus'],
    nationality: p.nationality as TPerson['nationality'],
    areaCode: p.areaCode,
    areaPath: path,
    street: p.street,
    rt: p.rt,
    rw: p.rw,
    currentLocationKind: p.currentLocationKind as TPerson['currentLocationKind'],
    currentLocation: p.currentLocation,
    phones: parts.phones.map((x) => ({ ...x, owner: x.owner as TPerson['phones'][number]['owner'] })),
    relations: parts.relations.map((r) => ({
      id: r.id,
      relatedPersonId: r.relatedPersonId,
      name: r.name,
      relationship: r.relationship,
      isGuardian: r.isGuardian,
      phone: r.phone,
    })),
    clusters: parts.clusters,
    ppks: parts.ppks,
    disabilityType: p.disabilityType,
    disabilityLevel: p.disabilityLevel as TPerson['disabilityLevel'],
    registeredUnit: { id: p.registeredUnitId, code: unitRow?.code ?? '', name: unitRow?.name ?? '' },
    units: parts.units.map((u) => ({ ...u, reason: u.reason as TPerson['units'][number]['reason'] })),
    warnings: warningsOf(p),
    mayReadSensitive: SENSITIVE_ROLES.has(ctx.actor.role) && ctx.scope !== 'all',
    mergedIntoId: p.mergedIntoId,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function assertMayReadSensitive(ctx: Ctx) {
  if (!SENSITIVE_ROLES.has(ctx.actor.role) || ctx.scope === 'all') throw new AppError('SENSITIVE_FORBIDDEN');
}

export async function getSensitive(ctx: Ctx, id: string): Promise<TPersonSensitiveResponse> {
  assertMayReadSensitive(ctx);
  await assertInScope(ctx, id);
  const s = await repo.findSensitive(ctx.db, id);
  await auditRead(ctx, 'person_sensitive', id);
  return {
    healthNotes: s?.healthNotes ?? null,
    drugUse: s?.drugUse ?? null,
    hivStatus: s?.hivStatus ?? null,
    criminalRecord: s?.criminalRecord ?? null,
    traffickingDetails: s?.traffickingDetails ?? null,
    version: s?.version ?? 0,
  };
}

export async function putSensitive(
  ctx: Ctx,
  id: string,
  input: z.input<typeof ZPutPersonSensitiveRequest>,
): Promise<TPersonSensitiveResponse> {
  const f = ZPutPersonSensitiveRequest.parse(input);
  assertMayReadSensitive(ctx);
  await assertInScope(ctx, id);
  const current = await repo.findSensitive(ctx.db, id);
  if ((current?.version ?? 0) !== f.version) throw new AppError('CONFLICT');
  const { version: _v, ...values } = f;
  if (!current) {
    await ctx.db.insert(personSensitive).values({ personId: id, ...values });
  } else {
    await ctx.db
      .update(personSensitive)
      .set({ ...values, version: current.version + 1, updatedAt: new Date() })
      .where(eq(personSensitive.personId, id));
  }
  return getSensitive(ctx, id);
}

/** unit_person's range of every person, for headquarters (0029). */
const REGISTRY_RANGE = '00000000-0000-0000-0000-000000000000';

/** s: score (fuzzy tier), n: name, i: id of the last row; t: the tier; c: the corrected text it ran on. */
type Cursor = { s: number | null; n: string; i: string; t?: Tier; c?: string };
const TIERS: readonly Tier[] = ['prefix', 'words', 'near', 'fuzzy'];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function decodeCursor(raw: string | undefined, lang: Lang): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (typeof c.i !== 'string' || !/^[0-9a-f-]{36}$/.test(c.i) || typeof c.n !== 'string') throw new Error();
    if (c.t !== undefined && !TIERS.includes(c.t)) throw new Error();
    if (c.c !== undefined && (typeof c.c !== 'string' || c.c.length > 200)) throw new Error();
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        detail('cursor', 'invalid_format', 'kursor halaman tidak valid', 'invalid page cursor', lang),
      ],
    });
  }
}

export async function searchPeople(
  ctx: Ctx,
  input: TPersonListQuery,
  // Export pages through a whole search and audits it once as an export.
  opts: { audit?: boolean } = {},
): Promise<TPersonListResponse> {
  const q = ZPersonListQuery.parse(input);
  const lang = ctx.meta.lang;
  if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) {
    throw new AppError('VALIDATION_FAILED', {
      details: [detail('ageMin', 'too_big', 'usia minimal melebihi usia maksimal', 'is above ageMax', lang)],
    });
  }
  const cursor = decodeCursor(q.cursor, lang);
  // A search reads a page and a capped count: starting parallel workers costs more than it saves (a count
  // of 1,001 index entries took 200 ms with two workers on a busy machine, 20 ms without).
  await ctx.db.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
  // Every active record has a 'registered' link in person_unit, so a unit's people are exactly the ids linked
  // to it: a form the planner can drive from the unit's links (an index range) instead of walking the whole
  // name index and dropping other units' people one by one.
  const unitScope =
    ctx.scope === 'all'
      ? sql`true`
      : ctx.actor.unitId
        ? sql`p.id in (select pu.person_id from person_unit pu where pu.unit_id = ${ctx.actor.unitId}::uuid)`
        : sql`false`;
  const filters: SQL[] = [sql`p.merged_into_id is null`];
  // The same filters on a range of unit_person (0029), which carries them in its index.
  const rangeFilters: SQL[] = [];
  const text = q.q?.trim() ?? '';
  const digits = text.replace(/[\s.-]/g, '');
  const byNumber = /^[0-9]{4,16}$/.test(digits);
  if (byNumber) {
    // A NIK prefix as a range and the KK lookups as one id list: row-level security keeps only
    // leakproof conditions (=, <, >=) usable by an index; LIKE and EXISTS would scan the whole table.
    // `merged_into_id is null` lets the partial unique index on nik answer.
    const upper = nextPrefix(digits);
    filters.push(
      sql`p.id in (select n.id from person n where n.merged_into_id is null and n.nik >= ${digits}${upper ? sql` and n.nik < ${upper}` : sql``}
                   union all select k.id from person k where k.kk_no = ${digits}
                   union all select h.person_id from person_kk h where h.kk_no = ${digits})`,
    );
  }
  const norm = !byNumber && text ? normaliseName(text) : '';
  if (!byNumber && text && !norm) return { items: [], nextCursor: null, total: 0, totalIsCapped: false };
  if (q.cluster) {
    filters.push(
      sql`exists (select 1 from person_cluster c where c.person_id = p.id and c.cluster_code = ${q.cluster})`,
    );
    rangeFilters.push(sql`u.clusters @> array[${q.cluster}::text]`);
  }
  if (q.ppks) {
    filters.push(
      sql`exists (select 1 from person_ppks x where x.person_id = p.id and x.ppks_no = ${q.ppks})`,
    );
    rangeFilters.push(sql`u.ppks @> array[${q.ppks}::int]`);
  }
  // The area and everything in it: codes are digits and dots, and "/" follows "." (0027).
  const inArea = (col: SQL, area: string) =>
    sql`(${col} collate "C") >= ${area} and (${col} collate "C") < ${`${area}/`}`;
  const bornBy = (col: SQL, years: number) =>
    sql`${col} <= (${todayWib()}::date - make_interval(years => ${years}))::date`;
  const bornAfter = (col: SQL, years: number) =>
    sql`${col} > (${todayWib()}::date - make_interval(years => ${years}))::date`;
  for (const [list, t] of [
    [filters, 'p'],
    [rangeFilters, 'u'],
  ] as const) {
    const col = (name: string) => sql.raw(`${t}.${name}`);
    if (q.area) list.push(inArea(col('area_code'), q.area));
    if (q.sex) list.push(sql`${col('sex')} = ${q.sex}`);
    if (q.ageMin !== undefined) list.push(bornBy(col('birth_date'), q.ageMin));
    if (q.ageMax !== undefined) list.push(bornAfter(col('birth_date'), q.ageMax + 1));
  }
  // One unit's people in name order (the actor's own unit, or the unit headquarters filters on) are read
  // by the unit (see listUnitPeople); other searches filter by scope and unit.
  // Headquarters' list without a unit is the registry's own range (every person), except by area: an area
  // can be a few hundred people of a million, found from person's area index rather than by walking every
  // name (316,000 buffers for one town).
  const listedUnit = byNumber
    ? null
    : ctx.scope === 'all'
      ? (q.unit ?? (q.area ? null : REGISTRY_RANGE))
      : ctx.actor.unitId && (!q.unit || q.unit === ctx.actor.unitId)
        ? ctx.actor.unitId
        : null;
  const scoped = [...filters, unitScope];
  if (q.unit)
    scoped.push(
      sql`(p.registered_unit_id = ${q.unit}::uuid or exists (select 1 from person_unit pu2 where pu2.person_id = p.id and pu2.unit_id = ${q.unit}::uuid))`,
    );
  // After the cursor's row in person's name index (name_norm compared in byte order).
  const byName = cursor
    ? sql`((p.name_norm collate "C") > (${cursor.n} collate "C") or (p.name_norm = ${cursor.n} and p.id > ${cursor.i}::uuid))`
    : null;
  // After it in unit_person's or person_word's range, whose names are byte-ordered columns: a row comparison
  // is one index range, where the OR above became two bitmaps gathering every name of the prefix (4,997 rows
  // sorted for a second page).
  const afterInRange = (name: SQL, id: SQL) =>
    cursor ? sql`(${name}, ${id}) > (${cursor.n}::text collate "C", ${cursor.i}::uuid)` : null;
  const byScore =
    cursor && cursor.s !== null
      ? sql`(p.score < ${cursor.s}::real or (p.score = ${cursor.s}::real and p.id > ${cursor.i}::uuid))`
      : null;
  // Past 1,000 the list says "1.000+": an exact count of a common name costs more than the page.
  const countCap = 1_000;
  const filtered = sql.join(filters, sql` and `);
  const rangeFiltered = rangeFilters.length > 0 ? sql.join(rangeFilters, sql` and `) : sql`true`;
  /** Names starting with `text` (or every name), in name order. */
  const inNameOrder = (text: string | null) =>
    listedUnit
      ? repo.listUnitPeople(
          ctx.db,
          listedUnit,
          { person: filtered, range: rangeFiltered },
          text === null ? null : prefixCondition(text, sql`u.name_norm`),
          afterInRange(sql`u.name_norm`, sql`u.person_id`),
          q.limit,
          countCap,
          text === null ? 'name order' : 'name range',
        )
      : repo.searchPeople(
          ctx.db,
          sql.join([...scoped, ...(text === null ? [] : [prefixCondition(text)])], sql` and `),
          null,
          byName,
          q.limit,
          countCap,
          text === null ? 'name order' : 'name range',
        );
  /** People with every word (one of each word's alternatives), in name order. */
  const withWords = async (alternatives: string[][]) => {
    if (listedUnit && listedUnit !== REGISTRY_RANGE)
      return repo.listUnitPeople(
        ctx.db,
        listedUnit,
        { person: filtered, range: rangeFiltered },
        wordsCondition(alternatives),
        byName,
        q.limit,
        countCap,
        'matches first',
        // The longest exact word, the rarest as a rule (a unit may not count person_word).
        exactWords(alternatives).sort((a, b) => b.length - a.length)[0],
      );
    // Headquarters reads the range of the rarest word that must be there (person_word).
    const exact = ctx.scope === 'all' ? exactWords(alternatives) : [];
    const driver = exact.length > 1 ? await repo.rarestWord(ctx.db, exact) : exact[0];
    if (driver)
      return repo.listByWord(
        ctx.db,
        driver,
        alternatives,
        sql.join(scoped, sql` and `),
        rangeFilters.length > 0,
        afterInRange(sql`w.name_norm`, sql`w.person_id`),
        q.limit,
        countCap,
      );
    return repo.searchPeople(
      ctx.db,
      sql.join([...scoped, wordsCondition(alternatives)], sql` and `),
      null,
      byName,
      q.limit,
      countCap,
      'matches first',
    );
  };
  // Best match first: the trigram match over every name, or (matches first) the people a word lookup found.
  const scored = (where: SQL, plan: repo.ReadPlan) =>
    repo.searchPeople(
      ctx.db,
      sql.join([...scoped, where], sql` and `),
      fuzzyCondition(norm).score,
      byScore,
      q.limit,
      countCap,
      plan,
    );
  const fuzzy = () => scored(fuzzyCondition(norm).where, 'name order');
  const none = { rows: [] as repo.SearchRow[], total: 0 };
  let found: { rows: repo.SearchRow[]; total: number };
  let tier: Tier | null = null;
  let searchedFor: string | null = null;
  if (!norm) found = await inNameOrder(null);
  else if (cursor) {
    // Paging on: the tier and text the first page found its people with.
    tier = cursor.t ?? (cursor.s === null ? 'prefix' : 'fuzzy');
    searchedFor = cursor.c ?? null;
    if (tier === 'prefix') found = await inNameOrder(searchedFor ?? norm);
    else if (tier === 'words' || tier === 'near') {
      const plan = await planName(ctx.db, norm);
      const words = tier === 'words' ? plan.alternatives : plan.loose;
      found = !words
        ? none
        : tier === 'words'
          ? await withWords(words)
          : await scored(wordsCondition(words), 'matches first');
    } else found = await fuzzy();
  } else {
    // The cheapest way first; each is tried only when the one before found nobody in scope.
    tier = 'prefix';
    found = await inNameOrder(norm);
    const plan = found.rows.length === 0 ? await planName(ctx.db, norm) : null;
    if (plan?.corrected) {
      found = await inNameOrder(plan.corrected);
      if (found.rows.length > 0) searchedFor = plan.corrected;
    }
    if (plan?.alternatives && found.rows.length === 0) {
      tier = 'words';
      found = await withWords(plan.alternatives);
      if (found.rows.length > 0) searchedFor = plan.corrected;
    }
    if (plan?.loose && found.rows.length === 0) {
      tier = 'near';
      found = await scored(wordsCondition(plan.loose), 'matches first');
    }
    if (found.rows.length === 0) {
      tier = 'fuzzy';
      found = await fuzzy();
    }
  }
  const { rows, total } = found;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  if (ctx.scope === 'all' && opts.audit !== false) {
    await auditRead(
      ctx,
      'person',
      null,
      { q: q.q ?? null, filters: { ...q, cursor: undefined }, results: page.length },
      'search',
    );
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      aliases: r.aliases,
      nik: r.nik,
      sex: r.sex,
      birthDate: r.birth_date,
      ageYears: ageYears(r.birth_date),
      areaName: r.area_name,
      registeredUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
      clusters: r.clusters,
      score: r.score === null ? null : Math.round(r.score * 100) / 100,
      warnings: warningsOf({ nik: r.nik, birthDate: r.birth_date, sex: r.sex }),
    })),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({
            s: last.score,
            n: last.name_norm,
            i: last.id,
            ...(tier ? { t: tier } : {}),
            ...(searchedFor ? { c: searchedFor } : {}),
          })
        : null,
    total: Math.min(total, countCap),
    totalIsCapped: total > countCap,
    searchedFor,
  };
}
