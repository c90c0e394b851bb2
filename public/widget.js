// @ts-check
/**
 * Jumo's widgets for NGO websites (documented at /widgets/). The snippet an NGO pastes:
 *
 *   <div data-jumo-ngo="GB-CHC-1234567" data-jumo-widget="badge"><a href="…">Follow us on Jumo</a></div>
 *   <script src="https://<jumo>/widget.js" async></script>
 *
 * Each placeholder becomes an iframe of /embed/ngo/ on Jumo's origin (whatever it held stays as
 * the no-JS fallback until then). Why an iframe and not a shadow root: the widget's own page
 * reads Jumo's API same-origin and opens Jumo's follow window itself, so nothing of ours runs in
 * the host page beyond this loader, no cookie is set on it, and its styles cannot leak in.
 * A plain script (no build step, no module syntax): it must run as a classic `async` script on
 * any site. It defines no globals.
 */
(function () {
  /** The widgets and their iframe sizes (CSS pixels; the width shrinks to fit narrow columns). */
  var SIZES = {
    follow: { width: 240, height: 64 },
    badge: { width: 320, height: 136 },
    pledge: { width: 240, height: 64 },
  };
  var TITLES = {
    follow: 'Follow this organisation on Jumo',
    badge: 'Followers and supporters on Jumo',
    pledge: 'Pledge a gift on Jumo',
  };
  /** model/ids.ts NGO_ID_PATTERN: an org-id ("GB-CHC-1234567", "US-EIN-010674736"). */
  var NGO_ID = /^[A-Z]{2}-[A-Z0-9_]{2,12}-[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;
  var MOUNTED = 'data-jumo-mounted';

  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  // Where Jumo is: the address this script came from.
  var origin = script && script.src ? new URL(script.src).origin : '';

  /** @param {Element} placeholder */
  function mountOne(placeholder) {
    var id = (placeholder.getAttribute('data-jumo-ngo') || '').trim().toUpperCase();
    var widget = (placeholder.getAttribute('data-jumo-widget') || 'badge').trim().toLowerCase();
    if (!NGO_ID.test(id) || !Object.prototype.hasOwnProperty.call(SIZES, widget)) {
      placeholder.setAttribute(MOUNTED, 'invalid');
      return;
    }
    var kind = /** @type {keyof typeof SIZES} */ (widget);
    var size = SIZES[kind];
    var frame = document.createElement('iframe');
    frame.src = origin + '/embed/ngo/?id=' + encodeURIComponent(id) + '&widget=' + kind;
    frame.title = TITLES[kind];
    frame.width = String(size.width);
    frame.height = String(size.height);
    frame.loading = 'lazy';
    // Scripts and its own origin for the API; popups for the follow window and the pledge page,
    // which must not inherit the sandbox. No top navigation: it never takes over the host page.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.style.border = '0';
    frame.style.maxWidth = '100%';
    frame.style.colorScheme = 'normal';
    placeholder.setAttribute(MOUNTED, kind);
    placeholder.replaceChildren(frame);
  }

  function mountAll() {
    if (!origin) return;
    var placeholders = document.querySelectorAll('[data-jumo-ngo]:not([' + MOUNTED + '])');
    for (var i = 0; i < placeholders.length; i++) mountOne(/** @type {Element} */ (placeholders[i]));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
