// Reference owns the data every module looks things up in: administrative areas (Kemendagri codes),
// clusters, PPKS categories, ATENSI service components and programmes, each with its source.
export { displayAreaName, searchAreaName } from './area-names.ts';
export { referenceRoutes } from './reference.routes.ts';
