import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stubFacebook } from './helpers/facebook-stub.ts';
import { createHarness, FACEBOOK_ENV, findCookie, ORIGIN, type Harness } from './helpers/harness.ts';

/**
 * The follow window a widget opens (/follow/) signs in with Facebook through two of our
 * redirects. A Cross-Origin-Opener-Policy: same-origin on either would cut the window from the
 * widget that opened it (browsers check COOP on every redirect of a navigation), and the widget
 * would never hear of the follow: they carry none. Every other API answer keeps it.
 */
let h: Harness;
let facebook: ReturnType<typeof stubFacebook>;

beforeAll(async () => {
  h = await createHarness({ vars: FACEBOOK_ENV });
});
afterAll(() => h.cleanup());
beforeEach(() => {
  facebook = stubFacebook();
});
afterEach(() => facebook.restore());

describe('Facebook sign-in from the follow window', () => {
  it('redirects there and back without a Cross-Origin-Opener-Policy, to the window', async () => {
    const app = h.makeApp();
    const next = '/follow/?ngo=GB-NIC-100002';
    const start = await app.request(`${ORIGIN}/api/auth/facebook?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(302);
    expect(start.headers.get('Cross-Origin-Opener-Policy')).toBeNull();
    // The rest of the set stays.
    expect(start.headers.get('X-Frame-Options')).toBe('DENY');
    expect(start.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");

    const state = new URL(start.headers.get('Location')!).searchParams.get('state')!;
    const cookie = findCookie(start, 'fb_oauth_state')!;
    const back = await app.request(
      `${ORIGIN}/api/auth/facebook/callback?${new URLSearchParams({ code: 'auth-code-1', state })}`,
      { headers: { Cookie: `fb_oauth_state=${cookie.value}` } },
    );
    expect(back.status).toBe(302);
    expect(back.headers.get('Location')).toBe(next);
    expect(findCookie(back, 'session')).toBeTruthy();
    expect(back.headers.get('Cross-Origin-Opener-Policy')).toBeNull();
  });

  it('leaves Cross-Origin-Opener-Policy on every other API answer', async () => {
    const app = h.makeApp();
    for (const path of ['/api/health', '/api/me', '/api/auth/providers', '/api/ngos/GB-NIC-100002/stats']) {
      const response = await app.request(`${ORIGIN}${path}`);
      expect(response.headers.get('Cross-Origin-Opener-Policy'), path).toBe('same-origin');
    }
  });
});
