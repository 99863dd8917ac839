import {
  ZError,
  ZNearestQuery,
  ZNearestResponse,
  ZPutUnitCoverageRequest,
  ZPutUnitServicesRequest,
  ZUnit,
  ZUnitIdParams,
  ZUnitListQuery,
  ZUnitListResponse,
  ZUnitMatrix,
  ZUpdateUnitRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import {
  findNearestUnits,
  getMatrix,
  getUnit,
  listUnitSummaries,
  putUnitCoverage,
  putUnitServices,
  updateUnit,
} from './units.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const unitsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'List units (UPT), with search and filters',
        querystring: ZUnitListQuery,
        response: { 200: ZUnitListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listUnitSummaries(ctx, req.query)),
  );
  app.get(
    '/units/matrix',
    {
      schema: {
        tags: ['units'],
        summary: 'The multi-function matrix: units × clusters with modes and beds, and coverage gaps',
        response: { 200: ZUnitMatrix, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getMatrix(ctx)),
  );
  app.get(
    '/units/nearest',
    {
      schema: {
        tags: ['units'],
        summary: 'Nearest able units for a cluster and mode: coverage first, then distance, with free beds',
        querystring: ZNearestQuery,
        response: { 200: ZNearestResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => findNearestUnits(ctx, req.query)),
  );
  app.get(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit: profile, services, coverage, facilities, staff count',
        params: ZUnitIdParams,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getUnit(ctx, req.params.id)),
  );
  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Edit a unit profile (admin; head of unit for their own); 409 when the version is stale',
        params: ZUnitIdParams,
        body: ZUpdateUnitRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => updateUnit(ctx, req.params.id, req.body)),
  );
  app.put(
    '/units/:id/services',
    {
      schema: {
        tags: ['units'],
        summary: 'Replace the clusters a unit serves, with modes and residential capacity',
        params: ZUnitIdParams,
        body: ZPutUnitServicesRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => putUnitServices(ctx, req.params.id, req.body)),
  );
  app.put(
    '/units/:id/coverage',
    {
      schema: {
        tags: ['units'],
        summary: 'Replace the coverage area (provinces or regencies)',
        params: ZUnitIdParams,
        body: ZPutUnitCoverageRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => putUnitCoverage(ctx, req.params.id, req.body)),
  );
};
