import { handle } from '@astrojs/cloudflare/handler';
import { createWorkerApp } from './worker.ts';

/**
 * The Cloudflare Worker's entry (wrangler.toml `main`). /api/* goes straight to the Hono app;
 * everything else to Astro's handler (static assets, pages). Why not only the catch-all
 * endpoint src/pages/api/[...path].ts: with `trailingSlash: 'always'`, Astro answers
 * `/api/health` with a 301 to `/api/health/` (and POSTs with 308) before any endpoint or
 * middleware runs, which would break the API contract and Facebook's callbacks.
 */
const api = createWorkerApp();

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export default {
  fetch(request: Request, env: Record<string, unknown>, ctx: Parameters<typeof handle>[2]) {
    if (isApiPath(new URL(request.url).pathname)) return api.fetch(request, env, ctx);
    return handle(request, env as Parameters<typeof handle>[1], ctx);
  },
};
