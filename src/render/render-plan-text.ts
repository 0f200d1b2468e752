/**
 * The plan for people: changes grouped under their scope (written as `--target` takes it), then
 * drift, notes and problems, each line led by its mark (render/marks.ts), a legend of the marks
 * shown, and the summary.
 */
import { changeKind, summarizePlan, type Change, type Drift, type Plan, type PlanSummary } from '../model/plan.js';
import { groupOf } from '../model/people.js';
import { legendEntries, marksIn, paint } from './marks.js';
import { plural } from './plural.js';
import { PLAIN, type Style } from './style.js';
import { showInvisible } from './printable.js';
import { groupBy, scopeText, subjectLine } from './scope.js';

export function renderPlanText(plan: Plan, style: Style = PLAIN): string {
  const lines: string[] = [];
  if (plan.changes.length > 0) {
    lines.push('Membership will change as follows:', '');
    for (const [scope, changes] of groupBy(plan.changes, scopeText)) {
      lines.push(style.bold(scope));
      for (const change of changes) lines.push(`  ${paint(changeKind(change), style)} ${changeLabel(change)}`);
      lines.push('');
    }
  }
  section(
    lines,
    `${style.bold('Drift')} (true today but not what the file says; apply leaves it alone):`,
    plan.drift.map((drift) => `  ${paint('drift', style)} ${scopeText(drift)}: ${driftLabel(drift)}`),
  );
  section(
    lines,
    `${style.bold('Notes')}:`,
    plan.notices.map((notice) => `  ${paint('note', style)} ${subjectLine(notice)}`),
  );
  section(
    lines,
    `${style.error('Problems')} (declarations that cannot be planned):`,
    plan.problems.map((problem) => `  ${paint('problem', style)} ${subjectLine(problem)}`),
  );
  lines.push(...summaryLines(plan, style));
  return lines.join('\n') + '\n';
}

function section(lines: string[], heading: string, items: string[]): void {
  if (items.length > 0) lines.push(heading, ...items, '');
}

// Labels follow the fields a change or drift carries, not its provider: a role is shown where there
// is one (Turso adds, removals and invites; PlanetScale team changes have none), so a new provider's
// changes read right without a case here. Why the change is planned follows (` via data-eng`); a
// change without `because` reads as it always has.
export function changeLabel(change: Change): string {
  return actionLabel(change) + becauseText(change);
}

function actionLabel(change: Change): string {
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

/** Reasons that say what ended someone's access, shown first; then the granting groups. */
const EVENTS = ['departed', 'expired'] as const;

/**
 * Why a change is planned, when the file declares people: `departed` or `expired` (what ended the
 * access), then the groups granting the role (`via data-eng, db-admins`), joined by `; `, e.g.
 * ` expired; via data-eng`. `file` and `prune` are not shown, so a change planned for them alone
 * reads as it does for a file without people. A PlanetScale organization removal that deletes
 * credentials says so, whatever its reasons.
 */
function becauseText(change: Change): string {
  const reasons = change.because ?? [];
  const parts: string[] = EVENTS.filter((event) => reasons.includes(event));
  const groups = reasons.flatMap((reason) => groupOf(reason) ?? []);
  if (groups.length > 0) parts.push(`via ${groups.map(showInvisible).join(', ')}`);
  if ('revoke_credentials' in change) parts.push('deletes their passwords and service tokens');
  return parts.length === 0 ? '' : ` ${parts.join('; ')}`;
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

/** True when the plan has nothing to say: no change, drift or problem (notes may remain). */
export function matchesFile(plan: Plan): boolean {
  return plan.changes.length === 0 && plan.drift.length === 0 && plan.problems.length === 0;
}

/** `Plan: 2 to add, 0 to change, 1 to remove.`: always the three counts. */
export function planCounts(summary: PlanSummary): string {
  return `Plan: ${summary.add} to add, ${summary.change} to change, ${summary.remove} to remove.`;
}

/** `1 drift item, 2 notes, 1 problem`: what is not a change, counted when present; '' when none is. */
export function otherCounts(summary: PlanSummary): string {
  const counts: string[] = [];
  if (summary.drift > 0) counts.push(plural(summary.drift, 'drift item'));
  if (summary.notices > 0) counts.push(plural(summary.notices, 'note'));
  if (summary.problems > 0) counts.push(plural(summary.problems, 'problem'));
  return counts.join(', ');
}

function summaryLines(plan: Plan, style: Style): string[] {
  const summary = summarizePlan(plan);
  const others = otherCounts(summary);
  if (matchesFile(plan)) {
    const line = `${style.add('No changes.')} Membership matches the file.`;
    return [others === '' ? line : `${line} ${others}.`];
  }
  const marks = marksIn({ changes: plan.changes, ...summary });
  const lines = [
    `Legend: ${legendEntries(marks, (mark) => paint(mark, style))}`,
    '',
    style.bold(planCounts(summary)) + (others === '' ? '' : ` ${others}.`),
  ];
  if (plan.problems.length > 0) lines.push(style.error('Error: fix the problems above and plan again.'));
  return lines;
}
