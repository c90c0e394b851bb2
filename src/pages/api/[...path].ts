import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { createWorkerApp } from '../../../functions/worker.ts';

// The whole API is the Hono app in functions/; this endpoint only hands requests over.
export const prerender = false;

const app = createWorkerApp();

export const ALL: APIRoute = ({ request, locals }) => app.fetch(request, env, locals.cfContext);
