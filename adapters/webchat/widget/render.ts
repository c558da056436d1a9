import type { HistoryEntry, WireCard } from '../webchat.protocol.js';
import { h } from './dom.js';
import { fill, type Strings } from './i18n.js';

export interface RenderActions {
  choose(value: string, label: string): void;
  rate(stars: number): void;
  pickPhoto(): void;
  /** Resolves to a displayable URL for an uploaded photo of this conversation. */
  photoUrl(attachmentId: string): Promise<string>;
}

export type Delivery = 'sending' | 'sent' | 'failed';

export class Renderer {
  private readonly time: Intl.DateTimeFormat;

  constructor(private readonly t: Strings, locale: string, private readonly actions: RenderActions) {
    this.time = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' });
  }

  /** A message line. Interactive parts (quick replies, stars, photo button) sit in `.live` and are dropped once superseded. */
  entry(e: HistoryEntry): HTMLLIElement {
    const li = h('li', { class: `msg ${e.from} ${e.kind ?? ''}`, 'data-seq': String(e.seq) });
    if (e.clientId) li.setAttribute('data-client-id', e.clientId);
    if (e.text) li.appendChild(h('div', { class: 'bubble' }, e.text));
    for (const a of e.attachments ?? []) li.appendChild(this.photo(this.actions.photoUrl(a.id)));
    if (e.card) li.appendChild(this.card(e.card));
    const live = this.interactive(e);
    if (live) li.appendChild(live);
    li.appendChild(h('span', { class: 'meta' }, this.stamp(e)));
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
    meta.textContent = `${this.time.format(ts)} · ${mark}${detail ? ` — ${detail}` : ''}`;
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
    return `${this.time.format(e.ts)}${e.from === 'user' ? ` · ✓ ${this.t.sent}` : ''}`;
  }

  private interactive(e: HistoryEntry): HTMLElement | null {
    if (e.from !== 'bot') return null;
    if (e.choices?.length) {
      return h('div', { class: 'chips live', role: 'group' }, ...e.choices.map((c) => {
        const b = h('button', { class: 'chip', type: 'button' }, c.label);
        b.addEventListener('click', () => this.actions.choose(c.value, c.label));
        return b;
      }));
    }
    if (e.expects === 'rating') return this.stars();
    if (e.expects === 'photo') {
      const b = h('button', { class: 'chip live', type: 'button' }, `📷 ${this.t.uploadPhoto}`);
      b.addEventListener('click', () => this.actions.pickPhoto());
      return b;
    }
    return null;
  }

  private stars(): HTMLElement {
    const group = h('div', { class: 'stars live', role: 'group', 'aria-label': this.t.rate });
    for (let n = 1; n <= 5; n++) {
      const b = h('button', { class: 'star', type: 'button', 'aria-label': fill(this.t.stars, { n }) }, '★');
      b.addEventListener('click', () => this.actions.rate(n));
      group.appendChild(b);
    }
    return group;
  }

  private card(c: WireCard): HTMLElement {
    return h('dl', { class: 'card' },
      h('dt', {}, this.t.complaint), h('dd', {}, c.complaintId),
      h('dt', {}, this.t.status), h('dd', {}, c.statusLabel || c.status));
  }

  private photo(url: Promise<string>): HTMLImageElement {
    const img = h('img', { class: 'thumb', alt: this.t.photo });
    url.then((u) => (img.src = u), () => (img.alt = `${this.t.photo} ⚠`));
    return img;
  }
}
