import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ngo } from '../model/ngo.ts';
import { PUBLIC_ANSWER_TTL_MS } from '../functions/http-cache.ts';
import { createClock, createHarness, LIFTED_RATE_LIMITS, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

/*
 * The public directory API (/api/v1/): records as the content holds them, the NGO's own profile
 * and live counts merged in, filters and paging, and what makes it usable from other sites:
 * CORS for any origin, caching with ETag/304, a per-client rate limit and no cookies.
 */

const FIXTURE: Ngo[] = readFileSync(new URL('./fixtures/ngos/sample.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Ngo);
const NGO = 'GB-NIC-100002';
const ELSEWHERE = 'https://widgets.elsewhere.example';

let h: Harness;
let manager: Actor;
let admin: Actor;
let user: Actor;

// Answers are kept for PUBLIC_ANSWER_TTL_MS: tests that change what they show let that time pass.
const clock = createClock();
const letKeptAnswersExpire = () => clock.advanceSeconds(PUBLIC_ANSWER_TTL_MS / 1000);

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: clock.now });
  admin = await h.makeAdmin('Ada Admin');
  manager = await h.signIn('Manny Manager');
  await h.makeManager(manager, NGO, admin);
  user = await h.signIn('Uma User');
});
afterAll(() => h.cleanup());

/** A read as another site's script makes it: no cookie, an Origin of elsewhere. */
function read(path: string, headers: Record<string, string> = {}, app = h.app): Promise<Response> {
  return Promise.resolve(app.request(`${ORIGIN}${path}`, { headers: { Origin: ELSEWHERE, ...headers } }));
}

async function readJson<T = any>(path: string, headers: Record<string, string> = {}) {
  const response = await read(path, headers);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

type Page = { items: { id: string; name: string; url: string; causes: string[] }[]; next: string | null };

/** Every page of a list, following `next` to the end. */
async function readAllPages(query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = query ? '&' : '';
    const page: { status: number; body: Page } = await readJson<Page>(
      `/api/v1/ngos?${query}${cursor ? `${separator}cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item) => item.id));
    cursor = page.body.next;
    pages += 1;
  } while (cursor && pages < 100);
  return { ids, pages };
}

const sorted = (ids: string[]) => [...ids].sort();

