// Follow-up owns what happens until a person is independent: income surveys and their schedule per case,
// regional minimum wages, the roadmap ladder, each person's milestones and case progress for the outcomes.
export { followupRoutes } from './followup.routes.ts';
export { recordOutletIncome } from './outlet.ts';
export { recomputePerson } from './roadmap.service.ts';
export { ensureCaseSurveySchedule } from './schedule.service.ts';
