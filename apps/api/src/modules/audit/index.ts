// Audit owns the append-only audit log: changes are written by database triggers, reads and
// sign-ins by lib/audit.ts; this module lets admin and DPO search it.
export { auditRoutes } from './audit.routes.ts';
