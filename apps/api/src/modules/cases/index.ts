// Cases owns the ATENSI process for one person at one unit: stages with required records and overrides,
// assessments, versioned plans with approval, services against the plan, notes, tasks, residential beds,
// and referrals to other units and programmes that close the loop.
export { casesRoutes } from './cases.routes.ts';
export { referralsRoutes } from './referrals.routes.ts';
