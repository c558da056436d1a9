import type { Telegram } from 'telegraf';
import { t } from '../../src/i18n/catalog.js';
import type { Locale } from '../../src/complaints/complaint.types.js';
import type { Logger } from '../../src/logging/logger.js';

/** The commands the dialog understands (dialogs/consumer-commands.ts), in the order Telegram's menu shows them. */
export const TELEGRAM_COMMANDS = ['start', 'status', 'new', 'human', 'cancel', 'lang', 'help'] as const;

/** One command list per language, described from the catalogue (`telegram.command.<name>`). */
export function commandList(locale: Locale): Array<{ command: string; description: string }> {
  return TELEGRAM_COMMANDS.map((command) => ({ command, description: t(locale, `telegram.command.${command}`) }));
}

/**
 * Registers the command menu (the "/" button) at start-up: English as the default for every user, Chinese for
 * users whose Telegram app is set to Chinese. Each web process doing it again is harmless; a failure is logged
 * (Telegram then just shows no menu) and never stops start-up.
 */
export async function registerCommands(telegram: Telegram, logger: Logger, redact: (s: string) => string): Promise<void> {
  const lists: Array<[Locale, string | undefined]> = [['en', undefined], ['zh', 'zh']];
  for (const [locale, language_code] of lists) {
    try {
      await telegram.setMyCommands(commandList(locale), language_code ? { language_code } : {});
    } catch (err) {
      logger.error({ channel: 'telegram', locale, err: redact((err as Error).message) }, 'telegram: setMyCommands failed; the command menu stays as it was');
    }
  }
}
