import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { ClaimSection } from './claim-section.tsx';
import { ImpactSection } from './impact-section.tsx';
import { ManageIntro, YourUserId } from './intro.tsx';
import { ManagersSection } from './managers-section.tsx';
import { NewsSection } from './news-section.tsx';
import { ProfileSection } from './profile-section.tsx';
import { VolunteerSection } from './volunteer-section.tsx';
import { WidgetSection } from './widget-section.tsx';

type Me = ApiResult<'getMe'>['user'];
type Managed = ApiResult<'listManagedNgos'>;
type Ngo = NonNullable<ApiResult<'getNgoAccess'>['ngo']>;

type View =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'mine'; me: Me; managed: Managed | null }
  | { kind: 'no-such-ngo' }
  | { kind: 'claim'; me: Me; ngo: Ngo; claim: ApiResult<'getNgoAccess'>['claim'] }
  | { kind: 'manage'; me: Me; ngo: Ngo };

/** Which /manage/ to show: the person's pages, one page to claim, or one page to manage (`?ngo=`). */
async function loadView(): Promise<View> {
  const me = await callApi('getMe');
  if (!me.ok) return { kind: 'signed-out' };
  const ngoId = new URLSearchParams(location.search).get('ngo');
  if (!ngoId) {
    const managed = await callApi('listManagedNgos');
    return { kind: 'mine', me: me.data.user, managed: managed.ok ? managed.data : null };
  }
  const access = await callApi('getNgoAccess', { params: { id: ngoId } });
  if (!access.ok || !access.data.ngo) return { kind: 'no-such-ngo' };
  const { ngo } = access.data;
  return access.data.manager
    ? { kind: 'manage', me: me.data.user, ngo }
    : { kind: 'claim', me: me.data.user, ngo, claim: access.data.claim };
}

/** /manage/: claim an NGO page, or post its news and opportunities, see sign-ups and its managers. */
export function ManagePage() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  useEffect(() => {
    void loadView().then(setView);
  }, []);

  switch (view.kind) {
    case 'loading':
      return <ManageIntro />;
    case 'signed-out':
      return <p>Sign in (top right) to manage or claim an NGO page.</p>;
    case 'no-such-ngo':
      return (
        <>
          <h1>Manage</h1>
          <p>No such NGO.</p>
        </>
      );
    case 'mine': {
      const ngos = view.managed?.ngos ?? [];
      return (
        <>
          <h1>Manage</h1>
          {ngos.length ? (
            <ul>
              {ngos.map((n) => (
                <li key={n.id}>
                  <a href={`/manage/?ngo=${encodeURIComponent(n.id)}`}>{n.name ?? n.id}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>
              You do not manage an NGO page yet. To claim one, open its page and choose “Claim this page”. Not listed?{' '}
              <a href="/join/">Add your NGO</a>.
            </p>
          )}
          {view.managed?.admin && (
            <p>
              <a href="/admin/">Site administration</a>
            </p>
          )}
          <YourUserId id={view.me.id} />
        </>
      );
    }
    case 'claim':
      return (
        <>
          <h1>
            Claim <a href={`/ngos/${view.ngo.slug}/`}>{view.ngo.name}</a>
          </h1>
          <ClaimSection ngoId={view.ngo.id} claim={view.claim} />
          <YourUserId id={view.me.id} />
        </>
      );
    case 'manage':
      return (
        <>
          <h1>
            Manage <a href={`/ngos/${view.ngo.slug}/`}>{view.ngo.name}</a>
          </h1>
          <ProfileSection ngoId={view.ngo.id} ngoName={view.ngo.name} />
          <NewsSection ngoId={view.ngo.id} />
          <ImpactSection ngoId={view.ngo.id} />
          <VolunteerSection ngoId={view.ngo.id} />
          <ManagersSection ngoId={view.ngo.id} ngoName={view.ngo.name} me={view.me.id} />
          <WidgetSection ngo={view.ngo} />
          <YourUserId id={view.me.id} />
        </>
      );
  }
}
