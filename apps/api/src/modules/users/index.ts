// Users owns account management: admins manage every account, heads of unit their own unit's, with
// one-time initial passwords, deactivation that ends sessions at once, and optimistic concurrency.
export { usersRoutes } from './users.routes.ts';
