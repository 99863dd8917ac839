// The one authorization policy: for every route, who may call it and at what scope.
// A route without an entry is refused (default deny), and policy.test.ts fails when one is missing.
import { ROLES, type TModule, type TRole } from '@atensi/contracts';

/** all: every unit's records (headquarters); unit: the actor's own unit; self: the actor's own records. */
export type Scope = 'all' | 'unit' | 'self';

export type RoutePolicy =
  /** No sign-in needed. */
  | { access: 'public' }
  /** Any signed-in user, even one who must still change an initial password. */
  | { access: 'session' }
  /** Only these roles, each at its scope. */
  | { access: 'roles'; roles: Partial<Record<TRole, Scope>> };

/** Every role, at one scope: for reference data everyone reads. */
function everyRole(scope: Scope): Partial<Record<TRole, Scope>> {
  return Object.fromEntries(ROLES.map((r) => [r, scope]));
}

const PEOPLE_READERS: Partial<Record<TRole, Scope>> = {
  admin: 'all',
  operator_pusat: 'all',
  kepala_upt: 'unit',
  pekerja_sosial: 'unit',
  petugas_ska: 'unit',
};
const PEOPLE_WRITERS: Partial<Record<TRole, Scope>> = {
  operator_pusat: 'all',
  kepala_upt: 'unit',
  pekerja_sosial: 'unit',
  petugas_ska: 'unit',
};

/**
 * Merging records of one person and undoing it: heads of unit for people their unit may see, and
 * headquarters operators across units (duplicates registered by two units). Not admin (a system role that
 * does not edit people) and not social workers: a merge changes what every unit involved sees.
 */
const PEOPLE_MERGERS: Partial<Record<TRole, Scope>> = { operator_pusat: 'all', kepala_upt: 'unit' };

const CASE_READERS: Partial<Record<TRole, Scope>> = {
  admin: 'all',
  operator_pusat: 'all',
  kepala_upt: 'unit',
  pekerja_sosial: 'unit',
};
const CASE_WORKERS: Partial<Record<TRole, Scope>> = { kepala_upt: 'unit', pekerja_sosial: 'unit' };

const USER_MANAGERS: Partial<Record<TRole, Scope>> = { admin: 'all', kepala_upt: 'unit' };

/**
 * Keys are `METHOD /path` as registered (HEAD is checked as GET). A trailing `*` matches a prefix, but
 * only outside `/api/`: every API route needs its own entry.
 */
