import { useEffect, useState } from 'preact/hooks';
import type { ProposalJson } from '../../../model/api/proposals.ts';
import { callApi } from '../../scripts/api-client.ts';
import { useViewer } from '../shared/use-viewer.ts';
import { JoinIntro } from './join-intro.tsx';
import { MyProposals } from './my-proposals.tsx';
import { ProposalForm } from './proposal-form.tsx';

/** The token of a confirmation link (`/join/#confirm=…`), taken out of the address bar. */
function takeConfirmToken(): string | null {
  const match = /^#confirm=([a-z0-9]+)$/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return match[1]!;
}

/** /join/: confirm a work email from its link, propose an NGO, follow one's proposals. */
export function JoinPage() {
  const viewer = useViewer();
  const [confirmation, setConfirmation] = useState('');
  const [proposals, setProposals] = useState<ProposalJson[] | null>(null);
  const [sent, setSent] = useState<'with-link' | 'without-link' | null>(null);

  const loadProposals = async () => {
    const answer = await callApi('listMyProposals');
    setProposals(answer.ok ? answer.data.proposals : []);
  };

  // A link opened is not yet a confirmation: mail scanners open links too. The person clicks.
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  useEffect(() => {
    const readLink = () => {
      const token = takeConfirmToken();
      if (token) setPendingToken(token);
    };
    readLink();
    // The link opened in the tab already showing /join/ changes only the fragment.
    addEventListener('hashchange', readLink);
    return () => removeEventListener('hashchange', readLink);
  }, []);

  const confirm = async (token: string) => {
    setPendingToken(null);
    const answer = await callApi('confirmProposalEmail', { body: { token } });
    setConfirmation(
      answer.ok
        ? `Thank you: your work email for ${answer.data.proposal.name} is confirmed.`
        : 'This confirmation link is used, expired or unknown.',
    );
  };

  useEffect(() => {
    if (viewer) void loadProposals();
  }, [viewer, confirmation]);

  return (
    <>
      <JoinIntro />
      {pendingToken && (
        <p class="eng-notice" data-confirm-prompt>
          You opened the link that confirms a work email for a proposal on Jumo.{' '}
          <button type="button" onClick={() => void confirm(pendingToken)}>
            Confirm my work email
          </button>
        </p>
      )}
      {confirmation && (
        <p role="status" class="eng-notice" data-confirmation>
          {confirmation}
        </p>
      )}
      {viewer === null && <p>Sign in (top right) to propose your organisation and follow your proposals.</p>}
      {viewer && proposals && <MyProposals proposals={proposals} onChange={() => void loadProposals()} />}
      {viewer && (
        <section class="eng-section" aria-labelledby="h-propose">
          <h2 id="h-propose">Propose an organisation</h2>
          {sent && (
            <p role="status">
              {sent === 'with-link'
                ? 'Proposal sent. Check your work email for the confirmation link; an administrator will review it.'
                : 'Proposal sent. No confirmation link could go to that address just now: send it from your proposals below later.'}
            </p>
          )}
          <ProposalForm
            key={proposals?.length ?? 0}
            onCreated={(created) => {
              setSent(created.proposal.confirmationLinkExpiresAt ? 'with-link' : 'without-link');
              void loadProposals();
            }}
          />
        </section>
      )}
    </>
  );
}
