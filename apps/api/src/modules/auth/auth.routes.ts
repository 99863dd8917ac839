import {
  ZChangePasswordRequest,
  ZError,
  ZIdParams,
  ZLoginRequest,
  ZMe,
  ZOk,
  ZSessionList,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction, requestMeta } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { clearSessionCookie, setSessionCookie } from '../../lib/session-cookie.ts';
import { changePassword, endOwnSession, getMe, listOwnSessions, login, logout } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const { config } = deps;

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie',
        body: ZLoginRequest,
        response: { 200: ZMe, 400: ZError, 401: ZError, 423: ZError, 429: ZError },
      },
    },
    async (req, reply) => {
      const { token, me } = await login(db, config, requestMeta(req), req.body);
      setSessionCookie(reply, token, {
        secure: config.cookieSecure,
        maxAgeSeconds: config.SESSION_MAX_HOURS * 3600,
      });
      return me;
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out; ends the session on the server',
        response: { 200: ZOk, 401: ZError },
      },
    },
    async (req, reply) => {
      await inTransaction(db, req, (ctx) => logout(ctx));
      clearSessionCookie(reply, config.cookieSecure);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, role, unit and modules',
        response: { 200: ZMe, 401: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getMe(ctx)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: ZChangePasswordRequest,
        response: { 200: ZOk, 400: ZError, 401: ZError },
      },
    },
    async (req) => {
      await inTransaction(db, req, (ctx) => changePassword(ctx, req.body));
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your live sessions (devices signed in)',
        response: { 200: ZSessionList, 401: ZError },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listOwnSessions(ctx)),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'End one of your sessions',
        params: ZIdParams,
        response: { 200: ZOk, 401: ZError, 404: ZError },
      },
    },
    async (req) => {
      await inTransaction(db, req, (ctx) => endOwnSession(ctx, req.params.id));
      return { ok: true as const };
    },
  );
};
