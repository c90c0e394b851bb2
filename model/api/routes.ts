/**
 * Method and path of every API endpoint, by name: the one part of the contracts a page needs at
 * run time (the typed client builds URLs from it). Paths are relative to /api and use OpenAPI's
 * `{param}` form. The schemas for each name are in the contract files beside this one.
 */
export const API_ROUTES = {
  getHealth: { method: 'get', path: '/health' },
  getMe: { method: 'get', path: '/me' },
  deleteMe: { method: 'delete', path: '/me' },
} as const;

export type ApiRouteName = keyof typeof API_ROUTES;
