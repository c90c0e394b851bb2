import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUserData } from '../db/users.ts';
import { isManager } from '../db/managers.ts';
import { ngoManagers } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;
let admin: Actor;

// Fixture NGOs: Cancer Lifeline (website cancerlifeline.info) and Disability Action.
const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const NO_SITE_NGO = 'GB-NIC-100369';
const claimBody = { role: 'Fundraising lead', workEmail: 'ana@cancerlifeline.info', note: 'Call the office.' };

beforeAll(async () => {
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted' });
  admin = await h.makeAdmin('Claims Admin');
});
afterAll(() => h.cleanup());

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

  it('answers /access only for NGOs of the directory (404 otherwise, 400 naming id for a malformed one)', async () => {
    const unknown = await h.json('GET', '/api/ngos/US-EIN-999999999/access', null);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    const malformed = await h.json('GET', '/api/ngos/nope/access', null);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });

  it('answers /access for signed-out visitors without a claim', async () => {
    expect((await h.json('GET', `/api/ngos/${NGO}/access`, null)).body).toEqual({
      ngo: expect.objectContaining({ id: NGO }),
      signedIn: false,
      manager: false,
      admin: false,
      claim: null,
    });
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

  it('refuses malformed NGO ids (400), unknown NGOs (404) and invalid fields (400)', async () => {
    const user = await h.signIn('Validator');
    expect((await h.send('POST', '/api/ngos/nope/claims', user, claimBody)).status).toBe(400);
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
    await h.json('POST', `/api/ngos/${NGO}/claims`, lookalike, {
      ...claimBody,
      workEmail: 'x@cancerlifeline.info.evil.com',
    });
    await h.json('POST', `/api/ngos/${NO_SITE_NGO}/claims`, gmail, { ...claimBody, workEmail: 'x@gmail.com' });

    expect((await h.send('GET', '/api/admin/claims', null)).status).toBe(401);
    const plain = await h.json('GET', '/api/admin/claims', matching);
    expect(plain.status).toBe(403);
    expect(plain.body.error.code).toBe('forbidden');

    const list = await h.json('GET', '/api/admin/claims', admin);
    expect(list.status).toBe(200);
    const byUser = new Map(list.body.claims.map((c: any) => [c.user.id, c]));
    expect(byUser.get(matching.id)).toMatchObject({
      emailMatchesWebsite: true,
      ngo: { id: NGO, name: 'Cancer Lifeline', websiteHost: 'cancerlifeline.info' },
    });
    expect(byUser.get(sub.id)).toMatchObject({ emailMatchesWebsite: true });
    expect(byUser.get(lookalike.id)).toMatchObject({ emailMatchesWebsite: false });
    expect(byUser.get(gmail.id)).toMatchObject({ emailMatchesWebsite: false, ngo: { websiteHost: null } });
  });

  it('approves (the claimant becomes a manager) or rejects, once, admins only', async () => {
    const claimant = await h.signIn('To Approve');
    const rejected = await h.signIn('To Reject');
    const a = await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, {
      ...claimBody,
      workEmail: 'c@disabilityaction.org',
    });
    const r = await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, rejected, claimBody);

    expect(
      (await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, null, { decision: 'approve' })).status,
    ).toBe(401);
    expect(
      (await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, claimant, { decision: 'approve' })).status,
    ).toBe(403);
    expect(
      (await h.send('POST', `/api/admin/claims/${a.body.claim.id}/decision`, admin, { decision: 'maybe' })).status,
    ).toBe(400);
    expect(
      (await h.send('POST', `/api/admin/claims/aaaaaaaaaaaaaaaaaaaaaaaa/decision`, admin, { decision: 'approve' }))
        .status,
    ).toBe(404);

    const approved = await h.json('POST', `/api/admin/claims/${a.body.claim.id}/decision`, admin, {
      decision: 'approve',
    });
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
    expect((await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, claimBody)).body.error.code).toBe(
      'already_manager',
    );

    await h.json('POST', `/api/admin/claims/${r.body.claim.id}/decision`, admin, { decision: 'reject' });
    expect((await h.json('GET', `/api/ngos/${OTHER_NGO}/access`, rejected)).body).toMatchObject({
      manager: false,
      claim: { status: 'rejected' },
    });
    expect(
      (await h.json('GET', '/api/admin/claims?status=rejected', admin)).body.claims.map((c: any) => c.id),
    ).toContain(r.body.claim.id);
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

    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [owner, 200],
      [admin, 200],
    ] as const) {
      expect((await h.send('GET', `/api/ngos/${ngo}/managers`, who)).status, who?.name ?? 'signed out').toBe(status);
    }
    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
    ] as const) {
      expect((await h.send('POST', `/api/ngos/${ngo}/managers`, who, { userId: colleague.id })).status).toBe(status);
      expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${owner.id}`, who)).status).toBe(status);
    }
    expect(
      (await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })).status,
    ).toBe(404);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: 'x' })).status).toBe(400);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: colleague.id })).status).toBe(201);
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, owner, { userId: colleague.id })).status).toBe(200);
    const list = await h.json('GET', `/api/ngos/${ngo}/managers`, colleague);
    expect(list.body.managers.map((m: any) => m.name).sort()).toEqual(['Colleague', 'Page Owner']);

    expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${owner.id}`, colleague)).status).toBe(200);
    const last = await h.json('DELETE', `/api/ngos/${ngo}/managers/${colleague.id}`, colleague);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_manager');
    expect(last.body.error.ngos).toEqual([{ id: ngo, name: 'Glenravel & District Community & Residents Association' }]);
    expect(last.body.error.message).toContain('Glenravel & District Community & Residents Association');
    expect((await h.send('DELETE', `/api/ngos/${ngo}/managers/${plain.id}`, colleague)).status).toBe(404);
    // The removed manager has lost their rights.
    expect((await h.send('GET', `/api/ngos/${ngo}/managers`, owner)).status).toBe(403);
    // An admin can add someone back (an abandoned page).
    expect((await h.send('POST', `/api/ngos/${ngo}/managers`, admin, { userId: owner.id })).status).toBe(201);
  });
});

