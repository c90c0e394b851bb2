import { onViewer, signInThen, takePendingAction, type Viewer } from '../social/viewer.ts';
import { el } from './dom.ts';

/**
 * `<jumo-pledge data-ngo-id data-ngo-name data-website data-currency>` over PledgeForm.astro's
 * paragraph and sign-in link: the link becomes a "Make a pledge" button, and the form's code
 * (currency list, validation, idempotent submit) loads only when someone presses it signed in.
 */
class PledgeElement extends HTMLElement {
  #started = false;
  #viewer: Viewer | null | undefined;
  #open = el('button', { type: 'button' });

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    const link = this.querySelector<HTMLAnchorElement>('[data-pledge-open]')!;
    this.#open.className = link.className;
    this.#open.textContent = link.textContent;
    link.replaceWith(this.#open);
    this.#open.addEventListener('click', () => (this.#viewer ? void this.#showForm() : signInThen('pledge')));
    onViewer((viewer) => {
      this.#viewer = viewer;
      if (!viewer) return;
      // Only the pledge this tab asked for opens by itself; a bare ?do=pledge link points at the button.
      const pending = takePendingAction('pledge');
      if (pending === 'resume') void this.#showForm();
      else if (pending === 'ask') this.#open.focus();
    });
  }

  async #showForm(): Promise<void> {
    const open = this.#open;
    open.disabled = true;
    try {
      const { renderPledgeForm } = await import('../social/pledge-form.ts');
      open.hidden = true;
      renderPledgeForm(this, this.#viewer!, () => {
        open.hidden = false;
        open.disabled = false;
      });
    } catch {
      open.disabled = false;
      this.querySelector('[data-pledge-status]')!.textContent =
        'The pledge form could not load. Check your connection and try again.';
    }
  }
}

if (!customElements.get('jumo-pledge')) customElements.define('jumo-pledge', PledgeElement);
