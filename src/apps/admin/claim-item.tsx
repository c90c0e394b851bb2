import { useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';

type Claim = ApiResult<'listClaims'>['claims'][number];

/** A claim to review: who, which page, the work email against the NGO's website; approve or reject. */
export function ClaimItem({ claim, onDecided }: { claim: Claim; onDecided: () => void }) {
  const [status, setStatus] = useState('');
  const decide = async (decision: 'approve' | 'reject') => {
    const answer = await callApi('decideClaim', { params: { id: claim.id }, body: { decision } });
    if (answer.ok) onDecided();
    else setStatus(answer.message);
  };
  const { ngo } = claim;
  return (
    <li class="eng-item">
      <h3>{ngo.slug ? <a href={`/ngos/${ngo.slug}/`}>{ngo.name ?? ngo.id}</a> : ngo.id}</h3>
      <p class="meta">{`${claim.user.name} (${claim.user.id}) · ${claim.role} · ${formatDate(claim.createdAt)}`}</p>
      <p>
        <code>{claim.workEmail}</code>{' '}
        {claim.emailMatchesWebsite ? (
          <span class="eng-badge good">{`matches the website (${ngo.websiteHost})`}</span>
        ) : (
          <span class="eng-badge">
            {ngo.websiteHost ? `website is ${ngo.websiteHost}: no match` : 'no website on record'}
          </span>
        )}
      </p>
      {claim.note && <p class="eng-desc">{claim.note}</p>}
      <div class="eng-actions">
        <button type="button" onClick={() => void decide('approve')}>
          Approve
        </button>
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
