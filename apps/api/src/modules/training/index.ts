// Training owns the course catalogue (with graduates' income change from surveys), cohorts at a unit,
// enrolment of the unit's people, sessions and attendance, assessment, completion and certificates.
export { trainingRoutes } from './training.routes.ts';
