import { describe, expect, it } from 'vitest';
import { merchantLinks } from '../../src/merchants/merchant-link.js';

const SECRET = 'merchant-link-unit-secret-0123456789abc';
const NOW = Date.parse('2026-12-01T10:00:00Z');
const request = { id: 'RD-20261201-0001.m1', dueAt: NOW + 3_600_000 };

describe('merchant answer links', () => {
  const links = merchantLinks({ MERCHANT_LINK_SECRET: SECRET, MERCHANT_LINK_GRACE_HOURS: 2, PUBLIC_URL: 'https://redress.example/' }, () => NOW)!;

  it('name the request and its case, fit one path segment, and are the same every time they are derived', () => {
    const link = links.link(request);
    expect(link).toBe(links.link(request));
    expect(link).toMatch(/^https:\/\/redress\.example\/merchant\/r\/RD-20261201-0001\.m1~[0-9a-z]+~[\w-]{22}$/);
    expect(links.token(request).length).toBeLessThan(100);
    expect(links.verify(links.token(request))).toEqual({ ok: true, requestId: request.id, complaintId: 'RD-20261201-0001' });
  });

  it('refuse an edited request id, expiry or mac, another secret\'s token and junk as invalid', () => {
    const token = links.token(request);
    const [id, exp, mac] = token.split('~') as [string, string, string];
    const other = merchantLinks({ MERCHANT_LINK_SECRET: `${SECRET}-other`, MERCHANT_LINK_GRACE_HOURS: 2 }, () => NOW)!;
    for (const bad of [`RD-20261201-0002.m1~${exp}~${mac}`, `${id}~${(parseInt(exp, 36) + 86_400).toString(36)}~${mac}`, `${id}~${exp}~${mac.slice(0, -1)}A`,
      other.token(request), '', '~~', 'a~b~c~d', 'x'.repeat(500)]) {
      expect(links.verify(bad), bad).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('expire at the deadline plus the grace, and say so apart from a forged one', () => {
    const token = links.token(request);
    const at = (ms: number) => merchantLinks({ MERCHANT_LINK_SECRET: SECRET, MERCHANT_LINK_GRACE_HOURS: 2 }, () => ms)!;
    expect(at(request.dueAt + 2 * 3_600_000 - 1000).verify(token).ok).toBe(true);
    expect(at(request.dueAt + 2 * 3_600_000).verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are off without MERCHANT_LINK_SECRET', () => {
    expect(merchantLinks({ MERCHANT_LINK_GRACE_HOURS: 72 })).toBeNull();
  });
});
