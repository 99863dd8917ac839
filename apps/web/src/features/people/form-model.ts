// The registration/edit form's state, what the API receives, and the checks run before asking the API.
// The API is the authority (it checks again); these checks only give the user earlier, clearer messages.
import type {
  DISABILITY_LEVELS,
  LOCATION_KINDS,
  MARITAL_STATUSES,
  PHONE_OWNERS,
  RELIGIONS,
  TErrorDetail,
  TPerson,
} from '@atensi/contracts';
import type { TFunction } from 'i18next';
import { latestDateInIndonesia } from '../../lib/dates.ts';

export type PhoneDraft = {
  key: string;
  phone: string;
  owner: (typeof PHONE_OWNERS)[number];
  relationship: string;
};
export type RelationDraft = {
  key: string;
  /** A registered relative; null for a free-text one. */
  relatedPersonId: string | null;
  /** The registered relative's name, for display only. */
  relatedName: string;
  name: string;
  relationship: string;
  isGuardian: boolean;
  phone: string;
};
export type Draft = {
  unitId: string | null;
  nik: string;
  noNikReason: string;
  kkNo: string;
  fullName: string;
  aliases: string[];
  sex: 'L' | 'P' | null;
  birthDate: string;
  birthDateEstimated: boolean;
  birthPlace: string;
  motherName: string;
  religion: (typeof RELIGIONS)[number] | null;
  maritalStatus: (typeof MARITAL_STATUSES)[number] | null;
  nationality: 'WNI' | 'WNA';
  areaCode: string | null;
  street: string;
  rt: string;
  rw: string;
  currentLocationKind: (typeof LOCATION_KINDS)[number] | null;
  currentLocation: string;
  phones: PhoneDraft[];
  relations: RelationDraft[];
  clusters: string[];
  ppks: string[];
  disabilityType: string;
  disabilityLevel: (typeof DISABILITY_LEVELS)[number] | null;
};
/** Field errors keyed by the API's dot paths ("nik", "phones.0.phone"). */
export type FieldErrors = Record<string, string>;

let nextKey = 0;
export const newKey = () => `k${++nextKey}`;

export function emptyDraft(): Draft {
  return {
    unitId: null,
    nik: '',
    noNikReason: '',
    kkNo: '',
    fullName: '',
    aliases: [],
    sex: null,
    birthDate: '',
    birthDateEstimated: false,
    birthPlace: '',
    motherName: '',
    religion: null,
    maritalStatus: null,
    nationality: 'WNI',
    areaCode: null,
    street: '',
    rt: '',
    rw: '',
    currentLocationKind: null,
    currentLocation: '',
    phones: [],
    relations: [],
    clusters: [],
    ppks: [],
    disabilityType: '',
    disabilityLevel: null,
  };
}

export function draftOf(p: TPerson): Draft {
  return {
    unitId: p.registeredUnit.id,
    nik: p.nik ?? '',
    noNikReason: p.noNikReason ?? '',
    kkNo: p.kkNo ?? '',
    fullName: p.fullName,
    aliases: p.aliases,
    sex: p.sex,
    birthDate: p.birthDate ?? '',
    birthDateEstimated: p.birthDateEstimated,
    birthPlace: p.birthPlace ?? '',
    motherName: p.motherName ?? '',
    religion: p.religion,
    maritalStatus: p.maritalStatus,
    nationality: p.nationality,
    areaCode: p.areaCode,
    street: p.street ?? '',
    rt: p.rt ?? '',
    rw: p.rw ?? '',
    currentLocationKind: p.currentLocationKind,
    currentLocation: p.currentLocation ?? '',
    phones: p.phones.map((x) => ({
      key: newKey(),
      phone: x.phone,
      owner: x.owner,
      relationship: x.relationship ?? '',
    })),
    relations: p.relations.map((r) => ({
      key: newKey(),
      relatedPersonId: r.relatedPersonId,
      relatedName: r.relatedPersonId ? (r.name ?? '') : '',
      name: r.relatedPersonId ? '' : (r.name ?? ''),
      relationship: r.relationship,
      isGuardian: r.isGuardian,
      phone: r.phone ?? '',
    })),
    clusters: p.clusters.map((c) => c.code),
    ppks: p.ppks.map((x) => String(x.no)),
    disabilityType: p.disabilityType ?? '',
    disabilityLevel: p.disabilityLevel,
  };
}

const orNull = (s: string) => s.trim() || null;
const digitsOnly = (s: string) => s.replace(/[\s.-]/g, '');

