// The one Drizzle schema. Tables that grow with people carry the key they would be distributed on.
// Every table people change gets the audit trigger (see migrations/0002_audit.sql and audit.test.ts).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
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
