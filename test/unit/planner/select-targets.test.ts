import { describe, expect, it } from '@jest/globals';
import { SettingsError } from '../../../src/errors.js';
import type { Target } from '../../../src/model/providers.js';
import { formatScope } from '../../../src/model/scope.js';
import { selectTargets } from '../../../src/planner/select-targets.js';
import { desired } from '../../support/builders.js';

const FILE = desired({
  turso: { acme: { alice: 'admin' }, 'acme.labs': { bob: 'member' } },
  planetscale: { acme: { 'data-eng': ['a@acme.dev'], backend: ['b@acme.dev'] }, beta: { ops: ['c@acme.dev'] } },
});

function refusal(target: Target): string {
  try {
    selectTargets(FILE, [target], formatScope);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('selectTargets: a target the file does not declare', () => {
  it.each<[string, Target, string]>([
    [
      'a misspelt team: the closest declared team, written as --target takes it',
      { provider: 'planetscale', organization: 'acme', team: 'data-engg' },
      '--target planetscale.acme.data-engg: the file declares no team of PlanetScale organization acme named "data-engg"; declared: data-eng, backend; did you mean planetscale.acme.data-eng?',
    ],
    [
      'a team in the wrong case',
      { provider: 'planetscale', organization: 'acme', team: 'Backend' },
      '--target planetscale.acme.Backend: the file declares no team of PlanetScale organization acme named "Backend"; declared: data-eng, backend; did you mean planetscale.acme.backend?',
    ],
    [
      'a misspelt organization of a team target',
      { provider: 'planetscale', organization: 'acm', team: 'backend' },
      '--target planetscale.acm.backend: the file declares no PlanetScale organization named "acm"; declared: acme, beta; did you mean planetscale.acme.backend?',
    ],
    [
      'a misspelt Turso organization, quoted when it holds a dot',
      { provider: 'turso', organization: 'acme.lab' },
      '--target turso."acme.lab": the file declares no Turso organization named "acme.lab"; declared: acme, acme.labs; did you mean turso."acme.labs"?',
    ],
    [
      'nothing close: no suggestion',
      { provider: 'planetscale', organization: 'acme', team: 'frontend' },
      '--target planetscale.acme.frontend: the file declares no team of PlanetScale organization acme named "frontend"; declared: data-eng, backend',
    ],
  ])('%s', (_name, target, message) => {
    expect(refusal(target)).toBe(message);
  });
});
