// The one Drizzle schema. Tables that grow with people carry the key they would be distributed on.
// Every table people change gets the audit trigger (see migrations/0002_audit.sql and audit.test.ts).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

// ---- reference data (seeded from ../shared/data, editable by admin) ----

export const cluster = pgTable('cluster', {
  code: text('code').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  note: text('note'),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const ppksCategory = pgTable('ppks_category', {
  no: integer('no').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  ageRule: text('age_rule'),
  defaultClusterCode: text('default_cluster_code').references(() => cluster.code),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const serviceComponent = pgTable('service_component', {
  code: text('code').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  examples: text('examples'),
  sortOrder: integer('sort_order').notNull().default(0),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const programme = pgTable('programme', {
  code: text('code').primaryKey(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Administrative areas (Kemendagri codes) from the npm package idn-area-data. */
export const area = pgTable(
  'area',
  {
    code: text('code').primaryKey(),
    level: text('level').notNull(),
    name: text('name').notNull(),
    officialName: text('official_name').notNull(),
    parentCode: text('parent_code'),
    provinceCode: text('province_code').notNull(),
    regencyCode: text('regency_code'),
    districtCode: text('district_code'),
    /** Lower-case, unaccented, without "kabupaten/kota" prefixes: what trigram search runs on. */
    searchName: text('search_name').notNull(),
    /** Provinces: the capital and its coordinates, for routing when only an area code is known. */
    capitalName: text('capital_name'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('area_parent_idx').on(t.parentCode),
    index('area_code_prefix_idx').on(t.code.op('text_pattern_ops')),
    index('area_search_trgm_idx').using('gin', t.searchName.op('gin_trgm_ops')),
    // Prefix search per level, in order, stopping at the page size: index range scans, no sorting.
    index('area_level_search_idx').on(t.level, sql`${t.searchName} collate "C"`, t.code),
    index('area_level_code_idx').on(t.level, sql`${t.code} collate "C"`),
    check('area_level_ck', sql`${t.level} in ('province','regency','district','village')`),
  ],
);

// ---- units (UPT) ----

export const unit = pgTable(
  'unit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    provinceCode: text('province_code').notNull(),
    regencyCode: text('regency_code').notNull(),
    city: text('city').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    originalCluster: text('original_cluster'),
    laterName: text('later_name'),
    mergedIntoCode: text('merged_into_code'),
    isVerified: boolean('is_verified').notNull().default(false),
    source: text('source').notNull(),
    address: text('address'),
    areaCode: text('area_code').references(() => area.code),
    phone: text('phone'),
    email: text('email'),
    headName: text('head_name'),
    note: text('note'),
    archivedAt: ts('archived_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('unit_code_uq').on(t.code),
    check('unit_type_ck', sql`${t.type} in ('balai_besar','balai','loka','sentra','sentra_terpadu')`),
  ],
);

/** The provinces or regencies a unit answers for (jangkauan wilayah). */
export const unitCoverage = pgTable(
  'unit_coverage',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    areaCode: text('area_code')
      .notNull()
      .references(() => area.code),
    /** Computed default (own province + provinces whose capital is nearest to this unit), not chosen. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.areaCode] }), index('unit_coverage_area_idx').on(t.areaCode)],
);

/** The multi-function matrix: which clusters a unit serves, in which modes, with how many beds. */
export const unitService = pgTable(
  'unit_service',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    clusterCode: text('cluster_code')
      .notNull()
      .references(() => cluster.code),
    isResidential: boolean('is_residential').notNull().default(false),
    isFamily: boolean('is_family').notNull().default(false),
    isCommunity: boolean('is_community').notNull().default(false),
    residentialCapacity: integer('residential_capacity').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.clusterCode] }),
    index('unit_service_cluster_idx').on(t.clusterCode),
    check('unit_service_capacity_ck', sql`${t.residentialCapacity} >= 0`),
    check('unit_service_mode_ck', sql`${t.isResidential} or ${t.isFamily} or ${t.isCommunity}`),
  ],
);

/** Outlets (Sentra Kreasi ATENSI) and warehouses a unit runs; names only until their modules exist. */
export const unitFacility = pgTable(
  'unit_facility',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    archivedAt: ts('archived_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('unit_facility_unit_idx').on(t.unitId),
    check('unit_facility_kind_ck', sql`${t.kind} in ('outlet','warehouse')`),
  ],
);

// ---- users and sessions ----

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => unit.id),
    isActive: boolean('is_active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: ts('locked_until'),
    passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('app_user_username_uq').on(sql`lower(${t.username})`),
    index('app_user_unit_idx').on(t.unitId),
    check(
      'app_user_role_ck',
      sql`${t.role} in ('admin','operator_pusat','kepala_upt','pekerja_sosial','petugas_ska','petugas_gudang','dpo')`,
    ),
    // Headquarters roles have no unit; every other role belongs to exactly one.
    check('app_user_unit_ck', sql`(${t.role} in ('admin','operator_pusat','dpo')) = (${t.unitId} is null)`),
  ],
);

export const userSession = pgTable(
  'user_session',
  {
    /** sha-256 of the cookie token: a stolen database does not yield usable sessions. */
    tokenHash: text('token_hash').primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    endedReason: text('ended_reason'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('user_session_id_uq').on(t.id), index('user_session_user_idx').on(t.userId)],
);

export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    username: text('username').notNull(),
    ip: inet('ip'),
    isSuccess: boolean('is_success').notNull(),
  },
  (t) => [index('login_attempt_ip_at_idx').on(t.ip, t.at)],
);

// ---- audit (append-only; written by triggers for changes and by services for reads) ----

export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    actorUnitId: uuid('actor_unit_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: inet('ip'),
    requestId: text('request_id'),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>(),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_event_at_idx').on(t.at),
    index('audit_event_entity_idx').on(t.entity, t.entityId),
    index('audit_event_actor_idx').on(t.actorUsername, t.id),
  ],
);

// ---- people (Penerima Manfaat): unit-scoped by the service layer and by row-level security ----
// Field classes (UU 27/2022): identity and address are personal; health, drug use, HIV, criminal record
// and trafficking details are specific (sensitive) and live apart in person_sensitive.

export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 16 digits, validated (see people/nik.ts); null for people who arrive without documents. */
    nik: text('nik'),
    /** Why there is no NIK yet (e.g. never registered, documents lost); the record shows a to-do. */
    noNikReason: text('no_nik_reason'),
    /** The current family card number; its history is in person_kk. */
    kkNo: text('kk_no'),
    fullName: text('full_name').notNull(),
    /** Normalised name (lower case, no titles or punctuation): what trigram search runs on. */
    nameNorm: text('name_norm').notNull(),
    /** Name and aliases, normalised, for one search index. */
    searchNames: text('search_names').notNull(),
    /** The words of search_names, stored for the word index (0024). */
    searchWords: text('search_words').array().generatedAlwaysAs(sql`string_to_array(search_names, ' ')`),
    sex: text('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    birthDateEstimated: boolean('birth_date_estimated').notNull().default(false),
    birthPlace: text('birth_place'),
    motherName: text('mother_name'),
    motherNameNorm: text('mother_name_norm'),
    religion: text('religion'),
    maritalStatus: text('marital_status'),
    nationality: text('nationality').notNull().default('WNI'),
    areaCode: text('area_code').references(() => area.code),
    street: text('street'),
    rt: text('rt'),
    rw: text('rw'),
    currentLocationKind: text('current_location_kind'),
    currentLocation: text('current_location'),
    disabilityType: text('disability_type'),
    disabilityLevel: text('disability_level'),
    registeredUnitId: uuid('registered_unit_id')
      .notNull()
      .references(() => unit.id),
    /** Set when this record was merged into another; it then stays only for history and undo. */
    mergedIntoId: uuid('merged_into_id'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('person_nik_uq').on(t.nik).where(sql`${t.nik} is not null and ${t.mergedIntoId} is null`),
    index('person_kk_idx').on(t.kkNo),
    index('person_search_trgm_idx').using('gin', t.searchNames.op('gin_trgm_ops')),
    // Each person's name and alias words: "every word of the text is one of theirs" (0024).
    index('person_words_idx').using('gin', t.searchWords),
    index('person_name_id_idx').on(sql`${t.nameNorm} collate "C"`, t.id),
    index('person_unit_idx').on(t.registeredUnitId),
    // A unit's people in name order: listing and filtering without a name.
    index('person_unit_name_idx').on(t.registeredUnitId, sql`${t.nameNorm} collate "C"`, t.id),
    // An area and everything in it as one range (0027): see the people search's area filter.
    index('person_area_c_idx').on(sql`${t.areaCode} collate "C"`),
    index('person_birth_idx').on(t.birthDate),
    check('person_sex_ck', sql`${t.sex} in ('L','P')`),
    check('person_nik_ck', sql`${t.nik} is null or ${t.nik} ~ '^[0-9]{16}$'`),
    check('person_kk_ck', sql`${t.kkNo} is null or ${t.kkNo} ~ '^[0-9]{16}$'`),
    check('person_nationality_ck', sql`${t.nationality} in ('WNI','WNA')`),
  ],
);

/**
 * Every distinct word of every name and alias (0024): a spelling dictionary for the people search, kept
 * by statement triggers on person. No person, unit or count: only words.
 */
export const nameWord = pgTable(
  'name_word',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('name_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);

export const personAlias = pgTable(
  'person_alias',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    alias: text('alias').notNull(),
    /** Lower case, letters and digits: what an alias search compares (0023). */
    aliasKey: text('alias_key').generatedAlwaysAs(
      sql`btrim(regexp_replace(lower(alias), '[^a-z0-9]+', ' ', 'g'))`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    index('person_alias_person_idx').on(t.personId),
    index('person_alias_key_idx').on(sql`(alias_key collate "C")`, t.personId),
  ],
);

/** Family card numbers over time: a KK changes when a family splits or moves; never a key. */
export const personKk = pgTable(
  'person_kk',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    kkNo: text('kk_no').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
    createdAt: createdAt(),
  },
  (t) => [index('person_kk_person_idx').on(t.personId), index('person_kk_no_idx').on(t.kkNo)],
);

export const personPhone = pgTable(
  'person_phone',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /** E.164, e.g. +6281234567890. */
    phone: text('phone').notNull(),
    owner: text('owner').notNull(),
    relationship: text('relationship'),
    createdAt: createdAt(),
  },
  (t) => [
    index('person_phone_person_idx').on(t.personId),
    check('person_phone_owner_ck', sql`${t.owner} in ('self','guardian','family','other')`),
  ],
);

/** Family members and guardians: another person record, or free text when they are not registered. */
export const personRelation = pgTable(
  'person_relation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    relatedPersonId: uuid('related_person_id').references(() => person.id),
    name: text('name'),
    relationship: text('relationship').notNull(),
    isGuardian: boolean('is_guardian').notNull().default(false),
    phone: text('phone'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('person_relation_person_idx').on(t.personId),
    index('person_relation_related_idx').on(t.relatedPersonId),
    check('person_relation_who_ck', sql`${t.relatedPersonId} is not null or ${t.name} is not null`),
  ],
);

export const personCluster = pgTable(
  'person_cluster',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    clusterCode: text('cluster_code')
      .notNull()
      .references(() => cluster.code),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.clusterCode] }),
    index('person_cluster_code_idx').on(t.clusterCode),
  ],
);

