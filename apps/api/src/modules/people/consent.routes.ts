import {
  ZConsentListResponse,
  ZConsentParams,
  ZCreateConsentRequest,
  ZError,
  ZPersonIdParams,
  ZWithdrawConsentRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { createConsent, listConsents, withdrawConsent } from './consent.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const consentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/people/:id/consents',
    {
      schema: {
        tags: ['people'],
        summary: "A person's consent records and the purposes currently consented",
        params: ZPersonIdParams,
        response: { 200: ZConsentListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listConsents(ctx, req.params.id)),
  );
  app.post(
    '/people/:id/consents',
    {
      schema: {
        tags: ['people'],
        summary: 'Record consent (a child or a person with a guardian: given by the guardian); audited',
        params: ZPersonIdParams,
        body: ZCreateConsentRequest,
        response: { 201: ZConsentListResponse, ...errors },
      },
    },
    async (req, reply) => {
      const out = await inTransaction(db, req, (ctx) => createConsent(ctx, req.params.id, req.body));
      return reply.status(201).send(out);
    },
  );
  app.post(
    '/people/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags: ['people'],
        summary: 'Withdraw a consent with a reason (send the version read); audited',
        params: ZConsentParams,
        body: ZWithdrawConsentRequest,
        response: { 200: ZConsentListResponse, ...errors },
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) => withdrawConsent(ctx, req.params.id, req.params.consentId, req.body)),
  );
};
