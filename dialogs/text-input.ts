import { cleanConsumerText } from '../src/messages/consumer-text.js';

/** Consumer text for the dialogs: the channels' one rule (src/messages/consumer-text.ts), then trimmed. */
export function sanitizeText(text: string): string {
  return cleanConsumerText(text).text.trim();
}
