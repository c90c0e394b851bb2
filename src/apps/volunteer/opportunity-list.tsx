import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { OpportunityItem } from '../shared/opportunity-item.tsx';

type Row = ApiResult<'listOpportunities'>['opportunities'][number];

/** The filters the page's plain GET form put in the address. */
function readFilters(): Record<string, string> {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string> = {};
  for (const key of ['cause', 'country', 'remote']) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** /volunteer/: open opportunities for the filters in the address, 20 at a time, with sign-up forms for signed-in people. */
export function OpportunityList() {
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  const load = async (after: string | null) => {
    setBusy(true);
    const answer = await callApi('listOpportunities', {
      query: { ...readFilters(), ...(after ? { cursor: after } : {}) },
    });
    setBusy(false);
    if (!answer.ok) {
      setStatus(answer.message);
      return;
    }
    const shown = (after ? rows.length : 0) + answer.data.opportunities.length;
    setRows((before) => (after ? [...before, ...answer.data.opportunities] : answer.data.opportunities));
    setCursor(answer.data.nextCursor);
    setStatus(shown ? `${shown} opportunities shown.` : 'No open opportunities match these filters yet.');
  };

  useEffect(() => {
    void (async () => {
      setSignedIn((await callApi('getMe')).ok);
      await load(null);
    })();
  }, []);

  return (
    <>
      <ul class="eng-list" data-vol-list aria-label="Opportunities">
        {rows.map((o) => (
          <OpportunityItem key={o.id} opportunity={o} signedIn={signedIn} ngo={o.ngo} />
        ))}
      </ul>
      <p class="form-status" role="status" data-vol-status>
        {status}
      </p>
      <p>
        <button
          type="button"
          class="eng-more"
          data-vol-more
          hidden={cursor === null}
          disabled={busy}
          onClick={() => void load(cursor)}
        >
          Show more
        </button>
      </p>
    </>
  );
}