export const personPpks = pgTable(
  'person_ppks',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    ppksNo: integer('ppks_no')
      .notNull()
      .references(() => ppksCategory.no),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.ppksNo] }), index('person_ppks_no_idx').on(t.ppksNo)],
);

/** Specific (sensitive) data: only the case team and the unit head read it, and every read is audited. */
export const personSensitive = pgTable('person_sensitive', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => person.id),
  healthNotes: text('health_notes'),
  drugUse: text('drug_use'),
  hivStatus: text('hiv_status'),
  criminalRecord: text('criminal_record'),
  traffickingDetails: text('trafficking_details'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Which units may see a person: the one that registered them, those serving them, those referred to. */
export const personUnit = pgTable(
  'person_unit',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    reason: text('reason').notNull(),
    since: ts('since').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.unitId, t.reason] }),
    index('person_unit_unit_idx').on(t.unitId, t.personId),
    // The people a unit serves or was referred that another unit registered (0024).
    index('person_unit_linked_idx').on(t.unitId, t.personId).where(sql`${t.reason} <> 'registered'`),
    check('person_unit_reason_ck', sql`${t.reason} in ('registered','serves','referred')`),
  ],
);

/**
 * Each unit's people in name order (0029), with what the list filters on: one row per unit and active person
 * it has any link to, and one per active person under the registry's id (all zeros) for headquarters. Kept
 * by statement triggers on person, person_unit, person_cluster and person_ppks. Derived, not audited; a unit
 * reads its own rows.
 */
