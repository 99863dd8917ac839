// People's queries. Every query here runs inside a request's transaction as atensi_app, so row-level
// security already limits rows to the actor's unit; the service adds its own scope filter as well.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import {
  area,
  cluster,
  person,
  personAlias,
  personCluster,
  personKk,
  personPhone,
  personPpks,
  personRelation,
  personSensitive,
  personUnit,
  ppksCategory,
  unit,
} from '../../db/schema.ts';

export type PersonRow = typeof person.$inferSelect;
export type PersonInsert = typeof person.$inferInsert;

export async function findPerson(db: Tx, id: string, forUpdate = false): Promise<PersonRow | undefined> {
  const q = db.select().from(person).where(eq(person.id, id)).limit(1);
  return (forUpdate ? await q.for('update') : await q)[0];
}

export async function loadPersonParts(db: Tx, id: string) {
  // One query at a time: a transaction is one connection (node-postgres refuses concurrent queries).
  const aliases = await db
    .select({ alias: personAlias.alias })
    .from(personAlias)
    .where(eq(personAlias.personId, id))
    .orderBy(asc(personAlias.createdAt), asc(personAlias.alias));
  const kk = await db
    .select({ kkNo: personKk.kkNo, recordedAt: personKk.recordedAt, endedAt: personKk.endedAt })
    .from(personKk)
    .where(eq(personKk.personId, id))
    .orderBy(asc(personKk.recordedAt));
  const phones = await db
    .select({ phone: personPhone.phone, owner: personPhone.owner, relationship: personPhone.relationship })
    .from(personPhone)
    .where(eq(personPhone.personId, id))
    .orderBy(asc(personPhone.createdAt), asc(personPhone.phone));
  const relations = await db
    .select()
    .from(personRelation)
    .where(eq(personRelation.personId, id))
    .orderBy(asc(personRelation.createdAt), asc(personRelation.relationship));
  const clusters = await db
    .select({ code: cluster.code, name: cluster.nameId })
    .from(personCluster)
    .innerJoin(cluster, eq(cluster.code, personCluster.clusterCode))
    .where(eq(personCluster.personId, id))
    .orderBy(asc(cluster.code));
  const ppks = await db
    .select({ no: ppksCategory.no, name: ppksCategory.nameId })
    .from(personPpks)
    .innerJoin(ppksCategory, eq(ppksCategory.no, personPpks.ppksNo))
    .where(eq(personPpks.personId, id))
    .orderBy(asc(ppksCategory.no));
  const units = await db
    .select({ id: unit.id, code: unit.code, name: unit.name, reason: personUnit.reason })
    .from(personUnit)
    .innerJoin(unit, eq(unit.id, personUnit.unitId))
    .where(eq(personUnit.personId, id))
    .orderBy(asc(personUnit.since));
  return { aliases, kk, phones, relations, clusters, ppks, units };
}

/** The area and its parents, province first. */
export async function areaPath(db: Tx, code: string) {
  return queryRows<{ code: string; level: string; name: string }>(
    db,
    sql`with recursive up as (
          select code, level, name, parent_code, 0 as depth from area where code = ${code}
          union all
          select a.code, a.level, a.name, a.parent_code, up.depth + 1 from area a join up on a.code = up.parent_code)
        select code, level, name from up order by depth desc`,
  );
}

export async function existingCodes(db: Tx, kind: 'area' | 'cluster', codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const table = kind === 'area' ? area : cluster;
  const rows = await db.select({ code: table.code }).from(table).where(inArray(table.code, codes));
  return new Set(rows.map((r) => r.code));
}

export async function existingPpks(db: Tx, nos: number[]): Promise<Set<number>> {
  if (nos.length === 0) return new Set();
  const rows = await db
    .select({ no: ppksCategory.no })
    .from(ppksCategory)
    .where(inArray(ppksCategory.no, nos));
  return new Set(rows.map((r) => r.no));
}

export async function provinceCodes(db: Tx): Promise<Set<string>> {
  const rows = await db.select({ code: area.code }).from(area).where(eq(area.level, 'province'));
  return new Set(rows.map((r) => r.code));
}

