import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../scripts/display-format.ts';

/**
 * When the site was last built (/publish.json, written by the build). Pages never read the
 * database, so a saved profile shows on the page only from the next publish on.
 */
async function readBuiltAt(): Promise<string | null> {
  try {
    const response = await fetch('/publish.json', { cache: 'no-store' });
    const data = (await response.json()) as { builtAt?: unknown };
    return typeof data.builtAt === 'string' ? data.builtAt : null;
  } catch {
    return null;
  }
}

/** "Live" or "waiting for the next publish", for a profile saved at `updatedAt`. */
export function PublishStatus({ updatedAt, justSaved }: { updatedAt: string | null; justSaved: boolean }) {
  const [builtAt, setBuiltAt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void readBuiltAt().then(setBuiltAt);
  }, []);
  if (!updatedAt) return <p class="meta">Nothing saved yet: the page shows the registry’s facts only.</p>;
  const lastPublish = builtAt ? ` The site was last published on ${formatDate(builtAt)}.` : '';
  if (builtAt && Date.parse(builtAt) >= Date.parse(updatedAt)) {
    return (
      <p class="meta" data-publish-status="live">
        This version is live on the page.{lastPublish}
      </p>
    );
  }
  return (
    <p class="meta" data-publish-status="pending">
      {justSaved ? 'Saved. ' : `Saved on ${formatDate(updatedAt)}. `}It goes live on the site at the next publish.
      {lastPublish}
    </p>
  );
}
