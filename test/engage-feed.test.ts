import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../db/migrate.ts';
import { contentReports } from '../db/schema.ts';
import { createHarness, createTestDatabase, type Actor, type Harness } from './helpers/harness.ts';

let h: Harness;
let admin: Actor;
let manager: Actor;
let reader: Actor;

// Cancer Lifeline (health…), Disability Action (disability…), Tar Anall (youth…, no manager news).
const NGO = 'GB-NIC-100002';
const CAUSE_NGO = 'GB-NIC-100004';
const UNFOLLOWED_NGO = 'GB-NIC-100703';

const opportunity = {
  title: 'Helper wanted',
  description: 'Help us on Saturdays please.',
  place: 'Derry',
  remote: false,
  commitment: 'Weekly',
};

beforeAll(async () => {
  // A clock that moves one second per reading: every item gets its own time, so the order is known.
  let t = Date.UTC(2026, 0, 15, 12);
  h = await createHarness({ demoSignIn: true, rateLimits: 'lifted', now: () => new Date((t += 1000)) });
  admin = await h.makeAdmin('Feed Admin');
  manager = await h.signIn('Feed Manager');
  reader = await h.signIn('Feed Reader');
  for (const ngo of [NGO, CAUSE_NGO, UNFOLLOWED_NGO]) await h.makeManager(manager, ngo, admin);
});
afterAll(() => h.cleanup());

describe('GET /api/feed', () => {
  it('needs a session', async () => {
    expect((await h.send('GET', '/api/feed', null)).status).toBe(401);
  });

  it('is empty until the user follows something', async () => {
    await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Before follow', body: 'x' });
    expect((await h.json('GET', '/api/feed', reader)).body).toEqual({ items: [], nextCursor: null });
  });

  it('merges news and volunteer calls from followed NGOs and causes, newest first, with a cursor', async () => {
    await h.send('PUT', `/api/follows/ngos/${NGO}`, reader);
    await h.send('PUT', '/api/follows/causes/disability', reader);
    await h.json('POST', `/api/ngos/${UNFOLLOWED_NGO}/posts`, manager, { title: 'Not for you', body: 'x' });
    await h.json('POST', `/api/ngos/${CAUSE_NGO}/opportunities`, manager, opportunity);
    for (let i = 0; i < 24; i++)
      await h.json('POST', `/api/ngos/${i % 2 ? NGO : CAUSE_NGO}/posts`, manager, {
        title: `News ${i}`,
        body: `Body ${i}`,
      });

    const first = await h.json('GET', '/api/feed', reader);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toMatchObject({
      kind: 'post',
      via: 'ngo',
      ngo: { id: NGO, name: 'Cancer Lifeline' },
      post: { title: 'News 23' },
    });
    expect(first.body.items[1]).toMatchObject({
      kind: 'post',
      via: 'cause',
      ngo: { id: CAUSE_NGO, name: 'Disability Action (Ni)', slug: 'disability-action-ni-100004' },
      post: { title: 'News 22' },
    });
    const second = await h.json('GET', `/api/feed?cursor=${first.body.nextCursor}`, reader);
    const all = [...first.body.items, ...second.body.items];
    expect(second.body.nextCursor).toBeNull();
    const titles = all.map((i: any) => i.post?.title ?? i.opportunity.title);
    expect(titles).toHaveLength(24 + 1 + 1);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain('Helper wanted');
    expect(titles).toContain('Before follow');
    expect(titles).not.toContain('Not for you');
    const times = all.map((i: any) => Date.parse(i.post?.createdAt ?? i.opportunity.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await h.send('GET', '/api/feed?cursor=bogus', reader)).status).toBe(400);
  });

  it('sends readers the rendered post, not its Markdown source (only managers edit it)', async () => {
    await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Rendered', body: 'Some *emphasis*' });
    const [item] = (await h.json('GET', '/api/feed', reader)).body.items;
    expect(item.post).toMatchObject({ title: 'Rendered', bodyHtml: '<p>Some <em>emphasis</em></p>\n' });
    expect(item.post).not.toHaveProperty('bodyMarkdown');
    const posts = (await h.json('GET', `/api/ngos/${NGO}/posts`, manager)).body.posts;
    expect(posts[0]).toMatchObject({ title: 'Rendered', bodyMarkdown: 'Some *emphasis*' });
  });
});

