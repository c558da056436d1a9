/**
 * A platform-side HTTP server for Redress's signed requests (`X-Redress-Timestamp` / `X-Redress-Signature`), as the
 * README tells a platform to write one: every body is checked with the server's own copy of the secret and
 * answered 401 when it does not verify; verified bodies go to `onVerified`. The order system and the events
 * receiver of the tests are both one.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/events/signed-request.js';

export class SignedHttpServer {
  badSignatures = 0;
  private server: Server | undefined;

  constructor(private readonly secret: string, private readonly onVerified: (body: string, res: ServerResponse) => void) {}

  /** Listens on a free loopback port; resolves to the base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
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
        this.onVerified(body, res);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}
