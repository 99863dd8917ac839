// The text of a people search, word by word, against the dictionary of name words (name_word, migration
// 0024). A search tries, in order, ways that read an index range or an index lookup and stop when the page
// is full, and only at the end the trigram match that scores and sorts every similar name:
//   prefix  the name starts with the text as typed ("siti nur");
//   prefix  the name starts with the corrected text: each word that is no name word anywhere replaced by
//           the nearest one ("siti nurhalisa" → "siti nurhaliza");
//   words   every word is a word of the name or an alias, in any order (a street name "gondrong", a family
//           name alone, "santoso budi"); the last word may be the start of a word, as the user types;
//   near    the same, each word or a name word a slip away from it ("hary eko" finds "hari eko"), best first;
//   fuzzy   the trigram match over names and aliases, best first.
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';

export type Tier = 'prefix' | 'words' | 'near' | 'fuzzy';

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
  /**
   * The same with every name word a slip away from each word as well ("hary" also "hari"): for a text
   * whose every word is someone's name word, but not this person's. Null when it adds nothing.
   */
  loose: string[][] | null;
};

type WordRow = { i: number; w: string; exact: boolean; starts: string[] | null; near: string[] | null };

/** Dictionary words considered for a misspelt word, and how alike they must look to be considered. */
const NEAR = 12;
const CANDIDATE_SIMILARITY = 0.2;

/** Edits (insert, delete, replace, swap of neighbours) between two words: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Edits a slip of the keyboard may make: one in a short word, two in a longer one. */
const allowedEdits = (w: string) => (w.length <= 4 ? 1 : 2);
const isSlip = (w: string, c: string) => editDistance(w, c) <= allowedEdits(w);

/** The nearest name word a slip of the keyboard could have made `w` from. */
export function nearestWord(w: string, candidates: readonly string[]): string | null {
  const allowed = allowedEdits(w);
  let best: string | null = null;
  let bestDistance = allowed + 1;
  // Candidates come most alike first, so a tie keeps the one that shares more of its letters.
  for (const c of candidates) {
    const dist = editDistance(w, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/** Looks the words of a normalised search text up in the dictionary: one query, a few index probes each. */
export async function planName(db: Tx, norm: string): Promise<NamePlan> {
  const words = norm.split(' ').filter(Boolean).slice(0, 8);
  if (words.length === 0) return { corrected: null, alternatives: null, loose: null };
  const values = sql.join(
    words.map((w, i) => sql`(${i}::int, ${w}::text)`),
    sql`, `,
  );
  // Trigrams rank long words well but miss a swap in a short one ("prajo" and "parjo" share 2 of 10): a
  // lower threshold while the dictionary is read, then the candidates are judged by edit distance.
  const [saved] = await queryRows<{ threshold: string | null }>(
    db,
    sql`select current_setting('pg_trgm.similarity_threshold', true) as threshold,
               set_config('pg_trgm.similarity_threshold', ${String(CANDIDATE_SIMILARITY)}, true)`,
  );
  const rows = await queryRows<WordRow>(
    db,
    sql`select q.i, q.w,
          exists (select 1 from name_word d where d.word = (q.w collate "C")) as exact,
          (select array_agg(x.word order by x.word) from (
             select d.word from name_word d
             where d.word >= (q.w collate "C") and d.word < ((q.w || '~') collate "C")
             order by d.word limit ${MAX_STARTS + 1}) x) as starts,
          (select array_agg(x.word order by x.sim desc, x.word) from (
             select d.word, similarity(d.word, q.w) as sim from name_word d where d.word % q.w
             order by sim desc, d.word limit ${NEAR}) x) as near
        from (values ${values}) q(i, w)
        order by q.i`,
  );
  const threshold = saved?.threshold || '0.3';
  await queryRows(db, sql`select set_config('pg_trgm.similarity_threshold', ${threshold}, true)`);
  const last = words.length - 1;
  const fixed: string[] = [];
  const alternatives: string[][] = [];
  const loose: string[][] = [];
  let possible = true;
  let loosePossible = true;
  for (const r of rows) {
    const starts = r.starts ?? [];
    const near = (r.near ?? []).filter((c) => c !== r.w && isSlip(r.w, c));
    const nearest = r.exact ? null : nearestWord(r.w, r.near ?? []);
    if (r.i === last && starts.length > 0) {
      // As the user types: the last word stands for every name word it starts, unless it starts too many
      // (a letter or two), when it adds nothing the other words do not already narrow.
      fixed.push(r.w);
      if (starts.length <= MAX_STARTS) {
        alternatives.push(starts);
        loose.push([...new Set([...starts, ...near])]);
      } else if (words.length === 1) {
        possible = false;
        loosePossible = false;
      }
    } else if (r.exact) {
      fixed.push(r.w);
      alternatives.push([r.w]);
      loose.push([r.w, ...near]);
    } else if (nearest) {
      fixed.push(nearest);
      alternatives.push([nearest]);
      loose.push(near);
    } else {
      fixed.push(r.w);
      possible = false;
      loosePossible = false;
    }
  }
  const corrected = fixed.join(' ');
  const widened = loose.some((l, i) => l.length > (alternatives[i]?.length ?? 0));
  return {
    corrected: corrected !== words.join(' ') ? corrected : null,
    alternatives: possible && alternatives.length > 0 ? alternatives : null,
    loose: loosePossible && widened && loose.length > 0 ? loose : null,
  };
}

/** The name starts with the text: a range of a name index (person's, or another table's `name`), in name order. */
export function prefixCondition(text: string, name: SQL = sql`p.name_norm`): SQL {
  return sql`(${name} collate "C") >= ${text} and (${name} collate "C") < ${`${text}~`}`;
}

/** The words that must be there as they are: the candidates for the range a word search reads (person_word). */
export function exactWords(alternatives: string[][]): string[] {
  return [...new Set(alternatives.filter((a) => a.length === 1).map((a) => a[0] as string))];
}

/** Every word has one of its alternatives among the person's name and alias words (person_words_idx). */
export function wordsCondition(alternatives: string[][]): SQL {
  const words = sql`p.search_words`;
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
