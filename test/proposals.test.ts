import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getNgoFacts } from '../db/ngo-directory.ts';
import { isManager } from '../db/managers.ts';
import { ngoDirectory, ngoManagers, ngoProposals } from '../db/schema.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import type { Mailer } from '../functions/mail/message.ts';
import { PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR, PROPOSALS_PER_USER_PER_DAY } from '../functions/routes/proposals.ts';
import { createClock, createHarness, ORIGIN, type Actor, type Harness } from './helpers/harness.ts';

/**
 * "Add your NGO" end to end on real libSQL and a real SMTP server: a proposal, the work email's
 * confirmation link, the admin's queue with its signals and duplicates, the decision and what
 * it does to the directory, for every role, and bad input (400 naming the field, nothing stored).
 */

let catcher: MailCatcher;
let mailer: Mailer;
let h: Harness;
let clock: ReturnType<typeof createClock>;
let admin: Actor;
let proposer: Actor;
let other: Actor;

const french = {
  name: 'Les Amis du Canal',
  country: 'FR',
  city: 'Lyon',
  register: 'FR-RCS',
  registrationNumber: '512 788 308',
  website: 'https://www.amisducanal.fr/',
  mission: 'We clean the canal banks of Lyon every month with volunteers and schools.',
  causes: ['environment', 'education'],
  role: 'Secretary',
  workEmail: 'Marie@AmisDuCanal.fr',
};

const unregistered = {
  name: 'Kibera Girls Football',
  country: 'KE',
  register: 'none',
  mission: 'Football training and mentoring for girls in Kibera, Nairobi, three evenings a week.',
  causes: ['youth', 'sports-recreation'],
  role: 'Coach',
  workEmail: 'coach@gmail.com',
};

beforeAll(async () => {
  catcher = await startMailCatcher();
  mailer = createNodeMailer({ smtpUrl: catcher.url, from: 'Jumo <no-reply@jumo.test>' });
  clock = createClock();
  h = await createHarness({
    demoSignIn: true,
    rateLimits: 'lifted',
    now: clock.now,
    vars: { PUBLIC_ORIGIN: ORIGIN },
    createMailer: () => mailer,
  });
  admin = await h.makeAdmin('Proposal Admin');
  proposer = await h.signIn('Marie Proposer');
  other = await h.signIn('Other Person');
});

afterAll(async () => {
  mailer.close();
  await catcher.close();
  h.cleanup();
});

beforeEach(() => catcher.clear());

function messagesTo(address: string): CaughtMessage[] {
  return catcher.messages().filter((m) => m.to.includes(address));
}

function confirmTokenFrom(message: CaughtMessage): string {
  const match = /\/join\/#confirm=([a-z0-9]+)/.exec(message.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function countProposals(): Promise<number> {
  return (await h.db.select().from(ngoProposals)).length;
}

