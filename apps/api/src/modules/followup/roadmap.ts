// The roadmap engine: pure functions from a person's record (facts) and the ladder to which criteria hold,
// the person's level, when each level was first reached and with what evidence. No database access here.
import type { TCriterion, TCriterionResult } from '@atensi/contracts';

export type SurveyFact = {
  id: string;
  surveyedOn: string;
  monthlyIncome: number;
  incomeAid: number;
  workStatus: string;
  hasBusiness: boolean;
  hasBankAccount: boolean;
  housing: string;
  socialFunctioningScore: number | null;
  hasNik: boolean;
  hasKk: boolean;
  hasHealthInsurance: boolean;
  childrenInSchool: string;
  /** The minimum wage that applies at the survey date; null when it cannot be assessed. */
  wage: { amount: number; kind: 'UMP' | 'UMK' } | null;
};

export type Facts = {
  /** Oldest first (by date, then by when recorded). */
  surveys: SurveyFact[];
  assessments: { on: string; score: number }[];
  plans: string[];
  services: { code: string; on: string }[];
  terminations: { reason: string; on: string }[];
  documentTasks: { from: string; doneOn: string | null }[];
  trainings: string[];
};

export type LadderLevel = {
  level: number;
  criteria: TCriterion[];
  isIndependence: boolean;
  isGraduation: boolean;
};

type Result = TCriterionResult;
type Values = Result['evidence']['values'];

const WORKING = new Set(['employed', 'self_employed', 'casual']);

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function result(criterion: TCriterion, ok: boolean | null, surveyIds: string[], values: Values): Result {
  return {
    criterion,
    status: ok === null ? 'unknown' : ok ? 'met' : 'not_met',
    evidence: { surveyIds, values },
  };
}

/** The view of the record as it stood on a date. */
class AsOf {
  readonly surveys: SurveyFact[];
  constructor(
    readonly facts: Facts,
    readonly date: string,
  ) {
    this.surveys = facts.surveys.filter((s) => s.surveyedOn <= date);
  }
  get latest(): SurveyFact | undefined {
    return this.surveys[this.surveys.length - 1];
  }
  last(n: number): SurveyFact[] {
    return this.surveys.slice(-n);
  }
}

/** One criterion at one date. `levelHolds` answers level_holds (a lower level, same date). */
export function evaluateCriterion(c: TCriterion, at: AsOf, levelHolds: (level: number) => boolean): Result {
  const s = at.latest;
  const one = (ok: boolean, values: Values) => result(c, s ? ok : false, s ? [s.id] : [], values);
  switch (c.kind) {
    case 'assessment_recorded': {
      const a = at.facts.assessments.find((x) => x.on <= at.date);
      return result(c, a !== undefined, [], { assessedOn: a?.on ?? null, baselineScore: a?.score ?? null });
    }
    case 'plan_approved': {
      const p = at.facts.plans.find((d) => d <= at.date);
      return result(c, p !== undefined, [], { approvedOn: p ?? null });
    }
    case 'basic_needs_met':
      return one(
        !!s &&
          s.housing !== 'street' &&
          s.hasKk &&
          (s.childrenInSchool === 'all' || s.childrenInSchool === 'not_applicable'),
        {
          housing: s?.housing ?? null,
          hasKk: s?.hasKk ?? null,
          childrenInSchool: s?.childrenInSchool ?? null,
        },
      );
    case 'has_identity': {
      const task = at.facts.documentTasks.find(
        (t) => t.from <= at.date && (t.doneOn === null || t.doneOn > at.date),
      );
      const ok = (s?.hasNik ?? false) || (c.allowOpenTask && task !== undefined);
      return result(c, ok, s ? [s.id] : [], { hasNik: s?.hasNik ?? null, openDocumentTask: !!task });
    }
    case 'health_insurance':
      return one(!!s?.hasHealthInsurance, { hasHealthInsurance: s?.hasHealthInsurance ?? null });
    case 'stable_living':
      return one(!!s && (c.housing as string[]).includes(s.housing), { housing: s?.housing ?? null });
    case 'functioning_improved': {
      const base = at.facts.assessments.find((x) => x.on <= at.date);
      const scored = at.surveys.filter((x) => x.socialFunctioningScore !== null);
      const latest = scored[scored.length - 1];
      const band = (x: number) => Math.floor(x / c.bandWidth);
      const ok = !!base && !!latest && band(latest.socialFunctioningScore ?? 0) - band(base.score) >= c.bands;
      return result(c, ok, latest ? [latest.id] : [], {
        baselineScore: base?.score ?? null,
        latestScore: latest?.socialFunctioningScore ?? null,
      });
    }
    case 'training_completed': {
      const training = at.facts.trainings.find((d) => d <= at.date);
      const coaching = at.facts.services.find((x) => x.on <= at.date && c.serviceCodes.includes(x.code));
      return result(c, !!training || !!coaching, [], {
        trainingCompletedOn: training ?? null,
        coachingOn: coaching?.on ?? null,
        coachingService: coaching?.code ?? null,
      });
    }
    case 'work_or_business':
      return one(!!s && (WORKING.has(s.workStatus) || s.hasBusiness), {
        workStatus: s?.workStatus ?? null,
        hasBusiness: s?.hasBusiness ?? null,
      });
    case 'bank_account':
      return one(!!s?.hasBankAccount, { hasBankAccount: s?.hasBankAccount ?? null });
    case 'income_at_least': {
      const window = at.last(c.consecutive);
      const values: Values = { ratio: c.ratio, surveysNeeded: c.consecutive };
      let ok: boolean | null = window.length >= c.consecutive;
      let unknown = false;
      for (const x of window) {
        values[`${x.surveyedOn}.income`] = x.monthlyIncome;
        values[`${x.surveyedOn}.minimumWage`] = x.wage?.amount ?? null;
        if (!x.wage) unknown = true;
        else if (x.monthlyIncome < c.ratio * x.wage.amount) ok = false;
      }
      if (ok && unknown) ok = null;
      return result(
        c,
        ok,
        window.map((x) => x.id),
        values,
      );
    }
    case 'no_social_assistance': {
      const window = at.last(c.surveys);
      const ok = window.length >= c.surveys && window.every((x) => x.incomeAid === 0);
      const values: Values = {};
      for (const x of window) values[`${x.surveyedOn}.aid`] = x.incomeAid;
      return result(
        c,
        ok,
        window.map((x) => x.id),
        values,
      );
    }
    case 'level_holds':
      return result(c, levelHolds(c.level), [], { level: c.level });
    case 'terminated_with_reason': {
      const t = at.facts.terminations.find(
        (x) => x.on <= at.date && (c.reasons as string[]).includes(x.reason),
      );
      return result(c, !!t, [], { terminatedOn: t?.on ?? null, reason: t?.reason ?? null });
    }
    case 'followups_done': {
      const ended = at.facts.terminations.filter((x) => x.on <= at.date);
      const t = ended[ended.length - 1];
      if (!t) return result(c, false, [], { terminatedOn: null });
      const ids: string[] = [];
      const values: Values = { terminatedOn: t.on };
      let ok = true;
      for (const m of c.months) {
        const due = addMonths(t.on, m);
        const hit = at.surveys.find(
          (x) => x.surveyedOn > t.on && Math.abs(daysBetween(due, x.surveyedOn)) <= c.toleranceDays,
        );
        values[`month${m}`] = hit?.surveyedOn ?? null;
        if (hit) ids.push(hit.id);
        else ok = false;
      }
      return result(c, ok, ids, values);
    }
  }
}

