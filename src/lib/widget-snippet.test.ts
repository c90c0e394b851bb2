import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWidgetSnippet, WIDGET_KINDS } from './widget-snippet.ts';

const ngo = { id: 'GB-NIC-100002', slug: 'cancer-lifeline-100002', name: 'Cancer Lifeline' };

describe('widget snippets', () => {
  it('gives the placeholder the loader reads and a link that works without JavaScript', () => {
    expect(renderWidgetSnippet('https://jumo.example.org', ngo, 'badge')).toBe(
      [
        '<div data-jumo-ngo="GB-NIC-100002" data-jumo-widget="badge">',
        '  <a href="https://jumo.example.org/ngos/cancer-lifeline-100002/">Follow Cancer Lifeline on Jumo</a>',
        '</div>',
        '<script src="https://jumo.example.org/widget.js" async></script>',
      ].join('\n'),
    );
    expect(renderWidgetSnippet('http://localhost:4321', ngo, 'pledge')).toContain(
      '<a href="http://localhost:4321/ngos/cancer-lifeline-100002/">Pledge to Cancer Lifeline on Jumo</a>',
    );
  });

  it('escapes an NGO name that holds markup', () => {
    const snippet = renderWidgetSnippet('https://jumo.example.org', { ...ngo, name: 'Tom & Jerry <Aid>' }, 'follow');
    expect(snippet).toContain('Follow Tom &#38; Jerry &#60;Aid&#62; on Jumo');
    expect(snippet).not.toContain('<Aid>');
  });

  it('has one snippet per widget the loader knows', () => {
    const loader = readFileSync(new URL('../../public/widget.js', import.meta.url), 'utf8');
    for (const kind of WIDGET_KINDS) expect(loader).toMatch(new RegExp(`\\b${kind}: \\{ width`));
  });
});
