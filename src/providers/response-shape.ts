/**
 * The shape each endpoint's answer must have before its body is read. Vendors change their APIs:
 * a 2xx body without a field the tool reads must stop the run with a plain one-line error that names
 * the endpoint and the field, not a TypeError thrown far from the request (exit 70, "this is a bug").
 *
 * Each client function declares only the fields it reads (extra fields are always accepted: vendors
 * add fields), as a JSON schema typed with ajv's `JSONSchemaType<T>` so that the schema and the type
 * the code reads cannot drift apart. Schemas are compiled once, when the client module loads.
 */
import { Ajv, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { UnexpectedResponseError } from '../errors.js';
import type { ApiRequest, HttpClient } from '../http/http-client.js';

/** A compiled schema and the vendor page that documents the answer, for the error to point at. */
export interface ResponseShape<T> {
  readonly validate: ValidateFunction<T>;
  readonly docs: string;
}

// `strict` makes a schema mistake fail when the module loads, not on some later answer; `verbose`
// gives each error the value it rejected, read only to name its JSON type (never printed).
const ajv = new Ajv({ strict: true, verbose: true, allErrors: false });

export function responseShape<T>(schema: JSONSchemaType<T>, docs: string): ResponseShape<T> {
  return { validate: ajv.compile(schema), docs };
}

/**
 * Sends the request and returns its body once it has the shape; otherwise rejects with
 * UnexpectedResponseError. `page` is named in the error when it is past the first, because the
 * index in the field path counts from that page's start.
 */
export async function readBody<T>(
  http: HttpClient,
  shape: ResponseShape<T>,
  request: ApiRequest,
  page?: number,
): Promise<T> {
  const { status, body } = await http.request<unknown>(request);
  if (shape.validate(body)) return body;
  const path = request.path.split('?')[0] ?? request.path;
  const problem = describeFirstError(shape.validate.errors ?? []);
  const where = page === undefined || page <= 1 ? '' : `on page ${page}, `;
  throw new UnexpectedResponseError(http.provider, request.method, path, status, `${where}${problem}`, shape.docs);
}

/**
 * The first error as `field path + what is wrong`. Only names from the schema and array indexes
 * reach the text, plus the JSON type of a rejected value: response bodies hold emails.
 */
export function describeFirstError(errors: readonly ErrorObject[]): string {
  const error = errors[0];
  if (error === undefined) return 'the body does not have the expected shape';
  const at = fieldPath(error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return `${at === '' ? missing : `${at}.${missing}`} is missing`;
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      const names = (Array.isArray(expected) ? expected : expected.split(',')).map(withArticle);
      return `${at === '' ? 'the body' : at} is ${jsonTypeOf(error.data)}, expected ${names.join(' or ')}`;
    }
    case 'minLength':
      return `${at === '' ? 'the body' : at} is empty`;
    default:
      return `${at === '' ? 'the body' : at} does not match the expected shape (${error.keyword})`;
  }
}

/** `/data/3/user` → `data[3].user`: JSON Pointer (RFC 6901) to the way a reader writes it. */
function fieldPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`),
      '',
    );
}

function jsonTypeOf(value: unknown): string {
  if (value === undefined) return 'empty';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return withArticle(typeof value);
}

function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
