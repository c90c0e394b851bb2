import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';

type Signup = ApiResult<'listMySignups'>['signups'][number];

/**
 * The signed-in volunteer's sign-ups, on /volunteer/ and in My Jumo. Signed out (or on any
 * refusal) it shows nothing: the section appears once the list has come.
 */
export function MySignups() {
  const [signups, setSignups] = useState<Signup[] | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void callApi('listMySignups').then((answer) => {
      if (answer.ok) setSignups(answer.data.signups);
    });
  }, []);

  if (!signups) return null;

  const withdraw = async (signup: Signup) => {
    const answer = await callApi('deleteSignup', { params: { id: signup.id } });
    if (!answer.ok) return;
    setSignups((rows) => rows?.filter((row) => row.id !== signup.id) ?? null);
    setStatus(`Withdrawn from “${signup.opportunity.title}”.`);
  };

  return (
    <section class="my-signups" aria-labelledby="h-my-signups" data-my-signups>
      <h2 id="h-my-signups">Volunteering</h2>
      <ul data-my-signups-list>
        {signups.map((s) => (
          <li key={s.id}>
            <a href={s.ngo.slug ? `/ngos/${s.ngo.slug}/#opportunity-${s.opportunity.id}` : '/volunteer/'}>
              {s.opportunity.title}
            </a>
            {` · ${s.ngo.name ?? ''} · ${s.opportunity.commitment} · ${s.status === 'contacted' ? 'the organisers contacted you' : 'waiting for the organisers'}${s.opportunity.status === 'closed' ? ' · closed' : ''} `}
            <button type="button" onClick={() => void withdraw(s)}>
              Withdraw
            </button>
          </li>
        ))}
      </ul>
      <p data-my-signups-empty hidden={signups.length > 0}>
        You have not signed up for anything yet. <a href="/volunteer/">Find an opportunity</a>.
      </p>
      <p role="status" data-my-signups-status>
        {status}
      </p>
    </section>
  );
}
