/**
 * Slack's limits that bite (Block Kit reference): a message or modal that breaks one is rejected whole
 * with `invalid_blocks`, so everything we render is kept inside them.
 */
export const LIMITS = {
  /** A text object (section, context element): 1–3,000 characters. */
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  messageBlocks: 50,
  modalBlocks: 100,
  modalTitle: 24,
  privateMetadata: 3000,
  /** plain_text_input `max_length` may not be set above this. */
  inputMaxLength: 3000,
  /** The `text` argument of chat.postMessage / chat.update. */
  textArg: 40_000,
} as const;

/**
 * Our fallback `text` (notifications, screen readers): a summary, not the whole body, which is in the
 * blocks. Kept well under `textArg`.
 */
export const FALLBACK_TEXT = 1000;
