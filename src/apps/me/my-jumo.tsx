import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { CAUSES } from '../../../model/causes.ts';
import { useViewer } from '../shared/use-viewer.ts';
import { MySignups } from '../volunteer/my-signups.tsx';
import type { EmailSettingsJson } from '../../../model/api/email.ts';
import { DeleteAccount } from './delete-account.tsx';
import { EmailSettings, InstantToggle } from './email-settings.tsx';
import { FollowList, type FollowEntry } from './follow-list.tsx';
import { lookUpNgos, type NgoNames } from './look-up-ngos.ts';
import { getNgoName, NgoName } from './ngo-name.tsx';
import type { Pledge } from './pledge-item.tsx';
import { PledgeList } from './pledge-list.tsx';

const causeNames = new Map<string, string>(CAUSES.map((c) => [c.id, c.name]));

type Loaded = {
  ngos: FollowEntry[];
  causes: FollowEntry[];
  pledges: Pledge[];
  names: NgoNames;
  email: EmailSettingsJson;
};

/** Follows and pledges from the API (ids only), NGO names from the build's index, causes from the taxonomy. */
async function loadMyJumo(
  announce: (message: string) => void,
): Promise<{ ok: true; data: Loaded } | { ok: false; message: string }> {
  const [follows, pledges, email] = await Promise.all([
    callApi('listMyFollows'),
    callApi('listMyPledges'),
    callApi('getMyEmail'),
  ]);
  if (!email.ok) return { ok: false, message: email.message };
  const instant = new Set(email.data.instant);
  if (!follows.ok) return { ok: false, message: follows.message };
  if (!pledges.ok) return { ok: false, message: pledges.message };
  const names = await lookUpNgos([...follows.data.ngos.map((n) => n.id), ...pledges.data.pledges.map((p) => p.ngoId)]);
  const ngos = follows.data.ngos.map(({ id }): FollowEntry => ({
    key: id,
    name: getNgoName(id, names),
    label: <NgoName id={id} names={names} />,
    unfollow: () => callApi('unfollowNgo', { params: { id } }),
    extra: <InstantToggle ngoId={id} name={getNgoName(id, names)} initial={instant.has(id)} announce={announce} />,
  }));
  const causes = follows.data.causes.map(({ id }): FollowEntry => {
    const name = causeNames.get(id) ?? id;
    return {
      key: id,
      name,
      label: <a href={`/causes/${id}/`}>{name}</a>,
      unfollow: () => callApi('unfollowCause', { params: { cause: id } }),
    };
  });
  return { ok: true, data: { ngos, causes, pledges: pledges.data.pledges, names, email: email.data } };
}

/** /me/ (My Jumo): what the person follows and pledged, their sign-ups, their data. */
export function MyJumo() {
  const viewer = useViewer();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [status, setStatus] = useState<ComponentChildren>('');

  useEffect(() => {
    if (!viewer) {
      setLoaded(null);
      return;
    }
    let current = true;
    void loadMyJumo(setStatus).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded(result.data);
      else setStatus(`Could not load My Jumo: ${result.message}`);
    });
    return () => {
      current = false;
    };
  }, [viewer?.id]);

  const onDeleted = () => {
    setDeleted(true);
    setStatus('Your account and all its data are deleted.');
    setTimeout(() => location.assign('/'), 1500);
  };

  return (
    <div data-my-jumo>
      <p data-me-signed-out hidden={loaded !== null}>
        Sign in to see the NGOs and causes you follow and your pledges.{' '}
        <a href="/api/auth/facebook?next=%2Fme%2F" rel="nofollow">
          Sign in with Facebook
        </a>
      </p>
      {loaded && !deleted && (
        <div data-me-content key={viewer?.id}>
          <section aria-labelledby="h-following">
            <h2 id="h-following">Following</h2>
            <h3>NGOs</h3>
            <FollowList data-me-ngos entries={loaded.ngos} hint="follow an NGO from its page." announce={setStatus} />
            <h3>Causes</h3>
            <FollowList
              data-me-causes
              entries={loaded.causes}
              hint="follow a cause from its page."
              announce={setStatus}
            />
          </section>
          <EmailSettings initial={loaded.email} announce={setStatus} viaFacebook={viewer?.provider === 'facebook'} />
          <PledgeList pledges={loaded.pledges} names={loaded.names} announce={setStatus} />
          <MySignups />
          <p>
            <a href="/feed/">Read your feed</a>: news and volunteer calls from the NGOs and causes you follow.
          </p>
          <DeleteAccount announce={setStatus} onDeleted={onDeleted} />
        </div>
      )}
      <p class="pledge-status" role="status" aria-live="polite" data-me-status>
        {status}
      </p>
    </div>
  );
}
