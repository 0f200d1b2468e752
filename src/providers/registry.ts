/**
 * The one place that names every provider: one descriptor per ProviderName. Everything else that
 * needs "each provider" reads it from here (or, outside providers/, from model/providers.ts), so a
 * new provider is a new folder plus one line below. Light to import: no HTTP client is loaded.
 */
import { SettingsError } from '../errors.js';
import { PROVIDER_NAMES, type ProviderName } from '../model/desired-state.js';
import { closestMatch } from '../model/did-you-mean.js';
import type { Target } from '../model/providers.js';
import { parseScope, scopeForms } from '../model/scope.js';
import type { ProviderDescriptor } from './descriptor.js';
import { PLANETSCALE } from './planetscale/planetscale-descriptor.js';
import { SettingsReader, type Environment, type ProviderSettings } from './settings.js';
import { TURSO } from './turso/turso-descriptor.js';

export const PROVIDER_REGISTRY: { readonly [P in ProviderName]: ProviderDescriptor<P> } = {
  turso: TURSO,
  planetscale: PLANETSCALE,
};

/** Any one descriptor; not ProviderDescriptor<ProviderName>, which no descriptor is (`create` is exact). */
type AnyDescriptor = (typeof PROVIDER_REGISTRY)[ProviderName];

const DESCRIPTORS: readonly AnyDescriptor[] = PROVIDER_NAMES.map((name) => PROVIDER_REGISTRY[name]);

/** Every variable that holds a credential: what output must never carry (see secretsFromEnvironment). */
export const SECRET_VARIABLES: readonly string[] = DESCRIPTORS.flatMap((descriptor) =>
  descriptor.variables.filter((variable) => variable.secret).map((variable) => variable.name),
);

/**
 * The values to redact from every output, from every provider's secret variables. Read for every
 * command, whichever providers the file declares: a token in the environment is a secret either way.
 */
export function secretsFromEnvironment(env: Environment): string[] {
  return DESCRIPTORS.flatMap((descriptor) => descriptor.secrets(env));
}

/**
 * The settings of exactly the providers named, all checked before any is used: every missing or
 * unusable variable of every provider is reported in one error, before any client exists.
 */
export function readSettings(names: readonly ProviderName[], env: Environment): ProviderSettings[] {
  const reader = new SettingsReader(env);
  const settings = names.map((name) => PROVIDER_REGISTRY[name].readSettings(reader));
  if (reader.problems.length > 0) throw new SettingsError(reader.problems.join('; '));
  return settings;
}

/** `--help` lines: each variable and what it holds. */
export function environmentHelp(): string[] {
  const variables = DESCRIPTORS.flatMap((descriptor) => descriptor.variables);
  const width = Math.max(...variables.map((variable) => variable.name.length));
  return ['Environment:', ...variables.map((variable) => `  ${variable.name.padEnd(width)}  ${variable.help}`)];
}

/** `--target` text as a Target; a text no provider's grammar reads is an error that lists the forms. */
export function parseTarget(text: string): Target {
  const target = parseScope(text);
  if (target === undefined) throw new SettingsError(`--target ${text}: ${scopeForms()}${suggestProvider(text)}`);
  return target;
}

/** `tursso.acme`: the same scope with the provider's name spelt right, when that reads. */
function suggestProvider(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) return '';
  const provider = closestMatch(text.slice(0, dot), PROVIDER_NAMES);
  const corrected = provider === undefined ? undefined : `${provider}${text.slice(dot)}`;
  return corrected !== undefined && parseScope(corrected) !== undefined ? `; did you mean ${corrected}?` : '';
}
