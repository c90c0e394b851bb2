import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'session';
export const OAUTH_STATE_COOKIE = 'fb_oauth_state';
/** The state cookie is only needed by the callback, so it is only sent there. */
const OAUTH_STATE_COOKIE_PATH = '/api/auth/facebook';
export const OAUTH_STATE_MAX_AGE_SECONDS = 10 * 60;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Cookies are Secure everywhere except plain http on a loopback host (`npm start` on
 * http://localhost): there a Secure cookie is refused by some browsers (older Safari) and by
 * plain HTTP clients, and the cookie cannot leave the machine anyway. Behind a TLS proxy the
 * Host header names the public host, so production cookies stay Secure.
 */
export function shouldUseSecureCookies(requestUrl: string): boolean {
  const url = new URL(requestUrl);
  return url.protocol === 'https:' || !LOOPBACK_HOSTS.has(url.hostname);
}

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: shouldUseSecureCookies(c.req.url),
    sameSite: 'Lax',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: shouldUseSecureCookies(c.req.url),
    sameSite: 'Lax',
  });
}

export function setOAuthStateCookie(c: Context, state: string): void {
  setCookie(c, OAUTH_STATE_COOKIE, state, {
    httpOnly: true,
    secure: shouldUseSecureCookies(c.req.url),
    // Lax, not Strict: the callback is a top-level navigation coming back from facebook.com.
    sameSite: 'Lax',
    path: OAUTH_STATE_COOKIE_PATH,
    maxAge: OAUTH_STATE_MAX_AGE_SECONDS,
  });
}

export function readOAuthStateCookie(c: Context): string | undefined {
  return getCookie(c, OAUTH_STATE_COOKIE);
}

export function clearOAuthStateCookie(c: Context): void {
  deleteCookie(c, OAUTH_STATE_COOKIE, {
    path: OAUTH_STATE_COOKIE_PATH,
    httpOnly: true,
    secure: shouldUseSecureCookies(c.req.url),
    sameSite: 'Lax',
  });
}
