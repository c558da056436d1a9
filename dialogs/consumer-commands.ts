import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n/catalog.js';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import type { ConversationData } from './intake-state.js';
import { CANCEL_CONFIRM } from './cancel-confirm.dialog.js';
import { PROMPT } from './field.dialogs.js';

const PROMPT_IDS = new Set<string>(Object.values(PROMPT));

export interface CommandContext {
  ctx: TurnContext;
  dc: DialogContext;
  data: ConversationData;
  consumerId: string;
  complaints: ComplaintService;
  /** Formats a time for this consumer (their own zone when the channel sent it, else the shop's, named). */
  time(at: number): string;
  /** Files what we have so far and tells the consumer a specialist is coming. */
  handToHuman(): Promise<void>;
  /** `/start [payload]`: the welcome (a deep link's payload may name the order), or "welcome back" mid-dialog. */
  welcome(payload: string): Promise<void>;
}

const ALIASES: Record<string, string> = {
  '/开始': '/start', '/帮助': '/help', '/状态': '/status', '/取消': '/cancel', '/人工': '/human', '/agent': '/human',
};

/**
 * `/start`, `/help`, `/status`, `/cancel`, `/human`, `/lang en|zh` at any point of the dialog. Returns false when
 * the text is not a command. Help and status leave the dialog where it was and re-ask its question.
 */
export async function runCommand(text: string, c: CommandContext): Promise<boolean> {
  if (!text.startsWith('/')) return false;
  const [raw = '', arg = ''] = text.trim().split(/\s+/, 2);
  const cmd = ALIASES[raw.toLowerCase()] ?? raw.toLowerCase().replace(/@\w+$/, '');
  const L = c.data.locale ?? 'en';
  switch (cmd) {
    case '/start':
      await c.welcome(arg);
      return true;
    case '/help':
      await c.ctx.sendActivity(t(L, 'dialog.help'));
      await reprompt(c);
      return true;
    case '/status':
      await c.ctx.sendActivity(await statusText(c));
      await reprompt(c);
      return true;
    case '/cancel':
      await cancel(c);
      return true;
    case '/human':
      await c.handToHuman();
      return true;
    case '/lang':
      if (arg === 'en' || arg === 'zh') {
        c.data.locale = arg;
        c.data.localeFixed = true;
        await c.ctx.sendActivity(t(arg, 'dialog.language_set'));
        await rerender(c);
        return true;
      }
      break;
  }
  await c.ctx.sendActivity(t(L, 'dialog.unknown_command', { command: raw.slice(0, 32) }));
  await reprompt(c);
  return true;
}

/**
 * Prompts persist their rendered text, so after a language switch a plain reprompt would repeat the old
 * language. Drop the pending prompt and restart the step that asked it: it renders again in the new language.
 */
async function rerender(c: CommandContext): Promise<void> {
  const top = c.dc.activeDialog;
  if (!top) return;
  if (!PROMPT_IDS.has(top.id)) return reprompt(c);
  c.dc.stack.splice(c.dc.stack.indexOf(top), 1);
  const owner = c.dc.activeDialog;
  if (owner) await c.dc.replaceDialog(owner.id);
}

/** Mid-dialog, asks before the draft goes (cancel-confirm.dialog.ts); asked already, asks again. */
async function cancel(c: CommandContext): Promise<void> {
  if (c.dc.stack.some((d) => d.id === CANCEL_CONFIRM)) return reprompt(c);
  if (c.dc.activeDialog) {
    await c.dc.beginDialog(CANCEL_CONFIRM);
    return;
  }
  c.data.draft = undefined;
  await c.ctx.sendActivity(t(c.data.locale ?? 'en', 'dialog.cancelled'));
}

async function reprompt(c: CommandContext): Promise<void> {
  if (c.dc.activeDialog) await c.dc.repromptDialog();
}

/** Only the consumer's own complaints: the index is keyed by their consumer id. */
async function statusText(c: CommandContext): Promise<string> {
  const L = c.data.locale ?? 'en';
  const own = await c.complaints.listOwn(c.consumerId);
  if (!own.length) return t(L, 'dialog.status_none');
  const lines = own.slice(0, 10).map((x) => t(L, 'dialog.status_item', {
    id: x.id, category: t(L, `category.${x.category}`), status: t(L, `status.${x.status}`), time: c.time(x.updatedAt),
  }));
  return [t(L, 'dialog.status_header'), ...lines].join('\n');
}
