import { createRoute } from '@hono/zod-openapi';
import { emailMatchesHost } from '../../db/claims.ts';
import { generateSecureRandomString } from '../../db/ids.ts';
import {
  approveProposal,
  confirmProposalEmail,
  claimProposalMail,
  countUserProposalsSince,
  createProposal,
  findDuplicates,
  forgetProposalToken,
  getProposal,
  listProposalsForReview,
  listUserProposals,
  PROPOSAL_TOKEN_TTL_SECONDS,
  rejectProposal,
  setProposalToken,
  toProposedNgoId,
  type Proposal,
} from '../../db/proposals.ts';
import * as contracts from '../../model/api/proposals.ts';
import type { ProposalJson } from '../../model/api/proposals.ts';
import { toJoinedSlug } from '../../model/joined-ngo.ts';
import { JUMO_ID_PREFIX, NOT_REGISTERED, normalizeRegistrationNumber } from '../../model/registers.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { composeProposalConfirmation, composeProposalDecision } from '../mail/compose-proposal.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { limitContentCreation, requireAdmin } from './engage-shared.ts';
import { hashToken } from './email.ts';

const REVIEW_QUEUE_LIMIT = 200;
/** A person proposes a handful of organisations a day at most; more is a script. */
export const PROPOSALS_PER_USER_PER_DAY = 5;
/** Confirmation links to one address per hour, whoever asks: nobody can flood a stranger's mailbox. */
export const PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR = 3;

function toProposalJson(p: Proposal): ProposalJson {
  return {
    id: p.id,
    name: p.name,
    country: p.country,
    city: p.city,
    register: p.register,
    registrationNumber: p.registrationNumber,
    website: p.website,
    mission: p.mission,
    causes: p.causes.split(' ').filter(Boolean),
    role: p.role,
    workEmail: p.workEmail,
    emailConfirmed: p.emailConfirmedAt !== null,
    confirmationLinkExpiresAt: p.emailTokenExpiresAt?.toISOString() ?? null,
    status: p.status,
    ngo: p.ngoId ? { id: p.ngoId, slug: toJoinedSlug(p.name, p.ngoId) } : null,
    decisionReason: p.decisionReason,
    createdAt: p.createdAt.toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
  };
}