describe('reports and hiding', () => {
  it('signed-in users report; admins hide; hidden items leave the page, feed and RSS', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Spammy post',
      body: 'buy now',
    });
    const { body: o } = await h.json('POST', `/api/ngos/${NGO}/opportunities`, manager, {
      ...opportunity,
      title: 'Spammy role',
    });
    const report = { kind: 'post', itemId: p.post.id, reason: 'This is spam' };

    expect((await h.send('POST', '/api/reports', null, report)).status).toBe(401);
    for (const bad of [
      { ...report, kind: 'user' },
      { ...report, reason: 'x' },
      { ...report, reason: 'r'.repeat(501) },
    ]) {
      expect((await h.send('POST', '/api/reports', reader, bad)).status).toBe(400);
    }
    expect(
      (await h.send('POST', '/api/reports', reader, { ...report, itemId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })).status,
    ).toBe(404);
    const created = await h.json('POST', '/api/reports', reader, report);
    expect(created.status).toBe(201);
    const second = await h.json('POST', '/api/reports', manager, report);
    const oppReport = await h.json('POST', '/api/reports', reader, {
      kind: 'opportunity',
      itemId: o.opportunity.id,
      reason: 'Fake role',
    });

    expect((await h.send('GET', '/api/admin/reports', null)).status).toBe(401);
    expect((await h.send('GET', '/api/admin/reports', reader)).status).toBe(403);
    expect((await h.send('GET', '/api/admin/reports', manager)).status).toBe(403);
    const list = await h.json('GET', '/api/admin/reports', admin);
    expect(list.body.reports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: created.body.report.id,
          kind: 'post',
          reason: 'This is spam',
          item: { title: 'Spammy post', ngoId: NGO, hidden: false },
          reporter: { id: reader.id, name: 'Feed Reader' },
        }),
      ]),
    );
    for (const who of [reader, manager]) {
      expect(
        (await h.send('POST', `/api/admin/reports/${created.body.report.id}/resolution`, who, { action: 'hide' }))
          .status,
      ).toBe(403);
    }
    expect(
      (await h.send('POST', `/api/admin/reports/${created.body.report.id}/resolution`, admin, { action: 'delete' }))
        .status,
    ).toBe(400);

    const rssBefore = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null);
    const etag = rssBefore.headers.get('ETag')!;
    expect(await rssBefore.text()).toContain('Spammy post');

    const hidden = await h.json('POST', `/api/admin/reports/${created.body.report.id}/resolution`, admin, {
      action: 'hide',
    });
    expect(hidden.body).toEqual({ hidden: true, resolved: 2 });
    const openIds = (await h.json('GET', '/api/admin/reports', admin)).body.reports.map((r: any) => r.id);
    expect(openIds).not.toContain(second.body.report.id);

    expect((await h.json('GET', `/api/ngos/${NGO}/posts`, null)).body.posts.map((x: any) => x.id)).not.toContain(
      p.post.id,
    );
    const feedTitles = (await h.json('GET', '/api/feed', reader)).body.items.map(
      (i: any) => i.post?.title ?? i.opportunity.title,
    );
    expect(feedTitles).not.toContain('Spammy post');
    const rssAfter = await h.send('GET', `/api/ngos/${NGO}/feed.xml`, null, undefined, { 'If-None-Match': etag });
    expect(rssAfter.status).toBe(200);
    expect(await rssAfter.text()).not.toContain('Spammy post');
    // A hidden item cannot be reported again.
    expect((await h.send('POST', '/api/reports', reader, report)).status).toBe(404);

    await h.json('POST', `/api/admin/reports/${oppReport.body.report.id}/resolution`, admin, { action: 'hide' });
    expect(
      (await h.json('GET', `/api/ngos/${NGO}/opportunities`, null)).body.opportunities.map((x: any) => x.id),
    ).not.toContain(o.opportunity.id);
    expect((await h.json('GET', '/api/opportunities', null)).body.opportunities.map((x: any) => x.id)).not.toContain(
      o.opportunity.id,
    );
    expect((await h.send('POST', `/api/opportunities/${o.opportunity.id}/signups`, reader, {})).status).toBe(404);
  });

  it('dismissing keeps the item', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, { title: 'Fine post', body: 'ok' });
    const r = await h.json('POST', '/api/reports', reader, { kind: 'post', itemId: p.post.id, reason: 'I disagree' });
    expect(
      (await h.json('POST', `/api/admin/reports/${r.body.report.id}/resolution`, admin, { action: 'dismiss' })).body,
    ).toEqual({ hidden: false, resolved: 1 });
    expect((await h.json('GET', `/api/ngos/${NGO}/posts`, null)).body.posts.map((x: any) => x.id)).toContain(p.post.id);
  });
});

