import { createHash } from 'node:crypto';
import type { ComplaintDraft } from './complaint.types.js';

/**
 * Names a draft by its content. A confirm that failed leaves the dialog at its confirm step with the draft
 * unchanged, so the consumer's retry carries the same fingerprint and finds what the first attempt wrote.
 */
export function draftFingerprint(draft: ComplaintDraft): string {
  return createHash('sha256').update(JSON.stringify(draft)).digest('base64url').slice(0, 22);
}
