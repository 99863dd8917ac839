import {
  ZCreateUserRequest,
  ZError,
  ZIdParams,
  ZUpdateUserRequest,
  ZUser,
  ZUserListQuery,
  ZUserListResponse,
  ZUserWithPassword,
  ZVersionRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import {
  createUser,
  getUser,
  listUsers,
  resetUserPassword,
  setUserActive,
  updateUser,
} from './users.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const usersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (admin: all; head of unit: their unit)',
        querystring: ZUserListQuery,
        response: { 200: ZUserListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listUsers(ctx, req.query)),
  );
  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a one-time initial password, to be changed at first sign-in',
        body: ZCreateUserRequest,
        response: { 201: ZUserWithPassword, ...errors },
      },
    },
    async (req, reply) => {
      const created = await inTransaction(db, req, (ctx) => createUser(ctx, req.body));
      reply.status(201);
      return created;
    },
  );
  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: ZIdParams,
        response: { 200: ZUser, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getUser(ctx, req.params.id)),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Edit name, role or unit; a changed role or unit ends the user sessions',
        params: ZIdParams,
        body: ZUpdateUserRequest,
        response: { 200: ZUser, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => updateUser(ctx, req.params.id, req.body)),
  );
  app.post(
    '/users/:id/deactivate',
    {
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user; their sessions end at once',
        params: ZIdParams,
        body: ZVersionRequest,
        response: { 200: ZUser, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => setUserActive(ctx, req.params.id, false, req.body.version)),
  );
  app.post(
    '/users/:id/activate',
    {
      schema: {
        tags: ['users'],
        summary: 'Activate a deactivated user',
        params: ZIdParams,
        body: ZVersionRequest,
        response: { 200: ZUser, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => setUserActive(ctx, req.params.id, true, req.body.version)),
  );
  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Give a new one-time password; the user must change it and their sessions end',
        params: ZIdParams,
        body: ZVersionRequest,
        response: { 200: ZUserWithPassword, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => resetUserPassword(ctx, req.params.id, req.body.version)),
  );
};
