import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';

type Signup = ApiResult<'listSignups'>['signups'][number];

/**
 * Who signed up for an opportunity, for its managers, who mark each contacted (or new again).
 * `version` changes each time the manager asks again, and the list is fetched afresh.
 */
export function SignupList({
  opportunityId,
  title,
  version,
}: {
  opportunityId: string;
  title: string;
  version: number;
}) {
  const [signups, setSignups] = useState<Signup[] | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    const answer = await callApi('listSignups', { params: { id: opportunityId } });
    if (!answer.ok) {
      setError(answer.message);
      return;
    }
    setError('');
    setSignups(answer.data.signups);
  };
  useEffect(() => {
    void load();
  }, [opportunityId, version]);

  const toggle = async (s: Signup) => {
    const answer = await callApi('updateSignup', {
      params: { id: s.id },
      body: { status: s.status === 'contacted' ? 'new' : 'contacted' },
    });
    if (answer.ok) void load();
  };

  if (error) return <>{error}</>;
  if (!signups) return null;
  if (signups.length === 0) return <p>No sign-ups yet.</p>;
  return (
    <ul aria-label={`Sign-ups for ${title}`}>
      {signups.map((s) => (
        <li key={s.id}>
          <strong>{s.user.name}</strong>
          {` (user ${s.user.id}) · ${formatDate(s.createdAt)} · `}
          <span class={`eng-badge${s.status === 'contacted' ? ' good' : ''}`}>{s.status}</span>
          {s.message && <p class="eng-desc">{s.message}</p>}
          <button type="button" onClick={() => void toggle(s)}>
            {s.status === 'contacted' ? 'Mark as new' : 'Mark contacted'}
          </button>
        </li>
      ))}
    </ul>
  );
}
