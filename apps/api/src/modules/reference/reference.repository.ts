import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';

export type AreaRow = { code: string; level: string; name: string; parentCode: string | null; path: string };

export const LEVELS_IN_ORDER = ['province', 'regency', 'district', 'village'] as const;
const LEVEL_RANK = sql`case a.level when 'province' then 1 when 'regency' then 2 when 'district' then 3 else 4 end`;

/** Pick a page of areas first, then add the display path ("Jebres, Kota Surakarta, Jawa Tengah"). */
function withPath(page: SQL, orderBy: SQL) {
  return sql`
    select a.code, a.level, a.name, a.parent_code as "parentCode",
           concat_ws(', ', a.name, d.name, r.name, p.name) as path
    from (${page}) a
    left join area d on a.level = 'village' and d.code = a.district_code
    left join area r on a.level in ('village', 'district') and r.code = a.regency_code
    left join area p on a.level <> 'province' and p.code = a.province_code
    order by ${orderBy}`;
}

export type AreaFilter = {
  /** Code prefix, or null. */
  codePrefix: string | null;
  /** Only areas inside this area, or null. */
  parent: string | null;
};

function filterConds(f: AreaFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.parent) conds.push(sql`code like ${`${f.parent}.%`}`);
  if (f.codePrefix) conds.push(sql`code collate "C" like ${`${f.codePrefix}%`}`);
  return conds;
}

/**
 * One level's areas whose name starts with `name` (or, without a name, in code order): an index range
 * scan on (level, search_name) or (level, code) that stops at `limit`.
 */
export function searchLevel(db: Tx, level: string, name: string | null, f: AreaFilter, limit: number) {
  const conds = [sql`level = ${level}`, ...filterConds(f)];
  if (name) conds.push(sql`search_name collate "C" like ${`${name}%`}`);
  const order = name ? sql`search_name collate "C", code` : sql`code collate "C"`;
  const page = sql`select * from area where ${sql.join(conds, sql` and `)} order by ${order} limit ${limit}`;
  return queryRows<AreaRow>(
    db,
    withPath(page, name ? sql`a.search_name collate "C", a.code` : sql`a.code collate "C"`),
  );
}

/** Names containing `name`, or with a word close to it (typos): the trigram index. */
export async function searchFuzzy(db: Tx, name: string, level: string | null, f: AreaFilter, limit: number) {
  // pg_trgm's default (0.6) misses a one-letter slip in a short name ("surakrta"); 0.4 still ranks well.
  await db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
  const conds = [sql`(search_name like ${`%${name}%`} or ${name} <% search_name)`, ...filterConds(f)];
  if (level) conds.push(sql`level = ${level}`);
  const score = sql`word_similarity(${name}, search_name)`;
  const page = sql`select *, ${score} as score from area where ${sql.join(conds, sql` and `)}
    order by score desc, code limit ${limit}`;
  return queryRows<AreaRow>(db, withPath(page, sql`a.score desc, ${LEVEL_RANK}, a.code`));
}

export function findChildren(db: Tx, parent: string, limit: number) {
  const page = sql`select * from area where parent_code = ${parent} order by name limit ${limit}`;
  return queryRows<AreaRow>(db, withPath(page, sql`a.name`));
}

export async function findAreasByCodes(db: Tx, codes: string[]): Promise<AreaRow[]> {
  if (codes.length === 0) return [];
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  return queryRows<AreaRow>(db, withPath(sql`select * from area where code in (${list})`, LEVEL_RANK));
}

export async function countChildren(db: Tx, code: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from area where parent_code = ${code}`,
  );
  return rows[0]?.n ?? 0;
}
