import { z } from 'zod';

export const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when every dependency answers'),
    version: z.string(),
    database: z.object({
      status: z.enum(['up', 'down']),
      kind: z.enum(['pglite', 'postgres']).describe('Embedded PGlite or a PostgreSQL server'),
      latencyMs: z.number().nullable(),
    }),
  })
  .describe('Health of the service');
export type THealth = z.infer<typeof ZHealth>;
