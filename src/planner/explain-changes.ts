/**
 * Says why each change is planned (`because`), when the file declares `people:`: the groups that
 * grant it, `file` for the provider sections, `prune`, `departed` or `expired`. An organization
 * removal of a PlanetScale person carries their `revoke_credentials`, or a note that what they
 * created keeps working.
 */
import type { Reason } from '../model/people.js';
import type { Change, PlanNotice, PlanetScaleChange, TursoChange } from '../model/plan.js';
import type { Resolution } from './resolve-people.js';

export interface Explained {
  readonly changes: Change[];
  readonly notices: PlanNotice[];
}

export function explainChanges(changes: readonly Change[], resolution: Resolution): Explained {
  if (!resolution.explain) return { changes: [...changes], notices: [] };
  const notices: PlanNotice[] = [];
  const explained = changes.map((change): Change => {
    if (change.provider === 'turso') return { ...change, because: tursoReasons(change, resolution) };
    const { because, revokeCredentials } = planetScaleReasons(change, resolution);
    if (change.action !== 'remove' || 'team' in change || revokeCredentials === undefined) {
      return { ...change, because };
    }
    if (revokeCredentials) return { ...change, because, revoke_credentials: true };
    notices.push({
      kind: 'credentials_kept',
      provider: change.provider,
      organization: change.organization,
      member: change.member,
      message: `${change.member} leaves the organization, but the database passwords and service tokens they created keep working (set revoke_credentials: true on the person to delete them with the removal)`,
    });
    return { ...change, because };
  });
  return { changes: explained, notices };
}

function tursoReasons(change: TursoChange, resolution: Resolution): readonly Reason[] {
  const organization = resolution.turso.get(change.organization);
  const key = change.member.toLowerCase();
  if (change.action === 'remove' || change.action === 'cancel_invite') {
    return organization?.revoke.get(key) ?? ['prune'];
  }
  return organization?.because.get(key) ?? ['file'];
}

/** `revokeCredentials` is set for an organization removal of a person the file names. */
function planetScaleReasons(
  change: PlanetScaleChange,
  resolution: Resolution,
): { because: readonly Reason[]; revokeCredentials?: boolean } {
  const organization = resolution.planetscale.get(change.organization);
  const key = change.member.toLowerCase();
  const removal = change.action === 'remove' || change.action === 'cancel_invite';
  if ('team' in change) {
    const team = organization?.teams.get(change.team);
    return { because: (removal ? team?.revoke.get(key) : team?.because.get(key)) ?? [removal ? 'prune' : 'file'] };
  }
  if (!removal) return { because: organization?.because.get(key) ?? ['file'] };
  const revocation = organization?.revoke.get(key);
  if (revocation === undefined) return { because: ['prune'] };
  return change.action === 'remove'
    ? { because: revocation.because, revokeCredentials: revocation.revokeCredentials }
    : { because: revocation.because };
}
