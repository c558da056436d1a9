/**
 * A widget upload over a raw HTTP connection, written in parts: a test (or the abuse bench) can hold an upload
 * open mid-body, the way a slow phone or an attacker does, and finish it later.
 */
import { request } from 'node:http';

const BOUNDARY = 'redress-test-boundary';

export interface UploadReply { status: number; body: Record<string, unknown>; retryAfter: string | null }

export interface OpenUpload {
  /** Sends more of the file. */
  write(bytes: Buffer): Promise<void>;
  /** Sends the rest and the closing boundary; resolves with the answer. */
  finish(rest?: Buffer): Promise<UploadReply>;
  /** The answer, also when the server answers before the body is complete. */
  reply: Promise<UploadReply>;
}

export function openUpload(base: string, token: string, first: Buffer, opts: { locale?: string; name?: string; type?: string } = {}): OpenUpload {
  const url = new URL(`${base}/webchat/upload${opts.locale ? `?locale=${opts.locale}` : ''}`);
  const req = request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  const reply = new Promise<UploadReply>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>, retryAfter: res.headers['retry-after'] ?? null }));
    });
    // The server may close after answering a refused upload while we are still writing: the answer counts.
    req.on('error', (err) => setTimeout(() => reject(err), 1000));
  });
  const write = (b: Buffer) => new Promise<void>((resolve) => { if (req.destroyed) resolve(); else req.write(b, () => resolve()); });
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${opts.name ?? 'photo.png'}"\r\nContent-Type: ${opts.type ?? 'image/png'}\r\n\r\n`);
  void write(Buffer.concat([head, first]));
  return {
    write,
    reply,
    finish: async (rest = Buffer.alloc(0)) => {
      if (!req.destroyed) req.end(Buffer.concat([rest, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));
      return reply;
    },
  };
}

/** One whole upload. */
export function uploadBytes(base: string, token: string, bytes: Buffer, locale?: string): Promise<UploadReply> {
  return openUpload(base, token, bytes, { locale }).finish();
}
