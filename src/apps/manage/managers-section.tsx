import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { callApi, type ApiResult } from '../../scripts/api-client.ts';
import { ApiForm } from '../shared/api-form.tsx';
import { Field } from '../shared/field.tsx';
import { readText } from '../shared/read-form.ts';

type Manager = ApiResult<'listManagers'>['managers'][number];

type Props = { ngoId: string; ngoName: string; me: string };

/** Who manages the page: add by user id, remove or leave, and release the page altogether. */
export function ManagersSection({ ngoId, ngoName, me }: Props) {
  const [managers, setManagers] = useState<Manager[]>([]);
  const [draft, setDraft] = useState(0);

  const refresh = async () => {
    const answer = await callApi('listManagers', { params: { id: ngoId } });
    setManagers(answer.ok ? answer.data.managers : []);
  };
  useEffect(() => {
    void refresh();
  }, [ngoId]);

  const remove = async (m: Manager) => {
    if (!confirm(`Remove ${m.name} as a manager?`)) return;
    const answer = await callApi('removeManager', { params: { id: ngoId, userId: m.userId } });
    if (!answer.ok) alert(answer.message);
    else if (m.userId === me) location.reload();
    else void refresh();
  };

  // The way out for the only manager (who cannot leave, nor delete their account, before it).
  const release = async () => {
    const others = managers.length > 1 ? ` This also removes the other ${managers.length - 1} manager(s).` : '';
    const question = `Release ${ngoName}? Nobody will manage it: the page shows as unclaimed until someone claims it again. Its news and opportunities stay.${others}`;
    if (!confirm(question)) return;
    const answer = await callApi('releaseNgo', { params: { id: ngoId } });
    if (answer.ok) location.reload();
    else alert(answer.message);
  };

  return (
    <section class="eng-section" aria-labelledby="h-managers">
      <h2 id="h-managers">Managers</h2>
      <ul>
        {managers.map((m) => (
          <li key={m.userId}>
            {`${m.name} (${m.userId}) `}
            <button type="button" onClick={() => void remove(m)}>
              {m.userId === me ? 'Leave' : 'Remove'}
            </button>
          </li>
        ))}
      </ul>
      <ApiForm
        submitLabel="Add manager"
        doneMessage="Saved."
        send={(values) =>
          callApi('addManager', { params: { id: ngoId }, body: { userId: readText(values, 'userId') } })
        }
        onDone={() => {
          setDraft((n) => n + 1);
          void refresh();
        }}
      >
        <Fragment key={draft}>
          <Field
            label="User id of the person to add"
            name="userId"
            required
            maxLength={24}
            pattern="[a-z2-9]{24}"
            hint="They find it on their own /manage/ page once signed in."
          />
        </Fragment>
      </ApiForm>
      <h3>Release this page</h3>
      <p>
        If nobody at the organisation will look after this page any more, release it: it goes back to unclaimed and can
        be claimed again.
      </p>
      <button type="button" class="danger" onClick={() => void release()}>
        Release this page
      </button>
    </section>
  );
}
