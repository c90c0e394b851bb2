import type { ApiRouteName } from './routes.ts';
import type { Endpoint } from './contract.ts';
import * as account from './account.ts';

/**
 * Every endpoint's contract by name. The names are those of API_ROUTES (routes.ts); the check
 * below fails the type-check when one side lists a name the other lacks.
 */
export const API_ENDPOINTS = {
  getHealth: account.getHealth,
  getMe: account.getMe,
  deleteMe: account.deleteMe,
} satisfies { [N in ApiRouteName]: Endpoint };

export type ApiEndpoints = typeof API_ENDPOINTS;
