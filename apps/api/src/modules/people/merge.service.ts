// Merging two records of one person, undoing it, and recording that two similar records differ.
// A merge moves the merged record's rows to the survivor and keeps the merged record itself, read-only,
// with merged_into_id set; the snapshot in person_merge says exactly what moved, so undo puts it back.
// Row-level security still applies: a head of unit moves only the rows their unit may see.
import type {
  TMarkDistinctRequest,
  TMarkDistinctResponse,
  TMergePeopleRequest,
  TPersonMerge,
  TPersonMergeList,
} from '@atensi/contracts';
import { ZMarkDistinctRequest, ZMergeListQuery, ZMergePeopleRequest } from '@atensi/contracts';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Tx } from '../../db/client.ts';
import {
  person,
  personAlias,
  personCluster,
  personConsent,
  personDistinct,
  personDocument,
  personKk,
  personMerge,
  personPhone,
  personPpks,
  personRelation,
  personSensitive,
  personUnit,
} from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { searchNames } from './names.ts';
import { findPerson, type PersonRow } from './people.repository.ts';
import { assertInScope, scopeFilter } from './people.service.ts';

/** What undo needs, stored in person_merge.snapshot (specific data never goes in: the log would keep it). */
type Snapshot = {
  merged: Record<string, unknown>;
  survivorBefore: Pick<PersonRow, 'nik' | 'noNikReason' | 'kkNo' | 'searchNames' | 'version'>;
  versionsAfter: { survivor: number; merged: number };
  moved: {
    aliases: string[];
    phones: string[];
    relations: string[];
    consents: string[];
    documents: string[];
    kk: { id: string; endedAt: string | null }[];
    sensitive: boolean;
  };
  repointedRelations: string[];
  addedAliasId: string | null;
  copied: { clusters: string[]; ppks: number[]; units: { unitId: string; reason: string }[] };
  /** The merged record's rows as they were, for the history page and for people checking by hand. */
  rows: Record<string, unknown[]>;
};

