import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../../src/storage/image-sniffer.js';
import { botEntry, checkMessage, parseClientFrame, toInboundMessage, userEntry } from '../../../adapters/webchat/webchat.mapper.js';
import { makeOriginCheck } from '../../../adapters/webchat/webchat-origin.js';
import { tinyPng } from './png.fixture.js';

const session = { sessionId: 'ses_1', conversationId: 'wc_1', userId: 'anon_1' };
const upload = { attachmentId: 'att_1.png', storageKey: 'webchat/wc_1/att_1.png', conversationId: 'wc_1', mimeType: 'image/png', sizeBytes: 99, url: '/files/webchat/wc_1/att_1.png' };

describe('webchat mapper', () => {
  it('parses frames and rejects malformed ones with a coded, helpful error', () => {
    expect(parseClientFrame('{"type":"message","clientId":"c-1","text":"hi"}')).toEqual({ type: 'message', clientId: 'c-1', text: 'hi' });
    expect(() => parseClientFrame('{oops')).toThrow(expect.objectContaining({ wireCode: 'input.invalid', message: expect.stringContaining('JSON') }));
    expect(() => parseClientFrame('{"type":"message","clientId":"has spaces"}')).toThrow(expect.objectContaining({ message: expect.stringContaining('clientId') }));
    expect(() => parseClientFrame('[1,2]')).toThrow(expect.objectContaining({ wireCode: 'input.invalid' }));
  });

  it('limits text by characters, not UTF-16 units, and refuses empty messages', () => {
    expect(() => checkMessage({ type: 'message', clientId: 'a', text: '😀'.repeat(10) }, 10)).not.toThrow();
    expect(() => checkMessage({ type: 'message', clientId: 'a', text: '😀'.repeat(11) }, 10)).toThrow(expect.objectContaining({ wireCode: 'input.too_large' }));
    expect(() => checkMessage({ type: 'message', clientId: 'a', text: '  ' }, 10)).toThrow(expect.objectContaining({ wireCode: 'input.invalid' }));
  });

  it('maps a pressed button to an action without text, and photos to image attachments', () => {
    const m = toInboundMessage({ type: 'message', clientId: 'c1', action: 'late', text: 'Late delivery' }, session, [], 'zh', 5);
    expect(m).toEqual({ id: 'webchat-wc_1-c1', address: { channel: 'webchat', conversationId: 'wc_1', userId: 'anon_1' }, action: 'late', locale: 'zh', receivedAt: 5 });
    const p = toInboundMessage({ type: 'message', clientId: 'c2', attachments: ['att_1.png'] }, session, [upload], undefined, 6);
    expect(p.attachments).toEqual([{ kind: 'image', url: upload.url, mimeType: 'image/png', sizeBytes: 99, fileId: 'att_1.png', storageKey: upload.storageKey }]);
    expect(userEntry({ type: 'message', clientId: 'c2', attachments: ['att_1.png'] }, [upload], 6)).toEqual({
      ts: 6, from: 'user', clientId: 'c2', text: '', attachments: [{ id: 'att_1.png', mimeType: 'image/png', sizeBytes: 99 }],
    });
  });

  it('says when the locale is only the browser\'s guess, and a hello\'s bad localeGuessed is dropped, not refused', () => {
    const frame = { type: 'message', clientId: 'c3', text: '快递丢了' } as const;
    expect(toInboundMessage(frame, session, [], 'en-US', 8, { localeGuessed: true })).toMatchObject({ locale: 'en-US', localeGuessed: true });
    expect(toInboundMessage(frame, session, [], 'zh', 8)).not.toHaveProperty('localeGuessed');
    expect(toInboundMessage(frame, session, [], undefined, 8, { localeGuessed: true })).not.toHaveProperty('localeGuessed');
    expect(parseClientFrame(JSON.stringify({ type: 'hello', locale: 'en', localeGuessed: 'yes' }))).toEqual({ type: 'hello', locale: 'en' });
  });

  it('keeps only wire fields of an outbound message', () => {
    const e = botEntry({ kind: 'dialog', text: 'Pick', choices: [{ value: 'a', label: 'A' }], expects: 'choice', idempotencyKey: 'k' }, 7);
    expect(e).toEqual({ ts: 7, from: 'bot', kind: 'dialog', text: 'Pick', choices: [{ value: 'a', label: 'A' }], expects: 'choice' });
  });

  it('gives an agent\'s reply to the widget as the author\'s name and what they wrote, apart', () => {
    const e = botEntry({ kind: 'agent_reply', text: 'Ling: Ling will call you.', from: { name: 'Ling', text: 'Ling will call you.' }, complaintId: 'RD-1' }, 8);
    expect(e).toEqual({ ts: 8, from: 'bot', kind: 'agent_reply', author: 'Ling', text: 'Ling will call you.', complaintId: 'RD-1' });
    expect(botEntry({ kind: 'agent_reply', text: 'Ling: hi' }, 9)).toEqual({ ts: 9, from: 'bot', kind: 'agent_reply', text: 'Ling: hi' });
  });
});

describe('image sniffing', () => {
  it('knows images by their bytes and HEIC apart from other files', () => {
    expect(sniffImage(tinyPng())).toEqual({ ok: true, type: { mimeType: 'image/png', ext: 'png' } });
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toMatchObject({ ok: true, type: { mimeType: 'image/jpeg' } });
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toMatchObject({ ok: true, type: { mimeType: 'image/webp' } });
    expect(sniffImage(Buffer.from('GIF89a....'))).toMatchObject({ ok: true, type: { mimeType: 'image/gif' } });
    expect(sniffImage(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic')]))).toEqual({ ok: false, heic: true });
    expect(sniffImage(Buffer.from('<svg onload=alert(1)>'))).toEqual({ ok: false, heic: false });
  });
});

describe('origin allowlist', () => {
  it('allows listed origins and the server\'s own pages; an empty list allows all', () => {
    const check = makeOriginCheck(['https://shop.example', 'http://localhost:8080/']);
    expect(check('https://shop.example', 'redress.example')).toBe(true);
    expect(check('http://localhost:8080', 'redress.example')).toBe(true);
    expect(check('https://evil.example', 'redress.example')).toBe(false);
    expect(check('https://redress.example', 'redress.example')).toBe(true);
    expect(check(undefined, 'redress.example')).toBe(false);
    expect(makeOriginCheck([])('https://anything.example', 'x')).toBe(true);
  });
});