export const POLICY: Record<string, RoutePolicy> = {
  'GET /api/v1/health': { access: 'public' },
  'POST /api/v1/auth/login': { access: 'public' },
  'POST /api/v1/auth/logout': { access: 'session' },
  'GET /api/v1/auth/me': { access: 'session' },
  'POST /api/v1/auth/password': { access: 'session' },
  'GET /api/v1/audit-events': { access: 'roles', roles: { admin: 'all', dpo: 'all' } },
  'GET /api/v1/areas': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/areas/:code': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/reference': { access: 'roles', roles: everyRole('all') },
  'PUT /api/v1/reference/clusters/:code': { access: 'roles', roles: { admin: 'all' } },
  'PUT /api/v1/reference/ppks/:code': { access: 'roles', roles: { admin: 'all' } },
  'PUT /api/v1/reference/services/:code': { access: 'roles', roles: { admin: 'all' } },
  'PUT /api/v1/reference/programmes/:code': { access: 'roles', roles: { admin: 'all' } },
  // People: unit staff see the people of their unit (registered, served or referred to it); headquarters
  // sees all, audited. Specific data: the service narrows it to social workers and the unit head.
  'GET /api/v1/people': { access: 'roles', roles: PEOPLE_READERS },
  'POST /api/v1/people/duplicates': { access: 'roles', roles: PEOPLE_WRITERS },
  'POST /api/v1/people': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/:id': { access: 'roles', roles: PEOPLE_READERS },
  'PATCH /api/v1/people/:id': { access: 'roles', roles: PEOPLE_WRITERS },
  // Duplicates: the review queue, merge, undo and 'not the same person' (see PEOPLE_MERGERS); history reads.
  'GET /api/v1/people/duplicate-queue': { access: 'roles', roles: PEOPLE_MERGERS },
  'POST /api/v1/people/merge': { access: 'roles', roles: PEOPLE_MERGERS },
  'POST /api/v1/people/merges/:mergeId/undo': { access: 'roles', roles: PEOPLE_MERGERS },
  'GET /api/v1/people/merges': { access: 'roles', roles: PEOPLE_MERGERS },
  'POST /api/v1/people/distinct': { access: 'roles', roles: PEOPLE_MERGERS },
  'GET /api/v1/people/:id/merges': { access: 'roles', roles: PEOPLE_READERS },
  'GET /api/v1/people/:id/sensitive': {
    access: 'roles',
    roles: { kepala_upt: 'unit', pekerja_sosial: 'unit' },
  },
  'PUT /api/v1/people/:id/sensitive': {
    access: 'roles',
    roles: { kepala_upt: 'unit', pekerja_sosial: 'unit' },
  },
  // Documents and consent follow the person's scope; medical documents are narrowed in the service.
  'GET /api/v1/people/:id/documents': { access: 'roles', roles: PEOPLE_READERS },
  'POST /api/v1/people/:id/documents': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/:id/documents/:docId/file': { access: 'roles', roles: PEOPLE_READERS },
  'DELETE /api/v1/people/:id/documents/:docId': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/:id/consents': { access: 'roles', roles: PEOPLE_READERS },
  'POST /api/v1/people/:id/consents': { access: 'roles', roles: PEOPLE_WRITERS },
  'POST /api/v1/people/:id/consents/:consentId/withdraw': { access: 'roles', roles: PEOPLE_WRITERS },
  // Cases: the unit's social workers and head run them; headquarters reads. Approval and admission
  // are the unit head's (checked again in the service).
  'GET /api/v1/cases': { access: 'roles', roles: CASE_READERS },
  'POST /api/v1/cases': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/cases/:id': { access: 'roles', roles: CASE_READERS },
  'GET /api/v1/cases/assessment-form': { access: 'roles', roles: CASE_READERS },
  'GET /api/v1/cases/workers': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/assign': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/stage': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/assessments': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/plan/approve': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/services': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/notes': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/tasks': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/tasks/:taskId/done': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/terminate': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/close': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/reopen': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/cases/:id/admit': { access: 'roles', roles: CASE_WORKERS },
  'PUT /api/v1/cases/:id/plan': { access: 'roles', roles: CASE_WORKERS },
  // Bulk import registers people in the importer's unit (headquarters names one); export is a search.
  'POST /api/v1/people/imports': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/imports': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/imports/:id': { access: 'roles', roles: PEOPLE_WRITERS },
  'PUT /api/v1/people/imports/:id/mapping': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/imports/:id/preview': { access: 'roles', roles: PEOPLE_WRITERS },
  'POST /api/v1/people/imports/:id/run': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/imports/:id/errors.csv': { access: 'roles', roles: PEOPLE_WRITERS },
  'GET /api/v1/people/export': { access: 'roles', roles: PEOPLE_READERS },
  'GET /api/v1/referrals': { access: 'roles', roles: CASE_READERS },
  'POST /api/v1/referrals': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/referrals/:id': { access: 'roles', roles: CASE_READERS },
  'POST /api/v1/referrals/:id/accept': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/referrals/:id/decline': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/referrals/:id/cancel': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/referrals/:id/outcome': { access: 'roles', roles: CASE_WORKERS },
  // Units are not personal data: everyone reads them; admin edits all, a head of unit their own.
  'GET /api/v1/units': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/units/matrix': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/units/nearest': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/units/:id': { access: 'roles', roles: everyRole('all') },
  'PATCH /api/v1/units/:id': { access: 'roles', roles: { admin: 'all', kepala_upt: 'unit' } },
  'PUT /api/v1/units/:id/services': { access: 'roles', roles: { admin: 'all', kepala_upt: 'unit' } },
  'PUT /api/v1/units/:id/coverage': { access: 'roles', roles: { admin: 'all', kepala_upt: 'unit' } },
  'POST /api/v1/units': { access: 'roles', roles: { admin: 'all' } },
  'POST /api/v1/units/:id/archive': { access: 'roles', roles: { admin: 'all' } },
  'POST /api/v1/units/:id/merge': { access: 'roles', roles: { admin: 'all' } },
  'POST /api/v1/units/:id/facilities': { access: 'roles', roles: { admin: 'all', kepala_upt: 'unit' } },
  'DELETE /api/v1/units/:id/facilities/:facilityId': {
    access: 'roles',
    roles: { admin: 'all', kepala_upt: 'unit' },
  },
  // Accounts: admin manages all; a head of unit manages their unit's (never headquarters roles).
  'GET /api/v1/users': { access: 'roles', roles: USER_MANAGERS },
  'POST /api/v1/users': { access: 'roles', roles: USER_MANAGERS },
  'GET /api/v1/users/:id': { access: 'roles', roles: USER_MANAGERS },
  'PATCH /api/v1/users/:id': { access: 'roles', roles: USER_MANAGERS },
  'POST /api/v1/users/:id/deactivate': { access: 'roles', roles: USER_MANAGERS },
  'POST /api/v1/users/:id/activate': { access: 'roles', roles: USER_MANAGERS },
  'POST /api/v1/users/:id/reset-password': { access: 'roles', roles: USER_MANAGERS },
  'GET /api/v1/auth/sessions': { access: 'session' },
  'DELETE /api/v1/auth/sessions/:id': { access: 'session' },
  // ── Follow-up: surveys, schedules, minimum wages, roadmap (modules/followup) ──
  // Surveys hold income (audited reads): the case team records them for its unit's cases; headquarters
  // reads. Minimum wages and the ladder are reference data everyone reads and admin edits.
  'POST /api/v1/surveys': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/surveys/due': { access: 'roles', roles: CASE_READERS },
  'GET /api/v1/surveys/:id': { access: 'roles', roles: CASE_READERS },
  'PUT /api/v1/surveys/:id': { access: 'roles', roles: CASE_WORKERS },
  'DELETE /api/v1/surveys/:id': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/people/:id/surveys': { access: 'roles', roles: CASE_READERS },
  'GET /api/v1/people/:id/roadmap': { access: 'roles', roles: CASE_READERS },
  'GET /api/v1/roadmap/levels': { access: 'roles', roles: everyRole('all') },
  'PUT /api/v1/roadmap/levels': { access: 'roles', roles: { admin: 'all' } },
  'GET /api/v1/cases/:id/survey-schedule': { access: 'roles', roles: CASE_READERS },
  'POST /api/v1/cases/:id/survey-schedule/default': { access: 'roles', roles: CASE_WORKERS },
  'PUT /api/v1/cases/:id/survey-schedule': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/minimum-wages': { access: 'roles', roles: everyRole('all') },
  'GET /api/v1/minimum-wages/lookup': { access: 'roles', roles: CASE_READERS },
  'PUT /api/v1/minimum-wages': { access: 'roles', roles: { admin: 'all' } },
  // ── Outcomes (modules/outcomes) ──
  // Headquarters reads every unit's figures; a unit's head and social workers their own unit's.
  'GET /api/v1/outcomes': {
    access: 'roles',
    roles: { admin: 'all', operator_pusat: 'all', dpo: 'all', kepala_upt: 'unit', pekerja_sosial: 'unit' },
  },
  'GET /api/v1/outcomes/export.xlsx': {
    access: 'roles',
    roles: { admin: 'all', operator_pusat: 'all', dpo: 'all', kepala_upt: 'unit', pekerja_sosial: 'unit' },
  },
  // ── Training (modules/training) ──
  // The catalogue is reference data everyone reads; headquarters edits it. Cohorts belong to the unit that
  // runs them: its social workers and head run them, outlet staff read; headquarters reads all.
  // Everyone reads the catalogue; the graduates' income figures beside it are of the caller's unit.
  'GET /api/v1/training/courses': {
    access: 'roles',
    roles: {
      admin: 'all',
      operator_pusat: 'all',
      dpo: 'all',
      kepala_upt: 'unit',
      pekerja_sosial: 'unit',
      petugas_ska: 'unit',
      petugas_gudang: 'unit',
    },
  },
  'POST /api/v1/training/courses': { access: 'roles', roles: { admin: 'all', operator_pusat: 'all' } },
  'PUT /api/v1/training/courses/:code': { access: 'roles', roles: { admin: 'all', operator_pusat: 'all' } },
  'GET /api/v1/training/cohorts': { access: 'roles', roles: { ...CASE_READERS, petugas_ska: 'unit' } },
  'POST /api/v1/training/cohorts': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/training/cohorts/:id': { access: 'roles', roles: { ...CASE_READERS, petugas_ska: 'unit' } },
  'PUT /api/v1/training/cohorts/:id': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/training/cohorts/:id/candidates': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/training/cohorts/:id/enrolments': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/training/cohorts/:id/sessions': { access: 'roles', roles: CASE_WORKERS },
  'PUT /api/v1/training/cohorts/:id/sessions/:sessionId/attendance': { access: 'roles', roles: CASE_WORKERS },
  'POST /api/v1/training/cohorts/:id/enrolments/:enrolmentId/assessment': {
    access: 'roles',
    roles: CASE_WORKERS,
  },
  'POST /api/v1/training/cohorts/:id/enrolments/:enrolmentId/complete': {
    access: 'roles',
    roles: CASE_WORKERS,
  },
  'POST /api/v1/training/cohorts/:id/enrolments/:enrolmentId/drop': { access: 'roles', roles: CASE_WORKERS },
  'GET /api/v1/training/cohorts/:id/enrolments/:enrolmentId/certificate.pdf': {
    access: 'roles',
    roles: CASE_WORKERS,
  },
  // Anyone holding a certificate's code may check it; the answer names only initials.
  'GET /api/v1/training/certificates/:code': { access: 'public' },
  // API documentation and the web UI's static files hold no data.
  'GET /docs*': { access: 'public' },
  'GET /*': { access: 'public' },
};