/** Two names are the same text when they differ only in case and spacing. */
function sameText(x: string): string {
  return x.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Lock both records in a fixed order, so two merges of the same pair cannot deadlock. */
async function lockPair(db: Tx, a: string, b: string): Promise<[PersonRow, PersonRow]> {
  const [first, second] = a < b ? [a, b] : [b, a];
  const x = await findPerson(db, first, true);
  const y = await findPerson(db, second, true);
  if (!x || !y) throw new AppError('NOT_FOUND');
  return a < b ? [x, y] : [y, x];
}

async function loadChildRows(db: Tx, id: string) {
  return {
    aliases: await db.select().from(personAlias).where(eq(personAlias.personId, id)),
    phones: await db.select().from(personPhone).where(eq(personPhone.personId, id)),
    relations: await db.select().from(personRelation).where(eq(personRelation.personId, id)),
    clusters: await db.select().from(personCluster).where(eq(personCluster.personId, id)),
    ppks: await db.select().from(personPpks).where(eq(personPpks.personId, id)),
    units: await db.select().from(personUnit).where(eq(personUnit.personId, id)),
    consents: await db.select().from(personConsent).where(eq(personConsent.personId, id)),
    documents: await db.select().from(personDocument).where(eq(personDocument.personId, id)),
    kk: await db.select().from(personKk).where(eq(personKk.personId, id)),
  };
}

async function moveRows(
  db: Tx,
  table: typeof personAlias | typeof personPhone | typeof personRelation,
  ids: string[],
  to: string,
) {
  if (ids.length) await db.update(table).set({ personId: to }).where(inArray(table.id, ids));
}

/** Copies every unit's link of the merged record to the survivor; returns the links it added. */
async function copyUnitLinks(db: Tx, survivorId: string, mergedId: string) {
  const [row] = await queryRows<{ units: { unitId: string; reason: string }[] }>(
    db,
    sql`select atensi_merge_copy_units(${survivorId}::uuid, ${mergedId}::uuid) as units`,
  );
  return row?.units ?? [];
}

export async function mergePeople(ctx: Ctx, input: TMergePeopleRequest): Promise<TPersonMerge> {
  const f = ZMergePeopleRequest.parse(input);
  if (f.survivorId === f.mergedId) throw new AppError('PERSON_MERGE_SAME');
  await assertInScope(ctx, f.survivorId);
  await assertInScope(ctx, f.mergedId);
  const [s, m] = await lockPair(ctx.db, f.survivorId, f.mergedId);
  if (s.mergedIntoId || m.mergedIntoId) throw new AppError('PERSON_MERGED');
  if (s.version !== f.survivorVersion || m.version !== f.mergedVersion) throw new AppError('CONFLICT');
  if (s.nik && m.nik && s.nik !== m.nik) throw new AppError('PERSON_MERGE_NIK_CONFLICT');
  const db = ctx.db;
  const mine = await loadChildRows(db, s.id);
  const theirs = await loadChildRows(db, m.id);

  // Aliases and phones the survivor already has stay on the merged record (kept for history).
  const hasAlias = new Set([s.fullName, ...mine.aliases.map((a) => a.alias)].map(sameText));
  const aliases = theirs.aliases.filter((a) => !hasAlias.has(sameText(a.alias))).map((a) => a.id);
  const hasPhone = new Set(mine.phones.map((p) => p.phone));
  const phones = theirs.phones.filter((p) => !hasPhone.has(p.phone)).map((p) => p.id);
  // A relation of the merged record to the survivor would become a relation to oneself: it stays.
  const relations = theirs.relations.filter((r) => r.relatedPersonId !== s.id).map((r) => r.id);
  const consents = theirs.consents.map((c) => c.id);
  const documents = theirs.documents.map((d) => d.id);
  await moveRows(db, personAlias, aliases, s.id);
  await moveRows(db, personPhone, phones, s.id);
  await moveRows(db, personRelation, relations, s.id);
  if (consents.length) {
    await db.update(personConsent).set({ personId: s.id }).where(inArray(personConsent.id, consents));
  }
  if (documents.length) {
    await db.update(personDocument).set({ personId: s.id }).where(inArray(personDocument.id, documents));
  }
  // KK history moves too; while the survivor keeps its own KK, the merged record's current one is closed.
  const keepsOwnKk = Boolean(s.kkNo) || !m.kkNo;
  for (const k of theirs.kk) {
    await db
      .update(personKk)
      .set({ personId: s.id, ...(keepsOwnKk && !k.endedAt ? { endedAt: new Date() } : {}) })
      .where(eq(personKk.id, k.id));
  }
  // Other people's relations to the merged record now point at the survivor.
  const repointed = await db
    .update(personRelation)
    .set({ relatedPersonId: s.id })
    .where(and(eq(personRelation.relatedPersonId, m.id), ne(personRelation.personId, s.id)))
    .returning({ id: personRelation.id });

  // Clusters and PPKS are sets: the survivor gains what it lacks; the merged record keeps its own.
  const clusters = theirs.clusters
    .map((c) => c.clusterCode)
    .filter((c) => !mine.clusters.some((x) => x.clusterCode === c));
  if (clusters.length) {
    await db.insert(personCluster).values(clusters.map((clusterCode) => ({ personId: s.id, clusterCode })));
  }
  const ppks = theirs.ppks.map((p) => p.ppksNo).filter((p) => !mine.ppks.some((x) => x.ppksNo === p));
  if (ppks.length) await db.insert(personPpks).values(ppks.map((ppksNo) => ({ personId: s.id, ppksNo })));

  // Specific data moves only when the survivor has none (the merged record's stays readable otherwise).
  let sensitiveMoved = false;
  const theirSensitive = await db
    .select({ personId: personSensitive.personId })
    .from(personSensitive)
    .where(inArray(personSensitive.personId, [s.id, m.id]));
  if (theirSensitive.length === 1 && theirSensitive[0]?.personId === m.id) {
    await db.update(personSensitive).set({ personId: s.id }).where(eq(personSensitive.personId, m.id));
    sensitiveMoved = true;
  }

  // The merged name becomes an alias of the survivor, so searching the old name still finds them.
  // Spelling variants count ("Sitti" and "Siti"): the alias shows the person how else they are written.
  let addedAliasId: string | null = null;
  const mergedName = sameText(m.fullName);
  if (!hasAlias.has(mergedName)) {
    const moved = theirs.aliases.filter((a) => aliases.includes(a.id)).map((a) => sameText(a.alias));
    if (!moved.includes(mergedName)) {
      const [row] = await db
        .insert(personAlias)
        .values({ personId: s.id, alias: m.fullName })
        .returning({ id: personAlias.id });
      addedAliasId = row?.id ?? null;
    }
  }

  // The merged record leaves the NIK index first (merged_into_id set), then the survivor may take its NIK.
  const versionsAfter = { survivor: s.version + 1, merged: m.version + 1 };
  await db
    .update(person)
    .set({ mergedIntoId: s.id, version: versionsAfter.merged, updatedAt: new Date() })
    .where(eq(person.id, m.id));
  // Unit links are copied by a definer (migration 0026): row-level security shows this unit only its own
  // links, and another unit serving, referred or registering the merged record must keep sight of the person.
  const units = await copyUnitLinks(db, s.id, m.id);
  const allAliases = await db
    .select({ alias: personAlias.alias })
    .from(personAlias)
    .where(eq(personAlias.personId, s.id));
  const takesNik = !s.nik && Boolean(m.nik);
  const takesKk = !s.kkNo && Boolean(m.kkNo);
  await db
    .update(person)
    .set({
      ...(takesNik ? { nik: m.nik, noNikReason: null } : {}),
      ...(takesKk ? { kkNo: m.kkNo } : {}),
      searchNames: searchNames(
        s.fullName,
        allAliases.map((a) => a.alias),
      ),
      version: versionsAfter.survivor,
      updatedAt: new Date(),
    })
    .where(eq(person.id, s.id));

  const snapshot: Snapshot = {
    merged: { ...m },
    survivorBefore: {
      nik: s.nik,
      noNikReason: s.noNikReason,
      kkNo: s.kkNo,
      searchNames: s.searchNames,
      version: s.version,
    },
    versionsAfter,
    moved: {
      aliases,
      phones,
      relations,
      consents,
      documents,
      kk: theirs.kk.map((k) => ({ id: k.id, endedAt: k.endedAt?.toISOString() ?? null })),
      sensitive: sensitiveMoved,
    },
    repointedRelations: repointed.map((r) => r.id),
    addedAliasId,
    copied: { clusters, ppks, units },
    rows: theirs,
  };
  const [row] = await db
    .insert(personMerge)
    .values({
      survivorId: s.id,
      mergedId: m.id,
      reason: f.reason,
      snapshot: JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>,
      mergedBy: ctx.actor.userId,
    })
    .returning({ id: personMerge.id });
  if (!row) throw new Error('insert person_merge returned nothing');
  const [out] = await listMerges(ctx, sql`m.id = ${row.id}::uuid`, 1);
  if (!out) throw new AppError('NOT_FOUND');
  return out;
}

export async function undoMerge(ctx: Ctx, mergeId: string): Promise<TPersonMerge> {
  const db = ctx.db;
  const [rec] = await db.select().from(personMerge).where(eq(personMerge.id, mergeId)).for('update');
  if (!rec) throw new AppError('NOT_FOUND');
  await assertInScope(ctx, rec.survivorId);
  await assertInScope(ctx, rec.mergedId);
  if (rec.undoneAt) throw new AppError('PERSON_MERGE_ALREADY_UNDONE');
  const snap = rec.snapshot as unknown as Snapshot;
  const [s, m] = await lockPair(db, rec.survivorId, rec.mergedId);
  // Anything done to either record since would be lost or scrambled by an automatic undo.
  if (s.version !== snap.versionsAfter.survivor || m.version !== snap.versionsAfter.merged) {
    throw new AppError('PERSON_MERGE_UNDO_STALE');
  }
  if (snap.addedAliasId) await db.delete(personAlias).where(eq(personAlias.id, snap.addedAliasId));
  await moveRows(db, personAlias, snap.moved.aliases, m.id);
  await moveRows(db, personPhone, snap.moved.phones, m.id);
  await moveRows(db, personRelation, snap.moved.relations, m.id);
  if (snap.moved.consents.length) {
    await db
      .update(personConsent)
      .set({ personId: m.id })
      .where(inArray(personConsent.id, snap.moved.consents));
  }
  if (snap.moved.documents.length) {
    await db
      .update(personDocument)
      .set({ personId: m.id })
      .where(inArray(personDocument.id, snap.moved.documents));
  }
  for (const k of snap.moved.kk) {
    await db
      .update(personKk)
      .set({ personId: m.id, endedAt: k.endedAt ? new Date(k.endedAt) : null })
      .where(eq(personKk.id, k.id));
  }
  if (snap.repointedRelations.length) {
    await db
      .update(personRelation)
      .set({ relatedPersonId: m.id })
      .where(inArray(personRelation.id, snap.repointedRelations));
  }
  if (snap.copied.clusters.length) {
    await db
      .delete(personCluster)
      .where(and(eq(personCluster.personId, s.id), inArray(personCluster.clusterCode, snap.copied.clusters)));
  }
  if (snap.copied.ppks.length) {
    await db
      .delete(personPpks)
      .where(and(eq(personPpks.personId, s.id), inArray(personPpks.ppksNo, snap.copied.ppks)));
  }
  // Every unit's copied link goes, by the same definer route as the merge (it reads the snapshot itself).
  await db.execute(sql`select atensi_merge_undo_units(${rec.id}::uuid)`);
  if (snap.moved.sensitive) {
    await db.update(personSensitive).set({ personId: m.id }).where(eq(personSensitive.personId, s.id));
  }
  // The survivor gives the NIK back before the merged record re-enters the NIK index.
  const before = snap.survivorBefore;
  await db
    .update(person)
    .set({
      nik: before.nik,
      noNikReason: before.noNikReason,
      kkNo: before.kkNo,
      searchNames: before.searchNames,
      version: s.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(person.id, s.id));
  await db
    .update(person)
    .set({ mergedIntoId: null, version: m.version + 1, updatedAt: new Date() })
    .where(eq(person.id, m.id));
  await db
    .update(personMerge)
    .set({ undoneAt: new Date(), undoneBy: ctx.actor.userId })
    .where(eq(personMerge.id, rec.id));
  const [out] = await listMerges(ctx, sql`m.id = ${rec.id}::uuid`, 1);
  if (!out) throw new AppError('NOT_FOUND');
  return out;
}

export async function markDistinct(ctx: Ctx, input: TMarkDistinctRequest): Promise<TMarkDistinctResponse> {
  const f = ZMarkDistinctRequest.parse(input);
  if (f.personA === f.personB) throw new AppError('PERSON_MERGE_SAME');
  await assertInScope(ctx, f.personA);
  await assertInScope(ctx, f.personB);
  const found = await ctx.db
    .select({ id: person.id })
    .from(person)
    .where(inArray(person.id, [f.personA, f.personB]));
  if (found.length !== 2) throw new AppError('NOT_FOUND');
  // Stored in one order (the table checks person_a < person_b), so each pair has one row.
  const [a, b] = f.personA < f.personB ? [f.personA, f.personB] : [f.personB, f.personA];
  await ctx.db
    .insert(personDistinct)
    .values({ personA: a, personB: b, reason: f.reason, decidedBy: ctx.actor.userId })
    .onConflictDoNothing();
  const [row] = await ctx.db
    .select()
    .from(personDistinct)
    .where(and(eq(personDistinct.personA, a), eq(personDistinct.personB, b)));
  return { personA: a, personB: b, decidedAt: (row?.createdAt ?? new Date()).toISOString() };
}

/** Merges matching `where` (over person_merge m) that the actor may see, newest first. */
async function listMerges(ctx: Ctx, where: ReturnType<typeof sql>, limit: number): Promise<TPersonMerge[]> {
  const rows = await queryRows<{
    id: string;
    survivor_id: string;
    survivor_name: string;
    merged_id: string;
    merged_name: string;
    reason: string;
    merged_by: string | null;
    merged_at: Date | string;
    undone_at: Date | string | null;
    undone_by: string | null;
    moved: Record<string, number> | null;
  }>(
    ctx.db,
    sql`select m.id, m.survivor_id, s.full_name as survivor_name, m.merged_id, p.full_name as merged_name,
               m.reason, ub.username as merged_by, m.merged_at, m.undone_at, uu.username as undone_by,
               (select jsonb_object_agg(k, jsonb_array_length(v)) from jsonb_each(m.snapshot -> 'moved') e(k, v)
                 where jsonb_typeof(v) = 'array') as moved
        from person_merge m
        join person s on s.id = m.survivor_id
        join person p on p.id = m.merged_id
        left join app_user ub on ub.id = m.merged_by
        left join app_user uu on uu.id = m.undone_by
        where ${where} and ${scopeFilter(ctx)}
          and exists (select 1 from person p where p.id = m.survivor_id and ${scopeFilter(ctx)})
        order by m.merged_at desc, m.id
        limit ${limit}`,
  );
  const iso = (d: Date | string) => new Date(d).toISOString();
  return rows.map((r) => ({
    id: r.id,
    survivor: { id: r.survivor_id, fullName: r.survivor_name },
    merged: { id: r.merged_id, fullName: r.merged_name },
    reason: r.reason,
    mergedBy: r.merged_by,
    mergedAt: iso(r.merged_at),
    undoneAt: r.undone_at ? iso(r.undone_at) : null,
    undoneBy: r.undone_by,
    moved: r.moved ?? {},
  }));
}

/** A person's merges, as survivor or as the merged record. */
export async function listPersonMerges(ctx: Ctx, id: string): Promise<TPersonMergeList> {
  await assertInScope(ctx, id);
  return {
    items: await listMerges(ctx, sql`(m.survivor_id = ${id}::uuid or m.merged_id = ${id}::uuid)`, 100),
  };
}

/** Recent merges in the actor's scope, for the review page (undo lives there). */
export async function listRecentMerges(
  ctx: Ctx,
  input: z.input<typeof ZMergeListQuery>,
): Promise<TPersonMergeList> {
  const q = ZMergeListQuery.parse(input);
  return { items: await listMerges(ctx, sql`true`, q.limit) };
}
