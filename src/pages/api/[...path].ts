import type { APIRoute } from 'astro';

// @astrojs/cloudflare emits the Worker bundle (dist/server) only when some route renders on
// demand, so this one does. It never answers a real request: the Worker entry
// (functions/worker-entry.ts, wrangler.toml `main`) sends /api/* to the Hono app before
// Astro runs. The site never imports the API (docs/architecture.md).
export const prerender = false;

export const ALL: APIRoute = () =>
  Response.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 });
