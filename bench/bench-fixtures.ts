import type { AgentWorkspacePort } from '../src/agents/agent-workspace.port.js';
import type { ChannelCapabilities, ChannelPort } from '../src/channels/channel.port.js';
import type { Complaint } from '../src/complaints/complaint.types.js';
import type { ConversationAddress, OutboundMessage } from '../src/messages/message.types.js';

/** A channel that keeps only each conversation's last message (a bench sends tens of thousands). */
export class LastMessageChannel implements ChannelPort {
  readonly capabilities: ChannelCapabilities = {
    maxButtons: 10, maxTextLength: 4096, perConversationPerSecond: 100,
  };
  private readonly last = new Map<string, OutboundMessage>();
  sent = 0;

  constructor(readonly id = 'bench') {}

  async send(address: ConversationAddress, message: OutboundMessage): Promise<{ messageId: string }> {
    this.last.set(address.conversationId, message);
    return { messageId: String(++this.sent) };
  }

  lastTo(conversationId: string): OutboundMessage | undefined {
    return this.last.get(conversationId);
  }
}

/** An agent workspace that tells waiters when a consumer's case was announced (performance.now()). */
export class AnnounceWatch implements AgentWorkspacePort {
  readonly id = 'bench';
  private readonly waiters = new Map<string, (at: number) => void>();

  /** Resolves with the time `announceCase` ran for this consumer's next case. Register before acting. */
  next(consumerId: string, timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no announceCase for ${consumerId} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(consumerId, (at) => { clearTimeout(timer); resolve(at); });
    });
  }

  async announceCase(c: Complaint): Promise<void> {
    const at = performance.now();
    this.waiters.get(c.consumerId)?.(at);
    this.waiters.delete(c.consumerId);
  }

  async caseUpdated(): Promise<void> {}
  async alertSupervisors(): Promise<void> {}
}

export interface Percentiles { p50: number; p90: number; p99: number; max: number; n: number }

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s.at(-1) ?? NaN, n: s.length };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs `tasks` with at most `limit` in flight. */
export async function pool(limit: number, count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Calls per command name over one or more `INFO commandstats` texts (several masters' summed), per unit of work, largest first. */
export function commandsPer(infos: string[], units: number): Record<string, number> {
  const calls = new Map<string, number>();
  for (const info of infos) for (const [, name, n] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(name!, (calls.get(name!) ?? 0) + Number(n));
  return Object.fromEntries([...calls].map(([name, n]) => [name, +(n / units).toFixed(1)] as const).sort((a, b) => b[1] - a[1]));
}
