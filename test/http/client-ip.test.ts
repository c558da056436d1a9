// TRUST_PROXY parsing, and the one client-address rule applied to raw requests as fastify applies it to routes.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, parseTrustProxy, trustFunction } from '../../src/http/client-ip.js';
import { loadConfig } from '../../src/config/config.js';

function req(peer: string, xff?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: xff ? { 'x-forwarded-for': xff } : {} } as unknown as IncomingMessage;
}

describe('TRUST_PROXY', () => {
  it('is off by default and when off, X-Forwarded-For is ignored', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    for (const raw of ['', 'false', 'off', '0']) expect(parseTrustProxy(raw)).toBe(false);
    expect(clientIp(req('198.51.100.7', '1.2.3.4, 5.6.7.8'), trustFunction(false))).toBe('198.51.100.7');
  });

  it('a hop count believes exactly that many proxies', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    const xff = '6.6.6.6, 203.0.113.9, 10.0.0.2';
    expect(clientIp(req('10.0.0.1', xff), trustFunction(1))).toBe('10.0.0.2');
    expect(clientIp(req('10.0.0.1', xff), trustFunction(2))).toBe('203.0.113.9');
    expect(clientIp(req('10.0.0.1'), trustFunction(1))).toBe('10.0.0.1');
  });

  it('a list believes only the proxies named (addresses and CIDRs)', () => {
    const c = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
    expect(c.TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const trust = trustFunction(c.TRUST_PROXY);
    expect(clientIp(req('10.0.3.7', '6.6.6.6, 203.0.113.9'), trust)).toBe('203.0.113.9');
    expect(clientIp(req('10.0.3.7', '6.6.6.6, 203.0.113.9, 10.1.1.1'), trust)).toBe('203.0.113.9');
    // A peer that is not a listed proxy is the client, whatever it claims.
    expect(clientIp(req('198.51.100.7', '203.0.113.9'), trust)).toBe('198.51.100.7');
  });

  it('refuses `true` and malformed addresses with a message naming the key', () => {
    for (const bad of ['true', '10.0.0.0/99', 'proxy.example.com']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
