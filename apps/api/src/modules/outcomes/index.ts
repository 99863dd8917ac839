// Outcomes owns the figures headquarters and units read about follow-up: people followed up, incomes at
// intake and latest, roadmap levels, graduation, time to independence and overdue surveys, with an export.
export { outcomesRoutes } from './outcomes.routes.ts';
