import { describe, expect, it } from '@jest/globals';
import { describeYamlError } from '../../../src/config/describe-yaml-error.js';

const long = 'Z'.repeat(10_000);
const cut = `${'Z'.repeat(60)}…`;

describe("describeYamlError: the yaml package's message, with the file's text in it cut to 60 characters", () => {
  it.each<[string, string, string]>([
    [
      'a message without the file in it, unchanged',
      'Tabs are not allowed as indentation',
      'Tabs are not allowed as indentation',
    ],
    [
      'a token the parser could not place, quoted as JSON',
      `Unexpected scalar token in YAML stream: ${JSON.stringify(`${long}\n`)}`,
      `Unexpected scalar token in YAML stream: "${cut}"`,
    ],
    [
      'a short token, with invisible characters escaped',
      `Unexpected scalar token in YAML stream: ${JSON.stringify('a\u0000"b')}`,
      'Unexpected scalar token in YAML stream: "a\\u{0}\\"b"',
    ],
    ['a tag', `Could not resolve tag: !a!${long}`, `Could not resolve tag: !a!${'Z'.repeat(57)}…`],
    ['a tag without a suffix', `The !${long}! tag has no suffix`, `The !${'Z'.repeat(59)}… tag has no suffix`],
    ['a %YAML version', `Unsupported YAML version ${long}`, `Unsupported YAML version ${cut}`],
    [
      'a block scalar header',
      `Block scalar header includes extra characters: |${long}`,
      `Block scalar header includes extra characters: |${'Z'.repeat(59)}…`,
    ],
    [
      'an escape sequence, with an invisible character escaped',
      'Invalid escape sequence \\\u0007',
      'Invalid escape sequence \\\\u{7}',
    ],
    ['a shape it does not know, cut at 120 characters', `Something new: ${long}`, `Something new: ${'Z'.repeat(105)}…`],
  ])('%s', (_name, message, expected) => {
    expect(describeYamlError(message)).toBe(expected);
  });
});
