// Shared API contracts: every request and response shape, used by the API (validation, OpenAPI)
// and by the web UI (types and forms). One schema, one truth.
export * from './audit.ts';
export * from './auth.ts';
export * from './cases.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './followup.ts';
export * from './health.ts';
export * from './outcomes.ts';
export * from './people.ts';
export * from './people-documents.ts';
export * from './people-import.ts';
export * from './people-merge.ts';
export * from './reference.ts';
export * from './referrals.ts';
export * from './training.ts';
export * from './units.ts';
export * from './users.ts';
