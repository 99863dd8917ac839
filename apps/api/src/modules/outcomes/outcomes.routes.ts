import { ZError, ZOutcomesExportQuery, ZOutcomesQuery, ZOutcomesResponse } from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { exportFileName, exportOutcomes } from './outcomes.export.ts';
import { getOutcomes } from './outcomes.service.ts';

const ZFile = z.unknown().describe('The XLSX file');
const errors = { 400: ZError, 401: ZError, 403: ZError };

export const outcomesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/outcomes',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          'Outcome figures per unit, cluster or approach (followed up, median incomes, levels, graduation, overdue), with a monthly trend',
        querystring: ZOutcomesQuery,
        response: { 200: ZOutcomesResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getOutcomes(ctx, req.query)),
  );
  app.get(
    '/outcomes/export.xlsx',
    {
      schema: {
        tags: ['outcomes'],
        summary: 'The outcome figures as an XLSX file (same filters and scope); audited',
        querystring: ZOutcomesExportQuery,
        response: { 200: ZFile, ...errors },
      },
    },
    async (req, reply) => {
      const file = await inTransaction(db, req, (ctx) => exportOutcomes(ctx, req.query));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportFileName()}"`)
        .send(file);
    },
  );
};