export const unitPerson = pgTable(
  'unit_person',
  {
    unitId: uuid('unit_id').notNull(),
    personId: uuid('person_id').notNull(),
    nameNorm: text('name_norm').notNull(),
    sex: text('sex').notNull(),
    birthDate: date('birth_date'),
    areaCode: text('area_code'),
    clusters: text('clusters').array().notNull().default(sql`'{}'`),
    ppks: integer('ppks').array().notNull().default(sql`'{}'`),
  },
  (t) => [
    primaryKey({ name: 'unit_person_pk', columns: [t.personId, t.unitId] }),
    // INCLUDE (sex, birth_date, area_code, clusters, ppks): written in the migration (0029).
    index('unit_person_name_idx').on(t.unitId, t.nameNorm, t.personId),
  ],
);

/**
 * Each word of each active person's name and aliases in (word, name) order (0029), for headquarters' word
 * searches: kept by statement triggers on person. Derived, not audited; headquarters only.
 */
export const personWord = pgTable(
  'person_word',
  {
    word: text('word').notNull(),
    nameNorm: text('name_norm').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [primaryKey({ name: 'person_word_pk', columns: [t.word, t.nameNorm, t.personId] })],
);

/** Consent (UU 27/2022): who gave it, for which purposes, how it was recorded, and its withdrawal. */
export const personConsent = pgTable(
  'person_consent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    givenBy: text('given_by').notNull(),
    guardianRelationId: uuid('guardian_relation_id').references(() => personRelation.id),
    guardianName: text('guardian_name'),
    purposes: text('purposes').array().notNull(),
    method: text('method').notNull(),
    witnessName: text('witness_name'),
    documentId: uuid('document_id'),
    givenAt: date('given_at', { mode: 'string' }).notNull(),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    recordedBy: uuid('recorded_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('person_consent_person_idx').on(t.personId),
    check('person_consent_by_ck', sql`${t.givenBy} in ('self','guardian')`),
    check('person_consent_method_ck', sql`${t.method} in ('signed_form','verbal_witnessed')`),
  ],
);

/** Uploaded documents and photos: stored outside the web root, served only through an authorised route. */
export const personDocument = pgTable(
  'person_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    deletedAt: ts('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [index('person_document_person_idx').on(t.personId)],
);

/** Merges of duplicate records: both histories kept, who and why recorded, undoable from the snapshot. */
export const personMerge = pgTable(
  'person_merge',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => person.id),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => person.id),
    reason: text('reason').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    mergedBy: uuid('merged_by'),
    mergedAt: ts('merged_at').notNull().defaultNow(),
    undoneAt: ts('undone_at'),
    undoneBy: uuid('undone_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('person_merge_survivor_idx').on(t.survivorId),
    index('person_merge_merged_idx').on(t.mergedId),
  ],
);

