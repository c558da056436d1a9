import { randomBytes } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { OutboundMessage } from '../src/messages/message.types.js';
import { fromActivity } from './activity.mapper.js';

/** Where a turn's replies go: the composition root sends them through the consumer's channel. */
export type ReplySink = (context: TurnContext, message: OutboundMessage) => Promise<void>;

/**
 * Runs botbuilder dialogs for our own channels: activities in from `InboundMessage`s, replies out as
 * `OutboundMessage`s through `sink`. No Bot Framework credentials, no HTTP of its own.
 */
export class RedressBotAdapter extends BotAdapter {
  private seq = 0;
  /** Unique per adapter, so activity ids from two processes never collide. */
  private readonly instance = randomBytes(6).toString('hex');

  constructor(private readonly sink: ReplySink) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const message = fromActivity(activity);
      if (message && (message.text || message.choices?.length)) await this.sink(context, message);
      responses.push({ id: `${this.instance}-${++this.seq}` });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    // Dialogs here never edit a sent message; channels that can edit do so through ChannelPort.update.
  }

  async deleteActivity(): Promise<void> {}

  async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** One turn: `logic` runs through the middleware pipeline and `onTurnError`. */
  async runTurn(activity: Partial<Activity>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
