import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../lib/deps.ts';

// Placeholder: routes arrive with issue 6.
export const outcomesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async () => {};
