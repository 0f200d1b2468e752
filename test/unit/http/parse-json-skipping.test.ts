import { describe, expect, it } from '@jest/globals';
import { parseJsonSkipping } from '../../../src/http/parse-json-skipping.js';

const MEMBERS = new Set(['members']);

describe('parseJsonSkipping', () => {
  it.each<[string, string, unknown]>([
    [
      'a team list: each team keeps its fields, its members read as null',
      '{"data":[{"slug":"a","members":[{"id":"u1","tags":["x"]}],"managed":true},{"slug":"b","members":[]}],"next_page":null}',
      {
        data: [
          { slug: 'a', members: null, managed: true },
          { slug: 'b', members: null },
        ],
        next_page: null,
      },
    ],
    [
      'brackets, braces and quoted keys inside skipped strings',
      '{"members":[{"note":"]}\\"members\\":[","x":"\\\\"}],"after":1}',
      { members: null, after: 1 },
    ],
    [
      'the key written with an escape, and whitespace around the colon',
      '{ "\\u006dembers" :\n [1, {"a": [2]}] , "kept": "members"}',
      { members: null, kept: 'members' },
    ],
    [
      'a scalar or string value',
      '{"members":12.5e3,"b":{"members":"all"},"c":[true]}',
      { members: null, b: { members: null }, c: [true] },
    ],
    ['no skipped key at all', '[{"name":"members"},"members",1]', [{ name: 'members' }, 'members', 1]],
  ])('%s', (_, text, expected) => {
    expect(parseJsonSkipping(text, MEMBERS)).toEqual(expected);
  });

  it.each(['{"members":[1,2', '{"members":"open', '<html>maintenance</html>', '{"a":1}}'])(
    'refuses malformed text %j as JSON.parse does',
    (text) => {
      expect(() => parseJsonSkipping(text, MEMBERS)).toThrow(SyntaxError);
    },
  );
});
