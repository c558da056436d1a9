import type { Attachment } from '../messages/message.types.js';

/** Types a browser may show inline. Anything else (a PDF, an SVG, unknown bytes) is served as a download. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** Where the agent console serves evidence item `index` of a complaint (the signed-link route adds `?token=`). */
export function evidencePath(complaintId: string, index: number): string {
  return `/console/evidence/${encodeURIComponent(complaintId)}/${index}`;
}

/**
 * The storage key of our copy of an attachment, or null when we hold none (a failed Telegram download, a file
 * the retention job removed). Attachments stored before `storageKey` existed carry only the local storage's
 * `/files/<key>` URL; the key is read back from it (the storage port still validates it).
 */
export function evidenceKeyOf(a: Attachment): string | null {
  if (a.expired) return null;
  if (a.storageKey) return a.storageKey;
  return a.url?.startsWith('/files/') ? a.url.slice('/files/'.length) || null : null;
}

export function isInlineType(mimeType: string): boolean {
  return INLINE_TYPES.has(mimeType);
}
