import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedItems, impactReports } from '../db/schema.ts';
import { createHarness, LIFTED_RATE_LIMITS, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;
let plain: Actor;

// Cancer Lifeline (health, education, mental-health); Disability Action is managed by someone else.
const NGO = 'GB-NIC-100002';
const OTHER_NGO = 'GB-NIC-100004';
const SLUG = 'cancer-lifeline-100002';

/** The test clock starts on 15 January 2026 and moves a second per reading. */
const report = {
  title: 'What your support did in 2025',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  currency: 'GBP',
  receivedMinor: 1_250_000,
  spentMinor: 980_000,
  body: 'We ran **40** support groups. See [the accounts](https://example.org/accounts).',
};

const countReports = async () => (await h.db.select().from(impactReports)).length;

async function publish(body: Record<string, unknown> = report, who: Actor = manager, ngo = NGO) {
  const answer = await h.json('POST', `/api/ngos/${ngo}/impact-reports`, who, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.report as { id: string; title: string; createdAt: string };
}

async function feedReportIds(who: Actor): Promise<{ id: string; via: string }[]> {
  const feed = await h.json('GET', '/api/feed', who);
  expect(feed.status).toBe(200);
  return feed.body.items
    .filter((i: { kind: string }) => i.kind === 'report')
    .map((i: { report: { id: string }; via: string }) => ({ id: i.report.id, via: i.via }));
}

beforeAll(async () => {
  let t = Date.UTC(2026, 0, 15, 12);
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: () => new Date((t += 1000)) });
  admin = await h.makeAdmin('Impact Admin');
  manager = await h.signIn('Impact Manager');
  otherManager = await h.signIn('Elsewhere Impact Manager');
  plain = await h.signIn('Impact Reader');
  await h.makeManager(manager, NGO, admin);
  await h.makeManager(otherManager, OTHER_NGO, admin);
});
afterAll(() => h.cleanup());

