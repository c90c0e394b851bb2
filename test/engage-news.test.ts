import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngoPosts } from '../db/schema.ts';
import { createHarness, LIFTED_RATE_LIMITS, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;
let plain: Actor;

const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const post = {
  title: 'Spring appeal',
  body: 'We raised **£5,000**. See [the report](https://example.org/r).',
  linkUrl: 'https://example.org/appeal',
  imageUrl: 'https://example.org/a.jpg',
};

/** Real payloads: none of them may come out as markup, attribute or active link. */
const XSS_BODIES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '[x](https://a.org "title\\" onmouseover=alert(1) x=\\"")',
  '<a href="javascript:alert(1)">x</a>',
  '"><svg onload=alert(1)>',
  '<iframe src=https://evil.example></iframe>',
  '[x](vbscript:msgbox(1))',
  '<https://ok.example/"onmouseover="alert(1)>',
];

/** What a sanitised body may contain: only our own tags and attributes, http(s)/mailto links. */
function expectInert(html: string) {
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/gi)) {
    expect(['p', 'a', 'strong', 'em', 'ul', 'ol', 'li', 'br', 'blockquote', 's', 'code']).toContain(
      m[2]!.toLowerCase(),
    );
    // Every attribute is name="value" with no raw quote inside, and only href, rel or title.
    const rest = m[3]!.replace(/\s([a-z]+)="([^"<>]*)"/g, (_all, name: string, value: string) => {
      expect(['href', 'rel', 'title']).toContain(name);
      if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/);
      return '';
    });
    expect(rest.trim()).toBe('');
    if (m[2] === 'a' && !m[1]) expect(m[3]).toContain('rel="nofollow ugc noopener"');
  }
}

/** Minimal XML well-formedness: every tag closes in order, no stray "<" or "&". */
function expectWellFormedXml(xml: string) {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  expect(body).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g)) {
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^>]*>/g, '')).not.toContain('<');
}

beforeAll(async () => {
  // One second per clock reading: posts get distinct times, so "newest first" is testable.
  let t = Date.UTC(2026, 0, 15, 12);
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: () => new Date((t += 1000)) });
  admin = await h.makeAdmin('News Admin');
  manager = await h.signIn('News Manager');
  otherManager = await h.signIn('Elsewhere Manager');
  plain = await h.signIn('News Reader');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(otherManager, OTHER_NGO, admin);
});
afterAll(() => h.cleanup());

describe('posting news', () => {
  it('lets only the NGO managers post; shows posts newest first', async () => {
    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect((await h.send('POST', `/api/ngos/${NGO}/posts`, who, post)).status, who?.name ?? 'signed out').toBe(
        status,
      );
    }
    const first = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, post);
    expect(first.status).toBe(201);
    expect(first.body.post).toMatchObject({
      ngoId: NGO,
      title: 'Spring appeal',
      linkUrl: post.linkUrl,
      imageUrl: post.imageUrl,
    });
    expect(first.body.post.bodyHtml).toBe(
      '<p>We raised <strong>£5,000</strong>. See <a href="https://example.org/r" rel="nofollow ugc noopener">the report</a>.</p>\n',
    );
    await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Second', body: 'Later news' });
    const list = await h.json('GET', `/api/ngos/${NGO}/posts`, null);
    expect(list.status).toBe(200);
    expect(list.body.posts.map((p: any) => p.title).slice(0, 2)).toEqual(['Second', 'Spring appeal']);
    expect((await h.json('GET', `/api/ngos/${OTHER_NGO}/posts`, null)).body.posts).toEqual([]);
  });

  it.each([
    [{ ...post, title: 'ab' }],
    [{ ...post, title: 't'.repeat(141) }],
    [{ ...post, body: '' }],
    [{ ...post, body: 'b'.repeat(4001) }],
    [{ ...post, linkUrl: 'javascript:alert(1)' }],
    [{ ...post, linkUrl: 'http://example.org/' }],
    [{ ...post, imageUrl: 'data:image/png;base64,AAAA' }],
    [{ ...post, imageUrl: 'https://user:pw@example.org/a.png' }],
    [{ ...post, imageUrl: '//example.org/a.png' }],
  ])('refuses %j with 400', async (body) => {
    const response = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });

  it.each(XSS_BODIES)('renders %s inertly (API and RSS)', async (payload) => {
    const created = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: `${payload}`.slice(0, 140).padEnd(3, '.'),
      body: payload,
    });
    expect(created.status).toBe(201);
    expectInert(created.body.post.bodyHtml);
    const rss = await (await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null)).text();
    expectWellFormedXml(rss);
    expect(rss).not.toMatch(/<(script|img|svg|iframe)\b/i);
    await h.send('DELETE', `/api/posts/${created.body.post.id}`, manager);
  });

  it('edits and deletes: the NGO managers only', async () => {
    const { body } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Typo hre', body: 'x' });
    const id = body.post.id;
    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect((await h.send('PATCH', `/api/posts/${id}`, who, { title: 'Hacked', body: 'x' })).status).toBe(status);
      expect((await h.send('DELETE', `/api/posts/${id}`, who)).status).toBe(status);
    }
    const edited = await h.json('PATCH', `/api/posts/${id}`, manager, { title: 'Typo here', body: '*fixed*' });
    expect(edited.status).toBe(200);
    expect(edited.body.post).toMatchObject({
      title: 'Typo here',
      bodyHtml: '<p><em>fixed</em></p>\n',
      bodyMarkdown: '*fixed*',
    });
    expect((await h.send('PATCH', `/api/posts/${id}`, manager, { title: 'x', body: 'x' })).status).toBe(400);
    expect((await h.send('DELETE', `/api/posts/${id}`, manager)).status).toBe(200);
    expect((await h.send('DELETE', `/api/posts/${id}`, manager)).status).toBe(404);
    const malformed = await h.json('PATCH', '/api/posts/nope', manager, { title: 'abc', body: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });

  it('names the field at fault in error.field (400), posting and changing nothing', async () => {
    const { body: created } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Field test',
      body: 'as posted',
    });
    const count = async () => (await h.db.select().from(ngoPosts)).length;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...post, title: 'ab' }, 'title'],
      [{ ...post, imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
      [{ ...post, 'tit\u0435': 'lookalike key' }, 'tit\u0435'],
    ];
    for (const [body, field] of cases) {
      for (const [method, path] of [
        ['POST', `/api/ngos/${NGO}/posts`],
        ['PATCH', `/api/posts/${created.post.id}`],
      ] as const) {
        const response = await h.json(method, path, manager, body);
        expect(response.status, `${method} ${field}`).toBe(400);
        expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
        expect(response.body.error.message.startsWith(`${field}: `)).toBe(true);
      }
    }
    expect(await count()).toBe(before);
    const [stored] = await h.db.select().from(ngoPosts).where(eq(ngoPosts.id, created.post.id));
    expect(stored).toMatchObject({ title: 'Field test', bodyMarkdown: 'as posted' });
  });

  it('404s (naming id) for news of an NGO that is not in the directory', async () => {
    const response = await h.json('GET', '/api/ngos/US-EIN-999999999/posts', null);
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    expect((await h.send('POST', '/api/ngos/US-EIN-999999999/posts', manager, post)).status).toBe(404);
  });

  it('limits how fast one account posts', async () => {
    const limited = await createHarness({
      demoSignIn: true,
      rateLimits: { ...LIFTED_RATE_LIMITS, content: { limit: 2, windowSeconds: 600 } },
    });
    try {
      const a = await limited.makeAdmin('Limit Admin');
      const m = await limited.signIn('Limit Manager');
      await limited.makeManager(m, NGO, a);
      expect((await limited.send('POST', `/api/ngos/${NGO}/posts`, m, post)).status).toBe(201);
      expect((await limited.send('POST', `/api/ngos/${NGO}/posts`, m, post)).status).toBe(201);
      const third = await limited.send('POST', `/api/ngos/${NGO}/posts`, m, post);
      expect(third.status).toBe(429);
      expect(third.headers.get('Retry-After')).toMatch(/^\d+$/);
    } finally {
      limited.cleanup();
    }
  });
});

