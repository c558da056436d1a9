/**
 * The parts of a Bot API update that telegraf and our mapper read, checked before either sees it. Telegram sends
 * these shapes (https://core.telegram.org/bots/api#update); anything else did not come from Telegram, and is
 * answered 400 instead of crashing the turn into a 500 that asks for a redelivery (found by the fuzz suite:
 * `{"update_id":0,"message":{}}`). Unknown fields and update kinds pass through untouched.
 */
import type { Update } from 'telegraf/types';
import { z } from 'zod';

const int = z.number().int().refine(Number.isSafeInteger);
const chat = z.looseObject({ id: int, type: z.string() });
const user = z.looseObject({ id: int, is_bot: z.boolean().optional(), first_name: z.string(), last_name: z.string().optional(), language_code: z.string().optional() });
const photoSize = z.looseObject({ file_id: z.string(), width: z.number(), height: z.number(), file_size: z.number().optional() });
const document = z.looseObject({ file_id: z.string(), mime_type: z.string().optional(), file_size: z.number().optional(), file_name: z.string().optional() });
const message = z.looseObject({
  message_id: int, chat, from: user.optional(), text: z.string().optional(), caption: z.string().optional(),
  photo: z.array(photoSize).optional(), document: document.optional(),
});
const callbackQuery = z.looseObject({ id: z.string(), from: user, data: z.string().optional(), message: z.looseObject({ chat }).optional() });

const updateSchema = z.looseObject({ update_id: int, message: message.optional(), callback_query: callbackQuery.optional() })
  // Every other kind (edited_message, my_chat_member …) is at least an object, as telegraf's context expects.
  .refine((u) => Object.entries(u).every(([k, v]) => k === 'update_id' || (v !== null && typeof v === 'object' && !Array.isArray(v))));

export function isTelegramUpdate(body: unknown): body is Update {
  return updateSchema.safeParse(body).success;
}
