import type { TRole } from '@atensi/contracts';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/client.ts';
import { withActorTransaction } from '../db/transaction.ts';
import type { Scope } from '../policy.ts';
import { AppError, pickLang } from './errors.ts';

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: TRole;
  unitId: string | null;
  sessionId: string;
  sessionTokenHash: string;
  sessionExpiresAt: Date;
  mustChangePassword: boolean;
};

export type RequestMeta = { ip: string; requestId: string; lang: 'id' | 'en'; userAgent: string | null };

/** What every service receives: the request's transaction, who is acting and at what scope, a logger. */
export type Ctx = { db: Tx; actor: Actor; scope: Scope; log: FastifyBaseLogger; meta: RequestMeta };
/** For public routes: no actor. */
export type PublicCtx = { db: Tx; actor: null; log: FastifyBaseLogger; meta: RequestMeta };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    scope: Scope | null;
  }
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return {
    ip: req.ip,
    requestId: String(req.id),
    lang: pickLang(req.headers['accept-language']),
    userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
  };
}

/** Run a service call in the request's one transaction, as the signed-in actor. */
export function inTransaction<T>(db: Db, req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor = req.actor;
  const scope = req.scope;
  if (!actor || !scope) throw new AppError('AUTH_REQUIRED');
  const meta = requestMeta(req);
  return withActorTransaction(
    db,
    {
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      unitId: actor.unitId,
      ip: meta.ip,
      requestId: meta.requestId,
      scope,
    },
    (tx) => fn({ db: tx, actor, scope, log: req.log, meta }),
  );
}

/** Run a public route's work in one transaction with no actor. */
export function inPublicTransaction<T>(
  db: Db,
  req: FastifyRequest,
  fn: (ctx: PublicCtx) => Promise<T>,
): Promise<T> {
  const meta = requestMeta(req);
  return withActorTransaction(
    db,
    { userId: null, username: null, role: null, unitId: null, ip: meta.ip, requestId: meta.requestId },
    (tx) => fn({ db: tx, actor: null, log: req.log, meta }),
  );
}
