import { vi } from 'vitest';

/**
 * Stands in for Facebook's HTTP endpoints only (www.facebook.com, graph.facebook.com) by
 * wrapping the global fetch, which Arctic and our Graph call use. Any other host goes to the
 * real fetch. Each test scripts the token and /me answers and can inspect what was sent.
 */
export type StubbedCall = { url: URL; method: string; headers: Headers; body: string };

export type FacebookBehaviour = {
  token?: 'ok' | 'oauth-error' | 'server-error' | 'network-error';
  me?: 'ok' | 'graph-error' | 'garbage' | 'network-error';
  profile?: { id: string; name: string; picture?: string | null };
  /** Friends who use the app, when the person granted user_friends; null: not granted. */
  friends?: string[] | null;
  /** /me/friends answers 500 (the permission is still reported as granted). */
  friendsError?: boolean;
  /** What /me answers in `email` (the person granted the email permission); null: no field. */
  email?: unknown;
};

export const ACCESS_TOKEN = 'EAAB-test-access-token';

export function stubFacebook(initial: FacebookBehaviour = {}) {
  const calls: StubbedCall[] = [];
  let behaviour: Required<FacebookBehaviour> = {
    token: 'ok',
    me: 'ok',
    profile: { id: '10160000000000001', name: 'Ada Lovelace', picture: 'https://scontent.xx.fbcdn.net/ada.jpg' },
    friends: null,
    friendsError: false,
    email: null,
    ...initial,
  };
  const realFetch = globalThis.fetch;

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== 'graph.facebook.com' && url.hostname !== 'www.facebook.com') {
      return realFetch(input, init);
    }
    calls.push({ url, method: request.method, headers: request.headers, body: await request.text() });

    if (url.pathname.endsWith('/oauth/access_token')) {
      switch (behaviour.token) {
        case 'network-error':
          throw new TypeError('fetch failed');
        case 'oauth-error':
          return Response.json(
            { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100 } },
            { status: 400 },
          );
        case 'server-error':
          return new Response('upstream exploded', { status: 500 });
        default:
          return Response.json({ access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 5183944 });
      }
    }
    if (/^\/v\d+\.\d+\/me$/.test(url.pathname)) {
      switch (behaviour.me) {
        case 'network-error':
          throw new TypeError('fetch failed');
        case 'graph-error':
          return Response.json({ error: { message: 'Invalid appsecret_proof', code: 100 } }, { status: 400 });
        case 'garbage':
          return new Response('<html>not json</html>', { status: 200 });
        default: {
          const { id, name, picture } = behaviour.profile;
          return Response.json({
            id,
            name,
            ...(behaviour.email === null ? {} : { email: behaviour.email }),
            ...(behaviour.friends
              ? { permissions: { data: [{ permission: 'user_friends', status: 'granted' }] } }
              : {}),
            ...(picture === undefined
              ? {}
              : picture === null
                ? { picture: { data: { url: 'https://scontent.xx.fbcdn.net/silhouette.jpg', is_silhouette: true } } }
                : { picture: { data: { url: picture, is_silhouette: false, width: 200, height: 200 } } }),
          });
        }
      }
    }
    if (/^\/v\d+\.\d+\/me\/friends$/.test(url.pathname)) {
      if (behaviour.friendsError) return new Response('upstream exploded', { status: 500 });
      if (!behaviour.friends)
        return Response.json({ error: { message: 'missing user_friends', code: 200 } }, { status: 403 });
      return Response.json({ data: behaviour.friends.map((id) => ({ id })), summary: { total_count: 999 } });
    }
    return Response.json({ error: { message: `unexpected stub call ${url.pathname}` } }, { status: 404 });
  };

  vi.stubGlobal('fetch', fakeFetch);
  return {
    calls,
    set(next: FacebookBehaviour) {
      behaviour = { ...behaviour, ...next };
    },
    restore() {
      vi.unstubAllGlobals();
    },
  };
}
