import { escapeHtml } from '../../model/escape-html.ts';

/** The widgets public/widget.js knows, in the order pages list them. */
export const WIDGET_KINDS = ['badge', 'follow', 'pledge'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

export const WIDGET_LABELS: Record<WidgetKind, string> = {
  badge: 'Supporter badge (name, followers, supporters, Follow and Pledge)',
  follow: 'Follow button (with the follower count)',
  pledge: 'Pledge button',
};

export type SnippetNgo = { id: string; slug: string; name: string };

/**
 * The HTML an NGO pastes on its site for one widget: a placeholder whose link is what shows
 * without JavaScript (or before the widget loads), and the loader. The loader mounts every
 * placeholder of the page, so pasting several snippets on one page is harmless.
 */
export function renderWidgetSnippet(origin: string, ngo: SnippetNgo, kind: WidgetKind): string {
  const page = `${origin}/ngos/${encodeURIComponent(ngo.slug)}/`;
  const text = kind === 'pledge' ? `Pledge to ${ngo.name} on Jumo` : `Follow ${ngo.name} on Jumo`;
  return [
    `<div data-jumo-ngo="${escapeHtml(ngo.id)}" data-jumo-widget="${kind}">`,
    `  <a href="${escapeHtml(page)}">${escapeHtml(text)}</a>`,
    `</div>`,
    `<script src="${escapeHtml(origin)}/widget.js" async></script>`,
  ].join('\n');
}
