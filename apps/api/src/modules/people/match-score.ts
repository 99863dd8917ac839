// How alike two person records are, and why: one weighting (name, then birth date, mother's name, area)
// for the check on registration and for the duplicate review queue.
import type { TDuplicateCandidate } from '@atensi/contracts';

type Lang = 'id' | 'en';
type TMatchReason = TDuplicateCandidate['reasons'][number];

/** Similarities computed in SQL (pg_trgm and date arithmetic); null where a side has no value. */
export type MatchFacts = {
  name_sim: number;
  mother_sim: number | null;
  birth_diff_days: number | null;
  same_regency: boolean | null;
};

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The same weighting as the check on registration: name first, then birth date, mother, area. */
export function scorePair(r: MatchFacts, lang: Lang) {
  const reasons: TMatchReason[] = [
    {
      field: 'name',
      similarity: r.name_sim,
      detail: lang === 'id' ? `nama ${pct(r.name_sim)} mirip` : `name ${pct(r.name_sim)} similar`,
    },
  ];
  let score = r.name_sim * 0.55;
  let weight = 0.55;
  if (r.birth_diff_days !== null) {
    const d = r.birth_diff_days;
    const sim = d === 0 ? 1 : d <= 31 ? 0.8 : d <= 366 ? 0.5 : 0;
    score += sim * 0.25;
    weight += 0.25;
    if (sim > 0) {
      const same = lang === 'id' ? 'tanggal lahir sama' : 'same birth date';
      const apart = lang === 'id' ? `lahir selisih ${d} hari` : `born ${d} days apart`;
      reasons.push({ field: 'birthDate', similarity: sim, detail: d === 0 ? same : apart });
    }
  }
  if (r.mother_sim !== null) {
    score += r.mother_sim * 0.15;
    weight += 0.15;
    if (r.mother_sim >= 0.5) {
      reasons.push({
        field: 'motherName',
        similarity: r.mother_sim,
        detail:
          lang === 'id'
            ? `nama ibu ${pct(r.mother_sim)} mirip`
            : `mother's name ${pct(r.mother_sim)} similar`,
      });
    }
  }
  if (r.same_regency !== null) {
    score += (r.same_regency ? 1 : 0) * 0.05;
    weight += 0.05;
    if (r.same_regency) {
      reasons.push({
        field: 'area',
        similarity: 1,
        detail: lang === 'id' ? 'kabupaten/kota yang sama' : 'same regency or city',
      });
    }
  }
  return { score: Math.round((score / weight) * 100) / 100, reasons };
}
