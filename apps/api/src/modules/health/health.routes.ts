import { ZHealth } from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pingDatabase } from '../../db/client.ts';
import type { AppDeps } from '../../lib/deps.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Service and database status',
        response: { 200: ZHealth, 503: ZHealth },
      },
    },
    async (req, reply) => {
      const kind = deps.database.kind;
      try {
        const latency = await pingDatabase(deps.database.db);
        return {
          status: 'ok' as const,
          version: deps.version,
          database: { status: 'up' as const, kind, latencyMs: Math.round(latency * 10) / 10 },
        };
      } catch (err) {
        req.log.error({ err }, 'database ping failed');
        reply.status(503);
        return {
          status: 'degraded' as const,
          version: deps.version,
          database: { status: 'down' as const, kind, latencyMs: null },
        };
      }
    },
  );
};
