import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { callbackDataFor, mapUpdate, toSendMessage, truncate } from '../../../adapters/telegram/telegram.mapper.js';

const NOW = 1_764_072_000_123;
const map = (u: unknown) => mapUpdate(u as Update, NOW);

describe('telegram mapper: inbound', () => {
  it('maps a private text message with locale, name and a per-chat message id', () => {
    const got = map({
      update_id: 10000,
      message: { message_id: 1365, date: 1441645532, chat: { id: 1111111, type: 'private', first_name: 'Test', last_name: 'Lastname', username: 'Test' },
        from: { id: 1111111, is_bot: false, first_name: 'Test', last_name: 'Lastname', username: 'Test', language_code: 'zh-hans' }, text: '快递丢了' },
    });
    expect(got).toEqual({
      kind: 'message',
      message: { id: 'tg-1111111-1365', address: { channel: 'telegram', conversationId: '1111111', userId: '1111111' }, text: '快递丢了', locale: 'zh-hans', displayName: 'Test Lastname', receivedAt: NOW },
    });
  });

  it('maps a button press to an action and keeps the callback id to answer', () => {
    const got = map({
      update_id: 10001,
      callback_query: { id: '4382bfdwdsb323b2d9', from: { id: 1111111, is_bot: false, first_name: 'Test', language_code: 'en' }, chat_instance: '42', data: 'rate:RD-20261125-0042:5',
        message: { message_id: 1366, date: 1441645532, chat: { id: 1111111, type: 'private', first_name: 'Test' }, text: 'How did we do?' } },
    });
    expect(got).toEqual({
      kind: 'message', callbackQueryId: '4382bfdwdsb323b2d9',
      message: { id: 'tg-cb-4382bfdwdsb323b2d9', address: { channel: 'telegram', conversationId: '1111111', userId: '1111111' }, action: 'rate:RD-20261125-0042:5', locale: 'en', displayName: 'Test', receivedAt: NOW },
    });
  });

  it('takes the largest photo size as a JPEG image, with the caption as text', () => {
    const got = map({
      update_id: 10002,
      message: { message_id: 7, date: 1, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, caption: 'box crushed',
        photo: [{ file_id: 's', file_unique_id: 's1', file_size: 900, width: 90, height: 90 }, { file_id: 'l', file_unique_id: 'l1', file_size: 150_000, width: 1280, height: 1280 }, { file_id: 'm', file_unique_id: 'm1', file_size: 9000, width: 320, height: 320 }] },
    });
    expect(got.kind === 'message' && got.message).toMatchObject({ text: 'box crushed', attachments: [{ kind: 'image', fileId: 'l', mimeType: 'image/jpeg', sizeBytes: 150_000 }] });
  });

  it('maps image documents as images and other documents as files with their type', () => {
    const doc = (mime_type: string) => map({
      update_id: 10003,
      message: { message_id: 8, date: 1, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' },
        document: { file_id: 'd', file_unique_id: 'd1', file_name: 'x', mime_type, file_size: 2048 } },
    });
    const png = doc('image/png');
    const pdf = doc('application/pdf');
    expect(png.kind === 'message' && png.message.attachments).toEqual([{ kind: 'image', fileId: 'd', mimeType: 'image/png', sizeBytes: 2048, name: 'x' }]);
    expect(pdf.kind === 'message' && pdf.message.attachments).toEqual([{ kind: 'file', fileId: 'd', mimeType: 'application/pdf', sizeBytes: 2048, name: 'x' }]);
  });

  it('marks group chats (messages and presses) and ignores what needs no answer', () => {
    expect(map({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: -100123, type: 'supergroup', title: 'G' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'hi' } }))
      .toEqual({ kind: 'group', chatId: '-100123' });
    expect(map({ update_id: 2, edited_message: { message_id: 1, date: 1, edit_date: 2, chat: { id: 5, type: 'private', first_name: 'A' }, text: 'x' } }).kind).toBe('ignored');
    expect(map({ update_id: 3, message: { message_id: 2, date: 1, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, pinned_message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' } } } }).kind).toBe('ignored');
  });

  it('passes stickers, voice, video notes, locations and contacts on as unsupported, so the dialog can answer', () => {
    const from = { id: 5, is_bot: false, first_name: 'A', language_code: 'zh-hans' };
    const base = { message_id: 2, date: 1, chat: { id: 5, type: 'private', first_name: 'A' }, from };
    const kinds = [
      [{ sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }, 'sticker'],
      [{ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }, 'voice'],
      [{ video_note: { file_id: 'n', file_unique_id: 'n', length: 240, duration: 5 } }, 'video_note'],
      [{ location: { latitude: 31.2, longitude: 121.5 } }, 'location'],
      [{ contact: { phone_number: '+8613800000000', first_name: 'Mei' } }, 'contact'],
    ] as const;
    for (const [content, kind] of kinds) {
      const got = map({ update_id: 4, message: { ...base, ...content } });
      expect(got.kind === 'message' && got.message).toMatchObject({ id: 'tg-5-2', unsupported: kind, locale: 'zh-hans' });
    }
  });

  it('maps an edit to its own message id, marked as an edit', () => {
    const got = map({ update_id: 5, edited_message: { message_id: 9, date: 1, edit_date: 1764072100, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'order MM-240815-001' } });
    expect(got.kind === 'message' && got.message).toMatchObject({ id: 'tg-edit-5-9-1764072100', unsupported: 'edit' });
  });
});

describe('telegram mapper: outbound', () => {
  it('renders choices as one inline button per row, plain text, no parse_mode', () => {
    const p = toSendMessage({ kind: 'dialog', text: 'What went wrong? <b>not bold</b>', choices: [{ value: 'late_delivery', label: 'Late delivery' }, { value: 'damaged', label: 'Damaged' }] });
    expect(p).toEqual({ text: 'What went wrong? <b>not bold</b>', reply_markup: { inline_keyboard: [[{ text: 'Late delivery', callback_data: 'late_delivery' }], [{ text: 'Damaged', callback_data: 'damaged' }]] } });
    expect(p).not.toHaveProperty('parse_mode');
  });

  it('keeps the agent\'s name in the text of a reply (Telegram has no sender label to put it in)', () => {
    const p = toSendMessage({ kind: 'agent_reply', text: 'Ling: A new vase ships today.', from: { name: 'Ling', text: 'A new vase ships today.' } });
    expect(p).toEqual({ text: 'Ling: A new vase ships today.' });
  });

  it('appends a status line for a card and truncates at 4096 with an ellipsis', () => {
    const card = { complaintId: 'RD-20261125-0042', status: 'investigating', statusLabel: 'Investigating', category: 'damaged', updatedAt: 1 };
    expect(toSendMessage({ kind: 'progress', text: 'We are on it.', card }).text).toBe('We are on it.\n\nRD-20261125-0042 · Investigating');
    const long = toSendMessage({ kind: 'agent_reply', text: 'a'.repeat(5000) }).text;
    expect(long).toHaveLength(4096);
    expect(long.endsWith('…')).toBe(true);
    expect(truncate('ab😀', 3)).toBe('ab…');
  });

  it('shows every one of many choices, two to a row, and one per row when a label would be cut', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ value: `c${i}`, label: `Choice ${i}` }));
    const rows = toSendMessage({ kind: 'dialog', text: 'Pick one', choices: ten }).reply_markup!.inline_keyboard;
    expect(rows).toHaveLength(5);
    expect(rows.flat().map((b) => (b as { callback_data: string }).callback_data)).toEqual(ten.map((c) => c.value));
    const long = [...ten.slice(0, 9), { value: 'x', label: 'A label far too long for half a phone' }];
    expect(toSendMessage({ kind: 'dialog', text: 'Pick one', choices: long }).reply_markup!.inline_keyboard).toHaveLength(10);
  });

  it('lists choices in the text past Telegram\'s 100 buttons instead of dropping any', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ value: `c${i}`, label: `C${i}` }));
    const p = toSendMessage({ kind: 'dialog', text: 'Pick one', choices: many });
    expect(p.reply_markup).toBeUndefined();
    expect(p.text).toContain('\n1. C0\n');
    expect(p.text).toContain('\n120. C119');
  });

  it('keeps callback data within 64 bytes', () => {
    expect(callbackDataFor('rate:RD-20261125-0042:5')).toBe('rate:RD-20261125-0042:5');
    const long = callbackDataFor('x'.repeat(100));
    expect(long.startsWith('#')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(64);
  });
});
