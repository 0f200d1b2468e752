/**
 * Scopes and subjects as every output names them: the scope exactly as `--target` takes it
 * (`turso.acme`, `planetscale.acme.backend`, model/scope.ts), and `plan` for what concerns the plan
 * as a whole (the removal cap).
 */
import { scopeOf } from '../model/plan-document.js';
import { showInvisible } from './printable.js';

type Scoped = Parameters<typeof scopeOf>[0];

/** `turso.acme` or `planetscale.acme.backend`, made printable; `plan` when there is no provider. */
export function scopeText(item: Scoped): string {
  const scope = scopeOf(item);
  return scope === null ? 'plan' : showInvisible(scope);
}

/**
 * `SCOPE: MEMBER: message`, or `SCOPE: message` when the message already starts with the member
 * (or there is none): every note and problem names what it is about.
 */
export function subjectLine(item: Scoped & { readonly member?: string; readonly message: string }): string {
  const { member, message } = item;
  const about = member === undefined || startsWithMember(message, member) ? message : `${member}: ${message}`;
  return `${scopeText(item)}: ${showInvisible(about)}`;
}

function startsWithMember(message: string, member: string): boolean {
  if (!message.toLowerCase().startsWith(member.toLowerCase())) return false;
  // `bob is ...` names bob; `bobby is ...` does not.
  return message.length === member.length || /[\s:;,'(]/.test(message.charAt(member.length));
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
