/** Literal Bot API updates, shaped as https://core.telegram.org/bots/api#update documents them. */
let updateId = 500_000;
let messageId = 100;

export const user = (id: number, language_code = 'en') => ({ id, is_bot: false, first_name: 'Mei', last_name: 'Chen', language_code });
export const privateChat = (id: number) => ({ id, type: 'private', first_name: 'Mei', last_name: 'Chen' });

export function textUpdate(chatId: number, text: string, language_code = 'en') {
  return { update_id: ++updateId, message: { message_id: ++messageId, from: user(chatId, language_code), chat: privateChat(chatId), date: 1764072000, text } };
}

export function buttonUpdate(chatId: number, data: string) {
  return {
    update_id: ++updateId,
    callback_query: {
      id: `4382bfdwdsb323b2d9${++messageId}`, from: user(chatId), chat_instance: '-3434', data,
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