/** The person fields as the API takes them (create adds unitId/confirmNew, edit adds version). */
export function bodyOf(d: Draft) {
  const nik = digitsOnly(d.nik);
  return {
    nik: nik || null,
    noNikReason: nik ? null : orNull(d.noNikReason),
    kkNo: orNull(digitsOnly(d.kkNo)),
    fullName: d.fullName.trim(),
    aliases: d.aliases.map((a) => a.trim()).filter(Boolean),
    sex: d.sex ?? 'L',
    birthDate: d.birthDate || null,
    birthDateEstimated: d.birthDateEstimated,
    birthPlace: orNull(d.birthPlace),
    motherName: orNull(d.motherName),
    religion: d.religion,
    maritalStatus: d.maritalStatus,
    nationality: d.nationality,
    areaCode: d.areaCode,
    street: orNull(d.street),
    rt: orNull(d.rt),
    rw: orNull(d.rw),
    currentLocationKind: d.currentLocationKind,
    currentLocation: orNull(d.currentLocation),
    phones: d.phones.map((p) => ({
      phone: p.phone.trim(),
      owner: p.owner,
      relationship: orNull(p.relationship),
    })),
    relations: d.relations.map((r) => ({
      relatedPersonId: r.relatedPersonId,
      // A registered relative keeps their name beside the link, so the page can show it without reading them.
      name: r.relatedPersonId ? orNull(r.relatedName) : orNull(r.name),
      relationship: r.relationship.trim(),
      isGuardian: r.isGuardian,
      phone: orNull(r.phone),
    })),
    clusters: d.clusters,
    ppks: d.ppks.map(Number),
    disabilityType: orNull(d.disabilityType),
    disabilityLevel: d.disabilityLevel,
  };
}

export type NikRule = 'format' | 'province' | 'day' | 'month' | 'serial';

/** The NIK rules the API applies (apps/api/src/modules/people/nik.ts): the first broken one, or null. */
export function nikRuleBroken(nik: string, provinces: Set<string> | undefined): NikRule | null {
  if (!/^[0-9]{16}$/.test(nik)) return 'format';
  if (provinces && !provinces.has(nik.slice(0, 2))) return 'province';
  const dd = Number(nik.slice(6, 8));
  if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71))) return 'day';
  const month = Number(nik.slice(8, 10));
  if (month < 1 || month > 12) return 'month';
  if (nik.slice(12) === '0000') return 'serial';
  return null;
}

const PHONE_CHARS = /^[+0-9 ().-]+$/;

/** Everything the form can check by itself, with messages in the user's language. */
export function validateDraft(
  d: Draft,
  t: TFunction,
  opts: { provinces: Set<string> | undefined; needsUnit: boolean },
): FieldErrors {
  const e: FieldErrors = {};
  const required = t('people.v.required');
  if (opts.needsUnit && !d.unitId) e.unitId = t('people.v.unit');
  const nik = digitsOnly(d.nik);
  if (nik) {
    const rule = nikRuleBroken(nik, opts.provinces);
    if (rule) e.nik = t(`people.nikRule.${rule}`);
  }
  const kk = digitsOnly(d.kkNo);
  if (kk && !/^[0-9]{16}$/.test(kk)) e.kkNo = t('people.v.kk');
  if (!d.fullName.trim()) e.fullName = required;
  else if (d.fullName.trim().length > 200) e.fullName = t('people.v.max', { max: 200 });
  if (!d.sex) e.sex = t('people.v.sex');
  if (d.birthDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.birthDate)) e.birthDate = t('people.v.date');
    else if (d.birthDate > latestDateInIndonesia()) e.birthDate = t('people.v.future');
    else if (d.birthDate < '1900-01-01') e.birthDate = t('people.v.before1900');
  }
  if (d.rt && !/^[0-9]{1,3}$/.test(d.rt.trim())) e.rt = t('people.v.rtrw');
  if (d.rw && !/^[0-9]{1,3}$/.test(d.rw.trim())) e.rw = t('people.v.rtrw');
  d.phones.forEach((p, i) => {
    if (!p.phone.trim()) e[`phones.${i}.phone`] = required;
    else if (!PHONE_CHARS.test(p.phone.trim()) || digitsOnly(p.phone).replace(/[()+]/g, '').length < 8) {
      e[`phones.${i}.phone`] = t('people.v.phone');
    }
  });
  d.relations.forEach((r, i) => {
    if (!r.relatedPersonId && !r.name.trim()) e[`relations.${i}.name`] = t('people.v.relationWho');
    if (!r.relationship.trim()) e[`relations.${i}.relationship`] = required;
    if (r.phone.trim() && !PHONE_CHARS.test(r.phone.trim())) e[`relations.${i}.phone`] = t('people.v.phone');
  });
  return e;
}

/**
 * The API's per-field problems as form errors. Its messages read "field: what is wrong"; the form shows
 * the label already, so keep only what is wrong.
 */
export function serverFieldErrors(details: TErrorDetail[]): FieldErrors {
  const e: FieldErrors = {};
  for (const d of details) {
    if (!d.field || e[d.field]) continue;
    const prefix = `${d.field}: `;
    const text = d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
    e[d.field] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return e;
}
