// The one rule for control and bidi-override characters, as every channel applies it.
import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { mapUpdate } from '../../adapters/telegram/telegram.mapper.js';
import { checkMessage } from '../../adapters/webchat/webchat.mapper.js';
import { sanitizeText } from '../../dialogs/text-input.js';
import { t } from '../../src/i18n/catalog.js';
import { cleanConsumerText, onlyUnsafeText } from '../../src/messages/consumer-text.js';

const HOSTILE = 'order\u0000 late\u0007\u001b[31m! invoice\u202Egpj.exe \u2066x\u2069\u200b\ufeff';

describe('consumer text', () => {
  it('drops NUL, BEL, ESC, DEL, C1, zero-width and bidi overrides/isolates; keeps tabs, newlines, CJK and emoji', () => {
    const { text, removed } = cleanConsumerText(HOSTILE);
    expect(text).toBe('order late[31m! invoicegpj.exe x');
    expect(removed).toBe(8);
    expect(cleanConsumerText('a\tb\r\nc\u007f\u0085d 快递丢了 😡').text).toBe('a\tb\ncd 快递丢了 😡');
    expect(onlyUnsafeText('\u0000\u202E \u0007')).toBe(true);
    expect(onlyUnsafeText('   ')).toBe(false);
    expect(onlyUnsafeText('ok\u0000')).toBe(false);
    expect(sanitizeText(`  ${HOSTILE}  `)).toBe('order late[31m! invoicegpj.exe x');
  });

  it('widget frames: cleaned before anything is stored; nothing but control characters is refused in the consumer\'s language', () => {
    expect(checkMessage({ type: 'message', clientId: 'c1', text: HOSTILE }, 4000).text).toBe('order late[31m! invoicegpj.exe x');
    for (const [locale, lang] of [['zh-CN', 'zh'], ['en-GB', 'en']] as const) {
      expect(() => checkMessage({ type: 'message', clientId: 'c2', text: '\u0000\u202E\u001b' }, 4000, locale)).toThrow(t(lang, 'input.unreadable'));
    }
    expect(t('zh', 'input.unreadable')).not.toBe(t('en', 'input.unreadable'));
  });

  it('Telegram updates: text and captions cleaned; a text of nothing else arrives empty (the dialog answers dialog.empty)', () => {
    const msg = (extra: Record<string, unknown>) => mapUpdate({
      update_id: 1, message: { message_id: 7, date: 1, chat: { id: 5, type: 'private', first_name: 'T' }, from: { id: 5, is_bot: false, first_name: 'T', language_code: 'zh' }, ...extra },
    } as unknown as Update, 0);
    const got = msg({ text: HOSTILE });
    expect(got.kind === 'message' && got.message.text).toBe('order late[31m! invoicegpj.exe x');
    const only = msg({ text: '\u202E\u0000' });
    expect(only.kind === 'message' && only.message.text).toBe('');
    expect(sanitizeText('')).toBe('');
    expect(t('zh', 'dialog.empty')).toMatch(/看不见的字符/);
  });
});
