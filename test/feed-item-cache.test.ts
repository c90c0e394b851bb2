import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Actor, type Harness } from './helpers/harness.ts';

// The feed keeps each item's rendered JSON by id and revision (functions/lru-cache.ts): these
// check that a reader never sees a kept item after it changed, even within the same second.

let h: Harness;
let manager: Actor;
let follower: Actor;
let causeFollower: Actor;
let pledger: Actor;

const NGO = 'GB-NIC-100002'; // Cancer Lifeline: health, education, mental health…

beforeAll(async () => {
  // A stopped clock: every write below happens in the same second, so updated_at never changes.
  const frozen = new Date(Date.UTC(2026, 0, 15, 12));
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: () => frozen });
  const admin = await h.makeAdmin('Cache Admin');
  manager = await h.signIn('Cache Manager');
  follower = await h.signIn('Cache Follower');
  causeFollower = await h.signIn('Cache Cause Follower');
  pledger = await h.signIn('Cache Pledger');
  await h.makeManager(manager, NGO, admin);
  await h.send('PUT', `/api/follows/ngos/${NGO}`, follower);
  await h.send('PUT', '/api/follows/causes/health', causeFollower);
});
afterAll(() => h.cleanup());

type Item = { kind: string; via: string; ngo: { name: string | null; slug: string | null }; [k: string]: any };
const readFeed = async (who: Actor): Promise<Item[]> => {
  const page = await h.json('GET', '/api/feed', who);
  expect(page.status).toBe(200);
  return page.body.items;
};

