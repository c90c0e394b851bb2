import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaObjects, ngoProfileRevisions, ngoProfiles } from '../db/schema.ts';
import { createClock, createHarness, LIFTED_RATE_LIMITS, type Actor, type Harness } from './helpers/harness.ts';

/** Profiles (PUT/GET /api/ngos/{id}/profile), their history and revert, and image uploads. */

const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const IMAGES = 'test/fixtures/images';
const readImage = (name: string) => new Uint8Array(readFileSync(join(IMAGES, name)));

let h: Harness;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;
let plain: Actor;
const clock = createClock(Date.UTC(2027, 2, 12, 9, 0, 0));

const fullProfile = {
  mission: 'We support **people living with cancer** in Belfast. See [our work](https://lifeline.example.org/work).',
  description: 'Counselling, complementary therapies and <script>alert(1)</script> support groups.',
  website: 'Cancer-Lifeline.org.uk/',
  donationUrl: 'https://cancer-lifeline.org.uk/donate#form',
  social: {
    facebook: 'https://www.facebook.com/cancerlifeline',
    instagram: 'instagram.com/cancerlifeline',
    x: 'https://twitter.com/cancerlifeline',
    linkedin: null,
  },
  contactEmail: ' Hello@Cancer-Lifeline.org.uk ',
  languages: ['en', 'ga'],
  countriesServed: ['GB', 'IE'],
  yearFounded: 1999,
};

function upload(sender: Actor | null, ngoId: string, bytes: Uint8Array, contentType = 'application/octet-stream') {
  return h.send('POST', `/api/ngos/${ngoId}/media`, sender, bytes, { 'Content-Type': contentType });
}

async function countRows() {
  const [profiles, revisions, media] = await Promise.all([
    h.db.select().from(ngoProfiles),
    h.db.select().from(ngoProfileRevisions),
    h.db.select().from(mediaObjects),
  ]);
  return { profiles: profiles.length, revisions: revisions.length, media: media.length };
}

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true, rateLimits: LIFTED_RATE_LIMITS, now: clock.now });
  admin = await h.makeAdmin('Ada Admin');
  manager = await h.signIn('Mona Manager');
  otherManager = await h.signIn('Otto Other');
  plain = await h.signIn('Pat Plain');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(otherManager, OTHER_NGO, admin);
});

afterAll(() => h.cleanup());

