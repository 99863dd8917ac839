// People owns the registry of beneficiaries (Penerima Manfaat): identity with NIK rules, family and
// guardians, clusters and PPKS, specific (sensitive) data apart, duplicates, and unit-scoped search.
export { consentRoutes } from './consent.routes.ts';
export { assertConsent, consentedPurposes } from './consent.service.ts';
export { documentsRoutes } from './documents.routes.ts';
export { mergeRoutes } from './merge.routes.ts';
export { normaliseName, searchNames } from './names.ts';
export { checkNik } from './nik.ts';
export { peopleRoutes } from './people.routes.ts';
export { toE164 } from './phone.ts';
