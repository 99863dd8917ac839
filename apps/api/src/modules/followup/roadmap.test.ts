import type { TCriterion } from '@atensi/contracts';
import { describe, expect, it } from 'vitest';
import { addMonths, computeTimeline, type Facts, type LadderLevel, type SurveyFact } from './roadmap.ts';

const UMP = { amount: 2_000_000, kind: 'UMP' as const };
function s(
  id: string,
  surveyedOn: string,
  monthlyIncome: number,
  wage: SurveyFact['wage'] = UMP,
): SurveyFact {
  return {
    id,
    surveyedOn,
    monthlyIncome,
    incomeAid: 0,
    workStatus: 'employed',
    hasBusiness: false,
    hasBankAccount: true,
    housing: 'family',
    socialFunctioningScore: 70,
    hasNik: true,
    hasKk: true,
    hasHealthInsurance: true,
    childrenInSchool: 'all',
    wage,
  };
}
const facts = (surveys: SurveyFact[]): Facts => ({
  surveys,
  assessments: [],
  plans: [],
  services: [],
  terminations: [],
  documentTasks: [],
  trainings: [],
});
const ladder = (criteria: TCriterion[]): LadderLevel[] => [
  { level: 0, criteria, isIndependence: true, isGraduation: true },
];
const twoAtUmp = ladder([{ kind: 'income_at_least', ratio: 1, consecutive: 2 }]);

describe('computeTimeline', () => {
  it('reaches the level only on the second consecutive survey at the minimum wage', () => {
    const tl = computeTimeline(
      twoAtUmp,
      facts([
        s('a', '2025-01-01', 2_500_000),
        s('b', '2025-02-01', 1_000_000),
        s('c', '2025-03-01', 2_000_000),
        s('d', '2025-04-01', 2_100_000),
      ]),
      '2025-05-01',
    );
    expect(tl.reached).toHaveLength(1);
    expect(tl.reached[0]?.reachedOn).toBe('2025-04-01');
    expect(tl.reached[0]?.evidence[0]?.evidence.surveyIds).toEqual(['c', 'd']);
    expect(tl.level).toBe(0);
  });

  it('keeps the milestone but drops the current level after a fall', () => {
    const tl = computeTimeline(
      twoAtUmp,
      facts([
        s('a', '2025-01-01', 2_500_000),
        s('b', '2025-02-01', 2_500_000),
        s('c', '2025-03-01', 500_000),
      ]),
      '2025-05-01',
    );
    expect(tl.reached[0]?.reachedOn).toBe('2025-02-01');
    expect(tl.level).toBeNull();
  });

  it('reads "cannot be assessed" when the minimum wage is missing, never a guess', () => {
    const tl = computeTimeline(
      twoAtUmp,
      facts([s('a', '2025-01-01', 9_000_000, null), s('b', '2025-02-01', 9_000_000)]),
      '2025-05-01',
    );
    expect(tl.reached).toEqual([]);
    expect(tl.now[0]?.criteria[0]?.status).toBe('unknown');
  });

  it('needs every lower level to hold (a ladder)', () => {
    const two: LadderLevel[] = [
      { level: 0, criteria: [{ kind: 'plan_approved' }], isIndependence: false, isGraduation: false },
      { level: 1, criteria: [{ kind: 'bank_account' }], isIndependence: false, isGraduation: true },
    ];
    const tl = computeTimeline(two, facts([s('a', '2025-01-01', 0)]), '2025-05-01');
    expect(tl.level).toBeNull();
    expect(tl.now[1]).toMatchObject({ holds: false, criteria: [{ status: 'met' }] });
  });
});

describe('addMonths', () => {
  it('keeps the day, or the month end when the month is shorter', () => {
    expect(addMonths('2025-09-15', 3)).toBe('2025-12-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
});
