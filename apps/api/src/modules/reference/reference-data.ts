import type { TCluster, TReferenceData, TUpsertClusterRequest } from '@atensi/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { cluster, ppksCategory, programme, serviceComponent } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';

/** All the small reference lists in one answer: the web UI loads them once for its pickers. */
export async function getReferenceData(ctx: Ctx): Promise<TReferenceData> {
  const [clusters, ppks, services, programmes] = await Promise.all([
    ctx.db.select().from(cluster).orderBy(asc(cluster.sortOrder), asc(cluster.code)),
    ctx.db.select().from(ppksCategory).orderBy(asc(ppksCategory.no)),
    ctx.db.select().from(serviceComponent).orderBy(asc(serviceComponent.sortOrder)),
    ctx.db.select().from(programme).orderBy(asc(programme.code)),
  ]);
  return {
    clusters: clusters.map(toCluster),
    ppks: ppks.map((p) => ({
      no: p.no,
      nameId: p.nameId,
      nameEn: p.nameEn,
      ageRule: p.ageRule,
      defaultClusterCode: p.defaultClusterCode,
      source: p.source,
    })),
    services: services.map((s) => ({
      code: s.code,
      nameId: s.nameId,
      nameEn: s.nameEn,
      examples: s.examples,
      source: s.source,
    })),
    programmes: programmes.map((p) => ({
      code: p.code,
      nameId: p.nameId,
      nameEn: p.nameEn,
      kind: p.kind,
      source: p.source,
    })),
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

/** Add a cluster or edit one (admin); an edit names the version it read, a stale one answers 409. */
export async function upsertCluster(ctx: Ctx, code: string, input: TUpsertClusterRequest): Promise<TCluster> {
  const existing = (await ctx.db.select().from(cluster).where(eq(cluster.code, code)).limit(1))[0];
  const { version, ...fields } = input;
  if (!existing) {
    const rows = await ctx.db
      .insert(cluster)
      .values({ code, ...fields, note: fields.note ?? null })
      .returning();
    const created = rows[0];
    if (!created) throw new Error('cluster insert returned no row');
    return toCluster(created);
  }
  if (version === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        { field: 'version', issue: 'required', message: 'version: required to edit an existing cluster' },
      ],
    });
  }
  const rows = await ctx.db
    .update(cluster)
    .set({ ...fields, version: sql`${cluster.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cluster.code, code), eq(cluster.version, version)))
    .returning();
  const updated = rows[0];
  if (!updated) throw new AppError('CONFLICT');
  return toCluster(updated);
}
