import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './lib/deps.ts';
import { AppError, errorBody, handleError, pickLang } from './lib/errors.ts';
import { authorize, checkSameOrigin } from './lib/guards.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authRoutes } from './modules/auth/index.ts';
import { casesRoutes, referralsRoutes } from './modules/cases/index.ts';
import { followupRoutes } from './modules/followup/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { outcomesRoutes } from './modules/outcomes/index.ts';
import { peopleImportRoutes } from './modules/people/import.routes.ts';
import { consentRoutes, documentsRoutes, mergeRoutes, peopleRoutes } from './modules/people/index.ts';
import { referenceRoutes } from './modules/reference/index.ts';
import { trainingRoutes } from './modules/training/index.ts';
import { unitsRoutes } from './modules/units/index.ts';
import { usersRoutes } from './modules/users/index.ts';

export type BuildOptions = {
  logger?: boolean;
  /** Told of every route as it is registered (the policy test lists them). */
  onRoute?: (route: { method: string; url: string }) => void;
  /** Extra routes under /api/v1, for tests (a route without a policy entry, a route that throws). */
  extendApi?: (api: FastifyInstance) => Promise<void>;
};

/** Build the Fastify app: plugins, guards, error handling, modules and the web UI. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  if (opts.onRoute) {
    const notify = opts.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) notify({ method, url: r.url });
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);
  app.decorateRequest('scope', null);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atensi API',
        description:
          'API of Atensi, the information system of ATENSI (Asistensi Rehabilitasi Sosial). ' +
          'Sign in with POST /api/v1/auth/login; the session cookie authenticates later calls. ' +
          'Errors are `{ code, message, details? }`; messages follow Accept-Language (id, en).',
        version: deps.version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'atensi_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    checkSameOrigin(req, config);
    await authorize(req, reply, deps.database.db, config);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { deps });
      await api.register(authRoutes, { deps });
      await api.register(auditRoutes, { deps });
      await api.register(referenceRoutes, { deps });
      await api.register(peopleRoutes, { deps });
      await api.register(casesRoutes, { deps });
      await api.register(referralsRoutes, { deps });
      await api.register(documentsRoutes, { deps });
      await api.register(consentRoutes, { deps });
      await api.register(mergeRoutes, { deps });
      await api.register(peopleImportRoutes, { deps });
      await api.register(followupRoutes, { deps });
      await api.register(outcomesRoutes, { deps });
      await api.register(trainingRoutes, { deps });
      await api.register(unitsRoutes, { deps });
      await api.register(usersRoutes, { deps });
      if (opts.extendApi) await opts.extendApi(api);
    },
    { prefix: '/api/v1' },
  );

  const webDist = config.WEB_DIST_DIR;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: ['index.html'] });
  }

  app.setNotFoundHandler((req, reply) => {
    const lang = pickLang(req.headers['accept-language']);
    if (req.url.startsWith('/api/') || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send(errorBody('ROUTE_NOT_FOUND', lang));
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

export { AppError };
