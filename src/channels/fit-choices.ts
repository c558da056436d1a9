import type { ChannelCapabilities } from './channel.port.js';
import type { OutboundMessage } from '../messages/message.types.js';

/**
 * Fits a message's choices to what a channel can show, without ever dropping one (botbuilder's
 * `choices/channel.ts` idea: the dialog states the choices, the channel's capabilities decide the rendering).
 * Within `maxButtons` the choices stay buttons. Past it every choice is written into the text as a numbered
 * list, which ChoicePrompt recognises when the consumer types the number or the label, and the buttons go (all of
 * them: a partial row of buttons would hide the rest). When text and list together are longer than the channel
 * takes, the text before the list is shortened, never the list.
 *
 * @example
 * fitChoices({ kind: 'dialog', text: 'Pick one', choices: twelve }, { maxButtons: 10, maxTextLength: 4000, perConversationPerSecond: 0 })
 * // → { kind: 'dialog', text: 'Pick one\n1. …\n12. …' }
 */
export function fitChoices(message: OutboundMessage, capabilities: ChannelCapabilities): OutboundMessage {
  const choices = message.choices ?? [];
  if (choices.length <= capabilities.maxButtons) return message;
  const list = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  const room = capabilities.maxTextLength - list.length - 1;
  const head = message.text.length <= room ? message.text : `${message.text.slice(0, Math.max(0, room - 1)).replace(/[\uD800-\uDBFF]$/, '')}…`;
  const { choices: _listed, ...rest } = message;
  return { ...rest, text: `${head}\n${list}` };
}
