// Cases owns the ATENSI process for one person at one unit: stages with required records and overrides,
// assessments, versioned plans with approval, services against the plan, notes, tasks, residential beds.
export { casesRoutes } from './cases.routes.ts';
