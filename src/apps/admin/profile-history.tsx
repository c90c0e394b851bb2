import { useEffect, useState } from 'preact/hooks';
import type { ProfileRevisionJson } from '../../../model/api/profiles.ts';
import { callApi } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';

/** One line per field the revision holds, for comparing versions at a glance. */
function summarise(revision: ProfileRevisionJson): string {
  const p = revision.profile;
  const parts = [
    p.mission && `mission: “${p.mission.slice(0, 80)}${p.mission.length > 80 ? '…' : ''}”`,
    p.website && `website: ${p.website}`,
    p.donationUrl && `donations: ${p.donationUrl}`,
    p.contactEmail && `contact: ${p.contactEmail}`,
    p.logo && 'logo',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '(empty profile)';
}

/**
 * An NGO profile's history (newest first) with "Restore this version": the restore is itself a
 * new revision, so nothing is ever lost. The NGO is chosen by id (`/admin/?profile=GB-NIC-100002`).
 */
export function ProfileHistory() {
  const [ngoId, setNgoId] = useState(() => new URLSearchParams(location.search).get('profile') ?? '');
  const [revisions, setRevisions] = useState<ProfileRevisionJson[] | null>(null);
  const [message, setMessage] = useState('');

  const load = async (id: string) => {
    if (!id) return;
    const answer = await callApi('listProfileRevisions', { params: { id } });
    if (!answer.ok) {
      setRevisions(null);
      return setMessage(answer.message);
    }
    setMessage(answer.data.revisions.length ? '' : 'This NGO has never saved a profile.');
    setRevisions(answer.data.revisions);
  };
  useEffect(() => {
    void load(ngoId);
  }, []);

  const revert = async (revision: ProfileRevisionJson) => {
    if (!confirm(`Restore the version of ${formatDate(revision.createdAt)}?`)) return;
    const answer = await callApi('revertNgoProfile', { params: { id: ngoId, revisionId: revision.id } });
    if (!answer.ok) return setMessage(answer.message);
    // After the reload, which clears the status line: the confirmation must stay on screen.
    await load(ngoId);
    setMessage('Restored. It goes live on the site at the next publish.');
  };

  return (
    <section class="eng-section" aria-labelledby="h-profile-history">
      <h2 id="h-profile-history">Profile history</h2>
      <form
        class="eng-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load(ngoId.trim());
        }}
      >
        <div class="field">
          <label for="profile-history-ngo">NGO id</label>
          <input
            id="profile-history-ngo"
            name="ngoId"
            placeholder="GB-NIC-100002"
            value={ngoId}
            onInput={(e) => setNgoId((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit">Show the history</button>
      </form>
      <p class="form-status" role="status">
        {message}
      </p>
      {revisions && revisions.length > 0 && (
        <ol class="eng-list" aria-label="Profile revisions">
          {revisions.map((r, i) => (
            <li class="eng-item" key={r.id} data-revision={r.id}>
              <p class="meta">
                {formatDate(r.createdAt)} · {r.author?.name ?? 'a deleted account'} ·{' '}
                {r.action === 'revert' ? 'restored an earlier version' : 'edited'}
                {i === 0 && ' · current'}
              </p>
              <p>{summarise(r)}</p>
              {i > 0 && (
                <div class="eng-actions">
                  <button type="button" onClick={() => void revert(r)}>
                    Restore this version
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