describe('GET /api/v1/ngos/:id', () => {
  it('answers every NGO’s record field for field as the content holds it, with its places and page', async () => {
    for (const record of FIXTURE) {
      const { status, body } = await readJson(`/api/v1/ngos/${record.id}`);
      expect(status).toBe(200);
      expect(body.ngo).toEqual(record);
      expect(body.url).toBe(`${ORIGIN}/ngos/${record.slug}/`);
      expect(body.profile).toBeNull();
    }
    const edinburgh = await readJson(`/api/v1/ngos/GB-SC-SC039150`);
    expect(edinburgh.body.places).toEqual(['gb', 'gb-sct', 'gb-sct-ea']);
    // Based in Northern Ireland, working in Romania: on the /places/ro/ page too.
    const abroad = await readJson(`/api/v1/ngos/GB-NIC-105446`);
    expect(abroad.body.places).toEqual(['gb', 'gb-nir', 'ro']);
  });

  it('merges the profile its managers saved, as the page shows it (HTML, no Markdown source)', async () => {
    const saved = await h.json('PUT', `/api/ngos/${NGO}/profile`, manager, {
      mission: 'We run a **shop** for supporters.',
      description: 'Counselling and support groups.',
      website: 'https://cancerlifeline.info/',
      donationUrl: 'https://cancerlifeline.info/donate',
      social: { facebook: 'https://www.facebook.com/cancerlifeline' },
      contactEmail: 'hello@cancerlifeline.info',
      languages: ['en'],
      countriesServed: ['GB'],
      yearFounded: 1999,
    });
    expect(saved.status).toBe(200);
    letKeptAnswersExpire();
    const { body } = await readJson(`/api/v1/ngos/${NGO}`);
    expect(body.ngo).toEqual(FIXTURE.find((r) => r.id === NGO));
    expect(body.profile).toEqual({
      missionHtml: saved.body.profile.missionHtml,
      descriptionHtml: saved.body.profile.descriptionHtml,
      website: 'https://cancerlifeline.info/',
      donationUrl: 'https://cancerlifeline.info/donate',
      social: { facebook: 'https://www.facebook.com/cancerlifeline' },
      contactEmail: 'hello@cancerlifeline.info',
      languages: ['en'],
      countriesServed: ['GB'],
      yearFounded: 1999,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(body.profile.missionHtml).toContain('<strong>shop</strong>');
  });

  it('counts followers, supporters and pledges live: a follow and a pledge move them', async () => {
    const id = 'GB-NIC-100004';
    const before = (await readJson(`/api/v1/ngos/${id}`)).body.counts;
    expect(before).toEqual({ followers: 0, supporters: 0, pledges: 0 });
    expect((await h.json('PUT', `/api/follows/ngos/${id}`, user)).status).toBe(200);
    const pledge = await h.json('POST', '/api/pledges', user, {
      ngoId: id,
      amount: 2500,
      currency: 'GBP',
      recurrence: 'monthly',
      visibility: 'anonymous',
    });
    expect(pledge.status).toBe(201);
    // Within PUBLIC_ANSWER_TTL_MS the kept answer is sent again (public answers may be a minute old)…
    expect((await readJson(`/api/v1/ngos/${id}`)).body.counts).toEqual(before);
    clock.advanceSeconds(PUBLIC_ANSWER_TTL_MS / 1000 - 1);
    expect((await readJson(`/api/v1/ngos/${id}`)).body.counts).toEqual(before);
    // …and then read afresh.
    clock.advanceSeconds(1);
    expect((await readJson(`/api/v1/ngos/${id}`)).body.counts).toEqual({ followers: 1, supporters: 1, pledges: 1 });
  });

  it('is the same answer for everyone, signed in or not, and sets no cookie', async () => {
    const anonymous = await read(`/api/v1/ngos/${NGO}`);
    const expected = await anonymous.text();
    for (const who of [user, manager, admin]) {
      const response = await read(`/api/v1/ngos/${NGO}`, { Cookie: `session=${who.token}` });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expected);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(anonymous.headers.getSetCookie()).toEqual([]);
  });

  it('answers 404 naming `id` for an id of no NGO, 400 naming it for a malformed one', async () => {
    const unknown = await readJson('/api/v1/ngos/GB-NIC-999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    const malformed = await readJson('/api/v1/ngos/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });
});

describe('GET /api/v1/ngos', () => {
  it('pages through the whole directory to the end without repeats or gaps', async () => {
    const { ids, pages } = await readAllPages('limit=7');
    expect(pages).toBe(Math.ceil(FIXTURE.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(FIXTURE.map((r) => r.id)));
    // The default page is 20.
    const first = await readJson<Page>('/api/v1/ngos');
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items.map((i) => i.id)).toEqual(ids.slice(0, 20));
  });

  it('summarises each NGO with its page', async () => {
    const { body } = await readJson('/api/v1/ngos?limit=100');
    const record = FIXTURE.find((r) => r.id === NGO)!;
    expect(body.items.find((i: { id: string }) => i.id === NGO)).toEqual({
      id: NGO,
      name: record.name,
      slug: record.slug,
      url: `${ORIGIN}/ngos/${record.slug}/`,
      summary: record.summary,
      causes: record.causes,
      location: record.location,
    });
    expect(body.next).toBeNull();
  });

  it('filters by cause, by place (where based, or a country served), by name, and by all at once', async () => {
    const withCause = (cause: string) => FIXTURE.filter((r) => (r.causes as string[]).includes(cause));
    const inPlace = (code: string) =>
      FIXTURE.filter((r) =>
        [r.location.country, r.location.region, r.location.area, ...(r.countriesServed ?? [])]
          .filter(Boolean)
          .map((c) => c!.toLowerCase())
          .includes(code),
      );
    const ids = (records: Ngo[]) => sorted(records.map((r) => r.id));

    expect(sorted((await readAllPages('cause=education&limit=3')).ids)).toEqual(ids(withCause('education')));
    expect(sorted((await readAllPages('place=us-ak')).ids)).toEqual(ids(inPlace('us-ak')));
    expect(inPlace('us-ak')).toHaveLength(3);
    // A country's page lists the NGOs working there too.
    expect(sorted((await readAllPages('place=ca')).ids)).toEqual(ids(inPlace('ca')));
    expect(inPlace('ca')).toHaveLength(3);
    expect(sorted((await readAllPages('place=gb-sct-ea')).ids)).toEqual(['GB-SC-SC039150']);

    const both = withCause('youth').filter((r) => inPlace('gb-nir').includes(r));
    expect(both.length).toBeGreaterThan(1);
    expect(sorted((await readAllPages('cause=youth&place=gb-nir&limit=2')).ids)).toEqual(ids(both));

    // Names: whole words or their starts, any order and case.
    expect((await readAllPages('q=ALASKA')).ids).toEqual(
      FIXTURE.filter((r) => /alaska/i.test(r.name)).map((r) => r.id),
    );
    expect((await readAllPages('q=land%20gre')).ids).toEqual(['US-EIN-920155014']);
    expect((await readAllPages('q=foundation&limit=1')).ids).toEqual(
      FIXTURE.filter((r) => /\bfoundation\b/i.test(r.name)).map((r) => r.id),
    );
    expect((await readAllPages('q=foundation&place=ca')).ids).toEqual(['US-EIN-980404212']);
    expect((await readAllPages('q=alaska&cause=environment&place=us-ak')).ids).toEqual([]);
    expect((await readAllPages('q=trust&cause=environment&place=us-ak')).ids).toEqual(['US-EIN-920155014']);
    expect((await readAllPages('q=zzyzx')).ids).toEqual([]);
  });

  it('answers 400 naming the field for a bad cursor, limit, cause, place or q, and 400 for a cursor of another list', async () => {
    const refusals: [string, string][] = [
      ['cursor=abc', 'cursor'],
      [`cursor=${btoa('p.x')}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=-5', 'limit'],
      ['cause=hunger', 'cause'],
      ['cause=HEALTH', 'cause'],
      ['place=zz-zzz', 'place'],
      ['place=US', 'place'],
      ['place=narnia', 'place'],
      ['q=%21%21%21', 'q'],
      [`q=${'a'.repeat(101)}`, 'q'],
      ['q=cancer%00', 'q'],
    ];
    for (const [query, field] of refusals) {
      const { status, body } = await readJson(`/api/v1/ngos?${query}`);
      expect({ query, status, field: body.error?.field }).toEqual({ query, status: 400, field });
    }
  });
});

describe('/api/v1/ from other sites', () => {
  it('answers a CORS preflight from any origin: GET, HEAD and OPTIONS, no credentials', async () => {
    const preflight = await h.app.request(`${ORIGIN}/api/v1/ngos?cause=health`, {
      method: 'OPTIONS',
      headers: {
        Origin: ELSEWHERE,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,OPTIONS');
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('if-none-match');
    expect(preflight.headers.get('Access-Control-Max-Age')).toBe('86400');
    expect(preflight.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('sends the CORS headers on answers and on errors; the rest of /api/ stays same-origin', async () => {
    for (const path of ['/api/v1/ngos', `/api/v1/ngos/${NGO}`, '/api/v1/ngos/GB-NIC-999999', '/api/v1/ngos?limit=0']) {
      const response = await read(path);
      expect(response.headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      expect(response.headers.get('Access-Control-Expose-Headers'), path).toBe('ETag,Retry-After');
      expect(response.headers.get('Access-Control-Allow-Credentials'), path).toBeNull();
    }
    const stats = await read(`/api/ngos/${NGO}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // Writes under /v1/ are neither routes nor allowed from elsewhere.
    const post = await h.app.request(`${ORIGIN}/api/v1/ngos`, { method: 'POST', headers: { Origin: ELSEWHERE } });
    expect(post.status).toBe(403);
  });

  it('is cacheable for a minute and revalidates with its ETag: 304 without a body while nothing changed', async () => {
    for (const path of [`/api/v1/ngos/${NGO}`, '/api/v1/ngos?cause=health&limit=5']) {
      const first = await read(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('Cache-Control')).toBe('public, max-age=60');
      const etag = first.headers.get('ETag')!;
      expect(etag).toMatch(/^W\/"[0-9a-f]{24}"$/);
      const again = await read(path, { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('ETag')).toBe(etag);
      expect(again.headers.get('Cache-Control')).toBe('public, max-age=60');
      expect(again.headers.get('Access-Control-Allow-Origin')).toBe('*');
      // Strong comparison of the opaque part, and lists of tags, as browsers send them.
      expect((await read(path, { 'If-None-Match': `"other", ${etag.slice(2)}` })).status).toBe(304);
      expect((await read(path, { 'If-None-Match': '"other"' })).status).toBe(200);
    }
    // A change is a new ETag: the old one no longer holds.
    const before = (await read(`/api/v1/ngos/GB-NIC-100045`)).headers.get('ETag')!;
    await h.json('PUT', '/api/follows/ngos/GB-NIC-100045', user);
    letKeptAnswersExpire();
    const after = await read(`/api/v1/ngos/GB-NIC-100045`, { 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before);
    // Errors are never cached.
    expect((await read('/api/v1/ngos/GB-NIC-999999')).headers.get('Cache-Control')).toBe('no-store');
  });

  it('limits reads per client: 429 with Retry-After and the error envelope, readable cross-origin; other clients unaffected', async () => {
    let ip = '203.0.113.7';
    const limited = h.withApp({
      rateLimits: { ...LIFTED_RATE_LIMITS, publicRead: { limit: 3, windowSeconds: 60 } },
      getClientIp: () => ip,
    });
    const statuses: number[] = [];
    for (const path of ['/api/v1/ngos', `/api/v1/ngos/${NGO}`, '/api/v1/ngos?q=trust', '/api/v1/ngos/GB-NIC-100004']) {
      statuses.push((await read(path, {}, limited.app)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await read('/api/v1/ngos', {}, limited.app);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The preflight is not counted, and other routes keep their own budgets.
    const preflight = await limited.app.request(`${ORIGIN}/api/v1/ngos`, {
      method: 'OPTIONS',
      headers: { Origin: ELSEWHERE, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect((await read(`/api/ngos/${NGO}/stats`, {}, limited.app)).status).toBe(200);
    ip = '198.51.100.20';
    expect((await read('/api/v1/ngos', {}, limited.app)).status).toBe(200);
  });
});
