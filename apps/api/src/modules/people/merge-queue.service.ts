// The duplicate review queue: probable pairs among the people the actor may see. Each page walks a window
// of records in id order (an index range, cheap at any size) and, per record, looks for similar records
// with a smaller id (so each pair is proposed once), so one page costs a bounded number of index probes.
import type {
  TDuplicatePair,
  TDuplicateQueueQuery,
  TDuplicateQueueResponse,
  TMergePersonSide,
} from '@atensi/contracts';
import { ZDuplicateQueueQuery } from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { scorePair } from './match-score.ts';
import { scopeFilter } from './people.service.ts';

/** Below this combined score a pair is not worth a reviewer's time (as on registration). */
const PAIR_MIN_SCORE = 0.55;
/** Records checked per window, and at most per page: bounds the work one request does. */
const WINDOW = 50;
const MAX_SCAN = 300;
/**
 * Records with a known birth date are compared with those born within this many days (an index range:
 * cheap however common the name); the trigram index, costly for common names, serves the rest.
 */
const BIRTH_DAYS = 31;
/** Similar older records considered per record. */
const PER_RECORD = 5;

type Lang = Ctx['meta']['lang'];
type Reason = TDuplicatePair['reasons'][number];

type PairRow = {
  a_id: string;
  b_id: string;
  name_sim: number;
  mother_sim: number | null;
  birth_diff_days: number | null;
  same_regency: boolean | null;
  nik_conflict: boolean;
};

type Cursor = { i: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string | undefined, lang: Lang): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (typeof c.i !== 'string' || !/^[0-9a-f-]{36}$/.test(c.i)) {
      throw new Error('bad cursor');
    }
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        {
          field: 'cursor',
          issue: 'invalid_format',
          message: lang === 'id' ? 'cursor: kursor halaman tidak valid' : 'cursor: invalid page cursor',
        },
      ],
    });
  }
}

/** Pairs whose larger-id record lies in one window of ids, after the cursor. */
async function pairsInWindow(ctx: Ctx, after: Cursor | null) {
  const win = await queryRows<{ id: string }>(
    ctx.db,
    sql`select p.id from person p
        where p.merged_into_id is null and ${scopeFilter(ctx)}
        ${after ? sql`and p.id > ${after.i}::uuid` : sql``}
        order by p.id
        limit ${WINDOW}`,
  );
  if (win.length === 0) return { ids: [] as string[], pairs: [] as PairRow[], last: null, done: true };
  const ids = win.map((w) => sql`${w.id}::uuid`);
  // The same conditions in both branches, so each branch stays one index scan with its filters.
  const candidate = sql`c.merged_into_id is null and c.sex = w.sex and c.id < w.id
    and exists (select 1 from person p where p.id = c.id and ${scopeFilter(ctx)})
    and not exists (select 1 from person_distinct d
                    where d.person_a = least(w.id, c.id) and d.person_b = greatest(w.id, c.id))`;
  const cols = sql`c.id, c.mother_name_norm, c.birth_date, c.area_code, c.nik,
                   similarity(c.search_names, w.name_norm) as name_sim`;
  const pairs = await queryRows<PairRow>(
    ctx.db,
    sql`select w.id as a_id, q.id as b_id, q.name_sim,
               case when w.mother_name_norm is null or q.mother_name_norm is null then null
                    else similarity(w.mother_name_norm, q.mother_name_norm) end as mother_sim,
               case when w.birth_date is null or q.birth_date is null then null
                    else abs(w.birth_date - q.birth_date) end as birth_diff_days,
               case when w.area_code is null or q.area_code is null then null
                    else (select a.regency_code from area a where a.code = w.area_code)
                         is not distinct from (select b.regency_code from area b where b.code = q.area_code) end
                 as same_regency,
               (w.nik is not null and q.nik is not null and w.nik <> q.nik) as nik_conflict
        from person w
        cross join lateral (
          select x.* from (
            -- Known birth date: older records born within a month (an index range), then names compared.
            (select ${cols} from person c
             where w.birth_date is not null and not w.birth_date_estimated
               and c.birth_date between w.birth_date - ${BIRTH_DAYS}::int and w.birth_date + ${BIRTH_DAYS}::int
               and similarity(c.search_names, w.name_norm) >= 0.3 and ${candidate})
            union all
            -- No or an estimated birth date: the trigram index finds similar names.
            (select ${cols} from person c
             where (w.birth_date is null or w.birth_date_estimated) and c.search_names % w.name_norm
               and ${candidate})
          ) x
          order by x.name_sim desc, x.id
          limit ${PER_RECORD}
        ) q
        where w.id in (${sql.join(ids, sql`, `)})`,
  );
  const last = win[win.length - 1];
  return {
    ids: win.map((w) => w.id),
    pairs,
    last: last ? { i: last.id } : null,
    done: win.length < WINDOW,
  };
}