export async function visiblePersonIds(db: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: person.id }).from(person).where(inArray(person.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function unitContacts(db: Tx, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { id: string; code: string; name: string; phone: string | null }>();
  const rows = await db
    .select({ id: unit.id, code: unit.code, name: unit.name, phone: unit.phone })
    .from(unit)
    .where(inArray(unit.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Replace a person's list-valued parts (aliases, phones, relations, clusters, PPKS). */
export async function replaceParts(
  db: Tx,
  personId: string,
  parts: {
    aliases: string[];
    phones: { phone: string; owner: string; relationship: string | null }[];
    relations: {
      relatedPersonId: string | null;
      name: string | null;
      relationship: string;
      isGuardian: boolean;
      phone: string | null;
    }[];
    clusters: string[];
    ppks: number[];
  },
) {
  await db.delete(personAlias).where(eq(personAlias.personId, personId));
  if (parts.aliases.length) {
    await db.insert(personAlias).values(parts.aliases.map((alias) => ({ personId, alias })));
  }
  await db.delete(personPhone).where(eq(personPhone.personId, personId));
  if (parts.phones.length) await db.insert(personPhone).values(parts.phones.map((p) => ({ personId, ...p })));
  await db.delete(personRelation).where(eq(personRelation.personId, personId));
  if (parts.relations.length) {
    await db.insert(personRelation).values(parts.relations.map((r) => ({ personId, ...r })));
  }
  await db.delete(personCluster).where(eq(personCluster.personId, personId));
  if (parts.clusters.length) {
    await db.insert(personCluster).values(parts.clusters.map((clusterCode) => ({ personId, clusterCode })));
  }
  await db.delete(personPpks).where(eq(personPpks.personId, personId));
  if (parts.ppks.length)
    await db.insert(personPpks).values(parts.ppks.map((ppksNo) => ({ personId, ppksNo })));
}

/** Record a new KK number: end the current one in the history and start the new one. */
export async function recordKk(db: Tx, personId: string, kkNo: string | null) {
  await db
    .update(personKk)
    .set({ endedAt: sql`now()` })
    .where(and(eq(personKk.personId, personId), sql`${personKk.endedAt} is null`));
  if (kkNo) await db.insert(personKk).values({ personId, kkNo });
}

export async function findSensitive(db: Tx, personId: string) {
  return (await db.select().from(personSensitive).where(eq(personSensitive.personId, personId)).limit(1))[0];
}

export type SearchRow = {
  id: string;
  full_name: string;
  nik: string | null;
  sex: 'L' | 'P';
  birth_date: string | null;
  area_name: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  aliases: string[];
  clusters: string[];
  score: number | null;
  name_norm: string;
};

type BaseRow = Omit<SearchRow, 'area_name' | 'unit_code' | 'unit_name' | 'aliases' | 'clusters'>;
const SEARCH_COLUMNS = sql`p.id, p.full_name, p.nik, p.sex, p.birth_date::text as birth_date, p.name_norm,
  p.registered_unit_id as unit_id, p.area_code`;

/**
 * How a page is read. `name order` lets the planner walk the name index and filter as it goes, which is
 * right when most rows match; `matches first` finds the matching rows by their own index, then sorts them,
 * which is right for a word lookup (the planner cannot tell how rare a word is, and walking the name index
 * for a rare one read 574,000 rows at 1M people). `name range` is name order with a condition on the name
 * itself (a prefix): its count is read in name order too, stopping at the cap; without one, a rare filter
 * would walk every name.
 */
export type ReadPlan = 'name order' | 'name range' | 'matches first';

/**
 * How many match: a first page that is not full already holds every match (most full-name searches), so
 * only a full page or a later one runs the capped count.
 */
async function countUnlessAll(
  db: Tx,
  rows: unknown[],
  limit: number,
  after: SQL | null,
  count: () => SQL,
): Promise<number> {
  if (!after && rows.length <= limit) return rows.length;
  const [counted] = await queryRows<{ n: number }>(db, count());
  return counted?.n ?? 0;
}

/** One page of people, and how many match (counted up to `countCap`). */
export async function searchPeople(
  db: Tx,
  where: SQL,
  score: SQL | null,
  after: SQL | null,
  limit: number,
  countCap: number,
  plan: ReadPlan = 'name order',
): Promise<{ rows: SearchRow[]; total: number }> {
  const scoreExpr = score ?? sql`null::real`;
  const order = score ? sql`score desc, p.id` : sql`p.name_norm collate "C", p.id`;
  const inner = sql`select ${SEARCH_COLUMNS}, ${scoreExpr} as score from person p where ${where}`;
  const rows = await queryRows<BaseRow>(
    db,
    sql`${plan === 'matches first' ? sql`with m as materialized (${inner}) ` : sql``}
        select * from ${plan === 'matches first' ? sql`m` : sql`(${inner})`} p
        ${after ? sql`where ${after}` : sql``}
        order by ${order}
        limit ${limit + 1}`,
  );
  // A name-order read counts in name order too: the planner otherwise gathers every match of a common
  // name from a bitmap (62,967 for "siti" at 1,000,000 people) before the cap applies.
  const countOrder = plan === 'name range' && !score ? sql` order by p.name_norm collate "C", p.id` : sql``;
  const total = await countUnlessAll(
    db,
    rows,
    limit,
    after,
    () =>
      sql`select count(*)::int as n from (select 1 from person p where ${where}${countOrder} limit ${countCap + 1}) c`,
  );
  return { rows: await decorate(db, rows), total };
}

/**
 * One unit's people (or, under the registry's id, everyone's) in name order, perhaps filtered or with a name
 * condition. `name order` / `name range`: one range of unit_person (0029), read from its index alone with
 * the filters (`filters.range`, on `u`) and stopping when the page is full; `name` and `after` are on that
 * range too (`u.name_norm`, `u.person_id`); only the page's people are read. Its count never visits a person
 * (merged records have no rows). `matches first` (a word lookup, `name` on the person `p`, filters on `p`):
 * the people the unit registered whose words match, from the word index within the unit, and the few it
 * serves or was referred that another unit registered, each sorted.
 */
export async function listUnitPeople(
  db: Tx,
  unitId: string,
  filters: { person: SQL; range: SQL },
  name: SQL | null,
  after: SQL | null,
  limit: number,
  countCap: number,
  plan: ReadPlan = 'name order',
  /** `matches first`: a word every match has (its rarest known), to find the linked people by. */
  driver?: string,
): Promise<{ rows: SearchRow[]; total: number }> {
  if (plan !== 'matches first') {
    const range = sql`u.unit_id = ${unitId}::uuid${name ? sql` and ${name}` : sql``} and ${filters.range}`;
    const order = sql`order by u.name_norm collate "C", u.person_id`;
    const rows = await queryRows<BaseRow>(
      db,
      sql`select ${SEARCH_COLUMNS}, null::real as score from unit_person u join person p on p.id = u.person_id
          where ${range} and p.merged_into_id is null${after ? sql` and ${after}` : sql``}
          ${order} limit ${limit + 1}`,
    );
    // Any countCap + 1 rows will do: in name order for a name range (else a bitmap gathers every match of a
    // common name); a filter alone is left to the planner, which misjudges array filters under row-level
    // security and, asked for name order, sorted every match of a common cluster.
    const total = await countUnlessAll(
      db,
      rows,
      limit,
      after,
      () =>
        sql`select count(*)::int as n from (select 1 from unit_person u where ${range}${plan === 'name range' ? sql` ${order}` : sql``} limit ${countCap + 1}) c`,
    );
    return { rows: await decorate(db, rows), total };
  }
  const where = filters.person;
  const matching = sql.join([where, ...(name ? [name] : [])], sql` and `);
  const own = sql`p.registered_unit_id = ${unitId}::uuid`;
  // With a word that must be there, the linked people who have it come from person_word against the unit's
  // links (0029's definer, 81 buffers for "ucok" at 1M) instead of reading each linked person (6,342).
  const linked = driver
    ? sql`p.registered_unit_id <> ${unitId}::uuid and p.id in (select atensi_unit_linked_word(${unitId}::uuid, ${driver}))`
    : sql`p.registered_unit_id <> ${unitId}::uuid and p.id in (
      select pu.person_id from person_unit pu where pu.unit_id = ${unitId}::uuid and pu.reason <> 'registered')`;
  const cond = (part: SQL) => sql`${part} and ${matching}${after ? sql` and ${after}` : sql``}`;
  // `offset 0` keeps the planner from walking the unit's name range row by row for a rare word.
  const branch = (part: SQL) =>
    sql`(select * from (select ${SEARCH_COLUMNS}, null::real as score from person p where ${cond(part)} offset 0) p
         order by p.name_norm collate "C", p.id limit ${limit + 1})`;
  const rows = await queryRows<BaseRow>(
    db,
    sql`select * from (${branch(own)} union all ${branch(linked)}) p
        order by p.name_norm collate "C", p.id limit ${limit + 1}`,
  );
  const capped = (part: SQL) =>
    sql`(select count(*)::int from (select 1 from person p where ${part} and ${matching} limit ${countCap + 1}) c)`;
  const total = await countUnlessAll(
    db,
    rows,
    limit,
    after,
    () => sql`select ${capped(own)} + ${capped(linked)} as n`,
  );
  return { rows: await decorate(db, rows), total };
}

/**
 * Headquarters' people with every word (one of each word's alternatives), in name order: one range of
 * person_word (0029) for the `driver` word, stopping when the page is full. The other words are checked in
 * person_word too (index probes, no visit to the person), so only the rows that have every word are read
 * from person and checked against `where` (filters). Without filters the count never leaves person_word:
 * merged records have no words there.
 */
export async function listByWord(
  db: Tx,
  driver: string,
  alternatives: string[][],
  where: SQL,
  filtered: boolean,
  after: SQL | null,
  limit: number,
  countCap: number,
): Promise<{ rows: SearchRow[]; total: number }> {
  const others = alternatives.filter((a) => !(a.length === 1 && a[0] === driver));
  const checks = others.map(
    (a) =>
      sql` and exists (select 1 from person_word x where x.word in (${sql.join(
        a.map((w) => sql`${w}`),
        sql`, `,
      )}) and x.name_norm = w.name_norm and x.person_id = w.person_id)`,
  );
  const words = sql`w.word = ${driver}${sql.join(checks, sql``)}`;
  const order = sql`order by w.name_norm collate "C", w.person_id`;
  const rows = await queryRows<BaseRow>(
    db,
    sql`select ${SEARCH_COLUMNS}, null::real as score from person_word w join person p on p.id = w.person_id
        where ${words} and ${where}${after ? sql` and ${after}` : sql``}
        ${order} limit ${limit + 1}`,
  );
  const total = await countUnlessAll(db, rows, limit, after, () =>
    filtered
      ? sql`select count(*)::int as n from (select 1 from person_word w join person p on p.id = w.person_id
            where ${words} and ${where} ${order} limit ${countCap + 1}) c`
      : sql`select count(*)::int as n from (select 1 from person_word w where ${words} ${order} limit ${countCap + 1}) c`,
  );
  return { rows: await decorate(db, rows), total };
}

/** Of a few words, the one fewest people have (counted in person_word up to a bound): a search's driver. */
export async function rarestWord(db: Tx, words: string[]): Promise<string | undefined> {
  const rows = await queryRows<{ word: string; n: number }>(
    db,
    sql`select q.word, (select count(*)::int from (select 1 from person_word w where w.word = q.word limit 5000) c) as n
        from unnest(${sql`array[${sql.join(
          words.map((w) => sql`${w}::text`),
          sql`, `,
        )}]`}) q(word) order by n, length(q.word) desc limit 1`,
  );
  return rows[0]?.word;
}

/** A page's area and unit names, aliases and clusters, read for its ids only. */
async function decorate(db: Tx, rows: BaseRow[]): Promise<SearchRow[]> {
  const ids = rows.map((r) => r.id);
  const extra =
    ids.length === 0
      ? []
      : await queryRows<{
          id: string;
          area_name: string | null;
          unit_code: string;
          unit_name: string;
          aliases: string[];
          clusters: string[];
        }>(
          db,
          sql`select p.id, a.name as area_name, u.code as unit_code, u.name as unit_name,
                coalesce((select array_agg(al.alias order by al.alias) from person_alias al where al.person_id = p.id), '{}') as aliases,
                coalesce((select array_agg(pc.cluster_code order by pc.cluster_code) from person_cluster pc where pc.person_id = p.id), '{}') as clusters
              from person p join unit u on u.id = p.registered_unit_id left join area a on a.code = p.area_code
              where p.id in (${sql.join(
                ids.map((i) => sql`${i}::uuid`),
                sql`, `,
              )})`,
        );
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((r) => {
    const e = byId.get(r.id);
    return {
      ...r,
      area_name: e?.area_name ?? null,
      unit_code: e?.unit_code ?? '',
      unit_name: e?.unit_name ?? '',
      aliases: e?.aliases ?? [],
      clusters: e?.clusters ?? [],
    };
  });
}

export async function insertPerson(db: Tx, values: PersonInsert): Promise<PersonRow> {
  const [row] = await db.insert(person).values(values).returning();
  if (!row) throw new Error('insert person returned nothing');
  return row;
}

export async function linkUnit(
  db: Tx,
  personId: string,
  unitId: string,
  reason: 'registered' | 'serves' | 'referred',
) {
  await db.insert(personUnit).values({ personId, unitId, reason }).onConflictDoNothing();
}