/** Navigation: a module is shown when the user may call its entry route. */
export const MODULE_ENTRY: Record<TModule, string | null> = {
  home: null,
  account: null,
  people: 'GET /api/v1/people',
  cases: 'GET /api/v1/cases',
  referrals: 'GET /api/v1/referrals',
  followup: 'GET /api/v1/surveys/due',
  outcomes: 'GET /api/v1/outcomes',
  training: 'GET /api/v1/training/courses',
  units: 'GET /api/v1/units',
  reference: 'GET /api/v1/reference',
  users: 'GET /api/v1/users',
  audit: 'GET /api/v1/audit-events',
};

export function policyKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function findPolicy(method: string, url: string): RoutePolicy | undefined {
  const key = policyKey(method, url);
  const exact = POLICY[key];
  if (exact) return exact;
  // API routes need an exact entry: a prefix entry (the web UI's static files) never opens one.
  if (url.startsWith('/api/')) return undefined;
  let best: { len: number; policy: RoutePolicy } | undefined;
  for (const [pattern, policy] of Object.entries(POLICY)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (key.startsWith(prefix) && (!best || prefix.length > best.len)) best = { len: prefix.length, policy };
  }
  return best?.policy;
}

/** The scope a role gets on a route, or null when the role may not call it. */
export function scopeFor(policy: RoutePolicy, role: TRole): Scope | null {
  switch (policy.access) {
    case 'public':
    case 'session':
      return 'self';
    case 'roles':
      return policy.roles[role] ?? null;
  }
}

export function modulesFor(role: TRole): TModule[] {
  return (Object.entries(MODULE_ENTRY) as [TModule, string | null][])
    .filter(([, entry]) => {
      if (!entry) return true;
      const policy = POLICY[entry];
      return policy ? scopeFor(policy, role) !== null : false;
    })
    .map(([m]) => m);
}
