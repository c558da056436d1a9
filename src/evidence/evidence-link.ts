/**
 * Signed, expiring links to one evidence file, for places where the agent has no console session (a Slack
 * thread). The token is an HS256 JWT naming the complaint (`sub`), the evidence index (`idx`), our audience
 * and an `exp`; the console's evidence route verifies it and serves the file without a session.
 *
 * @example
 * const link = evidenceLinkOptions(config);
 * if (link) text += `<${await evidenceLink(complaint.id, 0, link)}|photo 1>`;
 */
import { systemClock } from '../clock.js';
import { jwtVerify, SignJWT } from 'jose';
import type { RawConfig } from '../config/config.js';
import { evidencePath } from './evidence-file.js';

const AUDIENCE = 'redress:evidence';

export interface EvidenceLinkOptions {
  /** EVIDENCE_LINK_SECRET: the same on every process that issues or checks links. */
  secret: string;
  ttlSeconds: number;
  /** PUBLIC_URL, where agents reach the console. */
  baseUrl: string;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

/** Options from config, or null when links cannot be issued (no EVIDENCE_LINK_SECRET or no PUBLIC_URL). */
export function evidenceLinkOptions(config: Pick<RawConfig, 'EVIDENCE_LINK_SECRET' | 'EVIDENCE_LINK_TTL_HOURS' | 'PUBLIC_URL'>): EvidenceLinkOptions | null {
  if (!config.EVIDENCE_LINK_SECRET || !config.PUBLIC_URL) return null;
  return { secret: config.EVIDENCE_LINK_SECRET, ttlSeconds: Math.round(config.EVIDENCE_LINK_TTL_HOURS * 3600), baseUrl: config.PUBLIC_URL };
}

/** An absolute URL that serves evidence item `index` of `complaintId` to whoever holds it, until it expires. */
export async function evidenceLink(complaintId: string, index: number, o: EvidenceLinkOptions): Promise<string> {
  const nowSeconds = Math.floor((o.now ?? systemClock)() / 1000);
  const token = await new SignJWT({ idx: index })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(complaintId)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + o.ttlSeconds)
    .sign(keyOf(o.secret));
  return `${o.baseUrl.replace(/\/+$/, '')}${evidencePath(complaintId, index)}?token=${token}`;
}

/** True only for an unexpired token we signed for exactly this complaint and index. */
export async function verifyEvidenceToken(token: string, complaintId: string, index: number, o: Pick<EvidenceLinkOptions, 'secret' | 'now'>): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, keyOf(o.secret), {
      algorithms: ['HS256'], audience: AUDIENCE, subject: complaintId, currentDate: new Date((o.now ?? systemClock)()), requiredClaims: ['exp'],
    });
    return payload.idx === index;
  } catch {
    return false;
  }
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
