import { h, icon, ICONS } from './dom.js';
import { fill, type Strings } from './i18n.js';
import type { WidgetSettings } from './settings.js';
import { CSS } from './styles.js';

/** Below this width the panel is full-screen, so it behaves as a modal dialog (focus kept inside). */
export const PHONE_QUERY = '(max-width: 480px)';

/** The widget's fixed chrome: launcher, panel, status line, log, typing indicator, composer. */
export class View {
  readonly shadow: ShadowRoot;
  readonly root = h('div', { class: 'root' });
  readonly launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'redress-panel' });
  readonly badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
  readonly panel = h('section', { class: 'panel', id: 'redress-panel', role: 'dialog', hidden: true });
  readonly closeBtn = h('button', { class: 'close', type: 'button' }, '×');
  readonly status = h('div', { class: 'status', role: 'status', hidden: true });
  /**
   * The scrolling region is the labelled, focusable `role="log"` (keyboard users scroll it with the arrow keys);
   * the `<ol>` inside keeps plain list semantics, so every message is a valid list item.
   */
  readonly scroller = h('div', { class: 'log', role: 'log', 'aria-live': 'off', tabindex: '0' });
  readonly log = h('ol', { class: 'items' });
  readonly typing = h('div', { class: 'typing', hidden: true });
  /** The words beside the dots: the bot's "typing…" or an agent's "{name} is typing…". */
  readonly typingText = h('span', { class: 'typing-text' });
  readonly form = h('form', {});
  readonly input = h('textarea', { rows: '1', maxlength: '4000' });
  readonly attach = h('button', { class: 'icon', type: 'button' }, icon(ICONS.clip));
  readonly file = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', hidden: true });
  readonly announcer = h('div', { class: 'sr', 'aria-live': 'polite' });

  private readonly openLabel: string;

  constructor(host: HTMLElement, private readonly t: Strings, s: WidgetSettings) {
    this.shadow = host.attachShadow({ mode: 'open' });
    this.shadow.appendChild(h('style', {}, CSS));
    // Validated in settings.ts (a hex colour readable under white text), so it is safe in a custom property.
    if (s.color) this.root.style.setProperty('--rd-primary', s.color);
    this.root.classList.toggle('left', s.position === 'left');
    this.openLabel = s.launcherLabel ?? t.open;
    this.launcher.setAttribute('aria-label', this.openLabel);
    this.launcher.append(icon(ICONS.chat), this.badge);
    if (s.launcherLabel) {
      this.launcher.classList.add('labelled');
      this.launcher.insertBefore(h('span', { class: 'label', 'aria-hidden': 'true' }, s.launcherLabel), this.badge);
    }
    const title = s.title ?? t.title;
    this.panel.setAttribute('aria-label', title);
    this.closeBtn.setAttribute('aria-label', t.close);
    this.scroller.setAttribute('aria-label', t.conversation);
    this.scroller.appendChild(this.log);
    this.input.setAttribute('placeholder', t.placeholder);
    this.input.setAttribute('aria-label', t.placeholder);
    this.attach.setAttribute('aria-label', t.attach);
    const send = h('button', { class: 'icon send', type: 'submit', 'aria-label': t.send }, icon(ICONS.send));
    this.typing.append(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), ' ', this.typingText);
    this.typingText.textContent = t.typing;
    this.form.append(this.attach, this.input, send, this.file);
    // A plain div, not <header>: the shop's page has the one banner landmark.
    const head = h('div', { class: 'head' }, h('h2', {}, h('span', { class: 'title' }, title), h('span', { class: 'sub' }, s.subtitle ?? t.subtitle)), this.closeBtn);
    this.panel.append(head, this.status, this.scroller, this.typing, this.form, this.announcer);
    this.root.append(this.panel, this.launcher);
    this.shadow.appendChild(this.root);
    this.panel.addEventListener('keydown', (e) => this.trapTab(e));
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** The focused element inside the widget, or null when focus is elsewhere on the page. */
  get focused(): Element | null {
    return this.shadow.activeElement;
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.closeLabel() : this.openLabel);
    this.panel.toggleAttribute('aria-modal', open && this.isPhone());
    if (open) this.input.focus();
    else this.launcher.focus();
  }

  setUnread(n: number): void {
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? '9+' : String(n);
    this.launcher.setAttribute('aria-label', n > 0 ? `${this.openLabel} (${fill(this.t.unread, { n })})` : this.isOpen ? this.closeLabel() : this.openLabel);
  }

  setStatus(text: string | null): void {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
  }

  /** The chat cannot work on this page (origin not allowed): say so plainly and take no input. */
  showUnavailable(text: string): void {
    this.log.replaceChildren(h('li', { class: 'msg system unavailable' }, h('div', { class: 'bubble' }, text)));
    this.form.hidden = true;
    this.typing.hidden = true;
    this.setStatus(null);
  }

  announce(text: string): void {
    // Cleared first so the same words twice are still announced.
    this.announcer.textContent = '';
    window.setTimeout(() => (this.announcer.textContent = text), 50);
  }

  /**
   * Scrolls so `first` is at the top, unless that leaves the newest buttons (`.live`) below the fold: they win.
   * Without `first`, the end. Offsets are relative to the log, which is the positioned ancestor.
   */
  showFrom(first: HTMLElement | null): void {
    const box = this.scroller;
    const end = box.scrollHeight - box.clientHeight;
    const live = Array.from(this.log.querySelectorAll<HTMLElement>('.live')).pop();
    let top = first ? first.offsetTop - 8 : end;
    if (live) top = Math.max(top, live.offsetTop + live.offsetHeight + 12 - box.clientHeight);
    box.scrollTop = Math.max(0, Math.min(top, end));
  }

  scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** A visible launcher label stays part of the accessible name (WCAG 2.5.3, label in name). */
  private closeLabel(): string {
    return this.launcher.classList.contains('labelled') ? `${this.openLabel} (${this.t.close})` : this.t.close;
  }

  private isPhone(): boolean {
    return window.matchMedia(PHONE_QUERY).matches;
  }

  /** Full-screen on a phone, the panel is all there is: Tab cycles inside it instead of reaching the page behind. */
  private trapTab(e: KeyboardEvent): void {
    if (e.key !== 'Tab' || !this.isPhone()) return;
    const items = Array.from(this.panel.querySelectorAll<HTMLElement>('button, textarea, a[href], [tabindex]'))
      .filter((el) => el.tabIndex >= 0 && !el.closest('[hidden]') && el.getClientRects().length > 0);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const at = this.focused;
    if (e.shiftKey && (at === first || !this.panel.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !this.panel.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  }
}