export type LevelAt = { level: number; holds: boolean; criteria: Result[] };

/** Every level at one date. A level holds when its criteria hold and the level below holds (a ladder). */
export function evaluateAt(ladder: LadderLevel[], facts: Facts, date: string): LevelAt[] {
  const at = new AsOf(facts, date);
  const sorted = [...ladder].sort((a, b) => a.level - b.level);
  const out: LevelAt[] = [];
  const own = new Map<number, boolean>();
  const ownHolds = (lvl: LadderLevel): boolean => {
    const cached = own.get(lvl.level);
    if (cached !== undefined) return cached;
    own.set(lvl.level, false); // a level naming itself (or a cycle) does not hold
    const ok = lvl.criteria.every((c) => evaluateCriterion(c, at, holdsByNo).status === 'met');
    own.set(lvl.level, ok);
    return ok;
  };
  const holdsByNo = (n: number): boolean => {
    const lvl = sorted.find((l) => l.level === n);
    return lvl ? ownHolds(lvl) : false;
  };
  let below = true;
  for (const lvl of sorted) {
    const criteria = lvl.criteria.map((c) => evaluateCriterion(c, at, holdsByNo));
    const holds: boolean = below && criteria.every((r) => r.status === 'met');
    out.push({ level: lvl.level, holds, criteria });
    below = holds;
  }
  return out;
}

export type Reached = { level: number; reachedOn: string; evidence: Result[] };

export type Timeline = {
  /** Levels as of `today`. */
  now: LevelAt[];
  /** The highest level holding today, or null. */
  level: number | null;
  /** For each level: the first date it held, with the evidence of that date. */
  reached: Reached[];
};

/** Walk the record date by date (every date something was recorded, then today). */
export function computeTimeline(ladder: LadderLevel[], facts: Facts, today: string): Timeline {
  const dates = new Set<string>([today]);
  for (const s of facts.surveys) dates.add(s.surveyedOn);
  for (const a of facts.assessments) dates.add(a.on);
  for (const p of facts.plans) dates.add(p);
  for (const s of facts.services) dates.add(s.on);
  for (const t of facts.terminations) dates.add(t.on);
  for (const t of facts.documentTasks) dates.add(t.from);
  for (const d of facts.trainings) dates.add(d);
  const points = [...dates].filter((d) => d <= today).sort();
  const reached = new Map<number, Reached>();
  let now: LevelAt[] = [];
  for (const d of points) {
    const levels = evaluateAt(ladder, facts, d);
    for (const l of levels)
      if (l.holds && !reached.has(l.level))
        reached.set(l.level, { level: l.level, reachedOn: d, evidence: l.criteria });
    if (d === today) now = levels;
  }
  const holding = now.filter((l) => l.holds).map((l) => l.level);
  return {
    now,
    level: holding.length ? Math.max(...holding) : null,
    reached: [...reached.values()].sort((a, b) => a.level - b.level),
  };
}
