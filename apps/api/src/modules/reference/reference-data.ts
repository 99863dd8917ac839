import type {
  TCluster,
  TPpksCategory,
  TProgramme,
  TReferenceData,
  TServiceComponent,
  TUpsertClusterRequest,
  TUpsertPpksRequest,
  TUpsertProgrammeRequest,
  TUpsertServiceComponentRequest,
} from '@atensi/contracts';
import { type AnyColumn, and, asc, eq, sql } from 'drizzle-orm';
import { area, cluster, ppksCategory, programme, serviceComponent } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';

/**
 * All the small reference lists in one answer: the web UI loads them once for its pickers and the
 * reference page. One query after another: they share the request's one connection.
 */
export async function getReferenceData(ctx: Ctx): Promise<TReferenceData> {
  const clusters = await ctx.db.select().from(cluster).orderBy(asc(cluster.sortOrder), asc(cluster.code));
  const ppks = await ctx.db.select().from(ppksCategory).orderBy(asc(ppksCategory.no));
  const services = await ctx.db
    .select()
    .from(serviceComponent)
    .orderBy(asc(serviceComponent.sortOrder), asc(serviceComponent.code));
  const programmes = await ctx.db.select().from(programme).orderBy(asc(programme.code));
  const provinces = await ctx.db
    .select({
      provinceCode: area.code,
      provinceName: area.name,
      capital: area.capitalName,
      lat: area.lat,
      lon: area.lon,
      source: area.source,
    })
    .from(area)
    .where(eq(area.level, 'province'))
    .orderBy(asc(area.code));
  return {
    clusters: clusters.map(toCluster),
    ppks: ppks.map(toPpks),
    services: services.map(toService),
    programmes: programmes.map(toProgramme),
    provinceCapitals: provinces,
  };
}

function toCluster(c: typeof cluster.$inferSelect): TCluster {
  return {
    code: c.code,
    nameId: c.nameId,
    nameEn: c.nameEn,
    note: c.note,
    sortOrder: c.sortOrder,
    isActive: c.isActive,
    source: c.source,
    version: c.version,
  };
}

function toPpks(p: typeof ppksCategory.$inferSelect): TPpksCategory {
  return {
    no: p.no,
    nameId: p.nameId,
    nameEn: p.nameEn,
    ageRule: p.ageRule,
    defaultClusterCode: p.defaultClusterCode,
    source: p.source,
    version: p.version,
  };
}

function toService(s: typeof serviceComponent.$inferSelect): TServiceComponent {
  return {
    code: s.code,
    nameId: s.nameId,
    nameEn: s.nameEn,
    examples: s.examples,
    sortOrder: s.sortOrder,
    source: s.source,
    version: s.version,
  };
}

function toProgramme(p: typeof programme.$inferSelect): TProgramme {
  return {
    code: p.code,
    nameId: p.nameId,
    nameEn: p.nameEn,
    kind: p.kind,
    source: p.source,
    version: p.version,
  };
}

/**
 * PUT adds a record when the code is new and edits it otherwise. An edit names the version it read: a
 * stale one answers 409. A PUT without a version for a code that exists is an add that collides: it
 * answers 409 REFERENCE_CODE_TAKEN rather than overwrite what someone else entered.
 */
function assertEditable(version: number | undefined): asserts version is number {
  if (version === undefined) throw new AppError('REFERENCE_CODE_TAKEN');
}

function bump(version: AnyColumn) {
  return { version: sql`${version} + 1`, updatedAt: new Date() };
}

function firstOr<T>(rows: T[], err: () => Error): T {
  const row = rows[0];
  if (!row) throw err();
  return row;
}

/** Add a cluster or edit one (admin); deactivating is an edit with isActive false. */
export async function upsertCluster(ctx: Ctx, code: string, input: TUpsertClusterRequest): Promise<TCluster> {
  const existing = (await ctx.db.select().from(cluster).where(eq(cluster.code, code)).limit(1))[0];
  const { version, ...fields } = input;
  if (!existing) {
    const rows = await ctx.db
      .insert(cluster)
      .values({ code, ...fields, note: fields.note ?? null })
      .onConflictDoNothing()
      .returning();
    // Someone added the same code a moment ago.
    return toCluster(firstOr(rows, () => new AppError('REFERENCE_CODE_TAKEN')));
  }
  assertEditable(version);
  const rows = await ctx.db
    .update(cluster)
    .set({ ...fields, ...bump(cluster.version) })
    .where(and(eq(cluster.code, code), eq(cluster.version, version)))
    .returning();
  return toCluster(firstOr(rows, () => new AppError('CONFLICT')));
}