/** Pairs a person confirmed are not the same person: the duplicate queue stops proposing them. */
export const personDistinct = pgTable(
  'person_distinct',
  {
    personA: uuid('person_a')
      .notNull()
      .references(() => person.id),
    personB: uuid('person_b')
      .notNull()
      .references(() => person.id),
    reason: text('reason'),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personA, t.personB] }),
    check('person_distinct_order_ck', sql`${t.personA} < ${t.personB}`),
  ],
);

// ---- bulk import of people (background jobs that can resume without creating anyone twice) ----

/** A saved column mapping: spreadsheet header → person field, reused for the next file of that shape. */
export const importMapping = pgTable(
  'import_mapping',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('import_mapping_unit_name_uq').on(t.unitId, t.name)],
);

export const importJob = pgTable(
  'import_job',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    createdBy: uuid('created_by'),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    /** Where the uploaded file is kept (under the data directory, outside the web root). */
    storageKey: text('storage_key').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    status: text('status').notNull().default('uploaded'),
    totalRows: integer('total_rows').notNull().default(0),
    /** Rows finished (created, duplicate or invalid); a resumed job starts after the last one. */
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    invalidCount: integer('invalid_count').notNull().default(0),
    errorMessage: text('error_message'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('import_job_unit_idx').on(t.unitId, t.createdAt),
    check('import_job_format_ck', sql`${t.format} in ('csv','xlsx')`),
    check(
      'import_job_status_ck',
      sql`${t.status} in ('uploaded','previewed','queued','running','completed','failed','cancelled')`,
    ),
  ],
);

/** One outcome per spreadsheet row, written in the same transaction as the person it created. */
export const importRow = pgTable(
  'import_row',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJob.id),
    rowNo: integer('row_no').notNull(),
    outcome: text('outcome').notNull(),
    personId: uuid('person_id'),
    messages: jsonb('messages').$type<{ field: string; issue: string; message: string }[]>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNo] }),
    check('import_row_outcome_ck', sql`${t.outcome} in ('created','duplicate','invalid')`),
  ],
);

// ---- cases (kasus): one episode of service for one person at one unit, through the ATENSI stages ----

export const caseRecord = pgTable(
  'case_record',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable number, unique per unit: <UNIT>-<year>-<serial>. */
    caseNo: text('case_no').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    clusterCode: text('cluster_code')
      .notNull()
      .references(() => cluster.code),
    stage: text('stage').notNull().default('intake'),
    /** residential, family, community: one or more. */
    approaches: text('approaches').array().notNull(),
    intakeSource: text('intake_source').notNull(),
    intakeDate: date('intake_date', { mode: 'string' }).notNull(),
    intakeNotes: text('intake_notes'),
    workerId: uuid('worker_id').references(() => appUser.id),
    /** Residential stay: approved by the unit head, counted against the cluster's beds while active. */
    residentialApprovedBy: uuid('residential_approved_by').references(() => appUser.id),
    admittedAt: date('admitted_at', { mode: 'string' }),
    dischargedAt: date('discharged_at', { mode: 'string' }),
    terminationReason: text('termination_reason'),
    terminatedAt: date('terminated_at', { mode: 'string' }),
    closedAt: ts('closed_at'),
    closedReason: text('closed_reason'),
    /** Set when the case was opened by accepting a referral. */
    fromReferralId: uuid('from_referral_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('case_no_uq').on(t.caseNo),
    index('case_person_idx').on(t.personId),
    index('case_unit_stage_idx').on(t.unitId, t.stage),
    index('case_worker_idx').on(t.workerId, t.stage),
    // Active residential stays per unit and cluster: what free beds are computed from.
    index('case_residential_idx')
      .on(t.unitId, t.clusterCode)
      .where(sql`${t.admittedAt} is not null and ${t.dischargedAt} is null`),
    check(
      'case_stage_ck',
      sql`${t.stage} in ('intake','approach','assessment','plan','intervention','evaluation','termination','aftercare','closed')`,
    ),
    check(
      'case_approaches_ck',
      sql`cardinality(${t.approaches}) > 0 and ${t.approaches} <@ array['residential','family','community']`,
    ),
    check(
      'case_intake_source_ck',
      sql`${t.intakeSource} in ('walk_in','outreach','referral','report','court','hospital')`,
    ),
    check(
      'case_termination_ck',
      sql`${t.terminationReason} is null or ${t.terminationReason} in ('mandiri','returned_to_family','referred','moved','dropped_out','died','other')`,
    ),
  ],
);