function siteOrigin(c: AppContext): string {
  return c.get('env').PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

/** The id an approved proposal gets: its register's org-id, or a new Jumo one (50 random bits). */
function chooseNgoId(p: Proposal): string {
  return toProposedNgoId(p) ?? `${JUMO_ID_PREFIX}-${generateSecureRandomString().slice(0, 10).toUpperCase()}`;
}

async function refuseOverDailyLimit(c: AppContext, userId: string): Promise<void> {
  const now = c.get('now')();
  const made = await countUserProposalsSince(c.get('getDb')(), userId, new Date(now.getTime() - 86_400_000));
  if (made >= PROPOSALS_PER_USER_PER_DAY) {
    throw new ApiError(
      429,
      'rate_limited',
      `At most ${PROPOSALS_PER_USER_PER_DAY} proposals a day. Try again tomorrow.`,
      {
        headers: { 'Retry-After': '86400' },
      },
    );
  }
}

/**
 * Send a new confirmation link to the proposal's work email, if its mailbox has links left this
 * hour (`limited` when not). A refusal by the mail server (or no mail here) leaves no link.
 */
async function sendConfirmation(c: AppContext, proposal: Proposal): Promise<'sent' | 'limited' | 'failed'> {
  const db = c.get('getDb')();
  const now = c.get('now')();
  if (!(await claimProposalMail(db, proposal.workEmail, PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR, now))) return 'limited';
  const token = generateSecureRandomString();
  const expiresAt = new Date(now.getTime() + PROPOSAL_TOKEN_TTL_SECONDS * 1000);
  const issued = await setProposalToken(db, proposal.id, c.get('auth').user.id, { hash: hashToken(token), expiresAt });
  if (!issued) return 'failed';
  const mailer = c.get('getMailer')();
  // The token rides in the fragment: it never reaches a server log or a Referer header.
  const outcome = mailer
    ? await mailer.sendMail(
        composeProposalConfirmation({
          to: proposal.workEmail,
          ngoName: proposal.name,
          userName: c.get('auth').user.name,
          confirmUrl: `${siteOrigin(c)}/join/#confirm=${token}`,
        }),
      )
    : { ok: false as const, error: 'no mail transport' };
  if (outcome.ok) return 'sent';
  console.error(`proposal confirmation not sent: ${outcome.error}`);
  await forgetProposalToken(db, proposal.id);
  return 'failed';
}

/** Tell the proposer, at the work address they proved they read; unconfirmed, the join page says it. */
async function sendDecision(c: AppContext, proposal: Proposal): Promise<void> {
  if (!proposal.emailConfirmedAt || proposal.status === 'pending') return;
  const mailer = c.get('getMailer')();
  if (!mailer) return;
  const origin = siteOrigin(c);
  const outcome = await mailer.sendMail(
    composeProposalDecision({
      to: proposal.workEmail,
      ngoName: proposal.name,
      decision: proposal.status,
      reason: proposal.decisionReason,
      url:
        proposal.status === 'approved'
          ? `${origin}/manage/?ngo=${encodeURIComponent(proposal.ngoId ?? '')}`
          : `${origin}/join/`,
    }),
  );
  if (!outcome.ok) console.error(`proposal decision not sent: ${outcome.error}`);
}

/** "Add your NGO": proposals, the work email's confirmation, and the admins' review. */
export const proposalRoutes = createRouter()
  .openapi(
    createRoute({ ...contracts.createProposal, middleware: [requireSession(), limitContentCreation()] }),
    async (c) => {
      const input = c.req.valid('json');
      const db = c.get('getDb')();
      const userId = c.get('auth').user.id;
      const now = c.get('now')();
      await refuseOverDailyLimit(c, userId);
      const register = input.register === NOT_REGISTERED ? null : input.register;
      const result = await createProposal(
        db,
        userId,
        {
          name: input.name,
          country: input.country,
          city: input.city || null,
          register,
          registrationNumber:
            register && input.registrationNumber
              ? normalizeRegistrationNumber(register, input.registrationNumber)
              : null,
          website: input.website || null,
          mission: input.mission,
          causes: input.causes,
          role: input.role,
          workEmail: input.workEmail,
        },
        now,
      );
      switch (result.status) {
        case 'already_listed':
          throw new ApiError(
            409,
            'already_listed',
            `registrationNumber: ${result.ngoId} is already in the directory: open its page and claim it instead.`,
            { field: 'registrationNumber' },
          );
        case 'already_proposed':
          throw new ApiError(
            409,
            'already_proposed',
            'You already proposed this organisation; it is waiting for review.',
          );
        case 'created': {
          const sent = (await sendConfirmation(c, result.proposal)) === 'sent';
          const proposal = sent ? ((await getProposal(db, result.proposal.id)) ?? result.proposal) : result.proposal;
          return c.json({ proposal: toProposalJson(proposal) }, 201);
        }
      }
    },
  )
  .openapi(createRoute({ ...contracts.listMyProposals, middleware: [requireSession()] }), async (c) => {
    const proposals = await listUserProposals(c.get('getDb')(), c.get('auth').user.id);
    return c.json({ proposals: proposals.map(toProposalJson) }, 200);
  })
  /** A new link for one's own pending proposal (the first went astray, expired, or was never sent). */
  .openapi(
    createRoute({ ...contracts.resendProposalConfirmation, middleware: [requireSession(), limitContentCreation()] }),
    async (c) => {
      const db = c.get('getDb')();
      const proposal = await getProposal(db, c.req.valid('param').id);
      if (!proposal || proposal.userId !== c.get('auth').user.id) {
        throw new ApiError(404, 'not_found', 'id: you have no proposal with this id.', { field: 'id' });
      }
      if (proposal.status !== 'pending') {
        throw new ApiError(409, 'proposal_decided', `This proposal was already ${proposal.status}.`);
      }
      if (proposal.emailConfirmedAt) {
        throw new ApiError(409, 'already_confirmed', 'Its work email is already confirmed.');
      }
      const outcome = await sendConfirmation(c, proposal);
      if (outcome === 'limited') {
        throw new ApiError(
          429,
          'rate_limited',
          `At most ${PROPOSAL_MAILS_PER_ADDRESS_PER_HOUR} links an hour go to one address. Try again in an hour.`,
          { headers: { 'Retry-After': '3600' } },
        );
      }
      if (outcome === 'failed') {
        throw new ApiError(503, 'mail_unavailable', 'The link could not be sent just now. Try again later.');
      }
      return c.json({ proposal: toProposalJson((await getProposal(db, proposal.id)) ?? proposal) }, 200);
    },
  )
  /** No session needed: the link may be opened on another device; the token is the proof. */
  .openapi(createRoute(contracts.confirmProposalEmail), async (c) => {
    const proposal = await confirmProposalEmail(c.get('getDb')(), hashToken(c.req.valid('json').token), c.get('now')());
    if (!proposal) {
      throw new ApiError(400, 'invalid_token', 'token: this link is used, expired or unknown.', { field: 'token' });
    }
    return c.json({ confirmed: true as const, proposal: { id: proposal.id, name: proposal.name } }, 200);
  })
  .openapi(createRoute({ ...contracts.listProposals, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const db = c.get('getDb')();
    const rows = await listProposalsForReview(db, c.req.valid('query').status ?? 'pending', REVIEW_QUEUE_LIMIT);
    const proposals = await Promise.all(
      rows.map(async ({ proposal, userName }) => ({
        ...toProposalJson(proposal),
        user: proposal.userId ? { id: proposal.userId, name: userName ?? '' } : null,
        proposedNgoId: proposal.ngoId ?? toProposedNgoId(proposal),
        emailMatchesWebsite: emailMatchesHost(proposal.workEmail, proposal.websiteHost),
        duplicates: proposal.status === 'pending' ? await findDuplicates(db, proposal) : [],
      })),
    );
    return c.json({ proposals }, 200);
  })
  .openapi(createRoute({ ...contracts.decideProposal, middleware: [requireSession(), requireAdmin()] }), async (c) => {
    const { id } = c.req.valid('param');
    const { decision, reason } = c.req.valid('json');
    const db = c.get('getDb')();
    const adminId = c.get('auth').user.id;
    const now = c.get('now')();
    let result;
    if (decision === 'approve') {
      const current = await getProposal(db, id);
      if (!current) throw new ApiError(404, 'not_found', 'id: no proposal has this id.', { field: 'id' });
      result = await approveProposal(db, id, chooseNgoId(current), adminId, now);
    } else {
      result = await rejectProposal(db, id, reason ?? '', adminId, now);
    }
    switch (result.status) {
      case 'not_found':
        throw new ApiError(404, 'not_found', 'id: no proposal has this id.', { field: 'id' });
      case 'already_decided':
        throw new ApiError(409, 'proposal_decided', `This proposal was already ${result.proposal.status}.`);
      case 'already_listed':
        throw new ApiError(
          409,
          'already_listed',
          `${result.ngoId} is already in the directory: reject this proposal and point the proposer to its page.`,
        );
      case 'slug_taken':
        throw new ApiError(
          409,
          'slug_taken',
          `Its page address /ngos/${result.slug}/ already belongs to ${result.ngoId}: if it is the same organisation, reject this proposal and point the proposer to its page.`,
        );
      case 'decided':
        await sendDecision(c, result.proposal);
        return c.json({ proposal: toProposalJson(result.proposal) }, 200);
    }
  });
