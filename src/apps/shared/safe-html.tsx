import { useLayoutEffect, useRef } from 'preact/hooks';
import { toSafeFragment } from '../../scripts/safe-html.ts';

/** A post body the API rendered from Markdown, checked again and inserted as a tree, never as a string. */
export function SafeHtml({ html, class: className }: { html: string; class?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    box.current?.replaceChildren(toSafeFragment(html));
  }, [html]);
  return <div class={className} ref={box} />;
}