describe('GET /api/ngos/:id/feed.xml', () => {
  it('is RSS 2.0 with escaped content and cache validators (304)', async () => {
    await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Fish & <chips>',
      body: 'Tea & "cake" <b>bold</b>',
    });
    const response = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    const etag = response.headers.get('ETag')!;
    const lastModified = response.headers.get('Last-Modified')!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();
    const xml = await response.text();
    expectWellFormedXml(xml);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect(xml).toContain('<title>Cancer Lifeline: news on Jumo</title>');
    expect(xml).toContain('<link>https://jumo.test/ngos/cancer-lifeline-100002/</link>');
    expect(xml).toContain('<title>Fish &amp; &lt;chips&gt;</title>');
    expect(xml).toContain(
      '&lt;p&gt;Tea &amp;amp; &amp;quot;cake&amp;quot; &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;&lt;/p&gt;',
    );
    expect(xml).toContain('<enclosure url="https://example.org/a.jpg" length="0" type="image/jpeg"/>');
    expect(xml).toMatch(/<link>https:\/\/jumo\.test\/ngos\/cancer-lifeline-100002\/#post-[a-z2-9]{24}<\/link>/);
    expect(xml).toContain(
      '&lt;a href=&quot;https://example.org/appeal&quot; rel=&quot;nofollow ugc noopener&quot;&gt;Read more&lt;/a&gt;',
    );

    const revalidated = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null, undefined, { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('ETag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
    const since = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null, undefined, {
      'If-Modified-Since': lastModified,
    });
    expect(since.status).toBe(304);
    const stale = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null, undefined, { 'If-None-Match': '"other"' });
    expect(stale.status).toBe(200);
  });

  it('is in /api/openapi.json as application/rss+xml, with its 304', async () => {
    const doc = await h.json('GET', '/api/openapi.json', null);
    const feed = doc.body.paths['/api/ngos/{id}/feed.xml'].get;
    expect(Object.keys(feed.responses['200'].content)).toEqual(['application/rss+xml']);
    expect(Object.keys(feed.responses)).toEqual(expect.arrayContaining(['200', '304', '404']));
    expect(Object.keys(doc.body.paths['/api/posts/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
  });

  it('404s for an NGO that is not in the directory; empty feed for one without news', async () => {
    expect((await h.send('GET', '/api/ngos/US-EIN-999999999/feed.xml', null)).status).toBe(404);
    const empty = await h.send('GET', '/api/ngos/GB-NIC-100703/feed.xml', null);
    expect(empty.status).toBe(200);
    expect(await empty.text()).not.toContain('<item>');
  });
});
