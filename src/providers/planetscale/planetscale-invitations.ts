/**
 * Pending invitations as observe and apply both read them: apply re-lists them to find the id of
 * the invitation it cancels, and must see exactly what the plan saw.
 */
import type { PlanetScaleInvitation } from '../../model/observed.js';
import type { PlanetScaleApiInvitation } from './planetscale-api.js';

/**
 * lower-cased email -> pending invitation. Expired ones are left out: they let nobody in, so an
 * invitation the file declares is planned again rather than reported as pending forever.
 */
export function toInvitations(invitations: readonly PlanetScaleApiInvitation[]): Map<string, PlanetScaleInvitation> {
  const byEmail = new Map<string, PlanetScaleInvitation>();
  for (const { id, email, role, expired, created_at } of invitations) {
    if (expired === true) continue;
    byEmail.set(email.toLowerCase(), { id, email, role: role ?? 'member', createdAt: created_at });
  }
  return byEmail;
}
