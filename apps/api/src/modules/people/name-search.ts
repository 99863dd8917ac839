// The text of a people search, word by word, against the dictionary of name words (name_word, migration
// 0024). A search tries, in order, ways that read an index range or an index lookup and stop when the page
// is full, and only at the end the trigram match that scores and sorts every similar name:
//   prefix  the name starts with the text as typed ("siti nur");
//   prefix  the name starts with the corrected text: each word that is no name word anywhere replaced by
//           the nearest one ("siti nurhalisa" → "siti nurhaliza");
//   words   every word is a word of the name or an alias, in any order (a street name "gondrong", a family
//           name alone, "santoso budi"); the last word may be the start of a word, as the user types;
//   fuzzy   the trigram match over names and aliases, best first.
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';

export type Tier = 'prefix' | 'words' | 'fuzzy';

/** A last word that starts more name words than this is too short to stand for them all. */
const MAX_STARTS = 64;

export type NamePlan = {
  /** The text with each word that is no name word replaced by the nearest name word; null if unchanged. */
  corrected: string | null;
  /**
   * Per word of the (corrected) text, the name words that satisfy it; null when some word has none, so
   * the words tier cannot match.
   */
  alternatives: string[][] | null;
};

type WordRow = { i: number; w: string; exact: boolean; starts: string[] | null; nearest: string | null };

/** Looks the words of a normalised search text up in the dictionary: one query, a few index probes each. */
export async function planName(db: Tx, norm: string): Promise<NamePlan> {
  const words = norm.split(' ').filter(Boolean).slice(0, 8);
  if (words.length === 0) return { corrected: null, alternatives: null };
  const values = sql.join(
    words.map((w, i) => sql`(${i}::int, ${w}::text)`),
    sql`, `,
  );
  const rows = await queryRows<WordRow>(
    db,
    sql`select q.i, q.w,
          exists (select 1 from name_word d where d.word = (q.w collate "C")) as exact,
          (select array_agg(x.word order by x.word) from (
             select d.word from name_word d
             where d.word >= (q.w collate "C") and d.word < ((q.w || '~') collate "C")
             order by d.word limit ${MAX_STARTS + 1}) x) as starts,
          (select d.word from name_word d where d.word % q.w
           order by similarity(d.word, q.w) desc, d.word limit 1) as nearest
        from (values ${values}) q(i, w)
        order by q.i`,
  );
  const last = words.length - 1;
  const fixed: string[] = [];
  const alternatives: string[][] = [];
  let possible = true;
  for (const r of rows) {
    const starts = r.starts ?? [];
    if (r.i === last && starts.length > 0) {
      // As the user types: the last word stands for every name word it starts, unless it starts too many
      // (a letter or two), when it adds nothing the other words do not already narrow.
      fixed.push(r.w);
      if (starts.length <= MAX_STARTS) alternatives.push(starts);
      else if (words.length === 1) possible = false;
    } else if (r.exact) {
      fixed.push(r.w);
      alternatives.push([r.w]);
    } else if (r.nearest) {
      fixed.push(r.nearest);
      alternatives.push([r.nearest]);
    } else {
      fixed.push(r.w);
      possible = false;
    }
  }
  const corrected = fixed.join(' ');
  return {
    corrected: corrected !== words.join(' ') ? corrected : null,
    alternatives: possible && alternatives.length > 0 ? alternatives : null,
  };
}

/** The name starts with the text: a range of the name index, in name order. */
export function prefixCondition(text: string): SQL {
  return sql`(p.name_norm collate "C") >= ${text} and (p.name_norm collate "C") < ${`${text}~`}`;
}

/** Every word has one of its alternatives among the person's name and alias words (person_words_idx). */
export function wordsCondition(alternatives: string[][]): SQL {
  const words = sql`string_to_array(p.search_names, ' ')`;
  const arr = (ws: string[]) =>
    sql`array[${sql.join(
      ws.map((w) => sql`${w}::text`),
      sql`, `,
    )}]`;
  const must = alternatives.filter((a) => a.length === 1).map((a) => a[0] as string);
  const parts: SQL[] = [];
  if (must.length > 0) parts.push(sql`${words} @> ${arr(must)}`);
  for (const a of alternatives.filter((x) => x.length > 1)) parts.push(sql`${words} && ${arr(a)}`);
  return sql.join(parts, sql` and `);
}

/** The typo-tolerant trigram match over names and aliases, and its score. */
export function fuzzyCondition(norm: string): { where: SQL; score: SQL } {
  return { where: sql`${norm} <% p.search_names`, score: sql`word_similarity(${norm}, p.search_names)` };
}
