/**
 * Everything the tool knows about one provider, in one object per provider folder: its name in
 * output, the settings it reads, its `--target` grammar, and the adapter it builds. The registry
 * holds one per ProviderName; nothing outside a provider's folder names its variables or scopes.
 */
import type { HttpClient } from '../http/http-client.js';
import type { ProviderName } from '../model/desired-state.js';
import type { ProviderFacts } from '../model/providers.js';
import type { Provider } from './provider.js';
import type { Environment, EnvironmentVariable, ProviderSettings, SettingsReader } from './settings.js';

export interface ProviderDescriptor<P extends ProviderName = ProviderName> {
  readonly name: P;
  /** Display name and credential variables, shared with output and errors through the model. */
  readonly facts: ProviderFacts;
  /** Every variable read, credentials first: for `--help`, the redactor and the missing-setting message. */
  readonly variables: readonly EnvironmentVariable[];
  /** Reads and checks this provider's settings; problems go to the reader, reported for all providers at once. */
  readSettings(reader: SettingsReader): ProviderSettings;
  /**
   * The values to redact from every output: each secret as the HTTP layer reads it (trimmed), and
   * any header value built from several of them whose parts alone would not cover it.
   */
  secrets(env: Environment): string[];
  /**
   * The adapter behind the provider boundary, on a client already set up with these settings.
   * Loaded when first needed: the adapter brings the response schemas (ajv), which `--help`,
   * `validate` and the redactor's start-up have no use for.
   */
  create(http: HttpClient): Promise<Provider<P>>;
}
