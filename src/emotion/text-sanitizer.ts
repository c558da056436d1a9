/**
 * Makes any input safe and bounded before analysis: control bytes and lone surrogates (binary junk) become
 * spaces, and only the first 3,000 and last 1,000 characters of a long message are read. Complaints state
 * their feeling early and their threats ("…or I go to the press") late; the middle is usually the story.
 */
const HEAD = 3000;
const TAIL = 1000;
const MAYBE_JUNK_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uD800-\uDFFF]/;
const JUNK_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface SanitizedText {
  text: string;
  truncated: boolean;
}

/** Never throws: non-strings become ''. */
export function sanitizeText(input: unknown): SanitizedText {
  const raw = typeof input === 'string' ? input : '';
  const truncated = raw.length > HEAD + TAIL;
  // Cut first, so cleaning a 100k-char message costs no more than a 4k one.
  const cut = truncated ? `${raw.slice(0, HEAD)}\n${raw.slice(-TAIL)}` : raw;
  // A plain character class is a fast first test; the lookarounds for lone surrogates only run when needed.
  return { text: MAYBE_JUNK_RE.test(cut) ? cut.replace(JUNK_RE, ' ') : cut, truncated };
}
