import MarkdownIt from 'markdown-it';

/**
 * Markdown for NGO news, rendered once when a post is saved. Safe by construction rather than
 * by cleaning HTML afterwards (which needs a DOM the Worker lacks): raw HTML is off, so `<script>`
 * or `<img onerror>` come out as text; images in the body are off (a post has one checked image
 * URL); links must be http(s) or mailto (no `javascript:`, `data:`, `vbscript:`) and carry
 * `rel="nofollow ugc noopener"`. markdown-it escapes every attribute it writes.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable(['image', 'heading', 'table', 'code', 'fence', 'hr', 'lheading', 'html_block', 'html_inline']);

const ALLOWED_LINK = /^(https?:\/\/|mailto:)/i;

md.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
