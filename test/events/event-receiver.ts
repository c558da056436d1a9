/**
 * A platform's webhook receiver, as the README tells one to write it: verifies every event's signature with
 * its own copy of the secret (401 otherwise), de-duplicates by event id, and keeps each complaint's events in
 * arrival order. `answer` lets a test play a receiver that is down for a while.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseEvent } from '../../src/events/case-events.js';
import { verifySignature } from '../../src/events/signed-request.js';

export class EventReceiver {
  /** First arrival of each event, per complaint, in arrival order. */
  readonly byComplaint = new Map<string, CaseEvent[]>();
  /** Every verified POST, duplicates included. */
  posts = 0;
  duplicates = 0;
  badSignatures = 0;
  /** What to answer a verified event (default 200). */
  answer: (e: CaseEvent) => number = () => 200;
  /** How long each answer takes (a slow receiver keeps deliveries in flight, so a kill lands mid-stream). */
  delayMs = 0;
  private server: Server | undefined;
  private readonly seen = new Set<string>();
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (!verifySignature(this.secret, req.headers, body, Date.now)) {
          this.badSignatures++;
          res.writeHead(401).end();
          return;
        }
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
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/redress-events`;
  }

  types(complaintId: string): string[] {
    return (this.byComplaint.get(complaintId) ?? []).map((e) => e.type);
  }

  /** True when the complaint's events arrived in the order Redress made them (version, then place in the change). */
  inOrder(complaintId: string): boolean {
    const keys = (this.byComplaint.get(complaintId) ?? []).map((e) => e.id.split(':').slice(-2).map(Number) as [number, number]);
    return keys.every((k, i) => i === 0 || k[0] > keys[i - 1]![0] || (k[0] === keys[i - 1]![0] && k[1] > keys[i - 1]![1]));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}