describe('the last manager', () => {
  // The William Keown Trust, The Queen's University Of Belfast, Ballyards Charitable Trust, Cregagh Community Association.
  const SOLE = 'GB-NIC-101462';
  const SOLE_NAME = 'The William Keown Trust';
  const SECOND_SOLE = 'GB-NIC-101788';
  const SHARED = 'GB-NIC-102132';
  const RELEASED = 'GB-NIC-103197';

  it('can neither leave nor delete their account while the only manager; both answers name the NGO', async () => {
    const owner = await h.signIn('Sole Owner');
    await h.makeManager(owner, SOLE, admin);
    await h.makeManager(owner, SECOND_SOLE, admin);
    const before = await countUserData(h.db, owner.id);

    const leave = await h.json('DELETE', `/api/ngos/${SOLE}/managers/${owner.id}`, owner);
    expect(leave.status).toBe(409);
    expect(leave.body.error).toMatchObject({ code: 'last_manager', ngos: [{ id: SOLE, name: SOLE_NAME }] });
    expect(leave.body.error.message).toContain(SOLE_NAME);

    const deletion = await h.json('DELETE', '/api/me', owner);
    expect(deletion.status).toBe(409);
    expect(deletion.body.error.code).toBe('last_manager');
    expect(deletion.body.error.message).toContain(SOLE_NAME);
    expect(deletion.body.error.message).toContain("The Queen's University Of Belfast");
    expect(deletion.body.error.message).toContain('/manage/');
    expect(deletion.body.error.ngos).toEqual([
      { id: SOLE, name: SOLE_NAME },
      { id: SECOND_SOLE, name: "The Queen's University Of Belfast" },
    ]);
    // Nothing was deleted: the account, its session and its manager roles are all there.
    expect((await h.send('GET', '/api/me', owner)).status).toBe(200);
    expect(await countUserData(h.db, owner.id)).toBe(before);
    expect(await isManager(h.db, SOLE, owner.id)).toBe(true);
  });

  it('releases the page (unclaimed again, news kept, claimable anew), after which the account can be deleted', async () => {
    const owner = await h.signIn('Releasing Owner');
    await h.makeManager(owner, RELEASED, admin);
    const post = await h.json('POST', `/api/ngos/${RELEASED}/posts`, owner, {
      title: 'Our spring fair',
      body: 'Come along.',
    });
    expect(post.status).toBe(201);

    const released = await h.json('POST', `/api/ngos/${RELEASED}/release`, owner);
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ released: true, managersRemoved: 1 });
    expect(await h.db.select().from(ngoManagers).where(eq(ngoManagers.ngoId, RELEASED))).toEqual([]);
    expect((await h.json('GET', `/api/ngos/${RELEASED}/access`, owner)).body).toMatchObject({ manager: false });
    expect((await h.send('GET', `/api/ngos/${RELEASED}/managers`, owner)).status).toBe(403);
    expect((await h.json('GET', `/api/ngos/${RELEASED}/managers`, admin)).body.managers).toEqual([]);
    // The NGO's news stays.
    expect((await h.json('GET', `/api/ngos/${RELEASED}/posts`, null)).body.posts.map((p: any) => p.title)).toEqual([
      'Our spring fair',
    ]);

    const deletion = await h.json('DELETE', '/api/me', owner);
    expect(deletion.status).toBe(200);
    expect(await countUserData(h.db, owner.id)).toBe(0);

    // Someone else can claim the page and be approved.
    const next = await h.signIn('Next Owner');
    await h.makeManager(next, RELEASED, admin);
    expect((await h.json('GET', `/api/ngos/${RELEASED}/managers`, next)).body.managers.map((m: any) => m.name)).toEqual(
      ['Next Owner'],
    );
  });

  it('with a second manager, account deletion succeeds and the NGO keeps the other manager', async () => {
    const leaver = await h.signIn('Leaving Co-manager');
    const stayer = await h.signIn('Staying Co-manager');
    await h.makeManager(leaver, SHARED, admin);
    expect((await h.send('POST', `/api/ngos/${SHARED}/managers`, leaver, { userId: stayer.id })).status).toBe(201);

    const deletion = await h.json('DELETE', '/api/me', leaver);
    expect(deletion.status).toBe(200);
    expect(await countUserData(h.db, leaver.id)).toBe(0);
    const managers = await h.json('GET', `/api/ngos/${SHARED}/managers`, stayer);
    expect(managers.body.managers.map((m: any) => m.userId)).toEqual([stayer.id]);
  });

  it('is the only one who may release a page (or an admin); a co-manager leaves instead', async () => {
    const ngo = 'GB-NIC-103565';
    const first = await h.signIn('First Co-owner');
    const second = await h.signIn('Second Co-owner');
    const plain = await h.signIn('Not A Manager');
    await h.makeManager(first, ngo, admin);
    await h.send('POST', `/api/ngos/${ngo}/managers`, first, { userId: second.id });

    expect((await h.json('POST', `/api/ngos/${ngo}/release`, plain)).status).toBe(403);
    const shared = await h.json('POST', `/api/ngos/${ngo}/release`, first);
    expect(shared.status).toBe(409);
    expect(shared.body.error.code).toBe('other_managers');
    expect((await h.json('GET', `/api/ngos/${ngo}/managers`, first)).body.managers).toHaveLength(2);
    expect((await h.send('POST', '/api/ngos/nope/release', first)).status).toBe(400);
    expect((await h.send('POST', '/api/ngos/US-EIN-999999999/release', admin)).status).toBe(404);

    // An admin can release an abandoned or disputed page whoever manages it.
    const byAdmin = await h.json('POST', `/api/ngos/${ngo}/release`, admin);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toEqual({ released: true, managersRemoved: 2 });
    expect((await h.json('GET', `/api/ngos/${ngo}/managers`, admin)).body.managers).toEqual([]);
  });
});

