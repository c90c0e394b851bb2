import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN } from './helpers/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/database.ts';
import { createEngageHarness, type Actor } from './helpers/engage.ts';

let testDb: TestDatabase;
let h: Awaited<ReturnType<typeof createEngageHarness>>;
let admin: Actor;

// Fixture NGOs: Cancer Lifeline (website cancerlifeline.info) and Disability Action.
const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const NO_SITE_NGO = 'GB-NIC-100369';
const claimBody = { role: 'Fundraising lead', workEmail: 'ana@cancerlifeline.info', note: 'Call the office.' };

beforeAll(async () => {
  testDb = await createTestDatabase();
  h = await createEngageHarness(testDb.db);
  admin = await h.makeAdmin('Claims Admin');
});
afterAll(() => testDb.cleanup());

describe('POST /api/ngos/:id/claims', () => {
  it('records a pending claim once and shows it in /access and /me/claims', async () => {
    const user = await h.signIn('Claimant One');
    const first = await h.json('POST', `/api/ngos/${NGO}/claims`, user, claimBody);
    expect(first.status).toBe(201);
    expect(first.body.claim).toMatchObject({ ngoId: NGO, status: 'pending', workEmail: 'ana@cancerlifeline.info' });
    const again = await h.json('POST', `/api/ngos/${NGO}/claims`, user, claimBody);
    expect(again.status).toBe(200);
    expect(again.body.claim.id).toBe(first.body.claim.id);
    expect((await h.json('GET', `/api/ngos/${NGO}/access`, user)).body).toEqual({
      ngo: { id: NGO, name: 'Cancer Lifeline', slug: 'cancer-lifeline-100002' },
      signedIn: true,
      manager: false,
      admin: false,
      claim: { id: first.body.claim.id, status: 'pending' },
    });
    expect((await h.json('GET', '/api/me/claims', user)).body.claims).toHaveLength(1);
  });

  it('answers /access for signed-out visitors without a claim', async () => {
    expect((await h.json('GET', `/api/ngos/${NGO}/access`, null)).body).toEqual({ ngo: expect.objectContaining({ id: NGO }), signedIn: false, manager: false, admin: false, claim: null });
  });

  it('needs a session and a same-origin request', async () => {
    expect((await h.send('POST', `/api/ngos/${NGO}/claims`, null, claimBody)).status).toBe(401);
    const user = await h.signIn('Cross Site');
    const response = await h.app.request(`${ORIGIN}/api/ngos/${NGO}/claims`, {
      method: 'POST',
      headers: { Cookie: `session=${user.token}`, Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify(claimBody),
    });
    expect(response.status).toBe(403);
  });

  it('refuses unknown NGOs (404) and invalid fields (400)', async () => {
    const user = await h.signIn('Validator');
    expect((await h.send('POST', '/api/ngos/nope/claims', user, claimBody)).status).toBe(404);
    expect((await h.send('POST', '/api/ngos/US-EIN-999999999/claims', user, claimBody)).status).toBe(404);
    for (const body of [
      { ...claimBody, workEmail: 'not-an-email' },
      { ...claimBody, workEmail: 'a@b.c<script>' },
      { ...claimBody, role: 'x' },
      { ...claimBody, role: 'r'.repeat(81) },
      { ...claimBody, note: 'n'.repeat(1001) },
      { ...claimBody, role: 'Boss\u0000' },
    ]) {
      const response = await h.json('POST', `/api/ngos/${NGO}/claims`, user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});

describe('admin review', () => {
  it('lists pending claims to admins only, with the website-domain signal', async () => {
    const matching = await h.signIn('Domain Match');
    const sub = await h.signIn('Subdomain Match');
    const lookalike = await h.signIn('Lookalike');
    const gmail = await h.signIn('Gmail User');
    await h.json('POST', `/api/ngos/${NGO}/claims`, matching, { ...claimBody, workEmail: 'Boss@CancerLifeline.info' });
    await h.json('POST', `/api/ngos/${NGO}/claims`, sub, { ...claimBody, workEmail: 'x@mail.cancerlifeline.info' });
    await h.json('POST', `/api/ngos/${NGO}/claims`, lookalike, { ...claimBody, workEmail: 'x@cancerlifeline.info.evil.com' });
    await h.json('POST', `/api/ngos/${NO_SITE_NGO}/claims`, gmail, { ...claimBody, workEmail: 'x@gmail.com' });

    expect((await h.send('GET', '/api/admin/claims', null)).status).toBe(401);
    const plain = await h.json('GET', '/api/admin/claims', matching);
    expect(plain.status).toBe(403);
    expect(plain.body.error.code).toBe('forbidden');

    const list = await h.json('GET', '/api/admin/claims', admin);
    expect(list.status).toBe(200);
    const byUser = new Map(list.body.claims.map((c: any) => [c.user.id, c]));
    expect(byUser.get(matching.id)).toMatchObject({ emailMatchesWebsite: true, ngo: { id: NGO, name: 'Cancer Lifeline', websiteHost: 'cancerlifeline.info' } });
    expect(byUser.get(sub.id)).toMatchObject({ emailMatchesWebsite: true });
    expect(byUser.get(lookalike.id)).toMatchObject({ emailMatchesWebsite: false });
    expect(byUser.get(gmail.id)).toMatchObject({ emailMatchesWebsite: false, ngo: { websiteHost: null } });
  });

  it('approves (the claimant becomes a manager) or rejects, once, admins only', async () => {
    const claimant = await h.signIn('To Approve');
    const rejected = await h.signIn('To Reject');
    const a = await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, { ...claimBody, workEmail: 'c@disabilityaction.org' });
    const r = await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, rejected, claimBody);

    expect((await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, null, { decision: 'approve' })).status).toBe(401);
    expect((await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, claimant, { decision: 'approve' })).status).toBe(403);
    expect((await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, admin, { decision: 'maybe' })).status).toBe(400);
    expect((await h.send('POST', `/api/admin/claims/aaaaaaaaaaaaaaaaaaaaaaaa/decision`, admin, { decision: 'approve' })).status).toBe(404);

    const approved = await h.json('POST', `/api/admin/claims/${a.body.claim.id}/decision`, admin, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.claim.status).toBe('approved');
    const twice = await h.json('POST', `/api/admin/claims/${a.body.claim.id}/decision`, admin, { decision: 'reject' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('claim_decided');
    expect((await h.json('GET', `/api/ngos/${OTHER_NGO}/access`, claimant)).body).toMatchObject({ manager: true });
    expect((await h.json('GET', '/api/me/managed', claimant)).body).toEqual({
      ngos: [{ id: OTHER_NGO, name: 'Disability Action (Ni)', slug: 'disability-action-ni-100004' }],
      admin: false,
    });
    // A manager cannot claim again.
    expect((await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, claimBody)).body.error.code).toBe('already_manager');

    await h.json('POST', `/api/admin/claims/${r.body.claim.id}/decision`, admin, { decision: 'reject' });
    expect((await h.json('GET', `/api/ngos/${OTHER_NGO}/access`, rejected)).body).toMatchObject({ manager: false, claim: { status: 'rejected' } });
    expect((await h.json('GET', '/api/admin/claims?status=rejected', admin)).body.claims.map((c: any) => c.id)).toContain(r.body.claim.id);
  });
});

describe('managers', () => {
  it('lets a manager (or an admin) list, add by user id and remove managers, never the last one', async () => {
    const owner = await h.signIn('Page Owner');
    const colleague = await h.signIn('Colleague');
    const otherManager = await h.signIn('Other NGO Manager');
    const plain = await h.signIn('Plain User');
    const ngo = 'GB-NIC-100475';
    await h.makeManager(owner, ngo, admin);
    await h.makeManager(otherManager, 'GB-NIC-100571', admin);

    for (const [who, status] of [[null, 401], [plain, 403], [otherManager, 403], [owner, 200], [admin, 200]] as const) {
      expect((await h.send('GET', `/api/ngos/${ngo}/managers`, who)).status, who?.name ?? 'signed out').toBe(status);
    }
    for (const [who, status] of [[null, 401], [plain, 403], [otherManager, 403]] as const) {
      expect((await h.send('POST', `/api/ngos/${ngo}/managers`, who, { userId: colleague.id })).status).toBe(status);
      expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${owner.id}`, who)).status).toBe(status);
    }
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })).status).toBe(404);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: 'x' })).status).toBe(400);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: colleague.id })).status).toBe(201);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: colleague.id })).status).toBe(200);
    const list = await h.json('GET', `/api/ngos/${ngo}/managers`, colleague);
    expect(list.body.managers.map((m: any) => m.name).sort()).toEqual(['Colleague', 'Page Owner']);

    expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${owner.id}`, colleague)).status).toBe(200);
    const last = await h.json('DELETE', `/api/ngos/${ngo}/managers/${colleague.id}`, colleague);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_manager');
    expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${plain.id}`, colleague)).status).toBe(404);
    // The removed manager has lost their rights.
    expect((await h.send('GET', `/api/ngos/${ngo}/managers`, owner)).status).toBe(403);
    // An admin can add someone back (an abandoned page).
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, admin, { userId: owner.id })).status).toBe(201);
  });
});

describe('every engagement route', () => {
  const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const mutations: [string, string][] = [
    ['POST', `/api/ngos/${NGO}/claims`],
    ['POST', `/api/admin/claims/${ID}/decision`],
    ['POST', `/api/ngos/${NGO}/managers`],
    ['DELETE', `/api/ngos/${NGO}/managers/${ID}`],
    ['POST', `/api/ngos/${NGO}/posts`],
    ['PATCH', `/api/posts/${ID}`],
    ['DELETE', `/api/posts/${ID}`],
    ['POST', `/api/ngos/${NGO}/opportunities`],
    ['PATCH', `/api/opportunities/${ID}`],
    ['POST', `/api/opportunities/${ID}/signups`],
    ['PATCH', `/api/signups/${ID}`],
    ['DELETE', `/api/signups/${ID}`],
    ['POST', '/api/reports'],
    ['POST', `/api/admin/reports/${ID}/resolution`],
  ];
  const privateReads = [
    '/api/me/claims',
    '/api/me/managed',
    '/api/me/signups',
    '/api/admin/claims',
    '/api/admin/reports',
    `/api/ngos/${NGO}/managers`,
    `/api/opportunities/${ID}/signups`,
    '/api/feed',
  ];

  it.each(mutations)('%s %s refuses cross-site requests (403) and signed-out ones (401)', async (method, path) => {
    const user = await h.signIn('Matrix User');
    const crossSite = await h.app.request(`${ORIGIN}${path}`, {
      method,
      headers: { Cookie: `session=${user.token}`, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    const signedOut = await h.send(method, path, null, {});
    expect(signedOut.status).toBe(401);
  });

  it.each(privateReads)('GET %s needs a session (401)', async (path) => {
    const response = await h.send('GET', path, null);
    expect(response.status).toBe(401);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });
});
