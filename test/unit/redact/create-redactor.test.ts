import { describe, expect, it } from '@jest/globals';
import { createRedactor, REDACTED } from '../../../src/redact/create-redactor.js';

const TOKEN = 'tt-9f8e7d6c5b4a39281706f5e4d3c2b1a0-secret';
const ID = 'pscale_tkn_id_4d2e';
const PS_TOKEN = 'pscale_tkn_secret_91bc44aa0e';
/** Its base64 holds `+` and `/`, which base64url writes as `-` and `_`. */
const URL_TOKEN = 's3cr3t>>>???~~~token';
const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('createRedactor', () => {
  it.each<[string, readonly string[], string, string]>([
    ['the whole token', [TOKEN], `bad token ${TOKEN}.`, 'bad token [redacted].'],
    ['its first 30 characters', [TOKEN], `token ${TOKEN.slice(0, 30)} rejected`, 'token [redacted] rejected'],
    ['an 8-character infix', [TOKEN], `saw ${TOKEN.slice(10, 18)}!`, 'saw [redacted]!'],
    ['not 7 characters of a long secret', [TOKEN], `saw ${TOKEN.slice(10, 17)}!`, `saw ${TOKEN.slice(10, 17)}!`],
    ['the base64 of the token, padded', [PS_TOKEN], `Basic ${base64(PS_TOKEN)}`, 'Basic [redacted]'],
    [
      'the base64 of the token, unpadded',
      [PS_TOKEN],
      `Basic ${base64(PS_TOKEN).replace(/=+$/, '')};`,
      'Basic [redacted];',
    ],
    [
      'the base64 of id:token',
      [ID, PS_TOKEN, `${ID}:${PS_TOKEN}`],
      `Basic ${base64(`${ID}:${PS_TOKEN}`)}`,
      'Basic [redacted]',
    ],
    ['the base64url of the token', [URL_TOKEN], `?t=${base64url(URL_TOKEN)}&x=1`, '?t=[redacted]&x=1'],
    ['a short secret, whole', ['k3y5z'], 'key k3y5z, again k3y5z.', 'key [redacted], again [redacted].'],
    ['the base64 of a short secret', ['k3y5z'], `b64 ${base64('k3y5z')}`, 'b64 [redacted]'],
    ['two secrets', [TOKEN, PS_TOKEN], `a ${TOKEN} b ${PS_TOKEN} c`, 'a [redacted] b [redacted] c'],
    ['adjacent spans, merged', [TOKEN, PS_TOKEN], `<${TOKEN}${PS_TOKEN.slice(0, 8)}>`, '<[redacted]>'],
    ['overlapping runs of two secrets, merged', [ID, PS_TOKEN], 'x pscale_tkn_id_4d2e_secret_91bc y', 'x [redacted] y'],
    [
      'the JSON-escaped form of a secret with a quote',
      ['pa"ss\\word'],
      JSON.stringify({ token: 'pa"ss\\word' }),
      '{"token":"[redacted]"}',
    ],
    [
      'text without secrets',
      [TOKEN, ID, PS_TOKEN],
      'Plan: 6 to add, 1 to change, 2 to remove.\n',
      'Plan: 6 to add, 1 to change, 2 to remove.\n',
    ],
    ['nothing, for empty and blank secrets', ['', '   ', '\n'], 'a b  c\n', 'a b  c\n'],
    ['nothing again in text already redacted', ['act', TOKEN], `x ${REDACTED} y`, `x ${REDACTED} y`],
  ])('redacts %s', (_name, secrets, text, expected) => {
    expect(createRedactor(secrets)(text)).toBe(expected);
  });

  it.each([
    ['0', 'abc'],
    ['1', 'abcd'],
    ['2', 'abcde'],
  ])('redacts the token inside a larger base64 blob at byte alignment %s', (_alignment, prefix) => {
    const blob = base64(`${prefix}${PS_TOKEN}`);
    const redacted = createRedactor([PS_TOKEN])(`Basic ${blob}`);
    // What is left: the characters the prefix decides, and one mixed with padding at the end.
    expect(redacted).toMatch(/^Basic [A-Za-z0-9+/]{4,7}\[redacted\][A-Za-z0-9+/]?=*$/);
    expect(redacted.startsWith(`Basic ${base64(prefix).slice(0, 4)}`)).toBe(true);
  });

  it('finds every run a direct search finds, in text built from pieces of the secrets', () => {
    const secrets = [TOKEN, PS_TOKEN];
    const redact = createRedactor(secrets);
    let seed = 7;
    const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
    for (let round = 0; round < 200; round += 1) {
      const pieces = Array.from({ length: 6 }, () => {
        const source = random(3) === 0 ? 'the quick brown fox -' : secrets[random(2)]!;
        const start = random(source.length);
        return source.slice(start, start + 1 + random(14));
      });
      const text = pieces.join('');
      expect(redact(text)).toBe(redactDirectly(text, secrets));
    }
  });
});

/** The rule, spelled out slowly: mark every character inside an 8-character run of a secret. */
function redactDirectly(text: string, secrets: readonly string[]): string {
  const covered = new Array<boolean>(text.length).fill(false);
  for (let i = 0; i + 8 <= text.length; i += 1) {
    if (secrets.some((secret) => secret.includes(text.slice(i, i + 8)))) covered.fill(true, i, i + 8);
  }
  return text.replace(/[^]/g, (char, i: number) => (covered[i] ? '\u0000' : char)).replace(/\u0000+/g, REDACTED);
}