/** Every stage change, with who, when, and the unit head's override when a rule was set aside. */
export const caseStageEvent = pgTable(
  'case_stage_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    byUserId: uuid('by_user_id'),
    isOverride: boolean('is_override').notNull().default(false),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('case_stage_event_case_idx').on(t.caseId, t.createdAt)],
);

/** Assessment forms are data: domains and questions can evolve without a release. */
export const assessmentForm = pgTable(
  'assessment_form',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    formVersion: integer('form_version').notNull(),
    title: text('title').notNull(),
    structure: jsonb('structure').$type<Record<string, unknown>>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('assessment_form_code_version_uq').on(t.code, t.formVersion)],
);

export const caseAssessment = pgTable(
  'case_assessment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    formId: uuid('form_id')
      .notNull()
      .references(() => assessmentForm.id),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    needs: text('needs'),
    strengths: text('strengths'),
    riskLevel: text('risk_level').notNull(),
    /** Social-functioning score, 0–100; the same scale the follow-up surveys use. */
    functioningScore: integer('functioning_score').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessedBy: uuid('assessed_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('case_assessment_case_idx').on(t.caseId, t.assessedOn),
    check('case_assessment_risk_ck', sql`${t.riskLevel} in ('low','medium','high','critical')`),
    check('case_assessment_score_ck', sql`${t.functioningScore} between 0 and 100`),
  ],
);

/** Intervention plans are versioned: a change after approval makes a new version. */
export const casePlan = pgTable(
  'case_plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    planNo: integer('plan_no').notNull(),
    goals: jsonb('goals').$type<string[]>().notNull(),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by'),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    reviewDue: date('review_due', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('case_plan_no_uq').on(t.caseId, t.planNo),
    check('case_plan_status_ck', sql`${t.status} in ('draft','approved','superseded')`),
  ],
);

export const casePlanItem = pgTable(
  'case_plan_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => casePlan.id),
    serviceCode: text('service_code')
      .notNull()
      .references(() => serviceComponent.code),
    description: text('description').notNull(),
    frequency: text('frequency'),
    responsible: text('responsible'),
    plannedQuantity: integer('planned_quantity').notNull().default(1),
    /** Rupiah, whole. */
    budgetRupiah: bigint('budget_rupiah', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_plan_item_plan_idx').on(t.planId),
    check('case_plan_item_budget_ck', sql`${t.budgetRupiah} >= 0 and ${t.plannedQuantity} >= 0`),
  ],
);

/** Services delivered: append-only in spirit (corrections are new rows that reverse the old). */
export const caseService = pgTable(
  'case_service',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    planItemId: uuid('plan_item_id').references(() => casePlanItem.id),
    serviceCode: text('service_code')
      .notNull()
      .references(() => serviceComponent.code),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    workerId: uuid('worker_id'),
    quantity: integer('quantity').notNull().default(1),
    costRupiah: bigint('cost_rupiah', { mode: 'number' }).notNull().default(0),
    notes: text('notes'),
    reversesId: uuid('reverses_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_service_case_idx').on(t.caseId, t.deliveredOn),
    check('case_service_amount_ck', sql`${t.costRupiah} >= 0 or ${t.reversesId} is not null`),
  ],
);

export const caseNote = pgTable(
  'case_note',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    body: text('body').notNull(),
    /** Confidential notes are for the case team only (the assigned worker and the unit head). */
    isConfidential: boolean('is_confidential').notNull().default(false),
    authorId: uuid('author_id'),
    createdAt: createdAt(),
  },
  (t) => [index('case_note_case_idx').on(t.caseId, t.createdAt)],
);

