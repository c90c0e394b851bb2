import { useEffect, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import type { FeedItem } from '../shared/api-types.ts';
import { ImpactReportItem } from '../shared/impact-report-item.tsx';
import { OpportunityItem } from '../shared/opportunity-item.tsx';
import { PostItem } from '../shared/post-item.tsx';

type Props = {
  /** Suggestions for an empty feed, chosen at build time. */
  causes: { id: string; name: string }[];
  ngos: { slug: string; name: string }[];
};

/** /feed/: the signed-in person's feed, 20 at a time; "Show more" follows the cursor. */
export function Feed({ causes, ngos }: Props) {
  const [items, setItems] = useState<FeedItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [signedOut, setSignedOut] = useState(false);
  const [empty, setEmpty] = useState(false);

  const load = async (after: string | null) => {
    setBusy(true);
    setStatus('Loading…');
    const answer = await callApi('getFeed', { query: after ? { cursor: after } : {} });
    setBusy(false);
    if (!answer.ok) {
      if (answer.status === 401) setSignedOut(true);
      setStatus(answer.status === 401 ? '' : answer.message);
      return;
    }
    setSignedOut(false);
    const page = answer.data.items;
    if (!after && page.length === 0) setEmpty(true);
    const shown = (after ? items.length : 0) + page.length;
    setItems((before) => (after ? [...before, ...page] : page));
    setCursor(answer.data.nextCursor);
    setStatus(page.length ? `${shown} items shown.` : '');
  };

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <div data-feed>
      <div data-feed-signed-out hidden={!signedOut}>
        <p>
          Your feed shows news, volunteer calls and impact reports from the NGOs and causes you follow, and impact
          reports from the NGOs you pledged to. Sign in (top right) to see it.
        </p>
      </div>
      <ul class="eng-list" data-feed-list aria-label="Feed">
        {items.map((item) =>
          item.kind === 'post' ? (
            <PostItem key={`post-${item.post.id}`} post={item.post} signedIn ngo={item.ngo} />
          ) : item.kind === 'opportunity' ? (
            <OpportunityItem
              key={`opportunity-${item.opportunity.id}`}
              opportunity={item.opportunity}
              signedIn
              ngo={item.ngo}
            />
          ) : (
            <ImpactReportItem
              key={`report-${item.report.id}`}
              report={item.report}
              signedIn
              ngo={item.ngo}
              pledged={item.via === 'pledge'}
            />
          ),
        )}
      </ul>
      <p class="form-status" role="status" data-feed-status>
        {status}
      </p>
      <p>
        <button
          type="button"
          class="eng-more"
          data-feed-more
          hidden={cursor === null}
          disabled={busy}
          onClick={() => void load(cursor)}
        >
          Show more
        </button>
      </p>
      <div data-feed-empty hidden={!empty}>
        <h2>Nothing here yet</h2>
        <p>Follow a few NGOs or causes and their news will show up here.</p>
        <h3>Causes</h3>
        <ul class="chips">
          {causes.map((c) => (
            <li key={c.id}>
              <a href={`/causes/${c.id}/`}>{c.name}</a>
            </li>
          ))}
        </ul>
        <h3>NGOs</h3>
        <ul>
          {ngos.map((n) => (
            <li key={n.slug}>
              <a href={`/ngos/${n.slug}/`}>{n.name}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