describe('proposing an NGO', () => {
  let proposalId: string;

  it('refuses a visitor who is not signed in, and stores nothing', async () => {
    const before = await countProposals();
    expect((await h.json('POST', '/api/proposals', null, french)).status).toBe(401);
    expect((await h.json('GET', '/api/me/proposals', null)).status).toBe(401);
    expect(await countProposals()).toBe(before);
  });

  it('records it with the number normalised, and mails a confirmation link to the work email', async () => {
    const created = await h.json('POST', '/api/proposals', proposer, french);
    expect(created.status).toBe(201);
    expect(created.body.proposal).toMatchObject({
      name: 'Les Amis du Canal',
      country: 'FR',
      register: 'FR-RCS',
      registrationNumber: '512788308',
      workEmail: 'marie@amisducanal.fr',
      emailConfirmed: false,
      status: 'pending',
      ngo: null,
      causes: ['environment', 'education'],
    });
    proposalId = created.body.proposal.id;
    await catcher.waitFor(1);
    const [message] = messagesTo('marie@amisducanal.fr');
    expect(message!.subject).toContain('Les Amis du Canal');
    const token = confirmTokenFrom(message!);
    const [row] = await h.db.select().from(ngoProposals).where(eq(ngoProposals.id, proposalId));
    expect(row!.emailTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.emailTokenHash).not.toContain(token);

    const confirmed = await h.json('POST', '/api/proposals/confirm-email', null, { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ confirmed: true, proposal: { id: proposalId, name: 'Les Amis du Canal' } });
    const reused = await h.json('POST', '/api/proposals/confirm-email', null, { token });
    expect(reused.status).toBe(400);
    expect(reused.body.error.field).toBe('token');

    const mine = await h.json('GET', '/api/me/proposals', proposer);
    expect(mine.body.proposals).toHaveLength(1);
    expect(mine.body.proposals[0]).toMatchObject({ id: proposalId, emailConfirmed: true, status: 'pending' });
    expect((await h.json('GET', '/api/me/proposals', other)).body.proposals).toEqual([]);
  });

  it('refuses the same organisation twice from the same person (409) and a register id already listed', async () => {
    const again = await h.json('POST', '/api/proposals', proposer, { ...french, registrationNumber: '512788308' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_proposed');
    const listed = await h.json('POST', '/api/proposals', other, {
      ...unregistered,
      name: 'A Cancer Charity',
      country: 'GB',
      register: 'GB-NIC',
      registrationNumber: '100002',
    });
    expect(listed.status).toBe(409);
    expect(listed.body.error).toMatchObject({ code: 'already_listed', field: 'registrationNumber' });
  });

  it('expires confirmation links after 48 hours', async () => {
    const created = await h.json('POST', '/api/proposals', other, { ...unregistered, name: 'Late Link Club' });
    expect(created.status).toBe(201);
    await catcher.waitFor(1);
    const token = confirmTokenFrom(messagesTo('coach@gmail.com')[0]!);
    clock.advanceSeconds(48 * 3600 + 1);
    expect((await h.json('POST', '/api/proposals/confirm-email', null, { token })).status).toBe(400);
  });

  it.each([
    ['name', { name: 'X' }],
    ['country', { country: 'XX' }],
    ['country', { country: 'France' }],
    ['country', { country: 'DD' }],
    ['country', { country: 'EU' }],
    ['register', { register: 'FR-RNA' }],
    ['registrationNumber', { registrationNumber: '12345' }],
    ['registrationNumber', { registrationNumber: undefined }],
    ['registrationNumber', { register: 'none' }],
    ['website', { website: 'http://amisducanal.fr/' }],
    ['website', { website: 'javascript:alert(1)' }],
    ['mission', { mission: 'Too short' }],
    ['causes', { causes: [] }],
    ['causes.0', { causes: ['not-a-cause'] }],
    ['causes', { causes: ['health', 'health'] }],
    ['role', { role: '' }],
    ['workEmail', { workEmail: 'not an email' }],
    ['name', { name: 'Bell\u0007 Charity' }],
    ['extra', { extra: 'field' }],
  ])('answers 400 naming %s and stores nothing', async (field, patch) => {
    const before = await countProposals();
    const answer = await h.json('POST', '/api/proposals', other, { ...french, name: 'Bad Input Org', ...patch });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe(field);
    expect(await countProposals()).toBe(before);
  });

  it(`sends at most ${PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR} links an hour to one mailbox, however its address is tagged`, async () => {
    const addresses = [
      'mailbox@example.net',
      'mailbox+a@example.net',
      'MailBox+b@example.net',
      'mailbox+c@example.net',
    ];
    for (const [i, workEmail] of addresses.entries()) {
      const who = await h.signIn(`Mailbox Proposer ${i}`);
      const created = await h.json('POST', '/api/proposals', who, {
        ...unregistered,
        name: `Mailbox Club ${i}`,
        workEmail,
      });
      expect(created.status).toBe(201);
    }
    const toMailbox = catcher.messages().filter((m) => /mailbox(\+[a-z]+)?@example\.net/.test(m.to.join(' ')));
    expect(toMailbox).toHaveLength(PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR);
    // Another mailbox that merely starts alike is not counted with it.
    const neighbour = await h.signIn('Mailboxes Proposer');
    const created = await h.json('POST', '/api/proposals', neighbour, {
      ...unregistered,
      name: 'Mailboxes Club',
      workEmail: 'mailboxes@example.net',
    });
    expect(created.status).toBe(201);
    expect(messagesTo('mailboxes@example.net')).toHaveLength(1);
  });

  it('sends a new link on request, within the same mailbox limit, and only to the proposer', async () => {
    const address = 'resend@example.net';
    const asker = await h.signIn('Resend Proposer');
    const created = await h.json('POST', '/api/proposals', asker, {
      ...unregistered,
      name: 'Resend Club',
      workEmail: address,
    });
    expect(created.status).toBe(201);
    expect(created.body.proposal.confirmationLinkExpiresAt).toBe(
      new Date(clock.now().getTime() + 48 * 3600_000).toISOString(),
    );
    const path = `/api/proposals/${created.body.proposal.id}/confirmation-link`;
    const firstToken = confirmTokenFrom(messagesTo(address)[0]!);

    expect((await h.json('POST', path, null)).status).toBe(401);
    const stranger = await h.json('POST', path, other);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.field).toBe('id');
    for (let sent = 2; sent <= PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR; sent++) {
      const again = await h.json('POST', path, asker);
      expect(again.status).toBe(200);
      expect(messagesTo(address)).toHaveLength(sent);
    }
    // The old link stopped working when a new one was sent.
    const stale = await h.json('POST', '/api/proposals/confirm-email', null, { token: firstToken });
    expect(stale.status).toBe(400);

    // A fourth link within the hour is refused, and the third still works.
    const refused = await h.send('POST', path, asker);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('3600');
    expect(messagesTo(address)).toHaveLength(PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR);
    // A new proposal to the same mailbox is saved without a link, and says so.
    const neighbour = await h.signIn('Resend Neighbour');
    const unsent = await h.json('POST', '/api/proposals', neighbour, {
      ...unregistered,
      name: 'Quiet Club',
      workEmail: 'resend+quiet@example.net',
    });
    expect(unsent.status).toBe(201);
    expect(unsent.body.proposal.confirmationLinkExpiresAt).toBeNull();
    expect(catcher.messages()).toHaveLength(PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR);

    // An hour later the mailbox takes links again: the neighbour asks for theirs and confirms it.
    clock.advanceSeconds(3601);
    const later = await h.json('POST', `/api/proposals/${unsent.body.proposal.id}/confirmation-link`, neighbour);
    expect(later.status).toBe(200);
    expect(later.body.proposal.confirmationLinkExpiresAt).not.toBeNull();
    const token = confirmTokenFrom(messagesTo('resend+quiet@example.net')[0]!);
    expect((await h.json('POST', '/api/proposals/confirm-email', null, { token })).status).toBe(200);
    const confirmed = await h.json('POST', `/api/proposals/${unsent.body.proposal.id}/confirmation-link`, neighbour);
    expect(confirmed.status).toBe(409);
    expect(confirmed.body.error.code).toBe('already_confirmed');
  });

  it(`refuses a ${PROPOSALS_PER_USER_PER_DAY + 1}th proposal in a day with 429 and Retry-After`, async () => {
    const busy = await h.signIn('Busy Proposer');
    for (let i = 0; i < PROPOSALS_PER_USER_PER_DAY; i++) {
      const ok = await h.json('POST', '/api/proposals', busy, {
        ...unregistered,
        name: `Busy Club ${i}`,
        workEmail: `b${i}@example.org`,
      });
      expect(ok.status).toBe(201);
    }
    const before = await countProposals();
    const refused = await h.send('POST', '/api/proposals', busy, { ...unregistered, name: 'One Too Many' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('86400');
    expect(await countProposals()).toBe(before);
  });

  describe('the admin review', () => {
    it('is for site admins only', async () => {
      expect((await h.json('GET', '/api/admin/proposals', null)).status).toBe(401);
      expect((await h.json('GET', '/api/admin/proposals', proposer)).status).toBe(403);
      const decide = `/api/admin/proposals/${proposalId}/decision`;
      expect((await h.json('POST', decide, null, { decision: 'approve' })).status).toBe(401);
      expect((await h.json('POST', decide, proposer, { decision: 'approve' })).status).toBe(403);
      expect((await h.json('POST', decide, other, { decision: 'approve' })).status).toBe(403);
      const [row] = await h.db.select().from(ngoProposals).where(eq(ngoProposals.id, proposalId));
      expect(row!.status).toBe('pending');
    });

    it('shows the signals: email confirmed, email domain = website, duplicates by name, website and number', async () => {
      // Another person proposes the same organisation under another name but the same website and number.
      const twin = await h.json('POST', '/api/proposals', other, {
        ...french,
        name: 'Amis du Canal de Lyon',
        workEmail: 'someone@gmail.com',
      });
      expect(twin.status).toBe(201);
      // And one named like a directory NGO, with its website host.
      const lookalike = await h.json('POST', '/api/proposals', other, {
        ...unregistered,
        name: 'CANCER LIFELINE',
        country: 'GB',
        website: 'https://www.cancerlifeline.info/about',
        workEmail: 'me@cancerlifeline.info',
      });
      expect(lookalike.status).toBe(201);

      const queue = await h.json('GET', '/api/admin/proposals', admin);
      expect(queue.status).toBe(200);
      const ours = queue.body.proposals.find((p: any) => p.id === proposalId);
      expect(ours).toMatchObject({
        emailConfirmed: true,
        emailMatchesWebsite: true,
        proposedNgoId: 'FR-RCS-512788308',
        user: { id: proposer.id, name: 'Marie Proposer' },
      });
      expect(ours.duplicates).toEqual([
        {
          kind: 'proposal',
          id: twin.body.proposal.id,
          name: 'Amis du Canal de Lyon',
          slug: null,
          matchedBy: ['website', 'number'],
        },
      ]);
      const theLookalike = queue.body.proposals.find((p: any) => p.id === lookalike.body.proposal.id);
      expect(theLookalike).toMatchObject({ emailConfirmed: false, emailMatchesWebsite: true, proposedNgoId: null });
      expect(theLookalike.duplicates).toEqual([
        {
          kind: 'directory',
          id: 'GB-NIC-100002',
          name: 'Cancer Lifeline',
          slug: 'cancer-lifeline-100002',
          matchedBy: ['name', 'website'],
        },
      ]);
      expect((await h.json('GET', '/api/admin/proposals?status=maybe', admin)).body.error.field).toBe('status');
    });

    it('approves: the NGO enters the directory with its org-id, the proposer manages it and is told by email', async () => {
      const decided = await h.json('POST', `/api/admin/proposals/${proposalId}/decision`, admin, {
        decision: 'approve',
      });
      expect(decided.status).toBe(200);
      expect(decided.body.proposal).toMatchObject({
        status: 'approved',
        ngo: { id: 'FR-RCS-512788308', slug: 'les-amis-du-canal-fr-rcs-512788308' },
      });
      expect(await getNgoFacts(h.db, 'FR-RCS-512788308')).toEqual({
        id: 'FR-RCS-512788308',
        name: 'Les Amis du Canal',
        slug: 'les-amis-du-canal-fr-rcs-512788308',
        websiteHost: 'amisducanal.fr',
        country: 'FR',
        causes: ' environment education ',
      });
      expect(await isManager(h.db, 'FR-RCS-512788308', proposer.id)).toBe(true);
      await catcher.waitFor(1);
      const [message] = messagesTo('marie@amisducanal.fr');
      expect(message!.subject).toBe('Les Amis du Canal is in the Jumo directory');
      expect(message!.text).toContain(`${ORIGIN}/manage/?ngo=FR-RCS-512788308`);

      // Follows, stats and news work on it at once.
      expect((await h.send('PUT', '/api/follows/ngos/FR-RCS-512788308', other)).status).toBe(200);
      const access = await h.json('GET', '/api/ngos/FR-RCS-512788308/access', proposer);
      expect(access.body).toMatchObject({ manager: true });
      const post = await h.json('POST', '/api/ngos/FR-RCS-512788308/posts', proposer, {
        title: 'We joined Jumo',
        body: 'Hello from Lyon.',
      });
      expect(post.status).toBe(201);

      const twice = await h.json('POST', `/api/admin/proposals/${proposalId}/decision`, admin, {
        decision: 'reject',
        reason: 'Changed my mind',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('proposal_decided');
    });

    it('refuses to approve a second proposal of a number now in the directory (409, nothing changed)', async () => {
      const queue = await h.json('GET', '/api/admin/proposals', admin);
      const twin = queue.body.proposals.find((p: any) => p.name === 'Amis du Canal de Lyon');
      expect(twin.duplicates).toContainEqual(
        expect.objectContaining({ kind: 'directory', id: 'FR-RCS-512788308', matchedBy: ['website', 'number'] }),
      );
      const refused = await h.json('POST', `/api/admin/proposals/${twin.id}/decision`, admin, { decision: 'approve' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('already_listed');
      const [row] = await h.db.select().from(ngoProposals).where(eq(ngoProposals.id, twin.id));
      expect(row!.status).toBe('pending');
      expect(await isManager(h.db, 'FR-RCS-512788308', other.id)).toBe(false);
    });

    it('rejects with a reason the proposer sees; a rejection needs a reason (400 naming it)', async () => {
      const queue = await h.json('GET', '/api/admin/proposals', admin);
      const twin = queue.body.proposals.find((p: any) => p.name === 'Amis du Canal de Lyon');
      const path = `/api/admin/proposals/${twin.id}/decision`;
      const noReason = await h.json('POST', path, admin, { decision: 'reject' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.field).toBe('reason');
      const rejected = await h.json('POST', path, admin, {
        decision: 'reject',
        reason: 'Already listed: claim its page. <script>alert(1)</script>',
      });
      expect(rejected.status).toBe(200);
      const mine = await h.json('GET', '/api/me/proposals', other);
      expect(mine.body.proposals.find((p: any) => p.id === twin.id)).toMatchObject({
        status: 'rejected',
        decisionReason: 'Already listed: claim its page. <script>alert(1)</script>',
      });
      // Its work email was never confirmed: nothing is sent to it.
      expect(messagesTo('someone@gmail.com')).toHaveLength(0);
      expect(
        (await h.json('POST', '/api/admin/proposals/zzzzzzzzzzzzzzzzzzzzzzzz/decision', admin, { decision: 'approve' }))
          .status,
      ).toBe(404);
    });

    it('two approvals at once (a double click) list the NGO once, with one manager; the other is 409', async () => {
      const created = await h.json('POST', '/api/proposals', other, {
        ...unregistered,
        name: 'Double Click Choir',
        workEmail: 'double@example.org',
      });
      const path = `/api/admin/proposals/${created.body.proposal.id}/decision`;
      const answers = await Promise.all([1, 2].map(() => h.json('POST', path, admin, { decision: 'approve' })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const listed = await h.db.select().from(ngoDirectory).where(eq(ngoDirectory.name, 'Double Click Choir'));
      expect(listed).toHaveLength(1);
      expect(listed[0]!.id).toBe(answers.find((a) => a.status === 200)!.body.proposal.ngo.id);
      const managed = await h.db.select().from(ngoManagers).where(eq(ngoManagers.userId, other.id));
      expect(managed.filter((m) => m.ngoId.startsWith('XX-JUMO-') && m.ngoId === listed[0]!.id)).toHaveLength(1);
      expect(managed.filter((m) => m.ngoId.startsWith('XX-JUMO-')).map((m) => m.ngoId)).not.toContain(
        answers.find((a) => a.status === 409)?.body?.proposal?.ngo?.id,
      );
    });

    it('approve and reject at once leave one decision, and the directory agrees with it', async () => {
      const created = await h.json('POST', '/api/proposals', other, {
        ...unregistered,
        name: 'Split Decision Club',
        workEmail: 'split@example.org',
      });
      const path = `/api/admin/proposals/${created.body.proposal.id}/decision`;
      const answers = await Promise.all([
        h.json('POST', path, admin, { decision: 'approve' }),
        h.json('POST', path, admin, { decision: 'reject', reason: 'Could not verify it.' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const [row] = await h.db.select().from(ngoProposals).where(eq(ngoProposals.id, created.body.proposal.id));
      const listed = await h.db.select().from(ngoDirectory).where(eq(ngoDirectory.name, 'Split Decision Club'));
      expect(listed).toHaveLength(row!.status === 'approved' ? 1 : 0);
      expect(row!.status === 'approved' ? listed[0]!.id : null).toBe(row!.ngoId);
    });

    it('gives an organisation on no register a stable Jumo id', async () => {
      const created = await h.json('POST', '/api/proposals', other, {
        ...unregistered,
        name: 'Mathare Youth Choir',
        workEmail: 'choir@example.org',
      });
      const decided = await h.json('POST', `/api/admin/proposals/${created.body.proposal.id}/decision`, admin, {
        decision: 'approve',
      });
      expect(decided.status).toBe(200);
      const ngo = decided.body.proposal.ngo;
      expect(ngo.id).toMatch(/^XX-JUMO-[A-Z2-9]{10}$/);
      expect(ngo.slug).toBe(`mathare-youth-choir-${ngo.id.toLowerCase()}`);
      expect((await h.json('GET', `/api/ngos/${ngo.id}/access`, other)).body).toMatchObject({ manager: true });
      const mine = await h.json('GET', '/api/me/proposals', other);
      expect(mine.body.proposals.find((p: any) => p.id === created.body.proposal.id).ngo).toEqual(ngo);
    });

    it('never gives an NGO the page address of another: 409, and nothing changes', async () => {
      const founder = await h.signIn('Canal Founder');
      const created = await h.json('POST', '/api/proposals', founder, {
        ...french,
        name: 'Canal Friends',
        registrationNumber: '552100554',
        workEmail: 'canal@example.org',
      });
      expect(created.body.error).toBeUndefined();
      expect(created.status).toBe(201);
      // A directory NGO already holds the address approval would give (same name, same whole id as tail).
      await h.db.insert(ngoDirectory).values({
        id: 'US-EIN-999999999',
        name: 'Canal Friends FR RCS',
        slug: 'canal-friends-fr-rcs-552100554',
        websiteHost: null,
        country: 'US',
        causes: ' arts ',
      });
      const decided = await h.json('POST', `/api/admin/proposals/${created.body.proposal.id}/decision`, admin, {
        decision: 'approve',
      });
      expect(decided.status).toBe(409);
      expect(decided.body.error.code).toBe('slug_taken');
      expect(decided.body.error.message).toContain('/ngos/canal-friends-fr-rcs-552100554/');
      const [row] = await h.db.select().from(ngoProposals).where(eq(ngoProposals.id, created.body.proposal.id));
      expect(row!.status).toBe('pending');
      expect(await getNgoFacts(h.db, 'FR-RCS-552100554')).toBeNull();
      expect(await isManager(h.db, 'FR-RCS-552100554', founder.id)).toBe(false);
    });
  });
});

describe('deleting the proposer’s account', () => {
  it('removes their pending proposals and strips them from approved ones, whose NGO stays', async () => {
    const leaver = await h.signIn('Leaving Proposer');
    const pending = await h.json('POST', '/api/proposals', leaver, {
      ...unregistered,
      name: 'Pending Then Gone',
      workEmail: 'gone@example.org',
    });
    const approvedOne = await h.json('POST', '/api/proposals', leaver, {
      ...unregistered,
      name: 'Approved Then Orphaned',
      workEmail: 'orphan@example.org',
    });
    const decided = await h.json('POST', `/api/admin/proposals/${approvedOne.body.proposal.id}/decision`, admin, {
      decision: 'approve',
    });
    const ngoId = decided.body.proposal.ngo.id;
    // The only manager must hand the page over first, as for any NGO.
    expect((await h.json('DELETE', '/api/me', leaver)).status).toBe(409);
    expect((await h.json('POST', `/api/ngos/${ngoId}/managers`, leaver, { userId: other.id })).status).toBe(201);
    expect((await h.json('DELETE', '/api/me', leaver)).status).toBe(200);

    const rows = await h.db.select().from(ngoProposals);
    expect(rows.find((r) => r.id === pending.body.proposal.id)).toBeUndefined();
    expect(rows.find((r) => r.id === approvedOne.body.proposal.id)).toMatchObject({
      userId: null,
      role: '',
      workEmail: '',
      status: 'approved',
      ngoId,
    });
    expect(await getNgoFacts(h.db, ngoId)).toMatchObject({ name: 'Approved Then Orphaned' });
  });
});
