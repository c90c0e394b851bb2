/**
 * Defence in depth for post bodies: the API renders Markdown to HTML with only our tags, and
 * the page checks again on the way in (only those tags, only https/mailto links). A fragment,
 * not a string, so the checked tree is inserted as is and never parsed a second time.
 */
const ALLOWED_TAGS = new Set(['P', 'A', 'STRONG', 'EM', 'UL', 'OL', 'LI', 'BR', 'BLOCKQUOTE', 'S', 'CODE']);

export function toSafeFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of [...template.content.querySelectorAll('*')]) {
    if (!ALLOWED_TAGS.has(node.tagName)) {
      node.replaceWith(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    for (const attr of [...node.attributes]) {
      const keep =
        node.tagName === 'A' &&
        (attr.name === 'title' || (attr.name === 'href' && /^(https?:|mailto:)/i.test(attr.value)));
      if (!keep) node.removeAttribute(attr.name);
    }
    if (node.tagName === 'A') node.setAttribute('rel', 'nofollow ugc noopener');
  }
  return template.content;
}
