import { formatDate, isHttps } from '../../scripts/display-format.ts';
import type { ItemNgo, PostView } from './api-types.ts';
import { NgoPrefix } from './ngo-link.tsx';
import { ReportForm } from './report-form.tsx';
import { SafeHtml } from './safe-html.tsx';

/** One news post: title, NGO and date, picture, the checked body, a link, and Report for signed-in readers. */
export function PostItem({ post, signedIn, ngo }: { post: PostView; signedIn: boolean; ngo?: ItemNgo }) {
  return (
    <li class="eng-item" id={`post-${post.id}`}>
      <h3>{post.title}</h3>
      <p class="meta">
        <NgoPrefix ngo={ngo} />
        <time dateTime={post.createdAt}>{formatDate(post.createdAt)}</time>
      </p>
      {isHttps(post.imageUrl) && <img src={post.imageUrl} alt="" loading="lazy" referrerPolicy="no-referrer" />}
      <SafeHtml class="eng-body" html={post.bodyHtml} />
      {isHttps(post.linkUrl) && (
        <p>
          <a href={post.linkUrl} rel="nofollow ugc noopener">
            Read more
          </a>
        </p>
      )}
      {signedIn && (
        <div class="eng-actions">
          <ReportForm kind="post" itemId={post.id} />
        </div>
      )}
    </li>
  );
}
