import { handle } from '@astrojs/cloudflare/handler';
import { applySecurityHeaders, getPageSecurityHeaders } from './security-headers.ts';
import { createWorkerMailer, handleQueue, handleScheduled } from './mail/worker-mail.ts';
import { createWorkerApp } from './worker.ts';
// Share cards: the bundler hands a .wasm import over as a compiled WebAssembly.Module and a .bin
// import as an ArrayBuffer (@cloudflare/vite-plugin's module rules); workerd compiles no wasm from bytes.
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import dejaVuSans from './cards/fonts/DejaVuSans.bin';
import dejaVuSansBold from './cards/fonts/DejaVuSans-Bold.bin';

/**
 * The Cloudflare Worker's entry (wrangler.toml `main`). /api/* goes straight to the Hono app;
 * everything else to Astro's handler (static assets, pages). Why not only the catch-all
 * endpoint src/pages/api/[...path].ts: with `trailingSlash: 'always'`, Astro answers
 * `/api/health` with a 301 to `/api/health/` (and POSTs with 308) before any endpoint or
 * middleware runs, which would break the API contract and Facebook's callbacks.
 */
const api = createWorkerApp({
  createMailer: createWorkerMailer,
  cardAssets: async () => ({
    wasm: resvgWasm,
    regularFont: new Uint8Array(dejaVuSans),
    boldFont: new Uint8Array(dejaVuSansBold),
  }),
});

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

type AstroEnv = Parameters<typeof handle>[1];
type AstroContext = Parameters<typeof handle>[2];

export default {
  async fetch(request: Request, env: Record<string, unknown>, ctx: AstroContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (isApiPath(pathname)) return api.fetch(request, env, ctx);
    // Static files get their headers from public/_headers before the Worker runs; what reaches
    // Astro here (404 pages, redirects) gets the same set.
    const response = (await handle(request, env as AstroEnv, ctx)) as Response;
    const headers = new Headers(response.headers);
    applySecurityHeaders(headers, getPageSecurityHeaders(pathname));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
  /** Cron Triggers (wrangler.toml): queue the pending messages, and on Mondays the digest's pages. */
  async scheduled(
    controller: { cron: string; scheduledTime: number },
    env: Record<string, unknown>,
    ctx: { waitUntil: (promise: Promise<unknown>) => void },
  ): Promise<void> {
    ctx.waitUntil(handleScheduled(controller, env));
  },
  /** The MAIL_QUEUE consumer: sends each queued page of digests or the pending messages. */
  async queue(
    batch: { messages: { body: unknown; ack: () => void; retry: () => void }[] },
    env: Record<string, unknown>,
  ): Promise<void> {
    await handleQueue(batch, env);
  },
};