/** Add a PPKS category or edit one (admin); its default cluster must exist. */
export async function upsertPpks(ctx: Ctx, no: number, input: TUpsertPpksRequest): Promise<TPpksCategory> {
  const { version, ...fields } = input;
  if (fields.defaultClusterCode) {
    const known = await ctx.db
      .select({ code: cluster.code })
      .from(cluster)
      .where(eq(cluster.code, fields.defaultClusterCode))
      .limit(1);
    if (known.length === 0) {
      const message =
        ctx.meta.lang === 'id'
          ? `defaultClusterCode: klaster "${fields.defaultClusterCode}" tidak dikenal`
          : `defaultClusterCode: unknown cluster "${fields.defaultClusterCode}"`;
      throw new AppError('VALIDATION_FAILED', {
        details: [{ field: 'defaultClusterCode', issue: 'unknown_cluster', message }],
      });
    }
  }
  const existing = await ctx.db
    .select({ no: ppksCategory.no })
    .from(ppksCategory)
    .where(eq(ppksCategory.no, no))
    .limit(1);
  if (existing.length === 0) {
    const rows = await ctx.db
      .insert(ppksCategory)
      .values({
        no,
        ...fields,
        ageRule: fields.ageRule ?? null,
        defaultClusterCode: fields.defaultClusterCode ?? null,
      })
      .onConflictDoNothing()
      .returning();
    // Someone added the same code a moment ago.
    return toPpks(firstOr(rows, () => new AppError('REFERENCE_CODE_TAKEN')));
  }
  assertEditable(version);
  const rows = await ctx.db
    .update(ppksCategory)
    .set({ ...fields, ...bump(ppksCategory.version) })
    .where(and(eq(ppksCategory.no, no), eq(ppksCategory.version, version)))
    .returning();
  return toPpks(firstOr(rows, () => new AppError('CONFLICT')));
}

/** Add an ATENSI service component or edit one (admin). */
export async function upsertServiceComponent(
  ctx: Ctx,
  code: string,
  input: TUpsertServiceComponentRequest,
): Promise<TServiceComponent> {
  const { version, ...fields } = input;
  const existing = await ctx.db
    .select({ code: serviceComponent.code })
    .from(serviceComponent)
    .where(eq(serviceComponent.code, code))
    .limit(1);
  if (existing.length === 0) {
    const rows = await ctx.db
      .insert(serviceComponent)
      .values({ code, ...fields, examples: fields.examples ?? null })
      .onConflictDoNothing()
      .returning();
    // Someone added the same code a moment ago.
    return toService(firstOr(rows, () => new AppError('REFERENCE_CODE_TAKEN')));
  }
  assertEditable(version);
  const rows = await ctx.db
    .update(serviceComponent)
    .set({ ...fields, ...bump(serviceComponent.version) })
    .where(and(eq(serviceComponent.code, code), eq(serviceComponent.version, version)))
    .returning();
  return toService(firstOr(rows, () => new AppError('CONFLICT')));
}

/** Add a programme or edit one (admin). */
export async function upsertProgramme(
  ctx: Ctx,
  code: string,
  input: TUpsertProgrammeRequest,
): Promise<TProgramme> {
  const { version, ...fields } = input;
  const existing = await ctx.db
    .select({ code: programme.code })
    .from(programme)
    .where(eq(programme.code, code))
    .limit(1);
  if (existing.length === 0) {
    const rows = await ctx.db
      .insert(programme)
      .values({ code, ...fields })
      .onConflictDoNothing()
      .returning();
    // Someone added the same code a moment ago.
    return toProgramme(firstOr(rows, () => new AppError('REFERENCE_CODE_TAKEN')));
  }
  assertEditable(version);
  const rows = await ctx.db
    .update(programme)
    .set({ ...fields, ...bump(programme.version) })
    .where(and(eq(programme.code, code), eq(programme.version, version)))
    .returning();
  return toProgramme(firstOr(rows, () => new AppError('CONFLICT')));
}
