import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { resolveSession } from '../modules/auth/index.ts';
import { findPolicy, scopeFor } from '../policy.ts';
import { AppError } from './errors.ts';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence on top of SameSite cookies: a state-changing request must come from this site.
 * Origin decides when sent; otherwise Sec-Fetch-Site; a request with neither and no session cookie
 * (a script or a later token client) is not a browser acting for a signed-in user, so it passes.
 */
export function checkSameOrigin(req: FastifyRequest, config: Pick<Config, 'PUBLIC_ORIGIN'>): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = new Set([`${req.protocol}://${req.headers.host ?? ''}`]);
    if (config.PUBLIC_ORIGIN) own.add(config.PUBLIC_ORIGIN);
    if (!own.has(origin)) throw new AppError('CSRF_REJECTED');
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin') throw new AppError('CSRF_REJECTED');
    return;
  }
  if (req.cookies[SESSION_COOKIE]) throw new AppError('CSRF_REJECTED');
}

/** Resolve the session and apply the route's policy: default deny, 401 without a session, 403 out of role. */
export async function authorize(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  config: Config,
): Promise<void> {
  req.actor = null;
  req.scope = null;
  const url = req.routeOptions.url;
  if (url === undefined) return; // no route matched: the not-found handler answers
  const policy = findPolicy(req.method, url);
  if (!policy) {
    req.log.error({ method: req.method, url }, 'route has no authorization policy entry: refused');
    throw new AppError('FORBIDDEN');
  }
  if (policy.access === 'public') return;

  const token = req.cookies[SESSION_COOKIE];
  const found = token ? await resolveSession(db, config, token) : null;
  if (!found || 'expired' in found) {
    if (token) clearSessionCookie(reply, config.cookieSecure);
    throw new AppError(found ? 'AUTH_SESSION_EXPIRED' : 'AUTH_REQUIRED');
  }
  const { actor } = found;
  if (actor.mustChangePassword && policy.access !== 'session')
    throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
  const scope = scopeFor(policy, actor.role);
  if (!scope) throw new AppError('FORBIDDEN');
  req.actor = actor;
  req.scope = scope;
}
