import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/logging/logger.js';

/** A turn answered within this shows no "typing…": it would only flicker before the reply. */
export const TYPING_AFTER_MS = 1_000;
/** Telegram shows a chat action for 5 s (or until our next message): renewed just before it lapses while the turn runs. */
export const TYPING_RENEW_MS = 4_500;

/**
 * Runs `work` (a consumer's turn: photo downloads, the dialog) and, once it has taken longer than a moment, shows
 * "typing…" in the chat with `sendChatAction`, renewed while it runs; one per slow turn, not one per reply. A chat
 * action is decoration: a failed one is logged at debug and never fails the turn.
 */
export async function whileTyping<T>(telegram: Telegram, chatId: string, logger: Logger, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let running = true;
  const show = (): void => {
    timer = setTimeout(() => {
      if (!running) return;
      telegram.sendChatAction(chatId, 'typing')
        .catch((err: unknown) => logger.debug({ channel: 'telegram', err: (err as { description?: string }).description }, 'telegram: typing action not sent'));
      show();
    }, timer === undefined ? TYPING_AFTER_MS : TYPING_RENEW_MS);
  };
  show();
  try {
    return await work();
  } finally {
    running = false;
    clearTimeout(timer);
  }
}
