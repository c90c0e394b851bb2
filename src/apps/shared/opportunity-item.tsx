import { describeOpportunity } from '../../scripts/display-format.ts';
import type { ItemNgo, Opportunity } from './api-types.ts';
import { NgoPrefix } from './ngo-link.tsx';
import { ReportForm } from './report-form.tsx';
import { SignupForm } from './signup-form.tsx';

/** One volunteering opportunity: what, where and how long; sign-up and Report for signed-in people. */
export function OpportunityItem({
  opportunity: o,
  signedIn,
  ngo,
}: {
  opportunity: Opportunity;
  signedIn: boolean;
  ngo?: ItemNgo;
}) {
  return (
    <li class="eng-item" id={`opportunity-${o.id}`}>
      <h3>{o.title}</h3>
      <p class="meta">
        <NgoPrefix ngo={ngo} />
        {describeOpportunity(o)}
      </p>
      <p class="eng-desc">{o.description}</p>
      {o.skills && (
        <p>
          <strong>Skills: </strong>
          {o.skills}
        </p>
      )}
      <div class="eng-actions">
        {signedIn ? <SignupForm opportunityId={o.id} /> : <span class="muted">Sign in to volunteer.</span>}
        {signedIn && <ReportForm kind="opportunity" itemId={o.id} />}
      </div>
    </li>
  );
}
