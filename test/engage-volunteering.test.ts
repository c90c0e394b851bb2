import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteerOpportunities, volunteerSignups } from '../db/schema.ts';
import { createHarness, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;
let volunteer: Actor;

// Cancer Lifeline: health, education, mental-health (GB). Disability Action: disability… (GB).
const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const opportunity = {
  title: 'Shop volunteer',
  description: 'Help in our charity shop on Saturdays.',
  place: 'Belfast',
  remote: false,
  commitment: '4 hours a week',
  skills: 'Friendly, reliable',
  closesOn: '2099-12-31',
};

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted' });
  admin = await h.makeAdmin('Vol Admin');
  manager = await h.signIn('Vol Manager');
  otherManager = await h.signIn('Vol Other Manager');
  volunteer = await h.signIn('Volunteer Vera');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(otherManager, OTHER_NGO, admin);
});
afterAll(() => h.cleanup());

async function createOpportunity(body: Record<string, unknown> = opportunity, ngo = NGO, who = manager) {
  const response = await h.json('POST', `/api/ngos/${ngo}/opportunities`, who, body);
  expect(response.status).toBe(201);
  return response.body.opportunity as { id: string };
}

describe('opportunities', () => {
  it('are posted by the NGO managers only', async () => {
    for (const [who, status] of [
      [null, 401],
      [volunteer, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect(
        (await h.send('POST', `/api/ngos/${NGO}/opportunities`, who, opportunity)).status,
        who?.name ?? 'out',
      ).toBe(status);
    }
    const created = await createOpportunity();
    expect(created).toMatchObject({
      ngoId: NGO,
      status: 'open',
      remote: false,
      place: 'Belfast',
      closesOn: '2099-12-31',
    });
  });

  it.each([
    [{ ...opportunity, place: '', remote: false }],
    [{ ...opportunity, closesOn: '31/12/2099' }],
    [{ ...opportunity, title: 'x'.repeat(141) }],
    [{ ...opportunity, description: 'short' }],
    [{ ...opportunity, skills: 's'.repeat(301) }],
    [{ ...opportunity, remote: 'yes' }],
  ])('refuses %j with 400', async (body) => {
    expect((await h.send('POST', `/api/ngos/${NGO}/opportunities`, manager, body)).status).toBe(400);
  });

  it('are listed open on the NGO page and at /volunteer/, filtered by cause and country, paginated', async () => {
    const remote = await createOpportunity({ ...opportunity, title: 'Remote mentor', place: null, remote: true });
    await createOpportunity({ ...opportunity, title: 'Past deadline', closesOn: '2000-01-01' });
    const other = await createOpportunity({ ...opportunity, title: 'Advocacy helper' }, OTHER_NGO, otherManager);

    const page = await h.json('GET', `/api/ngos/${NGO}/opportunities`, null);
    expect(page.body.opportunities.map((o: any) => o.title)).not.toContain('Past deadline');
    expect(page.body.opportunities.map((o: any) => o.title)).toContain('Remote mentor');

    const health = await h.json('GET', '/api/opportunities?cause=health', null);
    expect(health.body.opportunities.every((o: any) => o.ngo.id === NGO)).toBe(true);
    expect(health.body.opportunities[0]).toMatchObject({
      ngo: { name: 'Cancer Lifeline', slug: 'cancer-lifeline-100002', country: 'GB' },
    });
    const disability = await h.json('GET', '/api/opportunities?cause=disability', null);
    expect(disability.body.opportunities.map((o: any) => o.id)).toEqual([other.id]);
    expect((await h.json('GET', '/api/opportunities?country=US', null)).body.opportunities).toEqual([]);
    expect((await h.json('GET', '/api/opportunities?remote=1', null)).body.opportunities.map((o: any) => o.id)).toEqual(
      [remote.id],
    );
    expect((await h.send('GET', '/api/opportunities?cause=knitting', null)).status).toBe(400);
    expect((await h.send('GET', '/api/opportunities?cursor=%%%', null)).status).toBe(400);

    for (let i = 0; i < 22; i++) await createOpportunity({ ...opportunity, title: `Bulk ${i}` });
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const pageN: { body: { opportunities: { id: string }[]; nextCursor: string | null } } = await h.json(
        'GET',
        `/api/opportunities${cursor ? `?cursor=${cursor}` : ''}`,
        null,
      );
      seen.push(...pageN.body.opportunities.map((o) => o.id));
      cursor = pageN.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(1 + 1 + 1 + 22);
  });

  it('are edited and closed by the NGO managers only; closed ones leave the public lists', async () => {
    const o = await createOpportunity({ ...opportunity, title: 'To close' });
    for (const [who, status] of [
      [null, 401],
      [volunteer, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect((await h.send('PATCH', `/api/opportunities/${o.id}`, who, { status: 'closed' })).status).toBe(status);
    }
    expect((await h.send('PATCH', `/api/opportunities/${o.id}`, manager, {})).status).toBe(400);
    expect((await h.send('PATCH', `/api/opportunities/${o.id}`, manager, { place: null, remote: false })).status).toBe(
      400,
    );
    expect(
      (await h.send('PATCH', '/api/opportunities/aaaaaaaaaaaaaaaaaaaaaaaa', manager, { status: 'closed' })).status,
    ).toBe(404);
    const edited = await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { title: 'To close soon', skills: '' });
    expect(edited.body.opportunity).toMatchObject({ title: 'To close soon', skills: null });
    const closed = await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { status: 'closed' });
    expect(closed.body.opportunity.status).toBe('closed');
    expect(
      (await h.json('GET', `/api/ngos/${NGO}/opportunities`, null)).body.opportunities.map((x: any) => x.id),
    ).not.toContain(o.id);
    // Managers still see it with ?all=1; others asking for all get the open list.
    expect(
      (await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, manager)).body.opportunities.map((x: any) => x.id),
    ).toContain(o.id);
    expect(
      (await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, otherManager)).body.opportunities.map(
        (x: any) => x.id,
      ),
    ).not.toContain(o.id);
    const late = await h.json('POST', `/api/opportunities/${o.id}/signups`, volunteer, { message: 'Too late?' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('opportunity_closed');
  });
});

describe('opportunity edits keep a place or remote', () => {
  const remoteRole = { ...opportunity, title: 'Remote helper', place: null, remote: true };

  it('refuses {"remote": false} on a remote role without a place (400 naming place), changing nothing', async () => {
    const o = await createOpportunity(remoteRole);
    const response = await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { remote: false });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toMatch(/^place: /);
    const all = (await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, manager)).body.opportunities;
    expect(all.find((x: any) => x.id === o.id)).toMatchObject({ place: null, remote: true });
    // With a place it is fine.
    const moved = await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { remote: false, place: 'Newry' });
    expect(moved.status).toBe(200);
    expect(moved.body.opportunity).toMatchObject({ place: 'Newry', remote: false });
  });

  it('refuses clearing the place of an on-site role (400 naming place), changing nothing', async () => {
    const o = await createOpportunity({ ...opportunity, title: 'On-site helper' });
    for (const change of [{ place: null }, { place: '' }]) {
      const response = await h.json('PATCH', `/api/opportunities/${o.id}`, manager, change);
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(response.body.error.message).toMatch(/^place: /);
    }
    const all = (await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, manager)).body.opportunities;
    expect(all.find((x: any) => x.id === o.id)).toMatchObject({ place: 'Belfast', remote: false });
    // Going remote first, then dropping the place, is fine.
    expect((await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { remote: true })).status).toBe(200);
    expect(
      (await h.json('PATCH', `/api/opportunities/${o.id}`, manager, { place: null })).body.opportunity,
    ).toMatchObject({ place: null, remote: true });
  });
});