/** What a reviewer compares, for a set of records. */
export async function loadSides(db: Tx, ids: string[]): Promise<Map<string, TMergePersonSide>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{
    id: string;
    full_name: string;
    aliases: string[];
    nik: string | null;
    kk_no: string | null;
    sex: 'L' | 'P';
    birth_date: string | null;
    birth_date_estimated: boolean;
    birth_place: string | null;
    mother_name: string | null;
    area_code: string | null;
    area_name: string | null;
    unit_id: string;
    unit_code: string;
    unit_name: string;
    version: number;
    created_at: Date | string;
  }>(
    db,
    sql`select p.id, p.full_name, p.nik, p.kk_no, p.sex, p.birth_date::text as birth_date,
               p.birth_date_estimated, p.birth_place, p.mother_name, p.area_code, a.name as area_name,
               u.id as unit_id, u.code as unit_code, u.name as unit_name, p.version, p.created_at,
               coalesce((select array_agg(al.alias order by al.created_at, al.alias) from person_alias al
                         where al.person_id = p.id), '{}') as aliases
        from person p join unit u on u.id = p.registered_unit_id left join area a on a.code = p.area_code
        where p.id in (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        fullName: r.full_name,
        aliases: r.aliases,
        nik: r.nik,
        kkNo: r.kk_no,
        sex: r.sex,
        birthDate: r.birth_date,
        birthDateEstimated: r.birth_date_estimated,
        birthPlace: r.birth_place,
        motherName: r.mother_name,
        areaCode: r.area_code,
        areaName: r.area_name,
        registeredUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
        version: r.version,
        createdAt: new Date(r.created_at).toISOString(),
      },
    ]),
  );
}

export async function getDuplicateQueue(
  ctx: Ctx,
  input: TDuplicateQueueQuery,
): Promise<TDuplicateQueueResponse> {
  const q = ZDuplicateQueueQuery.parse(input);
  const lang = ctx.meta.lang;
  let cursor = decodeCursor(q.cursor, lang);
  const found: { row: PairRow; score: number; reasons: Reason[] }[] = [];
  let scanned = 0;
  let done = false;
  // Walk windows until the page has enough pairs or this request has done its share of work.
  while (!done && found.length < q.limit && scanned < MAX_SCAN) {
    const w = await pairsInWindow(ctx, cursor);
    scanned += WINDOW;
    done = w.done;
    cursor = w.last;
    // Records in id order, each with all its pairs; a full page ends after the record that filled it, and
    // the next page starts after that record, so a page holds about `limit` pairs and none is skipped.
    for (const id of w.ids) {
      for (const row of w.pairs) {
        if (row.a_id !== id) continue;
        const s = scorePair(row, lang);
        if (s.score >= PAIR_MIN_SCORE) found.push({ row, ...s });
      }
      if (found.length >= q.limit && id !== w.ids[w.ids.length - 1]) {
        cursor = { i: id };
        done = false;
        break;
      }
    }
  }
  const sides = await loadSides(ctx.db, [...new Set(found.flatMap((f) => [f.row.a_id, f.row.b_id]))]);
  const items: TDuplicatePair[] = [];
  for (const f of found.sort((x, y) => y.score - x.score)) {
    const a = sides.get(f.row.a_id);
    const b = sides.get(f.row.b_id);
    if (a && b) items.push({ a, b, score: f.score, reasons: f.reasons, nikConflict: f.row.nik_conflict });
  }
  if (ctx.scope === 'all') {
    await auditRead(ctx, 'person', null, { duplicateQueue: true, results: items.length }, 'search');
  }
  return { items, nextCursor: !done && cursor ? encodeCursor(cursor) : null };
}
