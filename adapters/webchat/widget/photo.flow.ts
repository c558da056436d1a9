import type { ChatController } from './chat.controller.js';
import { uploadPhoto } from './upload.js';
import type { View } from './view.js';

/**
 * Photo evidence: pick → local preview with upload progress → message with the attachment id. Photos of this
 * conversation are fetched with the session token (the files route is private), cached as object URLs.
 */
export class PhotoFlow {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly chat: ChatController, private readonly view: View, private readonly base: string, private readonly locale: 'en' | 'zh') {
    view.attach.addEventListener('click', () => view.file.click());
    view.file.addEventListener('change', () => {
      const file = view.file.files?.[0];
      view.file.value = '';
      // The photo button goes with its prompt: keep focus in the widget.
      view.input.focus();
      if (file) void this.send(file);
    });
  }

  url(attachmentId: string): Promise<string> {
    let url = this.urls.get(attachmentId);
    if (!url) {
      url = fetch(`${this.base}/webchat/files/${encodeURIComponent(attachmentId)}`, { headers: { Authorization: `Bearer ${this.chat.token ?? ''}` } })
        .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
        .then((b) => URL.createObjectURL(b));
      url.catch(() => this.urls.delete(attachmentId));
      this.urls.set(attachmentId, url);
    }
    return url;
  }

  private async send(file: File): Promise<void> {
    const preview = URL.createObjectURL(file);
    const up = this.chat.render.upload(preview);
    this.view.log.appendChild(up.li);
    this.view.scrollToEnd();
    try {
      // The server's refusals (size, quotas, a full store) come back in the consumer's language and are shown as sent.
      const { attachmentId } = await uploadPhoto(`${this.base}/webchat/upload?locale=${this.locale}`, this.chat.token ?? '', file, up.progress);
      this.urls.set(attachmentId, Promise.resolve(preview));
      this.chat.submit({ attachments: [attachmentId] }, '📷', [preview], up.li);
    } catch (err) {
      up.fail((err as Error).message);
    }
  }
}
