/**
 * What every layer may know about each provider without importing one: pure data, the shape of a
 * `--target` scope, and the dispatch that makes per-provider code exhaustive. Tables here are keyed
 * by ProviderName, so a name added to the union fails to compile until it is described.
 */
import type { ProviderName } from './desired-state.js';

export interface ProviderFacts {
  /** How output names the provider: a heading, a message. */
  readonly displayName: string;
  /** The variables holding the credential: what to check after a 401 or 403. */
  readonly credentialVariables: readonly string[];
}

export const PROVIDER_FACTS: { readonly [P in ProviderName]: ProviderFacts } = {
  turso: { displayName: 'Turso', credentialVariables: ['TURSO_API_TOKEN'] },
  planetscale: {
    displayName: 'PlanetScale',
    credentialVariables: ['PLANETSCALE_SERVICE_TOKEN_ID', 'PLANETSCALE_SERVICE_TOKEN'],
  },
};

/** One scope of the file a run is narrowed to (`--target`); each provider's grammar reads and writes it. */
export interface Target {
  readonly provider: ProviderName;
  readonly organization: string;
  readonly team?: string;
}

interface Tagged {
  readonly provider: ProviderName;
}

/** The members of a tagged union (a Change, a Drift) that belong to provider `P`. */
export type ForProvider<V extends Tagged, P extends ProviderName> = Extract<V, { readonly provider: P }>;

/** One function per provider, each given only that provider's values: a missing provider is a compile error. */
export type ProviderCases<V extends Tagged, T> = { readonly [P in ProviderName]: (value: ForProvider<V, P>) => T };

/** Runs the case of `value`'s provider. */
export function byProvider<V extends Tagged, T>(value: V, cases: ProviderCases<V, T>): T {
  // TypeScript cannot relate `cases[value.provider]` to `value` itself (correlated unions,
  // https://github.com/microsoft/TypeScript/issues/30581); ProviderCases checks each case instead.
  const run = cases[value.provider] as (value: V) => T;
  return run(value);
}

/** The `default:` of an exhaustive switch: reached only if the types lie (a hand-edited plan file). */
export function unreachable(value: never): never {
  throw new Error(`unexpected provider or kind: ${JSON.stringify(value)}`);
}
