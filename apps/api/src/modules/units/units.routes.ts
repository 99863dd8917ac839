import {
  ZArchiveUnitRequest,
  ZCreateFacilityRequest,
  ZCreateUnitRequest,
  ZError,
  ZFacilityParams,
  ZMergeUnitRequest,
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
  addFacility,
  archiveUnit,
  createUnit,
  findNearestUnits,
  getMatrix,
  getUnit,
  listUnitSummaries,
  mergeUnit,
  putUnitCoverage,
  putUnitServices,
  removeFacility,
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
  app.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Add a unit (admin)',
        body: ZCreateUnitRequest,
        response: { 201: ZUnit, ...errors },
      },
    },
    async (req, reply) => {
      const created = await inTransaction(db, req, (ctx) => createUnit(ctx, req.body));
      reply.status(201);
      return created;
    },
  );
  app.post(
    '/units/:id/archive',
    {
      schema: {
        tags: ['units'],
        summary: 'Archive a unit with no active users (admin)',
        params: ZUnitIdParams,
        body: ZArchiveUnitRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => archiveUnit(ctx, req.params.id, req.body)),
  );
  app.post(
    '/units/:id/merge',
    {
      schema: {
        tags: ['units'],
        summary: 'Merge a unit into another (admin); recorded, nothing moved silently',
        params: ZUnitIdParams,
        body: ZMergeUnitRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => mergeUnit(ctx, req.params.id, req.body)),
  );
  app.post(
    '/units/:id/facilities',
    {
      schema: {
        tags: ['units'],
        summary: 'Add an outlet or warehouse to a unit',
        params: ZUnitIdParams,
        body: ZCreateFacilityRequest,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => addFacility(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/units/:id/facilities/:facilityId',
    {
      schema: {
        tags: ['units'],
        summary: 'Remove (archive) an outlet or warehouse',
        params: ZFacilityParams,
        response: { 200: ZUnit, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => removeFacility(ctx, req.params.id, req.params.facilityId)),
  );
};
