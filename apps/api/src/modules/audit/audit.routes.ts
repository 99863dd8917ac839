import { ZAuditSearchQuery, ZAuditSearchResponse, ZError } from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { searchAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (admin, DPO); newest first, keyset paging',
        querystring: ZAuditSearchQuery,
        response: { 200: ZAuditSearchResponse, 400: ZError, 401: ZError, 403: ZError },
      },
    },
    (req) => inTransaction(deps.database.db, req, (ctx) => searchAudit(ctx, req.query)),
  );
};
