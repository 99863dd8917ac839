// Health answers whether the service and its database are up, for load balancers and operators.
export { healthRoutes } from './health.routes.ts';
