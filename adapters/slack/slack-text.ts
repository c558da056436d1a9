/**
 * Text that is safe in Slack and fits its limits. Consumer and agent text goes into `plain_text` objects,
 * which Slack never parses for formatting, mentions or links; the little that must share a mrkdwn line
 * (names, order numbers, triage reasons) passes through `escapeMrkdwn`. Long text is split across blocks
 * at line or word breaks, and what still does not fit is cut with a pointer to the console.
 */
import type { types } from '@slack/bolt';
import { LIMITS } from './slack-limits.js';

const ZWSP = '\u200B';

/**
 * Inert in mrkdwn: Slack's three control characters escaped, so no `<!channel>`, `<@U…>` or `<url|label>`
 * can be written, and a zero-width space after each of `* _ ~ \``, so no bold, italic, strike or code
 * span can open or close (Slack has no backslash escape; a marker followed by an invisible character is
 * neither an opener nor a closer, whichever way Slack classes that character).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[*_~`]/g, `$&${ZWSP}`);
}

/**
 * For plain_text objects: Slack shows them literally, but the same text also reaches notifications and
 * fallbacks, so a `<` is kept from starting `<!channel>` or `<https://…|label>` there too.
 */
export function inertPlain(text: string): string {
  return text.replace(/</g, `<${ZWSP}`);
}

/** Cuts at `max` characters with "…", never inside an entity such as `&amp;` or a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1).replace(/&[a-z]{0,4}$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Splits into pieces of at most `max` characters, just after a line break or a space near the end when
 * there is one; lossless (`pieces.join('') === text`).
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const newline = window.lastIndexOf('\n');
    let at = (newline >= max * 0.6 ? newline : window.lastIndexOf(' ')) + 1;
    if (at < max * 0.6) at = max; // no good break near the end: cut hard rather than make tiny pieces
    if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at -= 1;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.length || !out.length) out.push(rest);
  return out;
}

export interface BodyOptions {
  /** At most this many blocks; what does not fit is cut with `cutNote`. */
  maxBlocks: number;
  /** Said where the text is cut, e.g. "full text in the console: https://…". */
  cutNote: string;
}

/** Untrusted text as plain_text section blocks: whole when it fits in `maxBlocks`, else clearly cut. */
export function bodyBlocks(text: string, o: BodyOptions): types.SectionBlock[] {
  const max = LIMITS.sectionText;
  const safe = inertPlain(text.trim() || '(empty)');
  let pieces = splitText(safe, max);
  if (pieces.length > o.maxBlocks) {
    const note = `… (cut: ${o.cutNote})`;
    pieces = pieces.slice(0, Math.max(1, o.maxBlocks));
    const last = pieces.length - 1;
    pieces[last] = `${clip(pieces[last] ?? '', max - note.length - 1).replace(/…$/, '')} ${note}`;
  }
  return pieces.map((p) => ({ type: 'section', text: { type: 'plain_text', text: p, emoji: false } }));
}

/** "full text in the console", with the case's console URL when PUBLIC_URL is known. */
export function consolePointer(complaintId: string, publicUrl?: string): string {
  if (!publicUrl) return `full text in the Redress console, case ${complaintId}`;
  return `full text in the console: ${publicUrl.replace(/\/+$/, '')}/console/cases/${encodeURIComponent(complaintId)}`;
}
