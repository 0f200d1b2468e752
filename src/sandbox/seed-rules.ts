/**
 * Tiny shape checks for seed files: each rule appends `path: message` for every problem it finds,
 * so a user fixes a seed in one pass instead of one error at a time.
 */
export type Rule = (value: unknown, path: string, issues: string[]) => void;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const nonEmptyString: Rule = (value, path, issues) => {
  if (typeof value !== 'string' || value === '') issues.push(`${path}: must be a non-empty string`);
};

export const email: Rule = (value, path, issues) => {
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(value)) issues.push(`${path}: must be an email address`);
};

export const boolean: Rule = (value, path, issues) => {
  if (typeof value !== 'boolean') issues.push(`${path}: must be true or false`);
};

export const timestamp: Rule = (value, path, issues) => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) issues.push(`${path}: must be an ISO-8601 date`);
};

export function oneOf(allowed: readonly string[]): Rule {
  return (value, path, issues) => {
    if (typeof value !== 'string' || !allowed.includes(value))
      issues.push(`${path}: must be one of ${allowed.join(', ')}`);
  };
}

export function nullable(rule: Rule): Rule {
  return (value, path, issues) => {
    if (value !== null) rule(value, path, issues);
  };
}

export function arrayOf(rule: Rule): Rule {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push(`${path}: must be a list`);
      return;
    }
    value.forEach((item, index) => rule(item, `${path}[${index}]`, issues));
  };
}

/** An object whose keys are user data (slugs, usernames), every value checked by one rule. */
export function recordOf(rule: Rule): Rule {
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push(`${path}: must be an object`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '') issues.push(`${path}: keys must not be empty`);
      rule(item, `${path}.${key}`, issues);
    }
  };
}

/** A fixed-shape object; unknown fields are reported because they are almost always typos. */
export function object(fields: Readonly<Record<string, Rule>>, required: readonly string[] = []): Rule {
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push(`${path}: must be an object`);
      return;
    }
    for (const name of required) {
      if (!Object.hasOwn(value, name)) issues.push(`${path}.${name}: is required`);
    }
    for (const [name, item] of Object.entries(value)) {
      const rule = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (rule === undefined) {
        issues.push(`${path}.${name}: unknown field (expected one of ${Object.keys(fields).join(', ')})`);
        continue;
      }
      rule(item, `${path}.${name}`, issues);
    }
  };
}
