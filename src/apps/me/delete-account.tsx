import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';

type Props = {
  announce: (message: ComponentChildren) => void;
  onDeleted: () => void;
};

/** "My data": the export, and account deletion behind a confirmation. */
export function DeleteAccount({ announce, onDeleted }: Props) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Focus follows the disclosure: into it on open, back to its button on close (not on first render).
  useEffect(() => {
    if (open) keep.current?.focus();
    else if (opened.current) toggle.current?.focus();
    opened.current ||= open;
  }, [open]);

  const remove = async () => {
    const answer = await callApi('deleteMe');
    if (answer.ok) {
      onDeleted();
      return;
    }
    if (answer.status === 409) {
      // last_manager: the message names the NGO pages to hand over or release first.
      announce(
        <>
          Your account was not deleted: {answer.message} <a href="/manage/">Go to Manage</a>
        </>,
      );
      setOpen(false);
      return;
    }
    announce(`Your account was not deleted: ${answer.message}`);
  };

  return (
    <section aria-labelledby="h-data">
      <h2 id="h-data">My data</h2>
      <p>
        <a href="/api/me/export" download="jumo-export.json">
          Download all my data (JSON)
        </a>
      </p>
      <p>
        <button
          type="button"
          class="linkish danger"
          ref={toggle}
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="me-delete-confirm"
          onClick={() => setOpen(!open)}
        >
          Delete my account…
        </button>
      </p>
      <div id="me-delete-confirm" class="panel" hidden={!open}>
        <p>
          <strong>Delete your Jumo account?</strong> Your follows, pledges and sign-in sessions are deleted at once.
          This cannot be undone.
        </p>
        <p class="actions">
          <button type="button" class="btn btn-primary" onClick={() => void remove()}>
            Yes, delete my account
          </button>
          <button type="button" class="linkish" ref={keep} onClick={() => setOpen(false)}>
            Keep my account
          </button>
        </p>
      </div>
    </section>
  );
}
