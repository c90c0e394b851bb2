import { useState } from 'preact/hooks';
import { renderWidgetSnippet, WIDGET_KINDS, WIDGET_LABELS, type WidgetKind } from '../../lib/widget-snippet.ts';

type Props = { ngo: { id: string; slug: string; name: string } };

/** One widget's snippet, selectable as text, with a copy button where the browser allows it. */
function Snippet({ ngo, kind }: Props & { kind: WidgetKind }) {
  const [copied, setCopied] = useState('');
  const snippet = renderWidgetSnippet(location.origin, ngo, kind);
  const id = `snippet-${kind}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the text and copy it.');
    }
  };
  return (
    <div data-widget-snippet={kind}>
      <h3 id={`${id}-h`}>{WIDGET_LABELS[kind]}</h3>
      <pre aria-labelledby={`${id}-h`} tabIndex={0}>
        <code id={id}>{snippet}</code>
      </pre>
      <button type="button" aria-describedby={`${id}-h`} onClick={() => void copy()}>
        Copy the snippet
      </button>{' '}
      <span role="status">{copied}</span>
    </div>
  );
}

/** "Put Jumo on your website": the managed NGO's widget snippets (public/widget.js, /widgets/). */
export function WidgetSection({ ngo }: Props) {
  return (
    <section class="eng-section" aria-labelledby="h-widgets" data-widget-section>
      <h2 id="h-widgets">Put Jumo on your website</h2>
      <p>
        Paste a snippet into your website's HTML to show your followers and supporters there and let visitors follow you
        or pledge. It sets no cookies on your site. <a href="/widgets/">How the widgets work</a>.
      </p>
      {WIDGET_KINDS.map((kind) => (
        <Snippet key={kind} ngo={ngo} kind={kind} />
      ))}
    </section>
  );
}
