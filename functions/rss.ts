import { escapeHtml } from '../model/escape-html.ts';

/** RSS 2.0 for an NGO's news. Every text is XML-escaped, the HTML body included (as RSS wants). */

export type RssItem = {
  title: string;
  link: string;
  guid: string;
  description: string;
  pubDate: Date;
  enclosureUrl?: string | null;
};

export type RssChannel = {
  title: string;
  link: string;
  selfUrl: string;
  description: string;
  lastBuildDate: Date | null;
  items: RssItem[];
};

/** What a news post gives its RSS item (a row of db/posts.ts or db/cause-news.ts). */
export type RssPost = {
  id: string;
  title: string;
  bodyHtml: string;
  linkUrl: string | null;
  imageUrl: string | null;
  createdAt: Date;
};

/** A post as an RSS item linking to its place on the NGO page at `pageUrl`, titled `title`. */
export function toRssPostItem(post: RssPost, pageUrl: string, title = post.title): RssItem {
  return {
    title,
    link: `${pageUrl}#post-${post.id}`,
    guid: `jumo-post-${post.id}`,
    // linkUrl passed the https-only check; it is escaped like the rest of the body.
    description: post.linkUrl
      ? `${post.bodyHtml}<p><a href="${escapeHtml(post.linkUrl)}" rel="nofollow ugc noopener">Read more</a></p>`
      : post.bodyHtml,
    pubDate: post.createdAt,
    enclosureUrl: post.imageUrl,
  };
}

export function escapeXml(text: string): string {
  // Also drop characters XML 1.0 forbids, which would make the whole feed invalid.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RSS wants a MIME type for an enclosure; we only know the address, so guess from its extension. */
function guessImageType(url: string): string {
  const ext = /\.(png|gif|webp|avif|svg)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return ext ? (ext === 'svg' ? 'image/svg+xml' : `image/${ext}`) : 'image/jpeg';
}

export function renderRss(channel: RssChannel): string {
  const items = channel.items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link)}</link>` +
        `<guid isPermaLink="false">${escapeXml(item.guid)}</guid><pubDate>${item.pubDate.toUTCString()}</pubDate>` +
        `<description>${escapeXml(item.description)}</description>` +
        (item.enclosureUrl
          ? `<enclosure url="${escapeXml(item.enclosureUrl)}" length="0" type="${guessImageType(item.enclosureUrl)}"/>`
          : '') +
        `</item>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${escapeXml(channel.title)}</title><link>${escapeXml(channel.link)}</link>` +
    `<description>${escapeXml(channel.description)}</description><language>en</language>` +
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    (channel.lastBuildDate ? `<lastBuildDate>${channel.lastBuildDate.toUTCString()}</lastBuildDate>` : '') +
    `<ttl>10</ttl>${items}</channel></rss>\n`
  );
}
