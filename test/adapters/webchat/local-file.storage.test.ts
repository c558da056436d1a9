import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFileStorage } from '../../../src/storage/local-file.storage.js';

describe('LocalFileStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-store-'));
  const storage = new LocalFileStorage({ dir });

  it('puts, gets and deletes by key, with the mime type from the extension', async () => {
    const { url, sizeBytes } = await storage.put('webchat/wc_1/att_a.png', Buffer.from('png!'), 'image/png');
    expect({ url, sizeBytes }).toEqual({ url: '/files/webchat/wc_1/att_a.png', sizeBytes: 4 });
    expect(await storage.get('webchat/wc_1/att_a.png')).toEqual({ bytes: Buffer.from('png!'), mimeType: 'image/png' });
    expect(readdirSync(join(dir, 'webchat/wc_1'))).toEqual(['att_a.png']);
    await storage.delete('webchat/wc_1/att_a.png');
    expect(await storage.get('webchat/wc_1/att_a.png')).toBeNull();
  });

  it('refuses keys that could leave the directory', async () => {
    for (const key of ['../escape.png', 'a/../../b.png', '/etc/passwd', 'a\\..\\b', 'a//b', '..', 'a/./b', 'nul\0.png', '']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toMatchObject({ code: 'input.invalid' });
      await expect(storage.get(key)).rejects.toMatchObject({ code: 'input.invalid' });
    }
  });
});