describe('report errors name the field at fault', () => {
  it('in error.field and at the start of the message, recording and resolving nothing', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Field report',
      body: 'text',
    });
    const open = await h.json('POST', '/api/reports', reader, {
      kind: 'post',
      itemId: p.post.id,
      reason: 'Check the fields',
    });
    const rows = () => h.db.select().from(contentReports);
    const before = await rows();
    const report = { kind: 'post', itemId: p.post.id, reason: 'A reason' };
    const cases: [string, string, Actor, unknown, number, string][] = [
      ['POST', '/api/reports', manager, { ...report, kind: 'user' }, 400, 'kind'],
      ['POST', '/api/reports', manager, { ...report, itemId: 'nope' }, 400, 'itemId'],
      ['POST', '/api/reports', manager, { ...report, reason: 'x' }, 400, 'reason'],
      ['POST', '/api/reports', manager, { ...report, itemId: 'zzzzzzzzzzzzzzzzzzzzzzzz' }, 404, 'itemId'],
      ['POST', '/api/reports', manager, { ...report, kind: 'opportunity' }, 404, 'itemId'],
      ['POST', `/api/admin/reports/${open.body.report.id}/resolution`, admin, { action: 'delete' }, 400, 'action'],
      ['POST', '/api/admin/reports/nope/resolution', admin, { action: 'hide' }, 400, 'id'],
      ['POST', '/api/admin/reports/zzzzzzzzzzzzzzzzzzzzzzzz/resolution', admin, { action: 'hide' }, 404, 'id'],
    ];
    for (const [method, path, who, body, status, field] of cases) {
      const response = await h.json(method, path, who, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body.error.field, `${path} ${JSON.stringify(body)}`).toBe(field);
      expect(response.body.error.message.startsWith(`${field}: `), response.body.error.message).toBe(true);
    }
    expect(await rows()).toEqual(before);
  });

  it('are documented in /api/openapi.json', async () => {
    const { body } = await h.json('GET', '/api/openapi.json', null);
    expect(body.paths['/api/reports'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(body.paths['/api/admin/reports/{id}/resolution'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404']),
    );
  });
});

describe('one open report per person and item', () => {
  it('refuses a second open report by the same user on the same item (409 already_reported)', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Reported twice',
      body: 'text',
    });
    const report = { kind: 'post', itemId: p.post.id, reason: 'Misleading claims' };
    const first = await h.json('POST', '/api/reports', reader, report);
    expect(first.status).toBe(201);
    const again = await h.json('POST', '/api/reports', reader, { ...report, reason: 'Still misleading' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_reported');
    // Someone else may still report it.
    const other = await h.signIn('Second Reporter');
    expect((await h.json('POST', '/api/reports', other, report)).status).toBe(201);
    const open = (await h.json('GET', '/api/admin/reports', admin)).body.reports.filter(
      (r: any) => r.itemId === p.post.id,
    );
    expect(open.map((r: any) => [r.reporter.id, r.reason]).sort()).toEqual(
      [
        [reader.id, 'Misleading claims'],
        [other.id, 'Misleading claims'],
      ].sort(),
    );
    // Once dismissed, the same person can report it again.
    await h.json('POST', `/api/admin/reports/${first.body.report.id}/resolution`, admin, { action: 'dismiss' });
    expect((await h.json('POST', '/api/reports', reader, report)).status).toBe(201);
  });

  it('records one report when the same user reports the same item concurrently', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Reported in a burst',
      body: 'text',
    });
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        h.send('POST', '/api/reports', reader, { kind: 'post', itemId: p.post.id, reason: 'Spam, spam' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await h.db.select().from(contentReports).where(eq(contentReports.itemId, p.post.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a resolution with a lookalike field next to the real one (400), leaving the report open', async () => {
    const { body: p } = await h.json('POST', `/api/ngos/${NGO}/posts`, manager, {
      title: 'Lookalike resolution',
      body: 'text',
    });
    const r = await h.json('POST', '/api/reports', reader, { kind: 'post', itemId: p.post.id, reason: 'Report it' });
    for (const body of [{ action: 'hid\u0435' }, { action: 'dismiss', '\u0430ction': 'hide' }]) {
      const response = await h.json('POST', `/api/admin/reports/${r.body.report.id}/resolution`, admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(/^.ction: /);
    }
    expect((await h.json('GET', '/api/admin/reports', admin)).body.reports.map((x: any) => x.id)).toContain(
      r.body.report.id,
    );
  });

  it('the migration keeps the oldest of duplicate open reports and leaves the rest alone', async () => {
    const { db, dir, cleanup } = await createTestDatabase({ migrate: false });
    try {
      // The schema as it was before the unique index: migrations 0000–0003 only.
      const before = join(dir, 'migrations');
      mkdirSync(join(before, 'meta'), { recursive: true });
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 3);
      writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
      for (const e of journal.entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(before, `${e.tag}.sql`));
      await migrate(db, { migrationsFolder: before });

      await db.run(sql`insert into users (id, provider, provider_user_id, name, created_at, updated_at) values
        ('u1', 'demo', 'u1', 'One', 0, 0), ('u2', 'demo', 'u2', 'Two', 0, 0)`);
      await db.run(sql`insert into content_reports (id, kind, item_id, reporter_id, reason, status, created_at) values
        ('r1', 'post', 'item', 'u1', 'first', 'open', 100),
        ('r2', 'post', 'item', 'u1', 'second', 'open', 200),
        ('r0', 'post', 'item', 'u1', 'same second', 'open', 200),
        ('r3', 'post', 'item', 'u1', 'old', 'resolved', 50),
        ('r4', 'post', 'item', 'u2', 'other user', 'open', 300),
        ('r5', 'opportunity', 'item', 'u1', 'other kind', 'open', 300),
        ('r6', 'post', 'item', null, 'deleted user', 'open', 400),
        ('r7', 'post', 'item', null, 'deleted user again', 'open', 500)`);
      await migrateDatabase(db);
      const rows = await db.all<{ id: string }>(sql`select id from content_reports order by id`);
      expect(rows.map((r) => r.id)).toEqual(['r1', 'r3', 'r4', 'r5', 'r6', 'r7']);
      await expect(
        db.$client.execute(
          `insert into content_reports (id, kind, item_id, reporter_id, reason, status, created_at) values ('r8', 'post', 'item', 'u1', 'again', 'open', 600)`,
        ),
      ).rejects.toThrow(/UNIQUE/);
    } finally {
      cleanup();
    }
  });
});

describe('account deletion', () => {
  it('removes claims, manager roles, sign-ups and admin grants; keeps posts and reports unattributed', async () => {
    const leaver = await h.signIn('Leaving Manager');
    await h.makeManager(leaver, 'GB-NIC-100907', admin);
    // Not the page's only manager, so the account may go (see engage-claims: the last manager).
    expect((await h.send('POST', '/api/ngos/GB-NIC-100907/managers', leaver, { userId: manager.id })).status).toBe(201);
    await h.json('POST', '/api/ngos/GB-NIC-100002/claims', leaver, { role: 'Helper', workEmail: 'l@example.org' });
    const { body: p } = await h.json('POST', '/api/ngos/GB-NIC-100907/posts', leaver, {
      title: 'Staying news',
      body: 'x',
    });
    const { body: o } = await h.json('POST', `/api/ngos/${NGO}/opportunities`, manager, opportunity);
    await h.json('POST', `/api/opportunities/${o.opportunity.id}/signups`, leaver, {});
    await h.json('POST', '/api/reports', leaver, { kind: 'post', itemId: p.post.id, reason: 'Testing reports' });
    const { countUserData } = await import('../db/users.ts');
    expect(await countUserData(h.db, leaver.id)).toBeGreaterThan(5);
    expect((await h.send('DELETE', '/api/me', leaver)).status).toBe(200);
    expect(await countUserData(h.db, leaver.id)).toBe(0);
    expect((await h.json('GET', '/api/ngos/GB-NIC-100907/posts', null)).body.posts.map((x: any) => x.title)).toContain(
      'Staying news',
    );
    expect((await h.json('GET', `/api/opportunities/${o.opportunity.id}/signups`, manager)).body.signups).toEqual([]);
  });
});
