import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { ALLOWED_TEXT_KEYWORD } from '../../../src/config/validate-schema.js';
import { TURSO_ROLES } from '../../../src/model/desired-state.js';

type SchemaNode = Record<string, unknown>;
const schema = JSON.parse(
  readFileSync(new URL('../../../membership.schema.json', import.meta.url), 'utf8'),
) as SchemaNode & { $id: string; definitions: Record<string, SchemaNode> };

/** Every schema node an editor can show for a field, by URI fragment; `$ref`-only nodes are skipped. */
function fieldNodes(
  node: SchemaNode,
  pointer: string,
  out: Array<[string, SchemaNode]> = [],
): Array<[string, SchemaNode]> {
  if (!('$ref' in node)) out.push([pointer, node]);
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, SchemaNode>)) {
    fieldNodes(child, `${pointer}/properties/${name}`, out);
  }
  for (const keyword of ['additionalProperties', 'propertyNames', 'items']) {
    const child = node[keyword];
    if (typeof child === 'object' && child !== null) fieldNodes(child as SchemaNode, `${pointer}/${keyword}`, out);
  }
  return out;
}

const nodes = [
  ...fieldNodes(schema, '#'),
  ...Object.entries(schema.definitions).flatMap(([name, node]) => fieldNodes(node, `#/definitions/${name}`)),
];

/** Compiles the schema once; each node is then reached by `$ref`. */
const ajv = new Ajv({ strict: true });
addFormatsModule.default(ajv, ['email']);
ajv.addKeyword({ keyword: ALLOWED_TEXT_KEYWORD, schemaType: 'string' });
ajv.addSchema(schema);

/**
 * The pointers of the `candidates` that `fails` holds for: one assertion names every failing field
 * at once. `candidates` must not be empty, so that a traversal that found nothing cannot pass.
 */
function failing(candidates: Array<[string, SchemaNode]>, fails: (node: SchemaNode) => boolean): string[] {
  expect(candidates).not.toHaveLength(0);
  return candidates.filter(([, node]) => fails(node)).map(([pointer]) => pointer);
}

const withKeyword = (keyword: string) => nodes.filter(([, node]) => keyword in node);

describe('membership.schema.json, as editors see it', () => {
  it('has an $id', () => {
    expect(schema.$id).toMatch(/\S/);
  });

  it('gives every field a title, a description and examples', () => {
    expect(nodes.map(([pointer]) => pointer)).toContain('#/properties/version');
    expect(
      failing(
        nodes,
        (node) =>
          typeof node.title !== 'string' ||
          typeof node.description !== 'string' ||
          !(Array.isArray(node.examples) && node.examples.length > 0),
      ),
    ).toEqual([]);
  });

  it('says in words what every pattern allows, for error messages', () => {
    expect(failing(withKeyword('pattern'), (node) => typeof node[ALLOWED_TEXT_KEYWORD] !== 'string')).toEqual([]);
  });

  it('allows no other keys in any object with properties', () => {
    expect(failing(withKeyword('properties'), (node) => node.additionalProperties !== false)).toEqual([]);
  });

  it('offers exactly the roles the Turso API can set, and says why owner is not one', () => {
    expect(schema.definitions.tursoRole?.enum).toEqual([...TURSO_ROLES]);
    expect(schema.definitions.tursoRole?.description).toContain('`owner` cannot be set through the Turso API');
  });

  it('defaults every boolean to false, as the loader does', () => {
    const booleans = nodes.filter(([, node]) => node.type === 'boolean');
    expect(failing(booleans, (node) => node.default !== false)).toEqual([]);
  });

  it('has only valid examples', () => {
    const invalid = nodes.flatMap(([pointer, node]) => {
      const validate = ajv.compile({ $ref: `${schema.$id}${pointer}` });
      return ((node.examples ?? []) as unknown[]).flatMap((example) =>
        validate(example) ? [] : [{ pointer, example, errors: validate.errors }],
      );
    });
    expect(invalid).toEqual([]);
  });
});
