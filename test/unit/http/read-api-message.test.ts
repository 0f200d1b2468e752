import { describe, expect, it } from '@jest/globals';
import { readApiMessage } from '../../../src/http/read-api-message.js';
import { createRedactor } from '../../../src/redact/create-redactor.js';

describe('readApiMessage', () => {
  it.each<[string, string, { message: string; code?: string }]>([
    ['Turso {error}', '{"error":"could not find user bob"}', { message: 'could not find user bob' }],
    [
      'Turso {error, code}',
      '{"code":"feature_not_available_for_starter_plan","error":"upgrade"}',
      { message: 'upgrade', code: 'feature_not_available_for_starter_plan' },
    ],
    ['Turso non-string error', '{"error":{"message":"nested words"}}', { message: 'nested words' }],
    ['Turso error as an object without message', '{"error":{"reason":42}}', { message: '{"reason":42}' }],
    [
      'PlanetScale {code, message}',
      '{"code":"not_found","message":"Not Found"}',
      { message: 'Not Found', code: 'not_found' },
    ],
    [
      'PlanetScale {errors}',
      '{"errors":[{"namespace":"team","name":"user_id","errors":["is invalid","is taken"]}]}',
      { message: 'user_id: is invalid; is taken' },
    ],
    ['only a code', '{"code":"unprocessable"}', { message: '{"code":"unprocessable"}', code: 'unprocessable' }],
    ['HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', { message: '502 Bad Gateway' }],
    ['plain text over lines', 'upstream\n\tconnect error', { message: 'upstream connect error' }],
    ['empty body', '', { message: 'HTTP 418' }],
    ['JSON null', 'null', { message: 'null' }],
    ['terminal escapes', 'bad\u001b[31m red', { message: 'bad [31m red' }],
  ])('%s', (_name, body, expected) => {
    expect(readApiMessage(body, 418)).toEqual(expected);
  });

  it('truncates a long body to one short line', () => {
    const { message } = readApiMessage('x'.repeat(5000), 500);
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message.endsWith('…')).toBe(true);
  });

  it('redacts secrets before truncating, so no piece of one survives', () => {
    const secret = 's3cr3t-token-value';
    const { message } = readApiMessage(`${'y'.repeat(190)}${secret}`, 400, createRedactor([secret]));
    expect(message).not.toContain('s3cr3t');
    expect(message).toContain('[redacted]');
  });
});
