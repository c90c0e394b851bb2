import { useState } from 'preact/hooks';
import type { Opportunity } from '../shared/api-types.ts';
import { SignupList } from './signup-list.tsx';

type Props = {
  opportunity: Opportunity;
  onEdit: () => void;
  onToggleOpen: () => void;
};

/** One of the NGO's opportunities, open or closed, with its sign-ups on request. */
export function OpportunityRow({ opportunity: o, onEdit, onToggleOpen }: Props) {
  // 0: sign-ups not asked for yet; each press of "Sign-ups" fetches them again.
  const [asked, setAsked] = useState(0);
  const meta = [o.place, o.remote ? 'remote' : null, o.commitment, o.closesOn ? `closes ${o.closesOn}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="eng-item">
      <h3>
        {o.title} <span class={`eng-badge${o.status === 'open' ? ' good' : ''}`}>{o.status}</span>
      </h3>
      <p class="meta">{meta}</p>
      <div class="eng-actions">
        <button type="button" onClick={() => setAsked((n) => n + 1)}>
          Sign-ups
        </button>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" onClick={onToggleOpen}>
          {o.status === 'open' ? 'Close' : 'Reopen'}
        </button>
      </div>
      <div aria-live="polite">{asked > 0 && <SignupList opportunityId={o.id} title={o.title} version={asked} />}</div>
    </li>
  );
}
