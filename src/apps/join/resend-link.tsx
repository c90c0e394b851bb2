import { useState } from 'preact/hooks';
import type { ProposalJson } from '../../../model/api/proposals.ts';
import { callApi } from '../../scripts/api-client.ts';

/** "Send the link again": the first went astray, expired, or could not be sent (the mailbox limit). */
export function ResendLink({ proposal, onSent }: { proposal: ProposalJson; onSent: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const resend = async () => {
    setBusy(true);
    const answer = await callApi('resendProposalConfirmation', { params: { id: proposal.id } });
    setBusy(false);
    setMessage(answer.ok ? `A new link is on its way to ${proposal.workEmail}.` : answer.message);
    if (answer.ok) onSent();
  };
  return (
    <p>
      <button type="button" disabled={busy} onClick={() => void resend()} data-resend-link>
        {proposal.confirmationLinkExpiresAt ? 'Send the link again' : 'Send the confirmation link'}
      </button>{' '}
      <span role="status">{message}</span>
    </p>
  );
}
