// Units owns the UPTs: profile, coverage area, the clusters each serves in which modes with how many
// beds (the multi-function matrix), outlets and warehouses, and the nearest-able-unit ranking.
export { defaultCoverage, distanceKm } from './geo.ts';
export { unitsRoutes } from './units.routes.ts';
