import { useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { formatMinor } from '../../scripts/display-format.ts';
import type { NgoNames } from './look-up-ngos.ts';
import { NgoName } from './ngo-name.tsx';
import { PledgeReports, type PledgeReportLinks } from './pledge-reports.tsx';

export type Pledge = ApiResult<'listMyPledges'>['pledges'][number];

type Props = {
  pledge: Pledge;
  names: NgoNames;
  /** The NGO's impact reports published after this pledge. */
  reports: PledgeReportLinks;
  onChange: (pledge: Pledge) => void;
  announce: (message: string) => void;
};

function describeState(p: Pledge): string {
  if (p.status === 'active') return p.recurrence === 'monthly' ? 'active' : 'to give';
  return p.status === 'fulfilled' ? 'given' : 'cancelled';
}

/**
 * One pledge: NGO, amount, state, date, and the NGO's impact reports since; an active one can be
 * marked given or cancelled.
 */
export function PledgeItem({ pledge: p, names, reports, onChange, announce }: Props) {
  const [busy, setBusy] = useState(false);

  const settle = async (status: 'fulfilled' | 'cancelled') => {
    setBusy(true);
    const answer = await callApi('updatePledge', { params: { id: p.id }, body: { status } });
    setBusy(false);
    if (!answer.ok) {
      announce(`Could not update the pledge: ${answer.message}`);
      return;
    }
    onChange(answer.data.pledge);
    announce(status === 'fulfilled' ? 'Marked as given. Thank you!' : 'Pledge cancelled.');
  };

  const amount = `${formatMinor(p.amount, p.currency)}${p.recurrence === 'monthly' ? ' a month' : ' once'}`;
  return (
    <li class="card">
      <span>
        <NgoName id={p.ngoId} names={names} />
        {` · ${amount} · ${describeState(p)}${p.visibility === 'anonymous' ? ' · anonymous' : ''} · ${new Date(p.createdAt).toLocaleDateString('en-GB')}`}
      </span>
      <span>
        {p.status === 'active' && (
          <>
            <button type="button" class="linkish" disabled={busy} onClick={() => void settle('fulfilled')}>
              Mark as given
            </button>
            <button type="button" class="linkish" disabled={busy} onClick={() => void settle('cancelled')}>
              {p.recurrence === 'monthly' ? 'Stop monthly pledge' : 'Cancel pledge'}
            </button>
          </>
        )}
      </span>
      <PledgeReports reports={reports} />
    </li>
  );
}
