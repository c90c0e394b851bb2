import type { APIRoute } from 'astro';

/**
 * When this site was built: /manage/ reads it to tell a manager whether their last saved
 * profile is live yet (saved before the build that exported it) or waits for the next publish.
 */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ builtAt: new Date().toISOString() }), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
