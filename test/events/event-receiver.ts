/**
 * A platform's webhook receiver, as the README tells one to write it: verifies every event's signature with
 * its own copy of the secret (401 otherwise), de-duplicates by event id, and keeps each complaint's events in
 * arrival order. `answer` lets a test play a receiver that is down for a while.
 */
import type { CaseEvent } from '../../src/events/case-events.js';
import { SignedHttpServer } from '../helpers/signed-http-server.js';

export class EventReceiver {
  /** First arrival of each event, per complaint, in arrival order. */
  readonly byComplaint = new Map<string, CaseEvent[]>();
  /** Every verified POST, duplicates included. */
  posts = 0;
  duplicates = 0;
  /** What to answer a verified event (default 200). */
  answer: (e: CaseEvent) => number = () => 200;
  /** How long each answer takes (a slow receiver keeps deliveries in flight, so a kill lands mid-stream). */
  delayMs = 0;
  private readonly seen = new Set<string>();
  private readonly server: SignedHttpServer;
  url = '';

  constructor(secret: string) {
    this.server = new SignedHttpServer(secret, (body, res) => {
      const event = JSON.parse(body) as CaseEvent;
      const status = this.answer(event);
      if (status >= 200 && status < 300) {
        this.posts++;
        if (this.seen.has(event.id)) this.duplicates++;
        else {
          this.seen.add(event.id);
          this.byComplaint.set(event.complaint.id, [...(this.byComplaint.get(event.complaint.id) ?? []), event]);
        }
      }
      setTimeout(() => res.writeHead(status).end(), this.delayMs);
    });
  }

  get badSignatures(): number {
    return this.server.badSignatures;
  }

  async start(): Promise<void> {
    this.url = `${await this.server.start()}/redress-events`;
  }

  types(complaintId: string): string[] {
    return (this.byComplaint.get(complaintId) ?? []).map((e) => e.type);
  }

  /** True when the complaint's events arrived in the order Redress made them (version, then place in the change). */
  inOrder(complaintId: string): boolean {
    const keys = (this.byComplaint.get(complaintId) ?? []).map((e) => e.id.split(':').slice(-2).map(Number) as [number, number]);
    return keys.every((k, i) => i === 0 || k[0] > keys[i - 1]![0] || (k[0] === keys[i - 1]![0] && k[1] > keys[i - 1]![1]));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
