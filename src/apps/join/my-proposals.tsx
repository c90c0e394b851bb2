import type { ProposalJson } from '../../../model/api/proposals.ts';
import { getCountryName } from '../../../model/places.ts';
import { formatDate } from '../../scripts/display-format.ts';
import { ResendLink } from './resend-link.tsx';

function describeStatus(p: ProposalJson): string {
  if (p.status === 'approved')
    return 'Approved: you manage its page. Its public page appears with the next publication.';
  if (p.status === 'rejected') return 'Not approved.';
  if (p.emailConfirmed) return 'Waiting for an administrator. Your work email is confirmed.';
  return p.confirmationLinkExpiresAt && Date.parse(p.confirmationLinkExpiresAt) > Date.now()
    ? `Waiting for an administrator. Open the link we sent to ${p.workEmail} to confirm it: it helps the review.`
    : `Waiting for an administrator. No confirmation link is waiting at ${p.workEmail} (too many went to that address within the hour, or it expired): send one to confirm it, as it helps the review.`;
}

/** The person's proposals and where each stands (the admin's reason when rejected). */
export function MyProposals({ proposals, onChange }: { proposals: ProposalJson[]; onChange: () => void }) {
  if (proposals.length === 0) return null;
  return (
    <section class="eng-section" aria-labelledby="h-my-proposals">
      <h2 id="h-my-proposals">Your proposals</h2>
      <ul class="eng-list" aria-label="Your proposals">
        {proposals.map((p) => (
          <li class="eng-item" key={p.id} data-proposal={p.id} data-status={p.status}>
            <h3>{p.name}</h3>
            <p class="meta">{`${getCountryName(p.country)} · proposed ${formatDate(p.createdAt)}`}</p>
            <p>{describeStatus(p)}</p>
            {p.status === 'pending' && !p.emailConfirmed && <ResendLink proposal={p} onSent={onChange} />}
            {p.status === 'rejected' && p.decisionReason && (
              <p class="eng-desc">
                <strong>Reason:</strong> {p.decisionReason}
              </p>
            )}
            {p.ngo && (
              <p>
                <a href={`/manage/?ngo=${encodeURIComponent(p.ngo.id)}`}>Manage its page</a> ·{' '}
                <a href={`/ngos/${p.ngo.slug}/`}>Its public page</a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
