import { h, icon, ICONS } from './dom.js';
import { fill, type Strings } from './i18n.js';
import { CSS } from './styles.js';

/** The widget's fixed chrome: launcher, panel, status line, log, typing indicator, composer. */
export class View {
  readonly root = h('div', { class: 'root' });
  readonly launcher = h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'redress-panel' });
  readonly badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
  readonly panel = h('section', { class: 'panel', id: 'redress-panel', role: 'dialog', hidden: true });
  readonly closeBtn = h('button', { class: 'close', type: 'button' }, '×');
  readonly status = h('div', { class: 'status', role: 'status', hidden: true });
  readonly log = h('ol', { class: 'log', role: 'log', 'aria-live': 'off' });
  readonly typing = h('div', { class: 'typing', hidden: true });
  readonly form = h('form', {});
  readonly input = h('textarea', { rows: '1', maxlength: '4000' });
  readonly attach = h('button', { class: 'icon', type: 'button' }, icon(ICONS.clip));
  readonly file = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', hidden: true });
  readonly announcer = h('div', { class: 'sr', 'aria-live': 'polite' });

  constructor(host: HTMLElement, private readonly t: Strings) {
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.appendChild(h('style', {}, CSS));
    this.launcher.setAttribute('aria-label', t.open);
    this.launcher.append(icon(ICONS.chat), this.badge);
    this.panel.setAttribute('aria-label', t.title);
    this.closeBtn.setAttribute('aria-label', t.close);
    this.log.setAttribute('aria-label', t.conversation);
    this.input.setAttribute('placeholder', t.placeholder);
    this.input.setAttribute('aria-label', t.placeholder);
    this.attach.setAttribute('aria-label', t.attach);
    const send = h('button', { class: 'icon send', type: 'submit', 'aria-label': t.send }, icon(ICONS.send));
    this.typing.append(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), ` ${t.typing}`);
    this.form.append(this.attach, this.input, send, this.file);
    const header = h('header', {}, h('h2', {}, t.title, h('span', { class: 'sub' }, t.subtitle)), this.closeBtn);
    this.panel.append(header, this.status, this.log, this.typing, this.form, this.announcer);
    this.root.append(this.panel, this.launcher);
    shadow.appendChild(this.root);
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.t.close : this.t.open);
    if (open) this.input.focus();
    else this.launcher.focus();
  }

  setUnread(n: number): void {
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? '9+' : String(n);
    if (n > 0) this.launcher.setAttribute('aria-label', `${this.t.open} (${fill(this.t.unread, { n })})`);
  }

  setStatus(text: string | null): void {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
  }

  announce(text: string): void {
    // Cleared first so the same words twice are still announced.
    this.announcer.textContent = '';
    window.setTimeout(() => (this.announcer.textContent = text), 50);
  }

  scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
