/** `membership validate`: offline; reads the file and nothing else. */
import { readDesiredStateFile } from '../config/load-desired-state.js';
import type { DesiredState } from '../model/desired-state.js';
import { plural } from '../render/plural.js';
import type { CliIo } from './io.js';
import { EXIT } from './exit-codes.js';

export interface ValidateCommandOptions {
  readonly file: string;
  readonly format: 'text' | 'json';
}

/** An invalid file throws a ConfigError: one line per issue, or under --format json the error object (cli/main.ts). */
export async function runValidateCommand({ file, format }: ValidateCommandOptions, io: CliIo): Promise<number> {
  const { desired } = await readDesiredStateFile(file);
  io.stdout.write(
    format === 'json'
      ? JSON.stringify({ format_version: 1, valid: true, file }, null, 2) + '\n'
      : `${file} is valid: ${describe(desired)}.\n`,
  );
  return EXIT.ok;
}

function describe(desired: DesiredState): string {
  let turso = 0;
  for (const org of desired.turso?.organizations.values() ?? []) turso += org.members.size;
  let planetscale = 0;
  let teams = 0;
  for (const org of desired.planetscale?.organizations.values() ?? []) {
    for (const team of org.teams.values()) {
      teams += 1;
      planetscale += team.members.length;
    }
  }
  const people = desired.people;
  const departed = [...(people?.people.values() ?? [])].filter((person) => person.departed).length;
  return (
    `${plural(turso, 'Turso member')} in ${plural(desired.turso?.organizations.size ?? 0, 'organization')}, ` +
    `${plural(planetscale, 'PlanetScale team membership')} in ${plural(teams, 'team')}` +
    (people === undefined
      ? ''
      : `, ${plural(people.people.size, 'person', 'people')} (${departed} departed) in ${plural(people.groups.size, 'group')}`)
  );
}
