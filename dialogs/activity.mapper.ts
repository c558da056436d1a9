import { ActivityTypes, type Activity } from 'botbuilder';
import type { InboundMessage, OutboundMessage } from '../src/messages/message.types.js';

/** What we tuck into `activity.channelData` so an outbound activity maps back to our message type losslessly. */
export interface RedressChannelData {
  redress?: Omit<OutboundMessage, 'text' | 'choices'>;
}

/** Our inbound message → a botbuilder message activity. A button press arrives as its value (ChoicePrompt matches it). */
export function toActivity(msg: InboundMessage, botId = 'redress'): Partial<Activity> {
  const text = msg.action ?? msg.text ?? '';
  return {
    type: ActivityTypes.Message,
    id: msg.id,
    text,
    timestamp: new Date(msg.receivedAt),
    locale: msg.locale,
    channelId: msg.address.channel,
    // The channel's name for the consumer rides here so the intake can file it (`consumerName`) from the confirming turn.
    from: { id: msg.address.userId, name: msg.displayName ?? '' },
    recipient: { id: botId, name: 'Redress' },
    conversation: { id: msg.address.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    serviceUrl: '',
    attachments: (msg.attachments ?? []).map((a) => ({ contentType: a.mimeType ?? 'application/octet-stream', contentUrl: a.url, name: a.name, content: a })),
    channelData: { address: msg.address },
  };
}

/** A botbuilder outbound activity → our message type; suggested actions become choices. */
export function fromActivity(activity: Partial<Activity>): OutboundMessage | null {
  if (activity.type && activity.type !== ActivityTypes.Message) return null;
  const extra = (activity.channelData as RedressChannelData | undefined)?.redress;
  const actions = activity.suggestedActions?.actions ?? [];
  const choices = actions.map((a) => ({ value: String(a.value ?? a.title), label: a.title }));
  return {
    kind: 'dialog',
    ...extra,
    text: activity.text ?? '',
    ...(choices.length ? { choices } : {}),
  };
}
