import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NGO_ID_PATTERN } from '../../model/ids.ts';

/**
 * public/widget.js, the loader NGOs paste on their sites, run as the browser runs it (a
 * classic script, once) against the smallest document it needs: the placeholders it finds and
 * the iframes it puts in them. (It runs in Chromium in e2e/widgets.test.ts.)
 */

const LOADER = readFileSync(new URL('../../public/widget.js', import.meta.url), 'utf8');

class FakeElement {
  attributes = new Map<string, string>();
  children: FakeElement[] = [];
  style: Record<string, string> = {};
  [prop: string]: unknown;
  readonly tagName: string;
  constructor(tagName: string) {
    this.tagName = tagName;
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  replaceChildren(...kids: FakeElement[]) {
    this.children = kids;
  }
}

function placeholder(attributes: Record<string, string>): FakeElement {
  const element = new FakeElement('div');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.children = [new FakeElement('a')];
  return element;
}

/** Run the loader once over `elements`, as loaded from `src`. */
function runLoader(elements: FakeElement[], src = 'https://jumo.example.org/widget.js', readyState = 'complete') {
  const listeners: (() => void)[] = [];
  const document = {
    currentScript: { src },
    readyState,
    createElement: (tag: string) => new FakeElement(tag),
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    querySelectorAll: (selector: string) => {
      expect(selector).toBe('[data-jumo-ngo]:not([data-jumo-mounted])');
      return elements.filter((e) => e.getAttribute('data-jumo-ngo') !== null && !e.attributes.has('data-jumo-mounted'));
    },
  };
  const context: Record<string, unknown> = { document, URL };
  runInNewContext(LOADER, context);
  return { listeners, globals: Object.keys(context) };
}

const frameOf = (element: FakeElement) => {
  expect(element.children).toHaveLength(1);
  const frame = element.children[0]!;
  expect(frame.tagName).toBe('iframe');
  return frame;
};

describe('widget.js', () => {
  it('replaces each placeholder with a sized, sandboxed iframe of /embed/ngo/ on its own origin', () => {
    const badge = placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567', 'data-jumo-widget': 'badge' });
    const follow = placeholder({ 'data-jumo-ngo': 'US-EIN-010674736', 'data-jumo-widget': 'follow' });
    const pledge = placeholder({ 'data-jumo-ngo': 'GB-NIC-100002', 'data-jumo-widget': 'pledge' });
    runLoader([badge, follow, pledge], 'https://jumo.example.org/widget.js?v=1');

    const frame = frameOf(badge);
    expect(frame.src).toBe('https://jumo.example.org/embed/ngo/?id=GB-CHC-1234567&widget=badge');
    expect([frame.width, frame.height]).toEqual(['320', '136']);
    expect(frame.title).toBe('Followers and supporters on Jumo');
    expect(frame.getAttribute('sandbox')).toBe(
      'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    );
    expect(frame.getAttribute('sandbox')).not.toContain('allow-top-navigation');
    expect(frame.style.border).toBe('0');
    expect(badge.getAttribute('data-jumo-mounted')).toBe('badge');

    expect(frameOf(follow).src).toBe('https://jumo.example.org/embed/ngo/?id=US-EIN-010674736&widget=follow');
    expect(frameOf(follow).title).toBe('Follow this organisation on Jumo');
    expect(frameOf(pledge).src).toBe('https://jumo.example.org/embed/ngo/?id=GB-NIC-100002&widget=pledge');
    expect([frameOf(pledge).width, frameOf(pledge).height]).toEqual(['240', '64']);
  });

  it('defaults to the badge, and reads ids and names whatever their case and spaces', () => {
    const element = placeholder({ 'data-jumo-ngo': ' gb-chc-1234567 ' });
    const other = placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567', 'data-jumo-widget': ' Follow ' });
    runLoader([element, other], 'http://127.0.0.1:4321/widget.js');
    expect(frameOf(element).src).toBe('http://127.0.0.1:4321/embed/ngo/?id=GB-CHC-1234567&widget=badge');
    expect(frameOf(other).src).toBe('http://127.0.0.1:4321/embed/ngo/?id=GB-CHC-1234567&widget=follow');
  });

  it('leaves placeholders with a bad id or an unknown widget as they are (their fallback link stays)', () => {
    const bad = [
      placeholder({ 'data-jumo-ngo': 'not an id' }),
      placeholder({ 'data-jumo-ngo': 'GB-CHC-1"><script>' }),
      placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567', 'data-jumo-widget': 'constructor' }),
      placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567', 'data-jumo-widget': 'donate' }),
    ];
    runLoader(bad);
    for (const element of bad) {
      expect(element.children[0]!.tagName).toBe('a');
      expect(element.getAttribute('data-jumo-mounted')).toBe('invalid');
    }
  });

  it('mounts each placeholder once when the snippet is pasted twice', () => {
    const element = placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567' });
    runLoader([element]);
    const first = frameOf(element);
    runLoader([element]);
    expect(frameOf(element)).toBe(first);
  });

  it('waits for the document when it runs before the placeholders are parsed, and adds no globals', () => {
    const element = placeholder({ 'data-jumo-ngo': 'GB-CHC-1234567' });
    const { listeners, globals } = runLoader([element], undefined, 'loading');
    expect(element.children[0]!.tagName).toBe('a');
    expect(listeners).toHaveLength(1);
    listeners[0]!();
    expect(frameOf(element).tagName).toBe('iframe');
    expect(globals.sort()).toEqual(['URL', 'document']);
  });

  it('stays within the 10 KB gzipped budget of a script on other people’s pages', () => {
    const gzipped = gzipSync(LOADER, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(10 * 1024);
  });

  it('checks NGO ids as the model does', () => {
    expect(LOADER).toContain(`var NGO_ID = ${NGO_ID_PATTERN.source.replace(/^/, '/')}/;`);
  });
});
