import { mkdir, open, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RedressError } from '../errors.js';
import type { FileStoragePort } from './file-storage.port.js';

const MIME_BY_EXT: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf' };
/** Each key segment: letters, digits, `_`, `-`, `.` — and never `.` or `..` alone. */
const SEGMENT = /^(?!\.{1,2}$)[\w.-]{1,128}$/;

export interface LocalFileStorageOptions {
  /** UPLOAD_DIR. */
  dir: string;
  /** Prefix of the URL `put` returns; whoever serves the files (e.g. the agent console) mounts `get` there. */
  urlPrefix?: string;
}

/**
 * FileStoragePort on a local directory: one process, or several sharing a volume. Keys are `a/b/c.ext` paths;
 * anything that could leave the directory (`..`, absolute paths, backslashes, NUL) is refused, not rewritten,
 * so two different keys never map to one file. The mime type is kept by extension.
 */
export class LocalFileStorage implements FileStoragePort {
  private readonly root: string;
  private readonly urlPrefix: string;

  constructor(opts: LocalFileStorageOptions) {
    this.root = resolve(opts.dir);
    this.urlPrefix = opts.urlPrefix ?? '/files/';
  }

  async put(key: string, bytes: Buffer, _mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return { url: `${this.urlPrefix}${key}`, sizeBytes: bytes.length };
  }

  async putStream(key: string, source: AsyncIterable<Buffer>, _mimeType: string): Promise<{ url: string; sizeBytes: number }> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    let sizeBytes = 0;
    const count = new Transform({ transform(chunk: Buffer, _enc, done) { sizeBytes += chunk.length; done(null, chunk); } });
    // Opened before the first byte, so the removal below can never run ahead of a still-pending open.
    const file = await open(tmp, 'w');
    try {
      await pipeline(Readable.from(source, { objectMode: false }), count, file.createWriteStream());
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { url: `${this.urlPrefix}${key}`, sizeBytes };
  }

  async get(key: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    try {
      const bytes = await readFile(this.pathOf(key));
      return { bytes, mimeType: MIME_BY_EXT[key.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream' };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    // Directories are named after conversations (`webchat/<conversation>/…`): one left empty goes too, so an
    // erased consumer's conversation id does not stay behind as a directory name.
    for (let dir = dirname(path); dir !== this.root && dir.startsWith(this.root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty (or already gone): stop climbing
      }
    }
  }

  private pathOf(key: string): string {
    const segments = key.split('/');
    if (!segments.every((s) => SEGMENT.test(s))) {
      throw new RedressError('input.invalid', `storage key "${key.slice(0, 80)}" is not allowed: use a/b/c.ext with letters, digits, _ - .`);
    }
    const path = join(this.root, ...segments);
    if (!path.startsWith(this.root + sep)) throw new RedressError('input.invalid', 'storage key leaves the storage directory');
    return path;
  }
}
