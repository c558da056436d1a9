/**
 * Where photo evidence is kept. Local directory by default; an object store (S3, GCS) implements the same
 * three methods and returns its own URLs.
 *
 * @example
 * const { url } = await storage.put('evidence/abc.jpg', bytes, 'image/jpeg');
 * const streamed = await storage.putStream('evidence/def.jpg', request.file, 'image/jpeg');
 */
export interface FileStoragePort {
  put(key: string, bytes: Buffer, mimeType: string): Promise<{ url: string; sizeBytes: number }>;
  /**
   * Writes a stream without holding it in memory. When `source` fails (a size limit, a client gone) the partial
   * file is removed and the error rethrown: nothing half-written is ever readable.
   */
  putStream(key: string, source: AsyncIterable<Buffer>, mimeType: string): Promise<{ url: string; sizeBytes: number }>;
  get(key: string): Promise<{ bytes: Buffer; mimeType: string } | null>;
  delete(key: string): Promise<void>;
}
