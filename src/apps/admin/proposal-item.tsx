import { useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { getCause } from '../../../model/causes.ts';
import { getCountryName } from '../../../model/places.ts';
import { formatDate } from '../../scripts/display-format.ts';

type Proposal = ApiResult<'listProposals'>['proposals'][number];

const MATCH_LABELS = { name: 'same name', website: 'same website', number: 'same number' } as const;

/**
 * An organisation proposed for the directory, with the signals to judge it: the work email
 * confirmed and at the website's domain, and organisations listed or proposed that look the
 * same. Approve, or reject with a reason the proposer reads.
 */
export function ProposalItem({ proposal, onDecided }: { proposal: Proposal; onDecided: () => void }) {
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const decide = async (decision: 'approve' | 'reject') => {
    const answer = await callApi('decideProposal', {
      params: { id: proposal.id },
      body: decision === 'reject' ? { decision, reason } : { decision },
    });
    if (answer.ok) onDecided();
    else setStatus(answer.message);
  };
  const p = proposal;
  return (
    <li class="eng-item" data-proposal={p.id}>
      <h3>{p.name}</h3>
      <p class="meta">
        {`${p.user ? `${p.user.name} (${p.user.id})` : 'deleted account'} · ${p.role} · ${formatDate(p.createdAt)}`}
      </p>
      <p>
        {`${p.city ? `${p.city}, ` : ''}${getCountryName(p.country)} · `}
        {p.register ? `${p.register} ${p.registrationNumber ?? ''}` : 'on no register'}
        {` · id on approval: ${p.proposedNgoId ?? 'a new XX-JUMO id'}`}
        {p.website && (
          <>
            {' · '}
            <a href={p.website} rel="noopener nofollow">
              {p.website}
            </a>
          </>
        )}
      </p>
      <p>
        <code>{p.workEmail}</code>{' '}
        <span class={p.emailConfirmed ? 'eng-badge good' : 'eng-badge'}>
          {p.emailConfirmed ? 'email confirmed' : 'email not confirmed'}
        </span>{' '}
        <span class={p.emailMatchesWebsite ? 'eng-badge good' : 'eng-badge'}>
          {p.emailMatchesWebsite ? 'matches the website' : 'not at the website’s domain'}
        </span>
      </p>
      <p class="eng-desc">{p.mission}</p>
      <p class="meta">{`Causes: ${p.causes.map((id) => getCause(id)?.name ?? id).join(', ')}`}</p>
      {p.duplicates.length > 0 && (
        <div class="eng-duplicates">
          <p>
            <strong>Possible duplicates</strong>
          </p>
          <ul aria-label="Possible duplicates">
            {p.duplicates.map((d) => (
              <li key={`${d.kind}-${d.id}`}>
                {d.kind === 'directory' && d.slug ? <a href={`/ngos/${d.slug}/`}>{d.name}</a> : d.name}
                {` (${d.kind === 'directory' ? `in the directory, ${d.id}` : 'another pending proposal'}: ${d.matchedBy
                  .map((m) => MATCH_LABELS[m])
                  .join(', ')})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="eng-actions">
        <button type="button" onClick={() => void decide('approve')}>
          Approve
        </button>
        <label>
          Reason (shown to the proposer){' '}
          <input name="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
        </label>
        <button type="button" onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
      <p role="status" class="form-status">
        {status}
      </p>
    </li>
  );
}