export const caseTask = pgTable(
  'case_task',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assigneeId: uuid('assignee_id').references(() => appUser.id),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('case_task_case_idx').on(t.caseId),
    index('case_task_open_idx').on(t.assigneeId, t.dueOn).where(sql`${t.doneAt} is null`),
    check(
      'case_task_kind_ck',
      sql`${t.kind} in ('plan_review','aftercare_visit','document','survey','referral','other')`,
    ),
  ],
);

/** Referrals: to another unit or to a programme/agency; consent travels with the data. */
export const referral = pgTable(
  'referral',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => unit.id),
    toUnitId: uuid('to_unit_id').references(() => unit.id),
    toProgrammeCode: text('to_programme_code').references(() => programme.code),
    servicesRequested: text('services_requested').array().notNull(),
    reason: text('reason').notNull(),
    /** What the receiving side sees before it accepts: no identity beyond this. */
    summary: text('summary').notNull(),
    status: text('status').notNull().default('sent'),
    deadlineAt: ts('deadline_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by'),
    declineReason: text('decline_reason'),
    receivingCaseId: uuid('receiving_case_id'),
    outcome: text('outcome'),
    completedAt: ts('completed_at'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('referral_to_unit_idx').on(t.toUnitId, t.status),
    index('referral_from_unit_idx').on(t.fromUnitId, t.status),
    index('referral_case_idx').on(t.caseId),
    check('referral_target_ck', sql`(${t.toUnitId} is null) <> (${t.toProgrammeCode} is null)`),
    check('referral_status_ck', sql`${t.status} in ('sent','accepted','declined','completed','cancelled')`),
    check(
      'referral_outcome_ck',
      sql`${t.outcome} is null or ${t.outcome} in ('enrolled','rejected','pending')`,
    ),
  ],
);

// ── Follow-up until independent (issue 6): surveys, schedules, minimum wages, the roadmap ──────────────

/** Regional minimum wage (UMP per province, UMK per regency where set), per year; edited by admin. */
export const minimumWage = pgTable(
  'minimum_wage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** Null for the provincial wage (UMP); a regency code for the regency's own wage (UMK). */
    regencyCode: text('regency_code'),
    year: integer('year').notNull(),
    amountRupiah: bigint('amount_rupiah', { mode: 'number' }).notNull(),
    source: text('source'),
    updatedBy: uuid('updated_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('minimum_wage_uq').on(t.provinceCode, sql`coalesce(${t.regencyCode}, '')`, t.year),
    check('minimum_wage_amount_ck', sql`${t.amountRupiah} > 0`),
    check('minimum_wage_year_ck', sql`${t.year} between 2000 and 2100`),
  ],
);

/**
 * The roadmap ladder: levels in order with their criteria as data (see followup/roadmap.ts for the
 * criterion kinds). A person's level is computed from their record, never typed in.
 */