describe('publishing impact reports', () => {
  it('lets only the NGO managers publish, and anyone read them', async () => {
    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      const before = await countReports();
      const answer = await h.send('POST', `/api/ngos/${NGO}/impact-reports`, who, report);
      expect(answer.status, who?.name ?? 'signed out').toBe(status);
      expect(await countReports()).toBe(before);
    }
    const created = await publish();
    expect(created).toMatchObject({
      ngoId: NGO,
      title: report.title,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      currency: 'GBP',
      receivedMinor: 1_250_000,
      spentMinor: 980_000,
      bodyMarkdown: report.body,
      bodyHtml:
        '<p>We ran <strong>40</strong> support groups. See <a href="https://example.org/accounts" rel="nofollow ugc noopener">the accounts</a>.</p>\n',
    });
    for (const who of [null, plain, otherManager, admin, manager]) {
      const one = await h.json('GET', `/api/impact-reports/${created.id}`, who);
      expect(one.status).toBe(200);
      expect(one.body.report).toEqual(created);
      const list = await h.json('GET', `/api/ngos/${NGO}/impact-reports`, who);
      expect(list.status).toBe(200);
      expect(list.body.reports[0]).toEqual(created);
    }
    expect((await h.json('GET', `/api/ngos/${OTHER_NGO}/impact-reports`, null)).body.reports).toEqual([]);
  });

  it('lists newest first, and takes a report without amounts (a currency alone is dropped)', async () => {
    const plainReport = await publish({
      title: 'Spring term',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-15',
      currency: 'EUR',
      body: 'Groups ran every week.',
    });
    expect(plainReport).toMatchObject({ currency: null, receivedMinor: null, spentMinor: null });
    const list = await h.json('GET', `/api/ngos/${NGO}/impact-reports`, null);
    expect(list.body.reports.map((r: { id: string }) => r.id)[0]).toBe(plainReport.id);
    const [row] = await h.db.select().from(impactReports).where(eq(impactReports.id, plainReport.id));
    expect(row).toMatchObject({ ngoId: NGO, authorId: manager.id, currency: null, hidden: false });
  });

  it('names the field at fault (400) and stores nothing, on create and on edit', async () => {
    const existing = await publish({ ...report, title: 'As published' });
    const before = await countReports();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...report, title: 'ab' }, 'title'],
      [{ ...report, title: 't'.repeat(141) }, 'title'],
      [{ ...report, periodStart: '2025-02-30' }, 'periodStart'],
      [{ ...report, periodStart: 'last year' }, 'periodStart'],
      [{ ...report, periodStart: '2025-06-01', periodEnd: '2025-05-31' }, 'periodEnd'],
      [{ ...report, periodEnd: '2026-01-16' }, 'periodEnd'],
      [{ ...report, periodStart: '2026-02-01', periodEnd: '2026-03-01' }, 'periodEnd'],
      [{ ...report, currency: null }, 'currency'],
      [{ ...report, currency: undefined, spentMinor: null }, 'currency'],
      [{ ...report, currency: 'gbp' }, 'currency'],
      [{ ...report, currency: 'XYZ' }, 'currency'],
      [{ ...report, receivedMinor: -1 }, 'receivedMinor'],
      [{ ...report, receivedMinor: 10.5 }, 'receivedMinor'],
      [{ ...report, spentMinor: '100' }, 'spentMinor'],
      [{ ...report, spentMinor: 1e13 }, 'spentMinor'],
      [{ ...report, body: '' }, 'body'],
      [{ ...report, body: 'b'.repeat(5001) }, 'body'],
      [{ ...report, body: 'a\u0000b' }, 'body'],
      [{ ...report, photo: 'x' }, 'photo'],
    ];
    for (const [body, field] of cases) {
      for (const [method, path] of [
        ['POST', `/api/ngos/${NGO}/impact-reports`],
        ['PATCH', `/api/impact-reports/${existing.id}`],
      ] as const) {
        const answer = await h.json(method, path, manager, body);
        expect(answer.status, `${method} ${field} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
        expect(answer.body.error).toMatchObject({ code: 'validation_failed', field });
        expect(answer.body.error.message.startsWith(`${field}: `)).toBe(true);
      }
    }
    expect(await countReports()).toBe(before);
    const [stored] = await h.db.select().from(impactReports).where(eq(impactReports.id, existing.id));
    expect(stored).toMatchObject({ title: 'As published', bodyMarkdown: report.body, currency: 'GBP' });
    expect((await h.json('GET', '/api/impact-reports/nope', null)).body.error).toMatchObject({ field: 'id' });
    expect((await h.json('GET', '/api/ngos/nope/impact-reports', null)).body.error).toMatchObject({ field: 'id' });
    const unknownNgo = await h.json('POST', '/api/ngos/US-EIN-999999999/impact-reports', manager, report);
    expect(unknownNgo.status).toBe(404);
  });

  it('renders the Markdown inertly: no markup, handlers or script links come through', async () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '![x](data:image/svg+xml,<svg onload=alert(1)>)',
      '"><svg onload=alert(1)>',
    ]) {
      const created = await publish({ ...report, body: payload });
      const html = (created as unknown as { bodyHtml: string }).bodyHtml;
      expect(html).not.toMatch(/<(script|img|svg)\b/i);
      expect(html).not.toMatch(/href="(javascript|data):/i);
      await h.send('DELETE', `/api/impact-reports/${created.id}`, manager);
    }
  });

  it('takes a photo uploaded for the NGO (checked by content), and refuses a key never uploaded', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/images/logo.png'));
    const uploaded = await h.send('POST', `/api/ngos/${NGO}/media`, manager, bytes, {
      'Content-Type': 'application/octet-stream',
    });
    expect(uploaded.status).toBe(201);
    const { image } = (await uploaded.json()) as { image: { key: string; url: string } };
    const withPhoto = await publish({ ...report, title: 'With a photo', photoKey: image.key });
    expect(withPhoto).toMatchObject({ photoKey: image.key, photoUrl: image.url });
    const served = await h.send('GET', image.url, null);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/png');

    const before = await countReports();
    for (const photoKey of [`media/${'b'.repeat(64)}.png`, 'https://example.org/photo.png', '../.data/jumo.db']) {
      const refused = await h.json('POST', `/api/ngos/${NGO}/impact-reports`, manager, { ...report, photoKey });
      expect(refused.status, photoKey).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', field: 'photoKey' });
    }
    expect(await countReports()).toBe(before);
    // Editing without photoKey removes the photo: a PATCH replaces every field.
    const edited = await h.json('PATCH', `/api/impact-reports/${withPhoto.id}`, manager, report);
    expect(edited.body.report).toMatchObject({ photoKey: null, photoUrl: null });
  });

  it('edits and deletes: the NGO managers only', async () => {
    const created = await publish({ ...report, title: 'Typo hre' });
    for (const [who, status] of [
      [null, 401],
      [plain, 403],
      [otherManager, 403],
      [admin, 403],
    ] as const) {
      expect((await h.send('PATCH', `/api/impact-reports/${created.id}`, who, report)).status).toBe(status);
      expect((await h.send('DELETE', `/api/impact-reports/${created.id}`, who)).status).toBe(status);
    }
    const [untouched] = await h.db.select().from(impactReports).where(eq(impactReports.id, created.id));
    expect(untouched?.title).toBe('Typo hre');
    const edited = await h.json('PATCH', `/api/impact-reports/${created.id}`, manager, {
      ...report,
      title: 'Typo here',
      receivedMinor: null,
      spentMinor: 5,
      body: '*fixed*',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.report).toMatchObject({
      id: created.id,
      title: 'Typo here',
      receivedMinor: null,
      spentMinor: 5,
      bodyHtml: '<p><em>fixed</em></p>\n',
      bodyMarkdown: '*fixed*',
      createdAt: created.createdAt,
    });
    expect(edited.body.report.updatedAt > created.createdAt).toBe(true);
    expect((await h.send('DELETE', `/api/impact-reports/${created.id}`, manager)).status).toBe(200);
    expect(await h.db.select().from(impactReports).where(eq(impactReports.id, created.id))).toEqual([]);
    expect((await h.send('DELETE', `/api/impact-reports/${created.id}`, manager)).status).toBe(404);
    expect((await h.send('GET', `/api/impact-reports/${created.id}`, null)).status).toBe(404);
    expect((await h.send('PATCH', `/api/impact-reports/${created.id}`, manager, report)).status).toBe(404);
  });

  it('limits how many reports one account publishes (429 with Retry-After)', async () => {
    const limited = h.withApp({ rateLimits: { ...LIFTED_RATE_LIMITS, content: { limit: 2, windowSeconds: 600 } } });
    const before = await countReports();
    for (let i = 0; i < 2; i++) {
      expect((await limited.send('POST', `/api/ngos/${NGO}/impact-reports`, manager, report)).status).toBe(201);
    }
    const refused = await limited.send('POST', `/api/ngos/${NGO}/impact-reports`, manager, report);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await countReports()).toBe(before + 2);
  });
});

describe('impact reports in the feed', () => {
  let follower: Actor;
  let causeFollower: Actor;
  let pledger: Actor;
  let cancelledPledger: Actor;
  let stranger: Actor;
  let published: { id: string };
  let news: { id: string };

  beforeAll(async () => {
    follower = await h.signIn('Report Follower');
    causeFollower = await h.signIn('Report Cause Follower');
    pledger = await h.signIn('Report Pledger');
    cancelledPledger = await h.signIn('Report Cancelled Pledger');
    stranger = await h.signIn('Report Stranger');
    await h.send('PUT', `/api/follows/ngos/${NGO}`, follower);
    await h.send('PUT', '/api/follows/causes/mental-health', causeFollower);
    const pledge = { ngoId: NGO, amount: 2500, currency: 'GBP', recurrence: 'once', visibility: 'public' };
    expect((await h.send('POST', '/api/pledges', pledger, pledge)).status).toBe(201);
    const doomed = await h.json('POST', '/api/pledges', cancelledPledger, pledge);
    const cancelled = await h.send('PATCH', `/api/pledges/${doomed.body.pledge.id}`, cancelledPledger, {
      status: 'cancelled',
    });
    expect(cancelled.status).toBe(200);
    published = await publish({ ...report, title: 'For the feed' });
    news = (await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Plain news', body: 'x' })).body.post;
  });

  it('reaches followers, cause followers and pledgers who do not follow, each with the reason', async () => {
    expect(await feedReportIds(follower)).toContainEqual({ id: published.id, via: 'ngo' });
    expect(await feedReportIds(causeFollower)).toContainEqual({ id: published.id, via: 'cause' });
    expect(await feedReportIds(pledger)).toContainEqual({ id: published.id, via: 'pledge' });
    const item = (await h.json('GET', '/api/feed', pledger)).body.items.find(
      (i: { kind: string; report?: { id: string } }) => i.kind === 'report' && i.report?.id === published.id,
    );
    expect(item.ngo).toEqual({ id: NGO, name: 'Cancer Lifeline', slug: SLUG });
    expect(item.report).toMatchObject({ title: 'For the feed', currency: 'GBP', receivedMinor: 1_250_000 });
    expect(item.report).not.toHaveProperty('bodyMarkdown');
  });

  it("gives a pledger the NGO's reports, not its news; nothing to cancelled pledgers or strangers", async () => {
    const pledgerFeed = (await h.json('GET', '/api/feed', pledger)).body.items;
    expect(pledgerFeed.length).toBeGreaterThan(0);
    expect(pledgerFeed.every((i: { kind: string }) => i.kind === 'report')).toBe(true);
    expect(pledgerFeed.some((i: { post?: { id: string } }) => i.post?.id === news.id)).toBe(false);
    expect((await h.json('GET', '/api/feed', cancelledPledger)).body.items).toEqual([]);
    expect((await h.json('GET', '/api/feed', stranger)).body.items).toEqual([]);
  });

  it('lists once for someone who both follows and pledged (as followed)', async () => {
    const both = await h.signIn('Report Follower And Pledger');
    await h.send('PUT', `/api/follows/ngos/${NGO}`, both);
    for (let i = 0; i < 2; i++) {
      const pledge = { ngoId: NGO, amount: 100 + i, currency: 'GBP', recurrence: 'monthly', visibility: 'anonymous' };
      expect((await h.send('POST', '/api/pledges', both, pledge)).status).toBe(201);
    }
    const mine = (await feedReportIds(both)).filter((r) => r.id === published.id);
    expect(mine).toEqual([{ id: published.id, via: 'ngo' }]);
  });

  it('drops a report an admin hid through the moderation flow, everywhere', async () => {
    const hideMe = await publish({ ...report, title: 'To be hidden' });
    expect(await feedReportIds(pledger)).toContainEqual({ id: hideMe.id, via: 'pledge' });
    const reported = await h.json('POST', '/api/reports', plain, {
      kind: 'impact_report',
      itemId: hideMe.id,
      reason: 'Figures are made up',
    });
    expect(reported.status).toBe(201);
    const open = await h.json('GET', '/api/admin/reports', admin);
    expect(open.body.reports.find((r: { itemId: string }) => r.itemId === hideMe.id).item).toEqual({
      title: 'To be hidden',
      ngoId: NGO,
      hidden: false,
    });
    const hidden = await h.json('POST', `/api/admin/reports/${reported.body.report.id}/resolution`, admin, {
      action: 'hide',
    });
    expect(hidden.body).toEqual({ hidden: true, resolved: 1 });
    for (const who of [pledger, follower, causeFollower]) {
      expect((await feedReportIds(who)).map((r) => r.id)).not.toContain(hideMe.id);
    }
    expect(await h.db.select().from(feedItems).where(eq(feedItems.itemId, hideMe.id))).toEqual([]);
    expect((await h.send('GET', `/api/impact-reports/${hideMe.id}`, null)).status).toBe(404);
    const list = (await h.json('GET', `/api/ngos/${NGO}/impact-reports`, null)).body.reports;
    expect(list.map((r: { id: string }) => r.id)).not.toContain(hideMe.id);
    // A hidden report cannot be reported again.
    const again = await h.json('POST', '/api/reports', follower, {
      kind: 'impact_report',
      itemId: hideMe.id,
      reason: 'Still here?',
    });
    expect(again.status).toBe(404);
  });

  it("follows the NGO's causes when the directory changes them, keeping its NGO and pledged entries", async () => {
    const sourcesOf = async (id: string) =>
      (await h.db.select().from(feedItems).where(eq(feedItems.itemId, id))).map((r) => r.source).sort();
    expect(await sourcesOf(published.id)).toEqual(
      [NGO, `pledged:${NGO}`, 'education', 'health', 'mental-health'].sort(),
    );
    await h.db.$client.execute({ sql: "UPDATE ngo_directory SET causes = ' youth ' WHERE id = ?", args: [NGO] });
    expect(await sourcesOf(published.id)).toEqual([NGO, `pledged:${NGO}`, 'youth'].sort());
    expect(await feedReportIds(causeFollower)).not.toContainEqual({ id: published.id, via: 'cause' });
    await h.db.$client.execute({
      sql: "UPDATE ngo_directory SET causes = ' health education mental-health ' WHERE id = ?",
      args: [NGO],
    });
    expect(await feedReportIds(causeFollower)).toContainEqual({ id: published.id, via: 'cause' });
    expect(await feedReportIds(pledger)).toContainEqual({ id: published.id, via: 'pledge' });
  });

  it('removes a deleted report from feeds', async () => {
    const gone = await publish({ ...report, title: 'Deleted soon' });
    expect(await feedReportIds(pledger)).toContainEqual({ id: gone.id, via: 'pledge' });
    await h.send('DELETE', `/api/impact-reports/${gone.id}`, manager);
    expect((await feedReportIds(pledger)).map((r) => r.id)).not.toContain(gone.id);
  });
});

describe('GET /api/me/pledges/impact-reports', () => {
  it('needs a session', async () => {
    expect((await h.send('GET', '/api/me/pledges/impact-reports', null)).status).toBe(401);
  });

  it('lists, per pledge, the reports published after it (newest first), and nothing of other people', async () => {
    const donor = await h.signIn('Late Donor');
    const earlier = await publish({ ...report, title: 'Before the pledge' });
    const pledge = (
      await h.json('POST', '/api/pledges', donor, {
        ngoId: NGO,
        amount: 5000,
        currency: 'GBP',
        recurrence: 'once',
        visibility: 'public',
      })
    ).body.pledge;
    const otherNgoPledge = (
      await h.json('POST', '/api/pledges', donor, {
        ngoId: OTHER_NGO,
        amount: 700,
        currency: 'GBP',
        recurrence: 'once',
        visibility: 'public',
      })
    ).body.pledge;
    const first = await publish({ ...report, title: 'After the pledge' });
    const second = await publish({ ...report, title: 'Later still' });
    await publish({ ...report, title: 'Another NGO' }, otherManager, OTHER_NGO);

    const answer = await h.json('GET', '/api/me/pledges/impact-reports', donor);
    expect(answer.status).toBe(200);
    const forPledge = answer.body.pledges.find((p: { pledgeId: string }) => p.pledgeId === pledge.id);
    expect(forPledge.reports.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
    expect(forPledge.reports[0]).toEqual({
      id: second.id,
      title: 'Later still',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      createdAt: second.createdAt,
      ngoSlug: SLUG,
    });
    expect(forPledge.reports.map((r: { id: string }) => r.id)).not.toContain(earlier.id);
    const forOther = answer.body.pledges.find((p: { pledgeId: string }) => p.pledgeId === otherNgoPledge.id);
    expect(forOther.reports.map((r: { title: string }) => r.title)).toEqual(['Another NGO']);

    const nobody = await h.signIn('No Pledges Yet');
    expect((await h.json('GET', '/api/me/pledges/impact-reports', nobody)).body).toEqual({ pledges: [] });
  });
});
