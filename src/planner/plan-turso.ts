import type { TursoOrganizationSpec } from '../model/desired-state.js';
import type { ObservedTursoOrganization } from '../model/observed.js';
import type { Change, Drift, PlanProblem } from '../model/plan.js';
import type { PlanParts } from './plan-parts.js';

/** Owners can be neither declared nor changed through the API, so they are never drift (README "Owners"). */
const OWNER = 'owner';

export function planTursoOrganization(
  organization: string,
  spec: TursoOrganizationSpec,
  observed: ObservedTursoOrganization | undefined,
): PlanParts {
  const changes: Change[] = [];
  const drift: Drift[] = [];
  const problems: PlanProblem[] = [];
  if (!observed) {
    problems.push({
      provider: 'turso',
      organization,
      message: `organization "${organization}" was not found (or TURSO_API_TOKEN cannot see it)`,
    });
    return { changes, drift, problems };
  }
  if (observed.type !== 'team') {
    // "You can only add users to a team and not your personal account" (API-NOTES.md §1.2).
    problems.push({
      provider: 'turso',
      organization,
      message: `"${organization}" is a ${observed.type} account; members can be added to team organizations only`,
    });
    return { changes, drift, problems };
  }

  for (const [member, role] of spec.members) {
    const current = observed.members.get(member);
    if (!current) {
      changes.push({ provider: 'turso', action: 'add', organization, member, role });
    } else if (current.role !== role && current.role !== OWNER) {
      drift.push({ provider: 'turso', kind: 'role_mismatch', organization, member, role: current.role, declared_role: role });
    }
  }
  for (const current of observed.members.values()) {
    if (spec.members.has(current.username) || current.role === OWNER) continue;
    drift.push({ provider: 'turso', kind: 'undeclared_member', organization, member: current.username, role: current.role });
  }
  return { changes, drift, problems };
}
