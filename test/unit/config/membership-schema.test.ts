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

describe('membership.schema.json, as editors see it', () => {
  it('has an $id', () => {
    expect(schema.$id).toMatch(/\S/);
  });

  it.each(nodes)('%s has a title, a description and examples', (_pointer, node) => {
    expect(typeof node.title).toBe('string');
    expect(typeof node.description).toBe('string');
    expect(Array.isArray(node.examples) && node.examples.length > 0).toBe(true);
  });

  it.each(nodes.filter(([, node]) => 'pattern' in node))(
    '%s says in words what its pattern allows, for error messages',
    (_pointer, node) => {
      expect(typeof node[ALLOWED_TEXT_KEYWORD]).toBe('string');
    },
  );

  it.each(nodes.filter(([, node]) => 'properties' in node))('%s allows no other keys', (_pointer, node) => {
    expect(node.additionalProperties).toBe(false);
  });

  it('offers exactly the roles the Turso API can set, and says why owner is not one', () => {
    expect(schema.definitions.tursoRole?.enum).toEqual([...TURSO_ROLES]);
    expect(schema.definitions.tursoRole?.description).toContain('`owner` cannot be set through the Turso API');
  });

  it.each(nodes.filter(([, node]) => node.type === 'boolean'))(
    '%s defaults to false, as the loader does',
    (_pointer, node) => {
      expect(node.default).toBe(false);
    },
  );

  it.each(nodes)('the examples of %s are valid', (pointer, node) => {
    const validate = ajv.compile({ $ref: `${schema.$id}${pointer}` });
    for (const example of node.examples as unknown[]) {
      expect({ example, valid: validate(example), errors: validate.errors ?? null }).toEqual({
        example,
        valid: true,
        errors: null,
      });
    }
  });
});
