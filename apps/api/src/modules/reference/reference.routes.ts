import {
  ZAreaCodeParams,
  ZAreaDetail,
  ZAreaSearchQuery,
  ZAreaSearchResponse,
  ZError,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { findAreas, getArea } from './reference.service.ts';

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
};