export const roadmapLevel = pgTable(
  'roadmap_level',
  {
    level: integer('level').primaryKey(),
    code: text('code').notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    /** Every criterion must hold: [{ kind, ...params }]. */
    criteria: jsonb('criteria').notNull(),
    /** Reaching it sets the date of independence (mandiri) on case_progress. */
    isIndependence: boolean('is_independence').notNull().default(false),
    /** The top of the ladder: graduated (mentas). */
    isGraduation: boolean('is_graduation').notNull().default(false),
    updatedBy: uuid('updated_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('roadmap_level_code_uq').on(t.code),
    check('roadmap_level_ck', sql`${t.level} between 0 and 20`),
  ],
);

/** A follow-up survey of a person at a date, recorded by the unit serving them under a case. */
export const survey = pgTable(
  'survey',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** The case's unit, kept here so unit scope and outcomes need no join. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    surveyedOn: date('surveyed_on', { mode: 'string' }).notNull(),
    /** intake, termination, followup, adhoc. */
    kind: text('kind').notNull(),
    /** Total monthly income in Rupiah: the sum of the sources below. */
    monthlyIncome: bigint('monthly_income', { mode: 'number' }).notNull(),
    incomeWages: bigint('income_wages', { mode: 'number' }).notNull().default(0),
    incomeBusiness: bigint('income_business', { mode: 'number' }).notNull().default(0),
    incomeTransfers: bigint('income_transfers', { mode: 'number' }).notNull().default(0),
    incomeAid: bigint('income_aid', { mode: 'number' }).notNull().default(0),
    /** Earnings paid out from sales in a unit outlet (Sentra Kreasi ATENSI); filled by the outlet later. */
    incomeOutlet: bigint('income_outlet', { mode: 'number' }).notNull().default(0),
    incomeOther: bigint('income_other', { mode: 'number' }).notNull().default(0),
    /** employed, self_employed, casual, unemployed, not_in_labour_force. */
    workStatus: text('work_status').notNull(),
    hasBusiness: boolean('has_business').notNull().default(false),
    businessTurnover: bigint('business_turnover', { mode: 'number' }),
    businessEmployees: integer('business_employees'),
    savings: bigint('savings', { mode: 'number' }),
    hasBankAccount: boolean('has_bank_account').notNull().default(false),
    /** own, rent, family, institution, shelter, street. */
    housing: text('housing').notNull(),
    /** Same scale as the assessment's social-functioning score. */
    socialFunctioningScore: integer('social_functioning_score'),
    hasNik: boolean('has_nik').notNull(),
    hasKk: boolean('has_kk').notNull(),
    hasBirthCertificate: boolean('has_birth_certificate').notNull(),
    hasHealthInsurance: boolean('has_health_insurance').notNull(),
    /** all, some, none, not_applicable (no school-age children). */
    childrenInSchool: text('children_in_school').notNull(),
    notes: text('notes'),
    recordedBy: uuid('recorded_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('survey_person_idx').on(t.personId, t.surveyedOn),
    index('survey_case_idx').on(t.caseId, t.surveyedOn),
    index('survey_unit_idx').on(t.unitId, t.surveyedOn),
    check('survey_kind_ck', sql`${t.kind} in ('intake','termination','followup','adhoc')`),
    check(
      'survey_income_ck',
      sql`${t.incomeWages} >= 0 and ${t.incomeBusiness} >= 0 and ${t.incomeTransfers} >= 0 and ${t.incomeAid} >= 0 and ${t.incomeOutlet} >= 0 and ${t.incomeOther} >= 0 and ${t.monthlyIncome} = ${t.incomeWages} + ${t.incomeBusiness} + ${t.incomeTransfers} + ${t.incomeAid} + ${t.incomeOutlet} + ${t.incomeOther}`,
    ),
    check(
      'survey_work_status_ck',
      sql`${t.workStatus} in ('employed','self_employed','casual','unemployed','not_in_labour_force')`,
    ),
    check('survey_housing_ck', sql`${t.housing} in ('own','rent','family','institution','shelter','street')`),
    check('survey_children_ck', sql`${t.childrenInSchool} in ('all','some','none','not_applicable')`),
    check(
      'survey_business_ck',
      sql`(${t.businessTurnover} is null or ${t.businessTurnover} >= 0) and (${t.businessEmployees} is null or ${t.businessEmployees} >= 0) and (${t.savings} is null or ${t.savings} >= 0)`,
    ),
  ],
);

/** When a case's surveys are due (default at intake, at termination, then every 3 months for 12 months). */
export const surveySchedule = pgTable(
  'survey_schedule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    kind: text('kind').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The survey that fulfilled it; null while due. */
    surveyId: uuid('survey_id').references(() => survey.id),
    /** The case task that reminds the worker. */
    taskId: uuid('task_id').references(() => caseTask.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('survey_schedule_case_idx').on(t.caseId, t.dueOn),
    index('survey_schedule_open_idx').on(t.unitId, t.dueOn).where(sql`${t.surveyId} is null`),
    check('survey_schedule_kind_ck', sql`${t.kind} in ('intake','termination','followup','adhoc')`),
  ],
);

/** Reaching a roadmap level: dated, with the evidence (which surveys and values met each criterion). */
export const roadmapMilestone = pgTable(
  'roadmap_milestone',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    level: integer('level')
      .notNull()
      .references(() => roadmapLevel.level),
    reachedOn: date('reached_on', { mode: 'string' }).notNull(),
    evidence: jsonb('evidence').notNull(),
    /** Set when a later correction of the record means the level is no longer met. */
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('roadmap_milestone_person_idx').on(t.personId, t.level),
    uniqueIndex('roadmap_milestone_live_uq').on(t.personId, t.level).where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * Where each case's person stands, kept current in the same transaction as every survey change: what the
 * outcome figures are computed from (exact, and fast over millions of surveys). Overdue surveys are not
 * kept here (they depend on today): count them from survey_schedule's open index.
 */
export const caseProgress = pgTable(
  'case_progress',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => caseRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    clusterCode: text('cluster_code').notNull(),
    approaches: text('approaches').array().notNull(),
    intakeDate: date('intake_date', { mode: 'string' }).notNull(),
    surveyCount: integer('survey_count').notNull().default(0),
    /** Income at the case's first survey and at its latest. */
    firstIncome: bigint('first_income', { mode: 'number' }),
    latestIncome: bigint('latest_income', { mode: 'number' }),
    firstSurveyOn: date('first_survey_on', { mode: 'string' }),
    latestSurveyOn: date('latest_survey_on', { mode: 'string' }),
    /** The person's current roadmap level: -1 while none is reached (0 is the ladder's first level). */
    level: integer('level').notNull().default(-1),
    /** When the person first reached the level of independence (income at the minimum wage, basic needs). */
    independentOn: date('independent_on', { mode: 'string' }),
    graduatedOn: date('graduated_on', { mode: 'string' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('case_progress_unit_idx').on(t.unitId, t.clusterCode, t.intakeDate),
    index('case_progress_person_idx').on(t.personId),
  ],
);

// ── Training (issue 6) ──────────────────────────────────────────────────────────────────────────────────

/** The course catalogue (reference data): vocational and entrepreneurship courses, edited by headquarters. */
export const course = pgTable(
  'course',
  {
    code: text('code').primaryKey(),
    /** vocational, entrepreneurship. */
    kind: text('kind').notNull(),
    nameId: text('name_id').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionId: text('description_id'),
    descriptionEn: text('description_en'),
    hours: integer('hours').notNull(),
    /** What a graduate can do, one line each, in Bahasa Indonesia and English (same order). */
    competenciesId: text('competencies_id').array().notNull().default(sql`'{}'`),
    competenciesEn: text('competencies_en').array().notNull().default(sql`'{}'`),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('course_kind_ck', sql`${t.kind} in ('vocational','entrepreneurship')`),
    check('course_hours_ck', sql`${t.hours} between 1 and 2000`),
  ],
);

/** A run of a course at a unit: dates, trainer, place and how many it takes. */
export const trainingCohort = pgTable(
  'training_cohort',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    courseCode: text('course_code')
      .notNull()
      .references(() => course.code),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    trainer: text('trainer').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('training_cohort_unit_idx').on(t.unitId, t.startsOn),
    index('training_cohort_course_idx').on(t.courseCode),
    check('training_cohort_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('training_cohort_capacity_ck', sql`${t.capacity} between 1 and 500`),
  ],
);

/** A person in a cohort, through a case at the cohort's unit; completion issues the certificate. */
export const trainingEnrolment = pgTable(
  'training_enrolment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => trainingCohort.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    /** enrolled, completed, dropped, failed (finished without passing). */
    status: text('status').notNull().default('enrolled'),
    enrolledOn: date('enrolled_on', { mode: 'string' }).notNull(),
    /** Assessment: a score 0–100 and whether it passes. */
    score: integer('score'),
    passed: boolean('passed'),
    assessedOn: date('assessed_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    /** Printed on the certificate; the public check looks it up. */
    certificateCode: text('certificate_code'),
    enrolledBy: uuid('enrolled_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('training_enrolment_cohort_person_uq').on(t.cohortId, t.personId),
    index('training_enrolment_person_idx').on(t.personId, t.completedOn),
    index('training_enrolment_completed_idx')
      .on(t.unitId, t.completedOn)
      .where(sql`${t.status} = 'completed'`),
    uniqueIndex('training_enrolment_certificate_uq').on(t.certificateCode),
    check('training_enrolment_status_ck', sql`${t.status} in ('enrolled','completed','dropped','failed')`),
    check('training_enrolment_score_ck', sql`${t.score} is null or ${t.score} between 0 and 100`),
    check(
      'training_enrolment_completed_ck',
      sql`(${t.status} = 'completed') = (${t.completedOn} is not null and ${t.certificateCode} is not null)`,
    ),
  ],
);

/** One meeting of a cohort. */
export const trainingSession = pgTable(
  'training_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => trainingCohort.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    hours: integer('hours').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('training_session_cohort_idx').on(t.cohortId, t.heldOn),
    check('training_session_hours_ck', sql`${t.hours} between 1 and 24`),
  ],
);

/** Who was present at a session (one row per enrolled person once attendance is taken). */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSession.id),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => trainingEnrolment.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => unit.id),
    present: boolean('present').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.enrolmentId] }),
    index('training_attendance_enrolment_idx').on(t.enrolmentId),
  ],
);

// ── Outcomes (modules/outcomes) ──────────────────────────────────────────────────────────────────────

/**
 * How many followed-up cases of a unit have each value of each outcome figure, and open survey-schedule
 * entries per month due: kept exact by triggers on case_progress and survey_schedule (migration 0022), so
 * headquarters' figures (medians included) read thousands of rows, not millions. Derived like an index:
 * no audit trigger, and only the triggers write it. `metric` is in the C collation.
 */
export const outcomeTally = pgTable(
  'outcome_tally',
  {
    unitId: uuid('unit_id').notNull(),
    /** The cases counted (migration 0025): '' all, 'c:<cluster>', 'a:<approach>', 'y:<intake year>',
     * 'q:<intake YYYYQ>', 'm:<intake YYYYMM>', 'cy:<cluster>:<intake year>'. */
    grp: text('grp').notNull(),
    /** followed, level, graduated, independent, first_income(_n), latest_income(_n), days_independent,
     * month_intake, month_independent, month_graduated (YYYYMM), open_month (YYYYMM). */
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ name: 'outcome_tally_pk', columns: [t.unitId, t.grp, t.metric, t.value] }),
    index('outcome_tally_value_idx').on(t.grp, t.metric, t.value),
  ],
);
