import {
  ZCreatePersonRequest,
  ZDuplicateCheckRequest,
  ZDuplicateCheckResponse,
  ZError,
  ZPerson,
  ZPersonIdParams,
  ZPersonListQuery,
  ZPersonListResponse,
  ZPersonSensitiveResponse,
  ZPutPersonSensitiveRequest,
  ZUpdatePersonRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import {
  checkDuplicates,
  createPerson,
  getPerson,
  getSensitive,
  putSensitive,
  searchPeople,
  updatePerson,
} from './people.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const peopleRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Search people by name, alias, NIK or KK (typos tolerated), with filters and keyset paging',
        querystring: ZPersonListQuery,
        response: { 200: ZPersonListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => searchPeople(ctx, req.query)),
  );
  app.post(
    '/people/duplicates',
    {
      schema: {
        tags: ['people'],
        summary: 'Likely matches for a person about to be registered, with why they match',
        body: ZDuplicateCheckRequest,
        response: { 200: ZDuplicateCheckResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => checkDuplicates(ctx, req.body)),
  );
  app.post(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Register a person (an exact NIK match answers 409; likely matches need confirmNew)',
        body: ZCreatePersonRequest,
        response: { 201: ZPerson, ...errors },
      },
    },
    async (req, reply) => {
      const created = await inTransaction(db, req, (ctx) => createPerson(ctx, req.body));
      return reply.status(201).send(created);
    },
  );
  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One person with personal data (read audited); specific data is read separately',
        params: ZPersonIdParams,
        response: { 200: ZPerson, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getPerson(ctx, req.params.id)),
  );
  app.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Edit a person (optimistic concurrency: send the version you read)',
        params: ZPersonIdParams,
        body: ZUpdatePersonRequest,
        response: { 200: ZPerson, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => updatePerson(ctx, req.params.id, req.body)),
  );
  app.get(
    '/people/:id/sensitive',
    {
      schema: {
        tags: ['people'],
        summary: 'Specific (sensitive) data: case team and unit head only; every read audited',
        params: ZPersonIdParams,
        response: { 200: ZPersonSensitiveResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getSensitive(ctx, req.params.id)),
  );
  app.put(
    '/people/:id/sensitive',
    {
      schema: {
        tags: ['people'],
        summary: 'Record specific (sensitive) data (values never reach the audit log)',
        params: ZPersonIdParams,
        body: ZPutPersonSensitiveRequest,
        response: { 200: ZPersonSensitiveResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => putSensitive(ctx, req.params.id, req.body)),
  );
};
