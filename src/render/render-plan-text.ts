/** The plan for people: `+ ~ -` lines grouped by provider, organization and team, then drift, notices and problems. */
import { changeKind, summarizePlan, type Change, type Drift, type Plan } from '../model/plan.js';
import { PLAIN, type Style } from './style.js';
import { planSummaryLine } from './render-plan-json.js';
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
        for (const change of changes) lines.push(`    ${symbol(change, style)} ${changeLabel(change)}`);
      }
    }
    lines.push('');
  }
  section(
    lines,
    `${style.bold('Drift')} (true today but not what the file says; apply leaves it alone):`,
    plan.drift.map((drift) => `  ${style.change('!')} ${shortScope(drift)}: ${driftLabel(drift)}`),
  );
  section(
    lines,
    `${style.bold('Notes')}:`,
    plan.notices.map((notice) => `  ${style.dim('i')} ${shortScope(notice)}: ${showInvisible(notice.message)}`),
  );
  section(
    lines,
    `${style.error('Problems')} (declarations that cannot be planned):`,
    plan.problems.map((problem) => `  ${style.error('✗')} ${shortScope(problem)}: ${showInvisible(problem.message)}`),
  );
  lines.push(...summaryLines(plan, style));
  return lines.join('\n') + '\n';
}

function section(lines: string[], heading: string, items: string[]): void {
  if (items.length > 0) lines.push(heading, ...items, '');
}

function symbol(change: Change, style: Style): string {
  const kind = changeKind(change);
  if (kind === 'remove') return style.error('-');
  return kind === 'change' ? style.change('~') : style.add('+');
}

// Labels follow the fields a change or drift carries, not its provider: a role is shown where there
// is one (Turso adds, removals and invites; PlanetScale team changes have none), so a new provider's
// changes read right without a case here.
export function changeLabel(change: Change): string {
  const member = showInvisible(change.member);
  switch (change.action) {
    case 'add':
      return 'role' in change ? `${member} (${change.role})` : member;
    case 'change_role':
      return `${member} (${showInvisible(change.previous_role)} -> ${showInvisible(change.role)})`;
    case 'remove':
      return 'previous_role' in change ? `${member} (${showInvisible(change.previous_role)})` : member;
    case 'invite': {
      const replaced =
        'previous_role' in change && change.previous_role ? `${showInvisible(change.previous_role)} -> ` : '';
      return `invite ${member} (${replaced}${showInvisible(change.role)})`;
    }
    case 'cancel_invite':
      return `cancel the invite of ${member} (${showInvisible(change.previous_role)})`;
  }
}

export function driftLabel(drift: Drift): string {
  const member = showInvisible(drift.member);
  switch (drift.kind) {
    case 'undeclared_member':
      return 'role' in drift ? `${member} (${showInvisible(drift.role)}) is not declared` : `${member} is not declared`;
    case 'undeclared_invite':
      return `pending invite for ${member} (${showInvisible(drift.role)}) is not declared`;
    case 'undeclared_org_member':
      return `organization member ${member} (${showInvisible(drift.role)}) is not declared`;
  }
}

function summaryLines(plan: Plan, style: Style): string[] {
  if (plan.changes.length === 0 && plan.drift.length === 0 && plan.problems.length === 0) {
    return [`${style.add('No changes.')} Membership matches the file.`];
  }
  const summary = summarizePlan(plan);
  const lines = [plan.changes.length === 0 ? 'No changes.' : style.bold(planSummaryLine(summary))];
  if (plan.drift.length > 0) lines.push(`Drift: ${plan.drift.length} not as declared (apply does not change these).`);
  if (plan.problems.length > 0)
    lines.push(style.error(`Error: ${plan.problems.length} problem(s); fix them and plan again.`));
  return lines;
}
