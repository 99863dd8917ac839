// The ATENSI stage order and what must be recorded before a case may move on. Pure: the service feeds it
// the facts, so the rules can be read and tested in one place.
import { CASE_STAGES, type TCaseStage } from '@atensi/contracts';

export type CaseFacts = {
  notes: number;
  assessments: number;
  approvedPlan: boolean;
  services: number;
  /** Assessments dated on or after the day the case entered evaluation. */
  evaluationAssessments: number;
  terminated: boolean;
  openAftercareTasks: number;
};

export type Missing =
  | 'first_contact_note'
  | 'assessment'
  | 'approved_plan'
  | 'service'
  | 'evaluation'
  | 'termination'
  | 'aftercare_done';

export function stageIndex(s: TCaseStage): number {
  return CASE_STAGES.indexOf(s);
}

export function nextStage(s: TCaseStage): TCaseStage | null {
  return CASE_STAGES[stageIndex(s) + 1] ?? null;
}

/** What is missing before a case in stage `from` may move to the next stage. */
export function missingToLeave(from: TCaseStage, f: CaseFacts): Missing[] {
  switch (from) {
    case 'intake':
      return [];
    case 'approach':
      return f.notes > 0 ? [] : ['first_contact_note'];
    case 'assessment':
      return f.assessments > 0 ? [] : ['assessment'];
    case 'plan':
      return f.approvedPlan ? [] : ['approved_plan'];
    case 'intervention':
      return f.services > 0 ? [] : ['service'];
    case 'evaluation':
      return f.evaluationAssessments > 0 ? [] : ['evaluation'];
    case 'termination':
      return f.terminated ? [] : ['termination'];
    case 'aftercare':
      return f.openAftercareTasks === 0 ? [] : ['aftercare_done'];
    case 'closed':
      return [];
  }
}

export type MoveCheck =
  | { ok: true; override: false }
  | { ok: false; why: 'backwards' | 'skip' | 'same'; missing: Missing[] }
  | { ok: false; why: 'incomplete'; missing: Missing[] };

/** Whether `from` → `to` follows the order with every required record; overrides are decided by the caller. */
export function checkMove(from: TCaseStage, to: TCaseStage, f: CaseFacts): MoveCheck {
  const a = stageIndex(from);
  const b = stageIndex(to);
  if (a === b) return { ok: false, why: 'same', missing: [] };
  if (b < a) return { ok: false, why: 'backwards', missing: [] };
  if (b > a + 1) return { ok: false, why: 'skip', missing: missingToLeave(from, f) };
  const missing = missingToLeave(from, f);
  return missing.length ? { ok: false, why: 'incomplete', missing } : { ok: true, override: false };
}
