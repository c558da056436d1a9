/**
 * The one rule for characters consumers may send, used by every channel's mapper (widget frames, Telegram updates)
 * and by the dialogs: C0/C1 control characters (NUL, BEL, ESC, DEL …; tab and newline are kept, CR LF becomes LF),
 * zero-width characters, and bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can make
 * "gpj.exe" read as "exe.jpg" to an agent) are removed before anything is stored, shown or analysed.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `text` without unsafe characters (not trimmed); `removed` counts what was dropped. */
export function cleanConsumerText(text: string): { text: string; removed: number } {
  const normalised = text.replace(/\r\n?/g, '\n');
  let removed = 0;
  const cleaned = normalised.replace(UNSAFE, () => { removed++; return ''; });
  return { text: cleaned, removed };
}

/**
 * True when a message had text and nothing readable is left once unsafe characters are gone: the channel then answers
 * with the catalogue's `input.unreadable` instead of treating it as an empty message.
 */
export function onlyUnsafeText(raw: string | undefined): boolean {
  if (!raw) return false;
  const { text, removed } = cleanConsumerText(raw);
  return removed > 0 && text.trim() === '';
}

const DISPLAY_NAME_MAX = 80;

/**
 * A name a channel gives for the consumer (Telegram's first and last name, the shop's signed `name` claim), as agents
 * see it: unsafe characters removed, whitespace runs (newlines too) made one space, at most 80 characters; undefined
 * when nothing is left.
 */
export function cleanDisplayName(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const name = [...cleanConsumerText(raw).text.replace(/\s+/g, ' ').trim()].slice(0, DISPLAY_NAME_MAX).join('').trim();
  return name || undefined;
}