describe('request values outside their set', () => {
  it('refuses ?all= other than 1 (400 naming all) instead of quietly listing open ones', async () => {
    for (const all of ['yes', '\u0031\u200b', 'true', '']) {
      const response = await h.json('GET', `/api/ngos/${NGO}/opportunities?all=${encodeURIComponent(all)}`, manager);
      expect(response.status, JSON.stringify(all)).toBe(400);
      expect(response.body.error.message).toMatch(/^all: /);
    }
    expect((await h.json('GET', `/api/ngos/${NGO}/opportunities`, null)).status).toBe(200);
  });

  it('refuses unknown or lookalike body fields (400 naming them), creating nothing', async () => {
    const before = (await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, manager)).body.opportunities.length;
    const response = await h.json('POST', `/api/ngos/${NGO}/opportunities`, manager, {
      ...opportunity,
      'r\u0435mote': true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^r\u0435mote: /);
    expect((await h.json('GET', `/api/ngos/${NGO}/opportunities?all=1`, manager)).body.opportunities).toHaveLength(
      before,
    );
    const o = await createOpportunity({ ...opportunity, title: 'Strict sign-ups' });
    const signup = await h.json('POST', `/api/opportunities/${o.id}/signups`, volunteer, { 'm\u0435ssage': 'hi' });
    expect(signup.status).toBe(400);
    expect((await h.json('GET', `/api/opportunities/${o.id}/signups`, manager)).body.signups).toEqual([]);
  });
});

