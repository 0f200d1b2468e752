/**
 * A person-form desired state built in code (what the config reader makes of a `people:` and
 * `groups:` file), and an observed state with drift against it, for the access review tests.
 *
 *   people: alice (turso alice-gh), bob, carol (data-eng until 2026-12-10), dana (no Turso
 *   account: invited), zoe (departed)
 *   groups: data-eng (alice, bob, carol until 2026-12-10, dana): turso acme-data member,
 *           planetscale acme member + team backend; db-admins (alice): turso acme-data admin
 *   provider sections: turso acme-data members {erin: viewer}
 */
import type { DesiredState } from '../../src/model/desired-state.js';
import type { Group, Person } from '../../src/model/people.js';
import type { Observed, ObservedTursoOrganization } from '../../src/model/observed.js';
import { observed, planetscaleOrg } from './builders.js';

export const AS_OF = Date.parse('2026-12-01T09:00:00Z');

const person = (email: string, extra: Partial<Person> = {}): Person => ({
  email,
  departed: false,
  revokeCredentials: false,
  ...extra,
});

export function peopleDesired(): DesiredState {
  const people = new Map<string, Person>([
    ['alice', person('alice@acme.dev', { turso: 'alice-gh' })],
    ['bob', person('bob@acme.dev')],
    ['carol', person('carol@acme.dev')],
    ['dana', person('dana@acme.dev')],
    ['zoe', person('zoe@acme.dev', { departed: true })],
  ]);
  const groups = new Map<string, Group>([
    [
      'data-eng',
      {
        members: [{ person: 'alice' }, { person: 'bob' }, { person: 'carol', until: '2026-12-10' }, { person: 'dana' }],
        turso: new Map([['acme-data', 'member']]),
        planetscale: new Map([['acme', { role: 'member', teams: ['backend'] }]]),
      },
    ],
    ['db-admins', { members: [{ person: 'alice' }], turso: new Map([['acme-data', 'admin']]), planetscale: new Map() }],
  ]);
  return {
    version: 1,
    people: { people, groups },
    turso: { organizations: new Map([['acme-data', { members: new Map([['erin', 'viewer']]), prune: false }]]) },
    planetscale: {
      organizations: new Map([
        ['acme', { teams: new Map([['backend', { members: [], prune: false }]]), members: new Map(), prune: false }],
      ]),
    },
  };
}

function tursoMembers(members: Record<string, [role: string, email?: string]>): ObservedTursoOrganization['members'] {
  return new Map(
    Object.entries(members).map(([username, [role, email]]) => [
      username.toLowerCase(),
      { username, role, ...(email === undefined ? {} : { email }) },
    ]),
  );
}

export function peopleObserved(): Observed {
  return observed({
    turso: {
      'acme-data': {
        type: 'team',
        tokenUser: 'olga',
        members: tursoMembers({
          olga: ['owner', 'olga@acme.dev'],
          'alice-gh': ['admin', 'alice@acme.dev'],
          bob: ['member', 'bob@acme.dev'],
          carol: ['member', 'carol@acme.dev'],
          zoe: ['member', 'zoe@acme.dev'],
          mallory: ['member', 'mallory@contractor.example'],
          erin: ['member'],
        }),
        invites: new Map([
          ['dana@acme.dev', { email: 'dana@acme.dev', role: 'member', createdAt: '2026-11-30T00:00:00Z' }],
        ]),
      },
    },
    planetscale: {
      acme: planetscaleOrg(
        {
          'olga@acme.dev': 'u-olga',
          'alice@acme.dev': 'u-alice',
          'bob@acme.dev': 'u-bob',
          'carol@acme.dev': 'u-carol',
          'zoe@acme.dev': 'u-zoe',
        },
        { backend: ['alice@acme.dev', 'carol@acme.dev'] },
        [],
        { roles: { 'olga@acme.dev': 'admin', 'alice@acme.dev': 'admin' }, invitations: {} },
      ),
    },
  });
}
