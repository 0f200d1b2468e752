/** The plan for people: `+` lines grouped by provider, organization and team, then drift and problems. */
import type { Change, Drift, Plan } from '../model/plan.js';
import { PLAIN, type Style } from '../cli/style.js';
import { showInvisible } from './printable.js';
import { groupBy, providerTitle, scopeHeading, shortScope } from './scope.js';

export function renderPlanText(plan: Plan, style: Style = PLAIN): string {
  const lines: string[] = [];
  if (plan.changes.length > 0) {
    lines.push('Membership will change as follows:', '');
    for (const [provider, byProvider] of groupBy(plan.changes, (change) => change.provider)) {
      lines.push(style.bold(providerTitle(provider)));
      for (const [heading, changes] of groupBy(byProvider, scopeHeading)) {
        lines.push(`  ${heading}`);
        for (const change of changes) lines.push(`    ${style.add('+')} ${changeLabel(change)}`);
      }
    }
    lines.push('');
  }
  if (plan.drift.length > 0) {
    lines.push(`${style.bold('Drift')} (true today but not what the file says; apply leaves it alone):`);
    for (const drift of plan.drift) lines.push(`  ${style.change('!')} ${shortScope(drift)}: ${driftLabel(drift)}`);
    lines.push('');
  }
  if (plan.problems.length > 0) {
    lines.push(`${style.error('Problems')} (declarations that cannot be planned):`);
    for (const problem of plan.problems) lines.push(`  ${style.error('✗')} ${shortScope(problem)}: ${showInvisible(problem.message)}`);
    lines.push('');
  }
  lines.push(...summaryLines(plan, style));
  return lines.join('\n') + '\n';
}

export function changeLabel(change: Change): string {
  const member = showInvisible(change.member);
  return change.provider === 'turso' ? `${member} (${change.role})` : member;
}

export function driftLabel(drift: Drift): string {
  const member = showInvisible(drift.member);
  const role = drift.provider === 'turso' ? showInvisible(drift.role) : '';
  if (drift.kind === 'role_mismatch') return `${member} is ${role}; the file says ${drift.declared_role}`;
  return drift.provider === 'turso' ? `${member} (${role}) is not declared` : `${member} is not declared`;
}

function summaryLines(plan: Plan, style: Style): string[] {
  if (plan.changes.length === 0 && plan.drift.length === 0 && plan.problems.length === 0) {
    return [`${style.add('No changes.')} Membership matches the file.`];
  }
  const lines = [plan.changes.length === 0 ? 'No changes.' : style.bold(`Plan: ${plan.changes.length} to add.`)];
  if (plan.drift.length > 0) lines.push(`Drift: ${plan.drift.length} not as declared (apply does not change these).`);
  if (plan.problems.length > 0) lines.push(style.error(`Error: ${plan.problems.length} problem(s); fix them and plan again.`));
  return lines;
}
