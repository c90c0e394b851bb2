/**
 * The one DOM helper of the custom elements (src/scripts/elements/) and the code they load
 * lazily. User text always goes in through textContent or text nodes; the only HTML a page
 * inserts is a post body, and that passes safe-html.ts.
 */

type Kid = Node | string | null | undefined | false;

/**
 * `el('a', { href, className: 'btn' }, 'Read more')`. A prop the element has (`hidden`,
 * `htmlFor`, `maxLength`) is set as a property, anything else (`aria-*`, `role`) as an attribute;
 * null, undefined and false props and kids are left out, so optional parts read inline.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...kids: Kid[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key in node && !key.includes('-')) (node as unknown as Record<string, unknown>)[key] = value;
    else node.setAttribute(key, String(value));
  }
  for (const kid of kids) if (kid) node.append(kid);
  return node;
}

/** "amount: more than zero" → "more than zero": beside the field, its name is already said. */
export function stripFieldPrefix(message: string, fieldName: string): string {
  return message.startsWith(`${fieldName}:`) ? message.slice(fieldName.length + 1).trim() : message;
}
