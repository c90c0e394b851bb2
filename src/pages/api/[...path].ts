import type { APIRoute } from 'astro';
export const prerender = false;
export const ALL: APIRoute = ({ request }) => new Response(JSON.stringify({ ok: true, url: request.url }), { headers: { 'content-type': 'application/json' } });