describe('sign-ups', () => {
  it('a signed-in user signs up once with a message; managers see and mark them; the volunteer sees theirs', async () => {
    const o = await createOpportunity({ ...opportunity, title: 'Sign me up' });
    expect((await h.send('POST', `/api/opportunities/${o.id}/signups`, null, { message: 'hi' })).status).toBe(401);
    expect(
      (await h.send('POST', `/api/opportunities/${o.id}/signups`, volunteer, { message: 'm'.repeat(1001) })).status,
    ).toBe(400);
    const first = await h.json('POST', `/api/opportunities/${o.id}/signups`, volunteer, {
      message: '<b>Keen</b> to help',
    });
    expect(first.status).toBe(201);
    expect(first.body.signup).toMatchObject({ status: 'new', message: '<b>Keen</b> to help' });
    expect((await h.send('POST', `/api/opportunities/${o.id}/signups`, volunteer, {})).status).toBe(200);
    expect((await h.send('POST', '/api/opportunities/aaaaaaaaaaaaaaaaaaaaaaaa/signups', volunteer, {})).status).toBe(
      404,
    );

    for (const [who, status] of [
      [null, 401],
      [volunteer, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect((await h.send('GET', `/api/opportunities/${o.id}/signups`, who)).status).toBe(status);
      expect((await h.send('PATCH', `/api/signups/${first.body.signup.id}`, who, { status: 'contacted' })).status).toBe(
        status,
      );
    }
    const list = await h.json('GET', `/api/opportunities/${o.id}/signups`, manager);
    expect(list.body.signups).toEqual([
      expect.objectContaining({
        id: first.body.signup.id,
        user: { id: volunteer.id, name: 'Volunteer Vera' },
        status: 'new',
      }),
    ]);
    expect((await h.send('PATCH', `/api/signups/${first.body.signup.id}`, manager, { status: 'called' })).status).toBe(
      400,
    );
    const contacted = await h.json('PATCH', `/api/signups/${first.body.signup.id}`, manager, { status: 'contacted' });
    expect(contacted.body.signup.status).toBe('contacted');

    expect((await h.send('GET', '/api/me/signups', null)).status).toBe(401);
    const mine = await h.json('GET', '/api/me/signups', volunteer);
    expect(mine.body.signups[0]).toMatchObject({
      status: 'contacted',
      opportunity: { id: o.id, title: 'Sign me up' },
      ngo: { id: NGO, name: 'Cancer Lifeline', slug: 'cancer-lifeline-100002' },
    });
    expect((await h.json('GET', '/api/me/signups', manager)).body.signups).toEqual([]);

    // Only the volunteer can withdraw their sign-up.
    expect((await h.send('DELETE', `/api/signups/${first.body.signup.id}`, manager)).status).toBe(404);
    expect((await h.send('DELETE', `/api/signups/${first.body.signup.id}`, volunteer)).status).toBe(200);
    expect(
      (await h.json('GET', '/api/me/signups', volunteer)).body.signups.map((s: any) => s.opportunity.id),
    ).not.toContain(o.id);
  });
});

describe('errors name the field at fault', () => {
  it('in error.field and at the start of the message (400), for bodies, query values and path ids, changing nothing', async () => {
    const o = await createOpportunity({ ...opportunity, title: 'Field names' });
    const remoteRole = await createOpportunity({
      ...opportunity,
      title: 'Field names, remote',
      place: null,
      remote: true,
    });
    const snapshot = async () => ({
      opportunities: await h.db.select().from(volunteerOpportunities),
      signups: await h.db.select().from(volunteerSignups),
    });
    const before = await snapshot();
    const cases: [string, string, unknown, string][] = [
      ['POST', `/api/ngos/${NGO}/opportunities`, { ...opportunity, closesOn: '31/12/2099' }, 'closesOn'],
      ['POST', `/api/ngos/${NGO}/opportunities`, { ...opportunity, place: '', remote: false }, 'place'],
      ['PATCH', `/api/opportunities/${o.id}`, { commitment: 'x' }, 'commitment'],
      ['PATCH', `/api/opportunities/${o.id}`, { status: 'paused' }, 'status'],
      // Refused by the database layer, which knows the stored place: the same envelope.
      ['PATCH', `/api/opportunities/${remoteRole.id}`, { remote: false }, 'place'],
      ['POST', `/api/opportunities/${o.id}/signups`, { message: 'm'.repeat(1001) }, 'message'],
      ['GET', '/api/opportunities?cause=knitting', undefined, 'cause'],
      ['GET', '/api/opportunities?country=gb', undefined, 'country'],
      ['GET', '/api/opportunities?remote=yes', undefined, 'remote'],
      ['GET', '/api/opportunities?cursor=%25%25%25', undefined, 'cursor'],
      ['GET', `/api/ngos/${NGO}/opportunities?all=yes`, undefined, 'all'],
      ['GET', '/api/ngos/GB-NIC-12/opportunities', undefined, 'id'],
      ['PATCH', '/api/opportunities/nope', { status: 'closed' }, 'id'],
      ['DELETE', '/api/signups/nope', undefined, 'id'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await h.json(method, path, manager, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(response.body.error, `${method} ${path}`).toMatchObject({ code: 'validation_failed', field });
      expect(response.body.error.message.startsWith(`${field}: `), response.body.error.message).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('404s (naming id) for an NGO not in the directory and for ids of nothing', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/ngos/US-EIN-999999999/opportunities', undefined],
      ['POST', '/api/ngos/US-EIN-999999999/opportunities', opportunity],
      ['GET', '/api/opportunities/zzzzzzzzzzzzzzzzzzzzzzzz/signups', undefined],
      ['PATCH', '/api/signups/zzzzzzzzzzzzzzzzzzzzzzzz', { status: 'contacted' }],
    ] as const) {
      const response = await h.json(method, path, manager, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    }
  });

  it('are documented in /api/openapi.json', async () => {
    const { body } = await h.json('GET', '/api/openapi.json', null);
    const list = body.paths['/api/opportunities'].get;
    expect(list.parameters.map((p: any) => p.name).sort()).toEqual(['cause', 'country', 'cursor', 'remote']);
    expect(Object.keys(body.paths['/api/opportunities/{id}/signups']).sort()).toEqual(['get', 'post']);
    expect(body.paths['/api/me/signups'].get.responses['200'].content['application/json'].schema).toBeDefined();
  });
});
