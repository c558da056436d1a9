/** Control characters (except newline and tab) are dropped: they render as junk in Slack and HTML. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

export function sanitizeText(text: string): string {
  return text.replace(CONTROL, '').trim();
}
