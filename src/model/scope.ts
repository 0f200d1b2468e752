/**
 * A scope written one way everywhere: `turso.ORG`, `planetscale.ORG` or `planetscale.ORG.TEAM`,
 * the text `--target` takes, and the text every output prints (plan, results, errors, JSON
 * `scope` fields), so a scope can be copied from a plan into `--target`.
 *
 * The text splits at the first `.` into the provider and the rest; the rest splits into names at
 * unquoted, unescaped dots. A name holding a dot is written in double quotes
 * (`planetscale."my.org".team`) or with the dot escaped (`planetscale.my\.org.team`); `\"` and
 * `\\` escape a quote and a backslash. How many names a provider takes is its grammar below.
 */
import { PROVIDER_NAMES, type ProviderName } from './desired-state.js';
import type { Target } from './providers.js';

/** An organization, or a team of one: what a scope names after the provider. */
interface ScopeNames {
  readonly organization: string;
  readonly team?: string;
}

interface ScopeGrammar {
  /** The forms accepted, for the error that lists them, e.g. `planetscale.ORG.TEAM`. */
  readonly forms: readonly string[];
  /** How to write a name holding a dot, when the grammar splits at dots. */
  readonly quotingExample?: string;
  /** The names after `PROVIDER.` as a scope, or undefined when they do not fit this provider. */
  parse(names: readonly string[]): ScopeNames | undefined;
  /** The names that parse back to `scope` (formatScope quotes each). */
  format(scope: ScopeNames): readonly string[];
}

const SCOPE_GRAMMAR: { readonly [P in ProviderName]: ScopeGrammar } = {
  turso: {
    forms: ['turso.ORG'],
    // One level only: the rest is the organization, dots and all.
    parse: (names) => ({ organization: names.join('.') }),
    format: (scope) => [scope.organization],
  },
  planetscale: {
    forms: ['planetscale.ORG', 'planetscale.ORG.TEAM'],
    quotingExample: 'planetscale."my.org".team',
    parse(names) {
      if (names.length > 2) return undefined;
      const [organization, team] = names as [string, string | undefined];
      return team === undefined ? { organization } : { organization, team };
    },
    format: (scope) => (scope.team === undefined ? [scope.organization] : [scope.organization, scope.team]),
  },
};

/** A scope as text that parseScope reads back to it. */
export function formatScope(target: Target): string {
  const names = SCOPE_GRAMMAR[target.provider].format(target);
  return [target.provider, ...names.map(quoteName)].join('.');
}

/** Scope text as a Target, or undefined when no provider's grammar reads it. */
export function parseScope(text: string): Target | undefined {
  const dot = text.indexOf('.');
  if (dot < 0) return undefined;
  const provider = text.slice(0, dot);
  const names = splitNames(text.slice(dot + 1));
  if (names === undefined || names.some((name) => name === '') || !isProviderName(provider)) return undefined;
  const scope = SCOPE_GRAMMAR[provider].parse(names);
  return scope === undefined ? undefined : { provider, ...scope };
}

/** `expected turso.ORG, ... (quote a name that holds a dot: ...)`: what an unreadable scope is told. */
export function scopeForms(): string {
  const grammars = PROVIDER_NAMES.map((name) => SCOPE_GRAMMAR[name]);
  const forms = grammars.flatMap((grammar) => grammar.forms);
  const listed = `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1] ?? ''}`;
  const examples = grammars.flatMap((grammar) => grammar.quotingExample ?? []);
  return `expected ${listed}` + (examples.length > 0 ? ` (quote a name that holds a dot: ${examples.join(', ')})` : '');
}

function isProviderName(text: string): text is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(text);
}

/** Names separated by unquoted, unescaped dots; undefined when a quote is left open or an escape ends the text. */
function splitNames(text: string): string[] | undefined {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '\\') {
      if (i + 1 >= text.length) return undefined;
      current += text.charAt(++i);
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === '.' && !quoted) {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) return undefined;
  names.push(current);
  return names;
}

/** The inverse of splitNames for one name: quoted when it holds a dot, `"` and `\` escaped. */
function quoteName(name: string): string {
  const escaped = name.replace(/[\\"]/g, (char) => `\\${char}`);
  return name.includes('.') ? `"${escaped}"` : escaped;
}
