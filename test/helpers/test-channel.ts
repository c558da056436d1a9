/**
 * The other side of ChannelPort for tests: an in-memory outbox that can be told to fail.
 *
 * @example
 * const ch = new TestChannel();
 * ch.failNext(2, 'transient');            // two retryable failures, then success
 * ch.failNext(1, { retryAfterMs: 200 });  // a 429 with retry_after
 * ch.failNext(Infinity, 'permanent');     // blocked bot: never deliverable
 */
import type { ChannelCapabilities, ChannelPort } from '../../src/channels/channel.port.js';
import { ChannelSendError } from '../../src/errors.js';
import type { ConversationAddress, OutboundMessage } from '../../src/messages/message.types.js';

export type FailureKind = 'transient' | 'permanent' | { retryAfterMs: number };

export interface SentMessage {
  address: ConversationAddress;
  message: OutboundMessage;
}

export class TestChannel implements ChannelPort {
  readonly capabilities: ChannelCapabilities = {
    maxButtons: 10, maxTextLength: 4096, perConversationPerSecond: 100,
  };
  /** Every message that was accepted, in the order `send` accepted it. */
  readonly outbox: SentMessage[] = [];
  /** Every call to `send`, failed ones included. */
  calls = 0;
  private failures: Array<{ remaining: number; kind: FailureKind }> = [];

  constructor(readonly id = 'test') {}

  /** The next `n` sends throw (queued after any failures already set). `Infinity` fails for good. */
  failNext(n: number, kind: FailureKind = 'transient'): void {
    this.failures.push({ remaining: n, kind });
  }

  async send(address: ConversationAddress, message: OutboundMessage): Promise<{ messageId: string }> {
    this.calls++;
    const failure = this.failures[0];
    if (failure) {
      failure.remaining--;
      if (failure.remaining <= 0) this.failures.shift();
      throw toError(failure.kind);
    }
    // JSON round trip: the message must survive serialisation, as it would on a real wire.
    this.outbox.push(JSON.parse(JSON.stringify({ address, message })) as SentMessage);
    return { messageId: String(this.outbox.length) };
  }

  texts(): string[] {
    return this.outbox.map((m) => m.message.text);
  }

  /** Resolves once the outbox holds at least `count` messages; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.outbox.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${this.outbox.length} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.outbox;
  }
}

function toError(kind: FailureKind): ChannelSendError {
  if (kind === 'permanent') return new ChannelSendError('test channel: chat is gone', true);
  if (kind === 'transient') return new ChannelSendError('test channel: temporarily unavailable', false);
  return new ChannelSendError(`test channel: retry after ${kind.retryAfterMs} ms`, false, kind.retryAfterMs);
}
