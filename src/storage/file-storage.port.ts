/**
 * Where photo evidence is kept. Local directory by default; an object store (S3, GCS) implements the same
 * three methods and returns its own URLs.
 *
 * @example
 * const { url } = await storage.put('evidence/abc.jpg', bytes, 'image/jpeg');
 */
export interface FileStoragePort {
  put(key: string, bytes: Buffer, mimeType: string): Promise<{ url: string; sizeBytes: number }>;
  get(key: string): Promise<{ bytes: Buffer; mimeType: string } | null>;
  delete(key: string): Promise<void>;
}