describe('the feed after an item changes', () => {
  it('shows each edit of a post at once, to readers who reach it by the NGO and by a cause', async () => {
    const created = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'First title', body: 'One' });
    expect(created.status).toBe(201);
    const id = created.body.post.id;
    for (const who of [follower, causeFollower]) expect((await readFeed(who))[0]?.post.title).toBe('First title');

    const edits = [
      { title: 'Second title', body: 'Two *words*', shown: 'Two <em>words</em>' },
      { title: 'Third title', body: 'Three', shown: 'Three' },
    ];
    for (const { title, body, shown } of edits) {
      expect((await h.json('PATCH', `/api/posts/${id}`, manager, { title, body })).status).toBe(200);
      const [byNgo] = await readFeed(follower);
      const [byCause] = await readFeed(causeFollower);
      expect(byNgo).toMatchObject({ via: 'ngo', post: { id, title } });
      expect(byCause).toMatchObject({ via: 'cause', post: { id, title } });
      expect(byNgo!.post.bodyHtml).toBe(byCause!.post.bodyHtml);
      expect(byNgo!.post.bodyHtml).toContain(shown);
    }
  });

  it('shows an edited volunteer call and drops a closed one', async () => {
    const call = {
      title: 'Drivers',
      description: 'Drive on Mondays.',
      place: 'Belfast',
      remote: false,
      commitment: 'Weekly',
    };
    const created = await h.json('POST', `/api/ngos/${NGO}/opportunities`, manager, call);
    expect(created.status).toBe(201);
    const id = created.body.opportunity.id;
    expect((await readFeed(follower)).find((i) => i.opportunity?.id === id)?.opportunity.description).toBe(
      'Drive on Mondays.',
    );
    const patch = { ...call, description: 'Drive on Tuesdays.' };
    expect((await h.json('PATCH', `/api/opportunities/${id}`, manager, patch)).status).toBe(200);
    expect((await readFeed(follower)).find((i) => i.opportunity?.id === id)?.opportunity.description).toBe(
      'Drive on Tuesdays.',
    );
    expect((await h.json('PATCH', `/api/opportunities/${id}`, manager, { ...patch, status: 'closed' })).status).toBe(
      200,
    );
    expect((await readFeed(follower)).some((i) => i.opportunity?.id === id)).toBe(false);
  });

  it('shows an edited impact report to a pledger, still via the pledge', async () => {
    const pledge = { ngoId: NGO, amount: 1000, currency: 'GBP', recurrence: 'once', visibility: 'public' };
    expect((await h.send('POST', '/api/pledges', pledger, pledge)).status).toBe(201);
    const report = {
      title: 'Our year',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      currency: 'GBP',
      receivedMinor: 100_000,
      spentMinor: 90_000,
      body: 'We ran groups.',
    };
    const created = await h.json('POST', `/api/ngos/${NGO}/impact-reports`, manager, report);
    expect(created.status).toBe(201);
    const id = created.body.report.id;
    expect((await readFeed(pledger))[0]).toMatchObject({
      kind: 'report',
      via: 'pledge',
      report: { id, title: 'Our year' },
    });
    const edited = { ...report, title: 'Our year, corrected', spentMinor: 95_000 };
    expect((await h.json('PATCH', `/api/impact-reports/${id}`, manager, edited)).status).toBe(200);
    expect((await readFeed(pledger))[0]).toMatchObject({
      via: 'pledge',
      report: { id, title: 'Our year, corrected', spentMinor: 95_000 },
    });
    // The stopped clock gives every item the same time, so the order among them is by id: find it.
    const seenByFollower = (await readFeed(follower)).find((i) => i.report?.id === id);
    expect(seenByFollower).toMatchObject({ via: 'ngo', report: { id, title: 'Our year, corrected' } });
  });

  it('shows the NGO’s new name once the directory renames it', async () => {
    expect((await readFeed(follower)).every((i) => i.ngo.name === 'Cancer Lifeline')).toBe(true);
    await h.db.$client.execute({
      sql: "UPDATE ngo_directory SET name = 'Cancer Lifeline NI' WHERE id = ?",
      args: [NGO],
    });
    const items = await readFeed(follower);
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((i) => i.ngo.name === 'Cancer Lifeline NI')).toBe(true);
  });

  it('shows the NGO without a page once it leaves the directory, and its new page when it comes back', async () => {
    const [row] = (await h.db.$client.execute({ sql: 'SELECT * FROM ngo_directory WHERE id = ?', args: [NGO] })).rows;
    await h.db.$client.execute({ sql: 'DELETE FROM ngo_directory WHERE id = ?', args: [NGO] });
    const gone = await readFeed(follower);
    expect(gone.length).toBeGreaterThan(1);
    expect(gone.every((i) => i.ngo.name === null && i.ngo.slug === null)).toBe(true);
    await h.db.$client.execute({
      sql: 'INSERT INTO ngo_directory (id, name, slug, website_host, country, causes) VALUES (?, ?, ?, ?, ?, ?)',
      args: [
        NGO,
        'Cancer Lifeline Belfast',
        'cancer-lifeline-belfast-100002',
        row!.website_host ?? null,
        String(row!.country),
        String(row!.causes),
      ],
    });
    const back = await readFeed(follower);
    expect(
      back.every((i) => i.ngo.name === 'Cancer Lifeline Belfast' && i.ngo.slug === 'cancer-lifeline-belfast-100002'),
    ).toBe(true);
  });
});

describe('feed item revisions (migration 0010)', () => {
  const revisionsOf = async (itemId: string) =>
    (
      await h.db.$client.execute({ sql: 'SELECT DISTINCT revision FROM feed_items WHERE item_id = ?', args: [itemId] })
    ).rows.map((r) => Number(r.revision));

  it('are one per item across its sources, drawn anew by an edit, and leave other items alone', async () => {
    const a = (await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Post A', body: 'a' })).body.post.id;
    const b = (await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Post B', body: 'b' })).body.post.id;
    const rows = await h.db.$client.execute({
      sql: 'SELECT count(*) AS n FROM feed_items WHERE item_id = ?',
      args: [a],
    });
    expect(Number(rows.rows[0]!.n)).toBeGreaterThan(1); // the NGO and its causes
    const [before] = await revisionsOf(a);
    const [other] = await revisionsOf(b);
    expect(await revisionsOf(a)).toHaveLength(1);
    expect(before).not.toBe(0);
    await h.json('PATCH', `/api/posts/${a}`, manager, { title: 'Post A2', body: 'a' });
    const after = await revisionsOf(a);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(await revisionsOf(b)).toEqual([other]);
  });
});
