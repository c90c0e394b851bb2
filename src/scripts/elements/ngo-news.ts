/**
 * `<jumo-ngo-news data-ngo-id>`: the NGO page's news and volunteering. Empty (and hidden) in
 * the HTML; its code and styles load only when it comes near the viewport, or at once when the
 * address points at a post or an opportunity.
 */
class NgoNewsElement extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    // The empty element is display:none, so measure what comes before it. A scroll listener
    // rather than an IntersectionObserver: a jump (End key, anchor) can skip over the
    // threshold without an intersection ever being reported.
    const marker = this.previousElementSibling ?? this.parentElement ?? this;
    const near = () => marker.getBoundingClientRect().bottom < innerHeight + 400;
    const load = () => {
      removeEventListener('scroll', check);
      void import('../engage/ngo-news.ts').then((news) => news.mount(this));
    };
    const check = () => {
      if (near()) load();
    };
    if (/^#(post|opportunity)-/.test(location.hash) || near()) load();
    else addEventListener('scroll', check, { passive: true });
  }
}

if (!customElements.get('jumo-ngo-news')) customElements.define('jumo-ngo-news', NgoNewsElement);
