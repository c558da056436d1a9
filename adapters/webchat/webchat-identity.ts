import { jwtVerify } from 'jose';
import { cleanDisplayName } from '../../src/messages/consumer-text.js';

/** Platform user ids we accept: printable, no whitespace, bounded (they become part of a Redis key). */
const SHOP_USER_ID = /^[\w.@+\-:|]{1,128}$/;

/**
 * Verifies the embedding shop's claim that the consumer is its logged-in user `userId`.
 * The shop signs an HS256 JWT with WEBCHAT_IDENTITY_SECRET whose `sub` is the user id and that carries an `exp`
 * (we suggest a day at most): a plain HMAC of the id would be a password that never expires once leaked.
 * A `name` claim, when the shop signs one, is the consumer's name as agents see it (cleaned like every display name).
 * Returns the user id (and name), or null when the proof is missing, wrong, expired or for someone else.
 */
export async function verifyShopIdentity(
  secret: string | undefined,
  userId: string | undefined,
  signature: string | undefined,
  now: number,
): Promise<{ userId: string; name?: string } | null> {
  if (!secret || !userId || !signature || !SHOP_USER_ID.test(userId)) return null;
  try {
    const { payload } = await jwtVerify(signature, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now),
    });
    if (payload.sub !== userId) return null;
    const name = cleanDisplayName(typeof payload.name === 'string' ? payload.name : undefined);
    return name ? { userId, name } : { userId };
  } catch {
    return null;
  }
}
