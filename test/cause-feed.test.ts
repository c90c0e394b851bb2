import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, deletePost, setPostHidden, type Post } from '../db/posts.ts';
import { renderMarkdown } from '../functions/markdown.ts';
import { PUBLIC_ANSWER_TTL_MS } from '../functions/http-cache.ts';
import { createClock, createHarness, type Actor, type Harness } from './helpers/harness.ts';

/**
 * GET /api/causes/{cause}/feed.xml: the news of a cause's NGOs as RSS 2.0. Fixture NGOs:
 * Cancer Lifeline (GB-NIC-100002: health, education, mental-health), Disability Action
 * (GB-NIC-100004: disability, education, …), Limbless Support N.I. (GB-NIC-100571: health,
 * disability, mental-health). Nothing in the fixture posts about the environment.
 */
const LIFELINE = 'GB-NIC-100002';
const DISABILITY_ACTION = 'GB-NIC-100004';
const LIMBLESS = 'GB-NIC-100571';

let h: Harness;
let author: Actor;
const clock = createClock();

/** The app keeps public answers for PUBLIC_ANSWER_TTL_MS: each read here comes after, to see the news as it is. */
function getFeed(path: string, ...rest: Parameters<Harness['send']> extends [string, string, ...infer R] ? R : never) {
  clock.advanceSeconds(PUBLIC_ANSWER_TTL_MS / 1000);
  return h.send('GET', path, ...rest);
}
const T0 = Date.UTC(2026, 2, 1, 9);

async function post(ngoId: string, title: string, minutes: number, body = 'News.'): Promise<Post> {
  const content = { title, bodyMarkdown: body, bodyHtml: renderMarkdown(body), linkUrl: null, imageUrl: null };
  return createPost(h.db, ngoId, author.id, content, new Date(T0 + minutes * 60_000));
}

/** libxml2's verdict on a document read from stdin: well-formed or its complaint. */
async function checkWellFormed(xml: string): Promise<string> {
  const run = promisify(execFile)('xmllint', ['--noout', '-'], { encoding: 'utf8' });
  run.child.stdin!.end(xml);
  try {
    await run;
    return 'well-formed';
  } catch (error) {
    return (error as { stderr?: string }).stderr ?? String(error);
  }
}

const itemTitles = (xml: string) =>
  [...xml.matchAll(/<item><title>([^<]*)<\/title>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true, now: clock.now });
  author = await h.signIn('Feed Author');
});
afterAll(() => h.cleanup());

