import type { HistoryEntry, WireCard, WireChoice } from '../webchat.protocol.js';
import { h } from './dom.js';
import { fill, type Strings } from './i18n.js';

export interface RenderActions {
  choose(value: string, label: string): void;
  /** `value` is what the prompt's own choice for that star sends (`rate:<case>:<n>`), or the generic `rating:<n>`. */
  rate(stars: number, value: string): void;
  pickPhoto(): void;
  /** Resolves to a displayable URL for an uploaded photo of this conversation. */
  photoUrl(attachmentId: string): Promise<string>;
}

export type Delivery = 'sending' | 'sent' | 'failed';

const CASE_ID = /\b([A-Z]{1,4}-\d{8}-\d{4,})\b/;

/** Text with complaint numbers (RD-20261201-0042) in unbreakable spans: a number split over two lines is misread. */
export function keepIdsWhole(text: string): (string | HTMLElement)[] {
  // split() with a capturing group keeps the matches at the odd indexes.
  return text.split(CASE_ID).map((part, i) => (i % 2 ? h('span', { class: 'id' }, part) : part)).filter((p) => p !== '');
}

export class Renderer {
  private readonly time: Intl.DateTimeFormat;
  private readonly dayTime: Intl.DateTimeFormat;

  /** One 24-hour format per locale, the bot's own ("by 1 Dec, 13:58"): "13:58" today, "1 Dec, 13:58" / "12月1日 13:58" before. */
  constructor(private readonly t: Strings, locale: string, private readonly actions: RenderActions) {
    const tag = locale === 'zh' ? 'zh-CN' : 'en-GB';
    this.time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false });
    this.dayTime = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
  }

  private when(ts: number): string {
    return new Date(ts).toDateString() === new Date().toDateString() ? this.time.format(ts) : this.dayTime.format(ts);
  }

  /** A message line. Interactive parts (quick replies, stars, photo button) sit in `.live` and are dropped once superseded. */
  entry(e: HistoryEntry): HTMLLIElement {
    const li = h('li', { class: `msg ${e.from} ${e.kind ?? ''}`, 'data-seq': String(e.seq), 'data-ts': String(e.ts) });
    if (e.clientId) li.setAttribute('data-client-id', e.clientId);
    // The agent's name above their bubble (as Intercom does); a screen reader reads "Ling" and then the text.
    if (e.author) li.appendChild(h('span', { class: 'author' }, e.author));
    if (e.text) li.appendChild(h('div', { class: 'bubble' }, ...keepIdsWhole(e.text)));
    for (const a of e.attachments ?? []) li.appendChild(this.photo(this.actions.photoUrl(a.id)));
    if (e.card) li.appendChild(this.card(e.card));
    const live = this.interactive(e);
    if (live) li.appendChild(live);
    li.appendChild(h('span', { class: 'meta' }, this.stamp(e)));
    return li;
  }

  /**
   * The line above the first message the consumer has not seen yet. It sticks to the top of the log while what is
   * new is taller than the log (the newest buttons are kept in view then), and pressing it goes to the first one.
   */
  unreadMarker(): HTMLLIElement {
    const button = h('button', { type: 'button' }, this.t.newMessages);
    const li = h('li', { class: 'unread-marker' }, button);
    button.addEventListener('click', () => {
      const first = li.nextElementSibling as HTMLElement | null;
      const log = li.closest('.log') as HTMLElement | null;
      if (first && log) log.scrollTop = first.offsetTop - li.offsetHeight - 8;
    });
    return li;
  }

  /** The consumer's own message before the server has it. */
  pending(clientId: string, text: string, ts: number, previews: string[] = []): HTMLLIElement {
    const li = h('li', { class: 'msg user', 'data-client-id': clientId });
    if (text) li.appendChild(h('div', { class: 'bubble' }, text));
    for (const url of previews) li.appendChild(this.photo(Promise.resolve(url)));
    li.appendChild(h('span', { class: 'meta' }));
    this.setDelivery(li, 'sending', ts);
    return li;
  }

  setDelivery(li: HTMLElement, state: Delivery, ts: number, detail?: string): void {
    const meta = li.querySelector('.meta');
    if (!meta) return;
    const mark = { sending: `🕓 ${this.t.sending}`, sent: `✓ ${this.t.sent}`, failed: `⚠ ${this.t.failed}` }[state];
    meta.className = `meta ${state}`;
    meta.textContent = `${this.when(ts)} · ${mark}${detail ? ` — ${detail}` : ''}`;
    if (state === 'failed') meta.setAttribute('role', 'alert');
  }

  /** An upload in progress: local preview, a progress bar, and a line for its state. */
  upload(previewUrl: string): { li: HTMLLIElement; progress(p: number): void; fail(msg: string): void } {
    const bar = h('i');
    const label = h('span', { class: 'meta' }, fill(this.t.uploading, { p: 0 }));
    const li = h('li', { class: 'msg user' }, this.photo(Promise.resolve(previewUrl)),
      h('div', { class: 'bar', role: 'progressbar', 'aria-label': this.t.photo, 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar), label);
    return {
      li,
      progress: (p) => {
        bar.style.width = `${p}%`;
        bar.parentElement?.setAttribute('aria-valuenow', String(p));
        label.textContent = fill(this.t.uploading, { p });
      },
      fail: (msg) => {
        label.className = 'meta failed';
        label.setAttribute('role', 'alert');
        label.textContent = `⚠ ${this.t.uploadFailed} ${msg}`;
      },
    };
  }

  private stamp(e: HistoryEntry): string {
    return `${this.when(e.ts)}${e.from === 'user' ? ` · ✓ ${this.t.sent}` : ''}`;
  }

  private interactive(e: HistoryEntry): HTMLElement | null {
    if (e.from !== 'bot') return null;
    if (e.expects === 'rating') return this.stars(e.choices ?? []);
    if (e.choices?.length) {
      return h('div', { class: 'chips live', role: 'group' }, ...e.choices.map((c) => {
        const b = h('button', { class: 'chip', type: 'button' }, c.label);
        b.addEventListener('click', () => this.actions.choose(c.value, c.label));
        return b;
      }));
    }
    if (e.expects === 'photo') {
      const b = h('button', { class: 'chip live', type: 'button' }, `📷 ${this.t.uploadPhoto}`);
      b.addEventListener('click', () => this.actions.pickPhoto());
      return b;
    }
    return null;
  }

  /**
   * Stars as one radio group ("4 of 5 stars"), not five chips: arrow keys move the choice, Enter or Space sends
   * it, a click sends at once. Roving tabindex, so Tab enters and leaves the group in one step.
   */
  private stars(choices: WireChoice[]): HTMLElement {
    const group = h('div', { class: 'stars live', role: 'radiogroup', 'aria-label': this.t.rate });
    const radios: HTMLButtonElement[] = [];
    const select = (n: number) => {
      radios.forEach((r, i) => {
        r.setAttribute('aria-checked', String(i + 1 === n));
        r.tabIndex = i + 1 === n ? 0 : -1;
        r.classList.toggle('on', i < n);
      });
      radios[n - 1]?.focus();
    };
    const send = (n: number) => this.actions.rate(n, choices.find((c) => c.value.endsWith(`:${n}`))?.value ?? `rating:${n}`);
    for (let n = 1; n <= 5; n++) {
      const b = h('button', { class: 'star', type: 'button', role: 'radio', 'aria-checked': 'false', 'aria-label': fill(this.t.stars, { n }) }, '★');
      b.tabIndex = n === 1 ? 0 : -1;
      b.addEventListener('click', () => send(n));
      b.addEventListener('keydown', (ev) => {
        const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[ev.key];
        if (step) {
          ev.preventDefault();
          select(Math.min(5, Math.max(1, n + step)));
        } else if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          send(n);
        }
      });
      radios.push(b);
      group.appendChild(b);
    }
    return group;
  }

  private card(c: WireCard): HTMLElement {
    return h('dl', { class: 'card' },
      h('dt', {}, this.t.complaint), h('dd', { class: 'id' }, c.complaintId),
      h('dt', {}, this.t.status), h('dd', {}, c.statusLabel || c.status));
  }

  private photo(url: Promise<string>): HTMLImageElement {
    const img = h('img', { class: 'thumb', alt: this.t.photo });
    url.then((u) => (img.src = u), () => (img.alt = `${this.t.photo} ⚠`));
    return img;
  }
}
