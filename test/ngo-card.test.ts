import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngoDirectory } from '../db/schema.ts';
import { createHarness, type Actor, type Harness } from './helpers/harness.ts';

/**
 * GET /api/ngos/{id}/card.png: an NGO's share card, drawn on demand by resvg (wasm) from the
 * directory table, with the real fonts: the bytes are checked as a PNG, never compared to a
 * stored picture.
 */
const LIFELINE = 'GB-NIC-100002';
const DISABILITY_ACTION = 'GB-NIC-100004';
const HOSTILE = 'US-EIN-999000111';

let h: Harness;

/** Width and height from the PNG's signature and IHDR chunk (the first chunk, by the spec). */
function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function fetchCard(id: string, headers?: Record<string, string>, who: Actor | null = null) {
  const response = await h.send('GET', `/api/ngos/${id}/card.png`, who, undefined, headers);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true });
  // A name as a register or a joining NGO might send it: markup, quotes, entities, a control character.
  await h.db.insert(ngoDirectory).values({
    id: HOSTILE,
    name: '<svg onload="alert(1)"></text><text>&amp; O\'Brien & "Sons" ]]> \u0007',
    slug: 'hostile-999000111',
    websiteHost: null,
    country: 'US',
    causes: ' health ',
  });
});
afterAll(() => h.cleanup());

describe('GET /api/ngos/:id/card.png', () => {
  it('is a 1200×630 PNG with long-lived caching and an ETag', async () => {
    const { response, bytes } = await fetchCard(LIFELINE);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400, stale-while-revalidate=604800');
    expect(response.headers.get('ETag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(readPngSize(bytes)).toEqual({ width: 1200, height: 630 });
    // A drawn card, not an empty canvas: text and shapes compress far worse than a flat fill.
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it("draws each NGO's own card (different bytes and ETags), the same card again for the same NGO", async () => {
    const lifeline = await fetchCard(LIFELINE);
    const disability = await fetchCard(DISABILITY_ACTION);
    expect(readPngSize(disability.bytes)).toEqual({ width: 1200, height: 630 });
    expect(Buffer.from(disability.bytes).equals(Buffer.from(lifeline.bytes))).toBe(false);
    expect(disability.response.headers.get('ETag')).not.toBe(lifeline.response.headers.get('ETag'));
    // Drawn afresh by another app (no cache shared): the same bytes, so the ETag may stand for them.
    const fresh = h.withApp();
    const again = new Uint8Array(await (await fresh.send('GET', `/api/ngos/${LIFELINE}/card.png`, null)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(lifeline.bytes))).toBe(true);
  });

  it('answers 304 to its ETag, and a new card once the NGO is renamed', async () => {
    const first = await fetchCard(DISABILITY_ACTION);
    const etag = first.response.headers.get('ETag')!;
    for (const validator of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const revalidated = await fetchCard(DISABILITY_ACTION, { 'If-None-Match': validator });
      expect(revalidated.response.status).toBe(304);
      expect(revalidated.response.headers.get('ETag')).toBe(etag);
      expect(revalidated.response.headers.get('Cache-Control')).toContain('max-age=86400');
      expect(revalidated.bytes.length).toBe(0);
    }
    expect((await fetchCard(DISABILITY_ACTION, { 'If-None-Match': '"other"' })).response.status).toBe(200);

    await h.db
      .update(ngoDirectory)
      .set({ name: 'Disability Action Northern Ireland' })
      .where(eq(ngoDirectory.id, DISABILITY_ACTION));
    const renamed = await fetchCard(DISABILITY_ACTION, { 'If-None-Match': etag });
    expect(renamed.response.status).toBe(200);
    expect(renamed.response.headers.get('ETag')).not.toBe(etag);
    expect(Buffer.from(renamed.bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });

  it('draws a name full of markup as text (the SVG stays well-formed)', async () => {
    const { response, bytes } = await fetchCard(HOSTILE);
    expect(response.status).toBe(200);
    expect(readPngSize(bytes)).toEqual({ width: 1200, height: 630 });
  });

  it('is public: the same card for every role', async () => {
    const admin = await h.makeAdmin('Card Admin');
    const manager = await h.signIn('Card Manager');
    const otherManager = await h.signIn('Other Card Manager');
    await h.makeManager(manager, LIFELINE, admin);
    await h.makeManager(otherManager, DISABILITY_ACTION, admin);
    const plain = await h.signIn('Card Reader');
    const etags = new Set<string>();
    for (const who of [null, plain, manager, otherManager, admin]) {
      const { response } = await fetchCard(LIFELINE, {}, who);
      expect(response.status).toBe(200);
      etags.add(response.headers.get('ETag')!);
    }
    expect(etags.size).toBe(1);
  });

  it('404s for an NGO not in the directory and 400s for a malformed id, naming `id`', async () => {
    const missing = await h.json('GET', '/api/ngos/US-EIN-999999999/card.png', null);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    const malformed = await h.json('GET', '/api/ngos/not-an-id/card.png', null);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });

  it('answers 503 on an entry that cannot draw, 500 when its renderer fails to load; 304 without drawing', async () => {
    const etag = (await fetchCard(LIFELINE)).response.headers.get('ETag')!;
    const bare = h.withApp({ cardAssets: undefined });
    const unavailable = await bare.json('GET', `/api/ngos/${LIFELINE}/card.png`, null);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe('server_misconfigured');
    const broken = h.withApp({ cardAssets: () => Promise.reject(new Error('expected in this test: no wasm here')) });
    expect((await broken.send('GET', `/api/ngos/${LIFELINE}/card.png`, null)).status).toBe(500);
    for (const app of [bare, broken]) {
      const revalidated = await app.send('GET', `/api/ngos/${LIFELINE}/card.png`, null, undefined, {
        'If-None-Match': etag,
      });
      expect(revalidated.status).toBe(304);
    }
  });

  it('is in /api/openapi.json as image/png with its 304, 400 and 404', async () => {
    const doc = await h.json('GET', '/api/openapi.json', null);
    const card = doc.body.paths['/api/ngos/{id}/card.png'].get;
    expect(Object.keys(card.responses['200'].content)).toEqual(['image/png']);
    expect(Object.keys(card.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404']));
  });
});
