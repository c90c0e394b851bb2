import type { MiddlewareHandler } from 'hono';

/**
 * Where the Node entry's static files must behave like Cloudflare's asset server, in front of
 * `serveStatic` (which serves any file of dist/client and reads any Range header as bytes).
 */

/** Cloudflare reads these from the build output as configuration and never serves them. */
const PLATFORM_CONFIG_FILES = new Set(['/_headers', '/_redirects', '/_routes.json']);

/** One byte range (RFC 9110 §14.1.2): `first-last`, `first-` or `-suffix`. */
const SINGLE_BYTE_RANGE = /^bytes=[ \t]*(?:(\d+)-(\d*)|-(\d+))[ \t]*$/i;

/**
 * The Range header to act on, written the way serveStatic parses it, or undefined when it is
 * to be ignored (answer 200 with the whole file): another unit, bad syntax, a range ending
 * before it starts, or several ranges (a server may always ignore Range; multipart answers are
 * not worth it for a static site).
 */
export function readSingleByteRange(header: string): string | undefined {
  const match = SINGLE_BYTE_RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, first, last, suffix] = match;
  if (suffix !== undefined) return `bytes=-${suffix}`;
  if (last !== '' && Number(last) < Number(first)) return undefined;
  return `bytes=${first}-${last}`;
}

export function guardStaticRequests(): MiddlewareHandler {
  return async (c, next) => {
    if (PLATFORM_CONFIG_FILES.has(c.req.path)) return c.notFound();
    const range = c.req.header('Range');
    if (range !== undefined) {
      const usable = readSingleByteRange(range);
      if (usable === undefined) c.req.raw.headers.delete('Range');
      else c.req.raw.headers.set('Range', usable);
    }
    return next();
  };
}
