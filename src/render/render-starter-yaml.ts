/**
 * `membership init`: the commented starter file. It is valid as written (the tests validate it) and
 * shows every key the format has, each with what it means; the names are placeholders to replace.
 */
import { SCHEMA_COMMENT } from './render-export-yaml.js';

const STARTER_BODY = `#
# Who may access our Turso organizations and PlanetScale teams, reviewed like code.
#   membership validate   checks this file offline
#   membership plan       shows how today's membership differs from it (read-only)
#   membership apply      makes the API calls that close the gap
# The names below are examples: replace them with yours, and delete what you do not need.
# Whatever this file does not mention (a provider, an organization, a team) is only read,
# never changed. Owners and the token's own user are never changed or removed.
version: 1                        # the file format; only 1 exists

turso:                            # optional: leave it out to manage nothing on Turso
  organizations:
    your-turso-org:               # organization slug, as \`turso org list\` shows it
      prune: false                # true: also remove members, and cancel pending invites,
                                  # that this file does not list (otherwise reported as drift)
      members:                    # Turso username (not an email): role (admin | member | viewer)
        alice: admin
        bob: member
      invites:                    # optional: people without a Turso account yet, email: role
        new.hire@example.com: member

planetscale:                      # optional: leave it out to manage nothing on PlanetScale
  organizations:
    your-planetscale-org:         # organization name, as in its PlanetScale URLs
      members:                    # optional: organization members, email: role (member, admin, ...);
        alice@example.com: admin  # an email not yet in the organization is invited (as member only)
        bob@example.com: member
      teams:                      # optional: teams not listed here are left alone
        backend:                  # team slug
          prune: false            # true: remove team members this file does not list (from the
                                  # team only; they stay in the organization)
          members:                # organization members, by email (matched case-insensitively)
            - alice@example.com
            - bob@example.com
`;

/** The starter file: the schema line, then the commented example. */
export function renderStarterYaml(): string {
  return `# ${SCHEMA_COMMENT}\n${STARTER_BODY}`;
}
