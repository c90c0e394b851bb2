import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiAnswer } from '../../scripts/api-client.ts';

export type FollowEntry = {
  key: string;
  /** For the button's accessible name and the status line. */
  name: string;
  label: ComponentChildren;
  /** Beside the label: a followed NGO's instant email toggle. */
  extra?: ComponentChildren;
  unfollow: () => Promise<ApiAnswer<unknown>>;
};

type Props = {
  entries: FollowEntry[];
  /** What to do when there is nothing yet ("follow an NGO from its page."). */
  hint: string;
  announce: (message: string) => void;
  'data-me-ngos'?: boolean;
  'data-me-causes'?: boolean;
};

/** The NGOs or causes the person follows, each with its Unfollow button. */
export function FollowList({ entries: initial, hint, announce, ...data }: Props) {
  const [entries, setEntries] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);

  const unfollow = async (entry: FollowEntry) => {
    setBusy(entry.key);
    const answer = await entry.unfollow();
    setBusy(null);
    if (!answer.ok) {
      announce(`Could not unfollow ${entry.name}: ${answer.message}`);
      return;
    }
    setEntries((list) => list.filter((e) => e.key !== entry.key));
    announce(`You no longer follow ${entry.name}.`);
  };

  return (
    <ul class="me-list" {...data}>
      {entries.length === 0 && <li class="muted">{initial.length === 0 ? `None yet: ${hint}` : 'Nothing yet.'}</li>}
      {entries.map((entry) => (
        <li class="card" key={entry.key}>
          {entry.label}
          {entry.extra}
          <button
            type="button"
            class="linkish"
            aria-label={`Unfollow ${entry.name}`}
            disabled={busy === entry.key}
            onClick={() => void unfollow(entry)}
          >
            Unfollow
          </button>
        </li>
      ))}
    </ul>
  );
}
