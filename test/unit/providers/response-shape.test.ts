/** How a body that does not have its endpoint's shape is described: a field path and a JSON type, never a value. */
import { describe, expect, it } from '@jest/globals';
import { ApiError, UnexpectedResponseError, UserError } from '../../../src/errors.js';
import { describeFirstError, responseShape } from '../../../src/providers/response-shape.js';

interface Body {
  readonly items: { readonly name: string; readonly 'a/b~c': number; readonly tags?: string[] | null }[];
  readonly count: number;
}

const shape = responseShape<Body>(
  {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            'a/b~c': { type: 'integer' },
            tags: { type: 'array', items: { type: 'string' }, nullable: true },
          },
          required: ['name', 'a/b~c'],
        },
      },
      count: { type: 'number' },
    },
    required: ['items', 'count'],
  },
  'https://example.test/docs',
);

function problemOf(body: unknown): string {
  expect(shape.validate(body)).toBe(false);
  return describeFirstError(shape.validate.errors ?? []);
}

const item = { name: 'secret@example.test', 'a/b~c': 1 };

describe('describeFirstError', () => {
  it.each<[string, unknown]>([
    ['the body is empty, expected an object', undefined],
    ['the body is null, expected an object', null],
    ['the body is an array, expected an object', []],
    ['items is missing', { count: 1 }],
    ['count is a string, expected a number', { items: [], count: 'secret@example.test' }],
    ['items[0].name is missing', { items: [{ 'a/b~c': 1 }], count: 1 }],
    ['items[1].name is empty', { items: [item, { ...item, name: '' }], count: 1 }],
    ['items[0].a/b~c is a number, expected an integer', { items: [{ ...item, 'a/b~c': 1.5 }], count: 1 }],
    ['items[0].tags[1] is an object, expected a string', { items: [{ ...item, tags: ['x', {}] }], count: 1 }],
  ])('%s', (problem, body) => {
    expect(problemOf(body)).toBe(problem);
  });

  it('accepts extra fields and an optional one that is null', () => {
    expect(shape.validate({ items: [{ ...item, tags: null, extra: { deep: true } }], count: 2, more: 'x' })).toBe(true);
  });

  it('says something even without an error to describe', () => {
    expect(describeFirstError([])).toBe('the body does not have the expected shape');
  });
});

describe('UnexpectedResponseError', () => {
  it('is one line naming provider, endpoint, status, field and docs; an ApiError that exits 1', () => {
    const error = new UnexpectedResponseError(
      'planetscale',
      'GET',
      '/v1/organizations/acme/members',
      200,
      'data[3].user is missing',
      'https://planetscale.com/docs/api/reference/list_organization_members',
    );

    expect(error.message).toBe(
      'planetscale: GET /v1/organizations/acme/members answered 200 with an unexpected body: data[3].user is missing ' +
        '(the API may have changed; see https://planetscale.com/docs/api/reference/list_organization_members)',
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(UserError);
    expect(error.name).toBe('UnexpectedResponseError');
    // What apply prints after the status for a failed change.
    expect(error.apiMessage).toBe(
      'unexpected body: data[3].user is missing ' +
        '(the API may have changed; see https://planetscale.com/docs/api/reference/list_organization_members)',
    );
  });
});