describe('validation gaps', () => {
  it('refuses an unknown claim status filter (400 naming status) instead of showing pending ones', async () => {
    for (const status of ['\u0430pproved', 'approved ', 'APPROVED', '']) {
      const response = await h.json('GET', `/api/admin/claims?status=${encodeURIComponent(status)}`, admin);
      expect(response.status, JSON.stringify(status)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.message).toMatch(/^status: /);
    }
    // Absent, the queue still defaults to pending claims.
    const queue = await h.json('GET', '/api/admin/claims', admin);
    expect(queue.status).toBe(200);
    expect(queue.body.claims.every((c: any) => c.status === 'pending')).toBe(true);
  });

  it('refuses a decision or a body field spelled with lookalike letters (400 naming it)', async () => {
    const claimant = await h.signIn('Lookalike Claimant');
    const claim = await h.json('POST', `/api/ngos/${NO_SITE_NGO}/claims`, claimant, claimBody);
    for (const body of [{ decision: '\u0430pprove' }, { decision: 'reject', 'd\u0435cision': 'approve' }]) {
      const response = await h.json('POST', `/api/admin/claims/${claim.body.claim.id}/decision`, admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(/^d.cision: /);
    }
    const extra = await h.json('POST', `/api/ngos/${OTHER_NGO}/claims`, claimant, {
      ...claimBody,
      'r\u043ele': 'Boss',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/^r\u043ele: /);
    expect((await h.json('GET', '/api/me/claims', claimant)).body.claims.map((c: any) => c.ngoId)).toEqual([
      NO_SITE_NGO,
    ]);
    expect(
      (await h.json('GET', `/api/admin/claims?status=pending`, admin)).body.claims.find(
        (c: any) => c.id === claim.body.claim.id,
      ),
    ).toBeDefined();
  });

  it('refuses (404 naming id) an admin adding a manager to an NGO that is not in the directory', async () => {
    const user = await h.signIn('Would-be Manager');
    const response = await h.json('POST', '/api/ngos/US-EIN-999999999/managers', admin, { userId: user.id });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', field: 'id' });
    expect(response.body.error.message).toMatch(/^id: /);
    expect(await h.db.select().from(ngoManagers).where(eq(ngoManagers.ngoId, 'US-EIN-999999999'))).toEqual([]);
  });
});

describe('error.field', () => {
  it('names the request field at fault beside the message, for forms to show it there', async () => {
    const user = await h.signIn('Field Claimant');
    for (const [body, field] of [
      [{ ...claimBody, workEmail: 'not-an-email' }, 'workEmail'],
      [{ ...claimBody, role: 'x' }, 'role'],
      [{ ...claimBody, 'r\u043ele': 'Boss' }, 'r\u043ele'],
    ] as const) {
      const response = await h.json('POST', `/api/ngos/${NGO}/claims`, user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', field });
      expect(response.body.error.message.startsWith(`${field}: `)).toBe(true);
    }
    const malformed = await h.json('POST', '/api/ngos/nope/claims', user, claimBody);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
    const status = await h.json('GET', '/api/admin/claims?status=APPROVED', admin);
    expect(status.body.error).toMatchObject({ code: 'validation_failed', field: 'status' });
    const userId = await h.json('DELETE', `/api/ngos/${NGO}/managers/not-an-id`, admin);
    expect(userId.status).toBe(400);
    expect(userId.body.error).toMatchObject({ code: 'validation_failed', field: 'userId' });
    expect((await h.json('GET', '/api/me/claims', user)).body.claims).toEqual([]);
  });

  it('documents every claims and managers endpoint in /api/openapi.json', async () => {
    const doc = (await (await h.app.request(`${ORIGIN}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, any>>;
    };
    const endpoints: [string, string][] = [
      ['/api/ngos/{id}/access', 'get'],
      ['/api/ngos/{id}/claims', 'post'],
      ['/api/me/claims', 'get'],
      ['/api/me/managed', 'get'],
      ['/api/admin/claims', 'get'],
      ['/api/admin/claims/{id}/decision', 'post'],
      ['/api/ngos/{id}/managers', 'get'],
      ['/api/ngos/{id}/managers', 'post'],
      ['/api/ngos/{id}/managers/{userId}', 'delete'],
      ['/api/ngos/{id}/release', 'post'],
    ];
    for (const [path, method] of endpoints) {
      expect(doc.paths[path]?.[method]?.responses?.['200'], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/ngos/{id}/claims']!.post.requestBody.content['application/json'].schema.required).toEqual([
      'role',
      'workEmail',
    ]);
  });
});

describe('every engagement route', () => {
  const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const mutations: [string, string][] = [
    ['POST', `/api/ngos/${NGO}/claims`],
    ['POST', `/api/admin/claims/${ID}/decision`],
    ['POST', `/api/ngos/${NGO}/managers`],
    ['DELETE', `/api/ngos/${NGO}/managers/${ID}`],
    ['POST', `/api/ngos/${NGO}/release`],
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
      headers: {
        Cookie: `session=${user.token}`,
        Origin: 'https://evil.example',
        'Sec-Fetch-Site': 'cross-site',
        'Content-Type': 'application/json',
      },
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