describe('GET /api/causes/:cause/feed.xml', () => {
  it("lists the cause's NGOs' posts, newest first, titled with the NGO; other causes' posts left out", async () => {
    await post(LIFELINE, 'Lifeline first', 1);
    await post(DISABILITY_ACTION, 'Access audit', 2);
    await post(LIMBLESS, 'Limb clinic opens', 3);
    await post(LIFELINE, 'Lifeline second', 4);

    const health = await getFeed('/api/causes/health/feed.xml', null);
    expect(health.status).toBe(200);
    const xml = await health.text();
    expect(itemTitles(xml)).toEqual([
      'Cancer Lifeline: Lifeline second',
      'Limbless Support N.I.: Limb clinic opens',
      'Cancer Lifeline: Lifeline first',
    ]);
    expect(xml).toContain('<title>Health: news from its NGOs on Jumo</title>');
    expect(xml).toContain('<link>https://jumo.test/causes/health/</link>');
    expect(xml).toContain('<atom:link href="https://jumo.test/api/causes/health/feed.xml" rel="self"');
    expect(xml).toMatch(/<link>https:\/\/jumo\.test\/ngos\/cancer-lifeline-100002\/#post-[a-z2-9]{24}<\/link>/);
    expect(xml).toContain(`<lastBuildDate>${new Date(T0 + 4 * 60_000).toUTCString()}</lastBuildDate>`);

    const disability = await (await getFeed('/api/causes/disability/feed.xml', null)).text();
    expect(itemTitles(disability)).toEqual([
      'Limbless Support N.I.: Limb clinic opens',
      'Disability Action (Ni): Access audit',
    ]);
  });

  it('leaves hidden and deleted posts out, and shows a post again once unhidden', async () => {
    const spam = await post(LIMBLESS, 'Spam in health', 10);
    const gone = await post(LIFELINE, 'Deleted soon', 11);
    expect(itemTitles(await (await getFeed('/api/causes/health/feed.xml', null)).text())).toEqual(
      expect.arrayContaining(['Limbless Support N.I.: Spam in health', 'Cancer Lifeline: Deleted soon']),
    );
    await setPostHidden(h.db, spam.id, true, new Date(T0 + 12 * 60_000));
    await deletePost(h.db, gone.id);
    const titles = itemTitles(await (await getFeed('/api/causes/health/feed.xml', null)).text());
    expect(titles).not.toContain('Limbless Support N.I.: Spam in health');
    expect(titles).not.toContain('Cancer Lifeline: Deleted soon');
    expect(titles[0]).toBe('Cancer Lifeline: Lifeline second');
    // Hidden from every cause of its NGO, not just one.
    expect(await (await getFeed('/api/causes/mental-health/feed.xml', null)).text()).not.toContain('Spam in');

    await setPostHidden(h.db, spam.id, false, new Date(T0 + 13 * 60_000));
    expect(itemTitles(await (await getFeed('/api/causes/health/feed.xml', null)).text())[0]).toBe(
      'Limbless Support N.I.: Spam in health',
    );
    await setPostHidden(h.db, spam.id, true, new Date(T0 + 14 * 60_000));
  });

  it('holds the 30 newest posts only', async () => {
    for (let i = 0; i < 32; i++) await post(LIFELINE, `Mental health note ${i}`, 100 + i);
    const titles = itemTitles(await (await getFeed('/api/causes/mental-health/feed.xml', null)).text());
    expect(titles).toHaveLength(30);
    expect(titles[0]).toBe('Cancer Lifeline: Mental health note 31');
    expect(titles[29]).toBe('Cancer Lifeline: Mental health note 2');
  });

  it('is well-formed XML (xmllint), hostile text and bodies escaped', async () => {
    await post(
      DISABILITY_ACTION,
      'Fish & <chips> ]]> "quoted"',
      200,
      'Tea & <b>bold</b> <script>alert(1)</script>\u0001',
    );
    const xml = await (await getFeed('/api/causes/disability/feed.xml', null)).text();
    expect(await checkWellFormed(xml)).toBe('well-formed');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    expect(xml).toContain('<title>Disability Action (Ni): Fish &amp; &lt;chips&gt; ]]&gt; &quot;quoted&quot;</title>');
    expect(xml).not.toContain('<script>');
    expect(await checkWellFormed(await (await getFeed('/api/causes/health/feed.xml', null)).text())).toBe(
      'well-formed',
    );
  });

  it('is cacheable: Cache-Control, a strong ETag, 304 while it holds, 200 once the news changes', async () => {
    const first = await getFeed('/api/causes/education/feed.xml', null);
    expect(first.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=300');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    const again = await getFeed('/api/causes/education/feed.xml', null, undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
    const weak = await getFeed('/api/causes/education/feed.xml', null, undefined, {
      'If-None-Match': `W/${etag}`,
    });
    expect(weak.status).toBe(304);

    await post(DISABILITY_ACTION, 'Education news', 300);
    const changed = await getFeed('/api/causes/education/feed.xml', null, undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect(itemTitles(await changed.text())[0]).toBe('Disability Action (Ni): Education news');
  });

  it('answers the same to every role (public, no cookie needed)', async () => {
    const admin = await h.makeAdmin('Feed Admin');
    const manager = await h.signIn('Feed Manager');
    await h.makeManager(manager, LIFELINE, admin);
    const bodies = new Set<string>();
    for (const who of [null, author, manager, admin]) {
      const response = await getFeed('/api/causes/health/feed.xml', who);
      expect(response.status).toBe(200);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('is an empty channel for a cause without news, 404 naming the field for an unknown cause', async () => {
    const empty = await getFeed('/api/causes/environment/feed.xml', null);
    expect(empty.status).toBe(200);
    const xml = await empty.text();
    expect(xml).toContain('<title>Environment: news from its NGOs on Jumo</title>');
    expect(xml).not.toContain('<item>');
    expect(await checkWellFormed(xml)).toBe('well-formed');

    for (const cause of ['no-such-cause', 'Health', 'US-EIN-010674736', '%3Cscript%3E']) {
      const missing = await h.json('GET', `/api/causes/${cause}/feed.xml`, null);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'not_found', field: 'cause' });
    }
  });

  it('is in /api/openapi.json as application/rss+xml with its 304 and 404', async () => {
    const doc = await h.json('GET', '/api/openapi.json', null);
    const feed = doc.body.paths['/api/causes/{cause}/feed.xml'].get;
    expect(Object.keys(feed.responses['200'].content)).toEqual(['application/rss+xml']);
    expect(Object.keys(feed.responses)).toEqual(expect.arrayContaining(['200', '304', '404']));
  });
});
