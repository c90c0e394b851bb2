import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { callApi } from '../../scripts/api-client.ts';
import { formatDate } from '../../scripts/display-format.ts';
import { ApiForm } from '../shared/api-form.tsx';
import type { Post } from '../shared/api-types.ts';
import { Field } from '../shared/field.tsx';
import { readOptional, readText, type FormValues } from '../shared/read-form.ts';

/** A manager's news: post or edit an update (Markdown), and the published ones with Edit and Delete. */
export function NewsSection({ ngoId }: { ngoId: string }) {
  const [posts, setPosts] = useState<Post[]>([]);
  const [editing, setEditing] = useState<Post | null>(null);
  // A new draft (after a save, or to edit another post) starts the fields afresh.
  const [draft, setDraft] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const refresh = async () => {
    const answer = await callApi('listNgoPosts', { params: { id: ngoId } });
    setPosts(answer.ok ? answer.data.posts : []);
  };
  useEffect(() => {
    void refresh();
  }, [ngoId]);
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLInputElement>('[name=title]')?.focus();
  }, [editing, draft]);

  const send = (values: FormValues) => {
    const body = {
      title: readText(values, 'title'),
      body: readText(values, 'body'),
      linkUrl: readOptional(values, 'linkUrl'),
      imageUrl: readOptional(values, 'imageUrl'),
    };
    return editing
      ? callApi('updatePost', { params: { id: editing.id }, body })
      : callApi('createPost', { params: { id: ngoId }, body });
  };
  const startDraft = (post: Post | null) => {
    setEditing(post);
    setDraft((n) => n + 1);
  };
  const remove = async (post: Post) => {
    if (!confirm(`Delete “${post.title}”?`)) return;
    const answer = await callApi('deletePost', { params: { id: post.id } });
    if (answer.ok) void refresh();
    else alert(answer.message);
  };

  return (
    <section class="eng-section" aria-labelledby="h-news-manage">
      <h2 id="h-news-manage">News</h2>
      <h3>{editing ? `Edit “${editing.title}”` : 'Post an update'}</h3>
      <ApiForm
        submitLabel="Publish"
        doneMessage="Saved."
        formRef={form}
        send={send}
        onDone={() => {
          startDraft(null);
          void refresh();
        }}
      >
        <Fragment key={draft}>
          <Field label="Title" name="title" required maxLength={140} defaultValue={editing?.title ?? ''} />
          <Field
            multiline
            label="Text"
            name="body"
            required
            maxLength={4000}
            rows={6}
            hint="Markdown: **bold**, _italic_, [links](https://…), lists. No HTML."
            defaultValue={editing?.bodyMarkdown ?? ''}
          />
          <Field
            label="Link (optional)"
            name="linkUrl"
            type="url"
            maxLength={500}
            placeholder="https://"
            defaultValue={editing?.linkUrl ?? ''}
          />
          <Field
            label="Image address (optional)"
            name="imageUrl"
            type="url"
            maxLength={500}
            placeholder="https://"
            defaultValue={editing?.imageUrl ?? ''}
          />
        </Fragment>
      </ApiForm>
      <h3>Published</h3>
      <ul class="eng-list">
        {posts.map((p) => (
          <li class="eng-item" key={p.id}>
            <h3>{p.title}</h3>
            <p class="meta">{formatDate(p.createdAt)}</p>
            <div class="eng-actions">
              <button type="button" onClick={() => startDraft(p)}>
                Edit
              </button>
              <button type="button" onClick={() => void remove(p)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
