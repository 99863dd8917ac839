// Auth owns users' credentials and sessions: sign-in with lockout and rate limits, sign-out,
// the session cookie and password changes. Other modules use it only through this file.

export { endUserSessions } from './auth.repository.ts';
export { authRoutes } from './auth.routes.ts';
export { hashToken, resolveSession } from './auth.service.ts';
export { checkPasswordStrength, hashPassword } from './passwords.ts';
