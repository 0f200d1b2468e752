import type { ProviderName } from '../model/desired-state.js';
import { PROVIDER_FACTS } from '../model/providers.js';
import { showInvisible } from './printable.js';

interface Scoped {
  readonly provider: ProviderName;
  readonly organization: string;
  readonly team?: string;
}

/** `organization acme` or `organization acme, team backend`: the heading a change sits under. */
export function scopeHeading(item: Scoped): string {
  const organization = showInvisible(item.organization);
  return item.team === undefined
    ? `organization ${organization}`
    : `organization ${organization}, team ${showInvisible(item.team)}`;
}

/**
 * `turso acme` or `planetscale acme/backend`: a scope named on one line; `plan` for what concerns
 * the plan as a whole (the removal cap).
 */
export function shortScope(item: Partial<Scoped>): string {
  if (item.provider === undefined || item.organization === undefined) return 'plan';
  const scope = item.team === undefined ? item.organization : `${item.organization}/${item.team}`;
  return `${item.provider} ${showInvisible(scope)}`;
}

export function providerTitle(provider: ProviderName): string {
  return PROVIDER_FACTS[provider].displayName;
}

/** Groups in first-seen order, so output follows the plan's (the file's) order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
