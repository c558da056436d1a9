/** Literal Bot API updates, shaped as https://core.telegram.org/bots/api#update documents them. */
let updateId = 500_000;
let messageId = 100;

export const user = (id: number, language_code = 'en') => ({ id, is_bot: false, first_name: 'Mei', last_name: 'Chen', language_code });
export const privateChat = (id: number) => ({ id, type: 'private', first_name: 'Mei', last_name: 'Chen' });

export function textUpdate(chatId: number, text: string, language_code = 'en') {
  return { update_id: ++updateId, message: { message_id: ++messageId, from: user(chatId, language_code), chat: privateChat(chatId), date: 1764072000, text } };
}

export function buttonUpdate(chatId: number, data: string, language_code = 'en') {
  return {
    update_id: ++updateId,
    callback_query: {
      id: `4382bfdwdsb323b2d9${++messageId}`, from: user(chatId, language_code), chat_instance: '-3434', data,
      message: { message_id: messageId, from: { id: 123456, is_bot: true, first_name: 'Redress' }, chat: privateChat(chatId), date: 1764072000, text: 'Question?' },
    },
  };
}

export function photoUpdate(chatId: number, fileId: string, fileSize: number, caption?: string) {
  return {
    update_id: ++updateId,
    message: {
      message_id: ++messageId, from: user(chatId), chat: privateChat(chatId), date: 1764072000,
      photo: [
        { file_id: `${fileId}-small`, file_unique_id: 'AQADs', file_size: 1, width: 90, height: 67 },
        { file_id: fileId, file_unique_id: 'AQADl', file_size: fileSize, width: 1280, height: 960 },
        { file_id: `${fileId}-mid`, file_unique_id: 'AQADm', file_size: 2, width: 320, height: 240 },
      ],
      ...(caption ? { caption } : {}),
    },
  };
}

export function groupUpdate(chatId: number, fromId: number, text: string) {
  return { update_id: ++updateId, message: { message_id: ++messageId, from: user(fromId), chat: { id: chatId, type: 'supergroup', title: 'Shoppers' }, date: 1764072000, text } };
}

/** A message with one of Telegram's non-text contents (`{ sticker: … }`, `{ voice: … }`, `{ location: … }`). */
export function contentUpdate(chatId: number, content: Record<string, unknown>, language_code = 'en') {
  return { update_id: ++updateId, message: { message_id: ++messageId, from: user(chatId, language_code), chat: privateChat(chatId), date: 1764072000, ...content } };
}

export function documentUpdate(chatId: number, fileId: string, mimeType: string, fileSize: number, fileName = 'evidence.png') {
  return contentUpdate(chatId, { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, mime_type: mimeType, file_size: fileSize } });
}

export function editUpdate(chatId: number, messageIdEdited: number, text: string, language_code = 'en') {
  return {
    update_id: ++updateId,
    edited_message: { message_id: messageIdEdited, from: user(chatId, language_code), chat: privateChat(chatId), date: 1764072000, edit_date: 1764072060, text },
  };
}

export const STICKER = { sticker: { file_id: 'CAACAgIAAxk', file_unique_id: 'AgADxk', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😡' } };
export const VOICE = { voice: { file_id: 'AwACAgIAAxk', file_unique_id: 'AgADvo', duration: 4, mime_type: 'audio/ogg', file_size: 9000 } };
export const LOCATION = { location: { latitude: 31.2304, longitude: 121.4737 } };
