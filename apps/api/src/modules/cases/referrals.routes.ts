import {
  ZAcceptReferralRequest,
  ZCreateReferralRequest,
  ZDeclineReferralRequest,
  ZError,
  ZReferral,
  ZReferralIdParams,
  ZReferralListQuery,
  ZReferralListResponse,
  ZReferralOutcomeRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import * as svc from './referrals.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const referralsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const one = { params: ZReferralIdParams, response: { 200: ZReferral, ...errors } };
  app.get(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Referral inbox and outbox of the unit (all for headquarters); overdue first',
        querystring: ZReferralListQuery,
        response: { 200: ZReferralListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.listReferrals(ctx, req.query)),
  );
  app.post(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Refer a case to another unit or a programme (needs consent for referral)',
        body: ZCreateReferralRequest,
        response: { 201: ZReferral, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, req, (ctx) => svc.createReferral(ctx, req.body))),
  );
  app.get(
    '/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: 'One referral (the receiver sees a summary until it accepts)',
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.getReferral(ctx, req.params.id)),
  );
  app.post(
    '/referrals/:id/accept',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Accept (receiving unit): opens a linked case',
        body: ZAcceptReferralRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.acceptReferral(ctx, req.params.id, req.body)),
  );
  app.post(
    '/referrals/:id/decline',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Decline with a reason (receiving unit)',
        body: ZDeclineReferralRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.declineReferral(ctx, req.params.id, req.body)),
  );
  app.post(
    '/referrals/:id/cancel',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Cancel with a reason (sending unit)',
        body: ZDeclineReferralRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.cancelReferral(ctx, req.params.id, req.body)),
  );
  app.post(
    '/referrals/:id/outcome',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Record a programme referral outcome (sending unit)',
        body: ZReferralOutcomeRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.recordOutcome(ctx, req.params.id, req.body)),
  );
};
