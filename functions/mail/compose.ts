import { escapeHtml } from '../../model/escape-html.ts';
import type { MailMessage } from './message.ts';

/**
 * The messages Jumo sends, each as plain text and HTML. Everything that comes from people (NGO
 * names, titles, addresses) goes through escapeHtml in the HTML part; the text part is text.
 * No user HTML is ever included: items are listed by title with a link to read them on the site.
 */

export type DigestItemKind = 'post' | 'opportunity' | 'report';

export type DigestItem = {
  kind: DigestItemKind;
  id: string;
  title: string;
  ngoName: string;
  /** The NGO page's slug; null when the NGO left the directory (the link goes to the feed). */
  ngoSlug: string | null;
  createdAt: Date;
};

const KIND_HEADINGS: Record<DigestItemKind, string> = {
  post: 'News',
  opportunity: 'Volunteer calls',
  report: 'Impact reports',
};

const KIND_LABELS: Record<DigestItemKind, string> = {
  post: 'news',
  opportunity: 'a volunteer call',
  report: 'an impact report',
};

/** Where an item is read on the site (absolute, for mail clients). */
export function buildItemUrl(origin: string, item: Pick<DigestItem, 'kind' | 'id' | 'ngoSlug'>): string {
  if (!item.ngoSlug) return `${origin}/feed/`;
  const page = `${origin}/ngos/${encodeURIComponent(item.ngoSlug)}/`;
  if (item.kind === 'post') return `${page}#post-${item.id}`;
  if (item.kind === 'opportunity') return `${page}#opportunity-${item.id}`;
  return `${page}reports/${encodeURIComponent(item.id)}/`;
}

function wrapHtml(title: string, body: string, footer: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;margin:auto;padding:1em;color:#1a1a1a">
${body}
<hr style="border:0;border-top:1px solid #ddd;margin:2em 0 1em">
<p style="font-size:.85em;color:#555">${footer}</p>
</body></html>`;
}

export function composeConfirmationMessage(input: { to: string; confirmUrl: string; userName: string }): MailMessage {
  const subject = 'Confirm your email address for Jumo';
  const text = [
    `Hello ${input.userName},`,
    '',
    'Open this link to confirm this address for your Jumo account (it works once, for 48 hours):',
    input.confirmUrl,
    '',
    'If you did not ask for this, ignore this message: nothing will be sent to you.',
  ].join('\n');
  const html = wrapHtml(
    subject,
    `<p>Hello ${escapeHtml(input.userName)},</p>
<p>Confirm this address for your Jumo account (the link works once, for 48 hours):</p>
<p><a href="${escapeHtml(input.confirmUrl)}" style="font-weight:bold">Confirm ${escapeHtml(input.to)}</a></p>`,
    'If you did not ask for this, ignore this message: nothing will be sent to you.',
  );
  return { to: input.to, subject, text, html };
}

function footerLinks(origin: string, unsubscribeUrl: string) {
  return {
    text: `You get this because you follow NGOs or causes on Jumo. Preferences: ${origin}/me/\nUnsubscribe: ${unsubscribeUrl}`,
    html: `You get this because you follow NGOs or causes on Jumo. <a href="${escapeHtml(`${origin}/me/`)}">Email preferences</a> · <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a>`,
  };
}

/** The weekly digest: items grouped by kind, newest first within each group. */
export function composeDigestMessage(input: {
  to: string;
  origin: string;
  unsubscribeUrl: string;
  items: DigestItem[];
  /** Items beyond the listed ones (the digest lists a bounded number per kind). */
  moreCount: number;
}): MailMessage {
  const count = input.items.length + input.moreCount;
  const subject = `Your week on Jumo: ${count} new ${count === 1 ? 'item' : 'items'}`;
  const textParts: string[] = ['What the NGOs and causes you follow posted this week.', ''];
  const htmlParts: string[] = [`<h1 style="font-size:1.3em">${escapeHtml(subject)}</h1>`];
  for (const kind of ['report', 'post', 'opportunity'] as const) {
    const items = input.items.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    textParts.push(KIND_HEADINGS[kind].toUpperCase());
    htmlParts.push(`<h2 style="font-size:1.1em">${KIND_HEADINGS[kind]}</h2><ul>`);
    for (const item of items) {
      const url = buildItemUrl(input.origin, item);
      textParts.push(`- ${item.title} (${item.ngoName})`, `  ${url}`);
      htmlParts.push(
        `<li><a href="${escapeHtml(url)}">${escapeHtml(item.title)}</a> <span style="color:#555">— ${escapeHtml(item.ngoName)}</span></li>`,
      );
    }
    textParts.push('');
    htmlParts.push('</ul>');
  }
  if (input.moreCount > 0) {
    textParts.push(`And ${input.moreCount} more in your feed: ${input.origin}/feed/`, '');
    htmlParts.push(
      `<p>And ${input.moreCount} more in <a href="${escapeHtml(`${input.origin}/feed/`)}">your feed</a>.</p>`,
    );
  }
  const footer = footerLinks(input.origin, input.unsubscribeUrl);
  textParts.push('--', footer.text);
  return {
    to: input.to,
    subject,
    text: textParts.join('\n'),
    html: wrapHtml(subject, htmlParts.join('\n'), footer.html),
  };
}

/** One new item from an NGO the person asked instant email for. */
export function composeInstantMessage(input: {
  to: string;
  origin: string;
  unsubscribeUrl: string;
  item: DigestItem;
}): MailMessage {
  const { item } = input;
  const subject = `${item.ngoName}: ${item.title}`;
  const url = buildItemUrl(input.origin, item);
  const footer = footerLinks(input.origin, input.unsubscribeUrl);
  const text = [`${item.ngoName} posted ${KIND_LABELS[item.kind]}:`, '', item.title, url, '', '--', footer.text].join(
    '\n',
  );
  const html = wrapHtml(
    subject,
    `<p>${escapeHtml(item.ngoName)} posted ${KIND_LABELS[item.kind]}:</p>
<p style="font-size:1.15em"><a href="${escapeHtml(url)}">${escapeHtml(item.title)}</a></p>`,
    footer.html,
  );
  return { to: input.to, subject, text, html };
}