describe('image upload (POST /api/ngos/{id}/media)', () => {
  it.each([
    ['logo.png', 'image/png', 'png'],
    ['logo.jpg', 'image/jpeg', 'jpg'],
    ['logo.webp', 'image/webp', 'webp'],
  ])('stores a real %s by its SHA-256 and serves it immutable with its real type', async (file, type, ext) => {
    const bytes = readImage(file);
    // The declared type is ignored: a PNG sent as text/plain is still judged by its bytes.
    const response = await upload(manager, NGO, bytes, 'text/plain');
    expect(response.status).toBe(201);
    const { image } = (await response.json()) as { image: { key: string; url: string; width: number } };
    const expectedHash = await crypto.subtle.digest('SHA-256', bytes);
    const hex = Buffer.from(expectedHash).toString('hex');
    expect(image).toEqual({
      key: `media/${hex}.${ext}`,
      url: `/api/media/${hex}.${ext}`,
      width: 64,
      height: 48,
      contentType: type,
    });
    const [row] = await h.db.select().from(mediaObjects).where(eq(mediaObjects.key, image.key));
    expect(row).toMatchObject({ ngoId: NGO, uploadedBy: manager.id, bytes: bytes.length, contentType: type });
    // On disk where the Node entry keeps media: <dir>/media/<sha256>.<ext>.
    expect(new Uint8Array(readFileSync(join(h.database.dir, image.key)))).toEqual(bytes);

    const served = await h.send('GET', image.url, null);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe(type);
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
  });

  it('answers the same key for the same bytes, with one row', async () => {
    const before = await countRows();
    const first = await (await upload(manager, NGO, readImage('logo.png'))).json();
    const again = await (await upload(manager, NGO, readImage('logo.png'))).json();
    expect(again.image.key).toBe(first.image.key);
    expect((await countRows()).media).toBe(before.media);
  });

  const png = readImage('logo.png');
  const gif = new Uint8Array([
    ...new TextEncoder().encode('GIF89a'),
    0x40,
    0x00,
    0x30,
    0x00,
    0x80,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0xff,
    0xff,
    0xff,
    0x2c,
    0x00,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0x02,
    0x02,
    0x44,
    0x01,
    0x00,
    0x3b,
  ]);
  const forged: [string, Uint8Array, string][] = [
    [
      'HTML named .png',
      new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      'a PNG, JPEG or WebP image',
    ],
    [
      'SVG',
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'a PNG, JPEG or WebP image',
    ],
    ['GIF', gif, 'a PNG, JPEG or WebP image'],
    ['truncated PNG', png.slice(0, png.length - 40), 'incomplete'],
    [
      'PNG header with HTML after it',
      new Uint8Array([...png.slice(0, 33), ...new TextEncoder().encode('<script>alert(1)</script>')]),
      'incomplete',
    ],
    ['truncated JPEG', readImage('logo.jpg').slice(0, 500), 'incomplete'],
    ['truncated WebP', readImage('logo.webp').slice(0, 300), 'incomplete'],
    ['8×8 PNG', readImage('tiny.png'), 'at least 16×16'],
    ['5000 px wide PNG', readImage('wide.png'), 'at most 4096×4096'],
    ['empty body', new Uint8Array(), 'empty'],
  ];
  it.each(forged)('refuses a %s: 400 naming image, nothing stored', async (_name, bytes, message) => {
    const before = await countRows();
    const response = await upload(manager, NGO, bytes, 'image/png');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'validation_failed', field: 'image' });
    expect(body.error.message).toContain(message);
    expect(await countRows()).toEqual(before);
  });

  it('refuses an image over 256 KB with 413 naming image', async () => {
    const before = await countRows();
    const noise = readImage('noise.png');
    expect(noise.length).toBeGreaterThan(256 * 1024);
    const response = await upload(manager, NGO, noise, 'image/png');
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: 'payload_too_large', field: 'image' });
    expect(await countRows()).toEqual(before);
  });

  it('is for the NGO managers only', async () => {
    const before = await countRows();
    expect((await upload(null, NGO, png)).status).toBe(401);
    expect((await upload(plain, NGO, png)).status).toBe(403);
    expect((await upload(otherManager, NGO, png)).status).toBe(403);
    expect((await upload(admin, NGO, png)).status).toBe(403);
    expect((await upload(manager, 'GB-NIC-999999', png)).status).toBe(404);
    expect((await upload(manager, 'nope', png)).status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it('refuses a cross-site upload', async () => {
    const response = await h.app.request(`https://jumo.test/api/ngos/${NGO}/media`, {
      method: 'POST',
      headers: { Cookie: `session=${manager.token}`, Origin: 'https://evil.example', 'Content-Type': 'image/png' },
      body: png,
    });
    expect(response.status).toBe(403);
  });

  it('serves a stored image without the database (page views never read it)', async () => {
    const { image } = await (await upload(manager, NGO, readImage('logo.jpg'))).json();
    const noDatabase = h.makeApp({ openDb: () => ({ ok: false, reason: 'database down for this test' }) });
    const served = await noDatabase.request(`https://jumo.test${image.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect((await noDatabase.request('https://jumo.test/api/health')).status).toBe(503);
  });

  it('answers 404 for an unknown image and 400 for a name that is not a hash', async () => {
    const missing = await h.send('GET', `/api/media/${'a'.repeat(64)}.png`, null);
    expect(missing.status).toBe(404);
    const traversal = await h.send('GET', '/api/media/..%2F..%2Ftest.db', null);
    expect(traversal.status).toBe(400);
    expect((await traversal.json()).error.field).toBe('name');
  });
});

describe('profile (GET/PUT /api/ngos/{id}/profile)', () => {
  it('starts empty for the managers', async () => {
    const answer = await h.json('GET', `/api/ngos/${OTHER_NGO}/profile`, otherManager);
    expect(answer).toEqual({
      status: 200,
      body: { ngoId: OTHER_NGO, profile: null, updatedAt: null, updatedBy: null, logoUrl: null },
    });
  });

  it('saves a full profile, normalised and sanitised, with a revision', async () => {
    const logo = (await (await upload(manager, NGO, readImage('logo.webp'))).json()).image;
    const saved = await h.json('PUT', `/api/ngos/${NGO}/profile`, manager, { ...fullProfile, logo: logo.key });
    expect(saved.status).toBe(200);
    const { profile } = saved.body;
    expect(profile.website).toBe('https://cancer-lifeline.org.uk/');
    expect(profile.donationUrl).toBe('https://cancer-lifeline.org.uk/donate');
    expect(profile.social).toEqual({
      facebook: 'https://www.facebook.com/cancerlifeline',
      instagram: 'https://instagram.com/cancerlifeline',
      x: 'https://twitter.com/cancerlifeline',
    });
    expect(profile.contactEmail).toBe('hello@cancer-lifeline.org.uk');
    expect(profile.missionHtml).toContain('<strong>people living with cancer</strong>');
    expect(profile.missionHtml).toContain('rel="nofollow ugc noopener"');
    expect(profile.descriptionHtml).toContain('&lt;script&gt;');
    expect(profile.descriptionHtml).not.toContain('<script>');
    expect(profile.logo).toBe(logo.key);
    expect(saved.body.logoUrl).toBe(logo.url);
    expect(saved.body.updatedAt).toBe('2027-03-12T09:00:00.000Z');
    expect(saved.body.updatedBy).toEqual({ id: manager.id, name: manager.name });

    const read = await h.json('GET', `/api/ngos/${NGO}/profile`, manager);
    expect(read.body).toEqual(saved.body);
    const adminRead = await h.json('GET', `/api/ngos/${NGO}/profile`, admin);
    expect(adminRead.body).toEqual(saved.body);

    const revisions = await h.db.select().from(ngoProfileRevisions).where(eq(ngoProfileRevisions.ngoId, NGO));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ action: 'edit', authorId: manager.id });
    expect(JSON.parse(revisions[0]!.data)).toEqual(profile);
  });

  it('reading is for managers and admins only', async () => {
    expect((await h.json('GET', `/api/ngos/${NGO}/profile`, null)).status).toBe(401);
    expect((await h.json('GET', `/api/ngos/${NGO}/profile`, plain)).status).toBe(403);
    expect((await h.json('GET', `/api/ngos/${NGO}/profile`, otherManager)).status).toBe(403);
    expect((await h.json('GET', `/api/ngos/GB-NIC-999999/profile`, admin)).status).toBe(404);
  });

  it('saving is for the NGO managers only (admins revert instead)', async () => {
    const before = await countRows();
    for (const [sender, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      const answer = await h.json('PUT', `/api/ngos/${NGO}/profile`, sender, { mission: 'Hijacked' });
      expect(answer.status).toBe(status);
    }
    expect(await countRows()).toEqual(before);
  });

  const badInputs: [string, Record<string, unknown>, string][] = [
    ['http website', { website: 'http://cancer-lifeline.org.uk' }, 'website'],
    ['javascript: website', { website: 'javascript:alert(1)' }, 'website'],
    ['localhost website', { website: 'https://localhost:8080/' }, 'website'],
    ['private IP donation page', { donationUrl: 'https://192.168.1.10/give' }, 'donationUrl'],
    ['metadata IP', { donationUrl: 'https://169.254.169.254/latest' }, 'donationUrl'],
    ['IPv6 loopback', { website: 'https://[::1]/' }, 'website'],
    ['decimal IP', { website: 'https://2130706433/' }, 'website'],
    ['credentials', { website: 'https://user:pw@example.org/' }, 'website'],
    ['single-label host', { website: 'https://intranet/' }, 'website'],
    ['Facebook link on another host', { social: { facebook: 'https://evil.example/facebook.com' } }, 'social.facebook'],
    ['look-alike host', { social: { instagram: 'https://instagram.com.evil.example/x' } }, 'social.instagram'],
    ['network home page', { social: { youtube: 'https://www.youtube.com/' } }, 'social.youtube'],
    ['unknown network', { social: { myspace: 'https://myspace.com/x' } }, 'social.myspace'],
    ['mission too long', { mission: 'x'.repeat(5001) }, 'mission'],
    ['control characters', { description: 'a\u0000b' }, 'description'],
    ['bad email', { contactEmail: 'not-an-email' }, 'contactEmail'],
    ['unknown language', { languages: ['english'] }, 'languages.0'],
    ['repeated country', { countriesServed: ['GB', 'GB'] }, 'countriesServed'],
    ['unknown country', { countriesServed: ['ZZ'] }, 'countriesServed.0'],
    ['future year', { yearFounded: 3000 }, 'yearFounded'],
    ['ancient year', { yearFounded: 1066 }, 'yearFounded'],
    ['logo not a key', { logo: '../../etc/passwd' }, 'logo'],
    ['logo never uploaded', { logo: `media/${'b'.repeat(64)}.png` }, 'logo'],
    ['unknown field', { bankAccount: '123' }, ''],
  ];
  it.each(badInputs)('refuses a %s: 400 naming the field, nothing changed', async (_name, body, field) => {
    const before = await countRows();
    const current = await h.json('GET', `/api/ngos/${NGO}/profile`, manager);
    const answer = await h.json('PUT', `/api/ngos/${NGO}/profile`, manager, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    if (field) expect(answer.body.error.field).toBe(field);
    expect(await countRows()).toEqual(before);
    expect((await h.json('GET', `/api/ngos/${NGO}/profile`, manager)).body).toEqual(current.body);
  });
});

describe('history and revert (admins)', () => {
  it('lists every change newest first and reverts to an earlier one as a new revision', async () => {
    clock.advanceSeconds(3600);
    const second = await h.json('PUT', `/api/ngos/${NGO}/profile`, manager, { mission: 'Vandalised mission' });
    expect(second.body.profile).toEqual({ mission: 'Vandalised mission', missionHtml: '<p>Vandalised mission</p>\n' });

    const history = await h.json('GET', `/api/admin/ngos/${NGO}/profile/revisions`, admin);
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: { action: string }) => r.action)).toEqual(['edit', 'edit']);
    expect(history.body.revisions[0].profile.mission).toBe('Vandalised mission');
    expect(history.body.revisions[0].author).toEqual({ id: manager.id, name: manager.name });
    const original = history.body.revisions[1];
    expect(original.profile.website).toBe('https://cancer-lifeline.org.uk/');

    clock.advanceSeconds(60);
    const reverted = await h.json('POST', `/api/admin/ngos/${NGO}/profile/revisions/${original.id}/revert`, admin);
    expect(reverted.status).toBe(200);
    expect(reverted.body.profile).toEqual(original.profile);
    expect(reverted.body.updatedBy).toEqual({ id: admin.id, name: admin.name });

    const after = await h.json('GET', `/api/admin/ngos/${NGO}/profile/revisions`, admin);
    expect(after.body.revisions).toHaveLength(3);
    expect(after.body.revisions[0]).toMatchObject({
      action: 'revert',
      revertedTo: original.id,
      author: { id: admin.id },
    });
    expect((await h.json('GET', `/api/ngos/${NGO}/profile`, manager)).body.profile).toEqual(original.profile);
  });

  it('history and revert are for site admins only', async () => {
    const history = await h.json('GET', `/api/admin/ngos/${NGO}/profile/revisions`, admin);
    const target = history.body.revisions[1].id as string;
    const before = await countRows();
    for (const [sender, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [manager, 403],
    ] as const) {
      expect((await h.json('GET', `/api/admin/ngos/${NGO}/profile/revisions`, sender)).status).toBe(status);
      expect((await h.json('POST', `/api/admin/ngos/${NGO}/profile/revisions/${target}/revert`, sender)).status).toBe(
        status,
      );
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses a revision of another NGO or a malformed id, changing nothing', async () => {
    const history = await h.json('GET', `/api/admin/ngos/${NGO}/profile/revisions`, admin);
    const target = history.body.revisions[0].id as string;
    const before = await countRows();
    const foreign = await h.json('POST', `/api/admin/ngos/${OTHER_NGO}/profile/revisions/${target}/revert`, admin);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.field).toBe('revisionId');
    const malformed = await h.json('POST', `/api/admin/ngos/${NGO}/profile/revisions/nope/revert`, admin);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('revisionId');
    expect(await countRows()).toEqual(before);
  });
});

// Last: it saves profiles, which the tests above count on being as they left them.
describe('rate limits', () => {
  it('limits uploads and saves per account (429 with Retry-After), like other content', async () => {
    const limited = h.withApp({ rateLimits: { ...LIFTED_RATE_LIMITS, content: { limit: 2, windowSeconds: 600 } } });
    const png = readImage('logo.png');
    const send = () => limited.send('POST', `/api/ngos/${NGO}/media`, manager, png, { 'Content-Type': 'image/png' });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++)
      expect((await limited.json('PUT', `/api/ngos/${OTHER_NGO}/profile`, otherManager, {})).status).toBe(200);
    expect((await limited.json('PUT', `/api/ngos/${OTHER_NGO}/profile`, otherManager, {})).status).toBe(429);
  });
});
