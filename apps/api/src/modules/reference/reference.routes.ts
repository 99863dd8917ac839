import {
  ZAreaCodeParams,
  ZAreaDetail,
  ZAreaSearchQuery,
  ZAreaSearchResponse,
  ZCluster,
  ZClusterParams,
  ZError,
  ZPpksCategory,
  ZPpksParams,
  ZProgramme,
  ZProgrammeParams,
  ZReferenceData,
  ZServiceComponent,
  ZServiceComponentParams,
  ZUpsertClusterRequest,
  ZUpsertPpksRequest,
  ZUpsertProgrammeRequest,
  ZUpsertServiceComponentRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { findAreas, getArea } from './reference.service.ts';
import {
  getReferenceData,
  upsertCluster,
  upsertPpks,
  upsertProgramme,
  upsertServiceComponent,
} from './reference-data.ts';

export const referenceRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/areas',
    {
      schema: {
        tags: ['reference'],
        summary: 'Search administrative areas by name (typos tolerated) or code; browse children of a parent',
        querystring: ZAreaSearchQuery,
        response: { 200: ZAreaSearchResponse, 400: ZError, 401: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => findAreas(ctx, req.query)),
  );
  app.get(
    '/areas/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'One area with its parents',
        params: ZAreaCodeParams,
        response: { 200: ZAreaDetail, 400: ZError, 401: ZError, 404: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getArea(ctx, req.params.code)),
  );
  app.get(
    '/reference',
    {
      schema: {
        tags: ['reference'],
        summary: 'Clusters, PPKS categories, ATENSI service components, programmes and province capitals',
        response: { 200: ZReferenceData, 401: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getReferenceData(ctx)),
  );
  app.put(
    '/reference/clusters/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Add or edit a cluster (admin); editing needs the version read; isActive false deactivates',
        params: ZClusterParams,
        body: ZUpsertClusterRequest,
        response: { 200: ZCluster, 400: ZError, 401: ZError, 403: ZError, 409: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => upsertCluster(ctx, req.params.code, req.body)),
  );
  const editAnswers = { 400: ZError, 401: ZError, 403: ZError, 409: ZError } as const;
  app.put(
    '/reference/ppks/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Add or edit a PPKS category by its number (admin); editing needs the version read',
        params: ZPpksParams,
        body: ZUpsertPpksRequest,
        response: { 200: ZPpksCategory, ...editAnswers },
      },
    },
    (req) => inTransaction(db, req, (ctx) => upsertPpks(ctx, req.params.code, req.body)),
  );
  app.put(
    '/reference/services/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Add or edit an ATENSI service component (admin); editing needs the version read',
        params: ZServiceComponentParams,
        body: ZUpsertServiceComponentRequest,
        response: { 200: ZServiceComponent, ...editAnswers },
      },
    },
    (req) => inTransaction(db, req, (ctx) => upsertServiceComponent(ctx, req.params.code, req.body)),
  );
  app.put(
    '/reference/programmes/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Add or edit a programme (admin); editing needs the version read',
        params: ZProgrammeParams,
        body: ZUpsertProgrammeRequest,
        response: { 200: ZProgramme, ...editAnswers },
      },
    },
    (req) => inTransaction(db, req, (ctx) => upsertProgramme(ctx, req.params.code, req.body)),
  );
};
