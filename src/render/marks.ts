/**
 * The one set of marks every output uses, in text and Markdown alike: what a line is, at a glance.
 * A change's mark is its kind (`+` adds and invites, `~` role changes, `-` removals and cancelled
 * invites); the others are distinct from all three, so nothing that is not a change reads as one.
 */
import { changeKind, type Change } from '../model/plan.js';
import type { Style } from './style.js';

export const MARKS = {
  add: '+',
  change: '~',
  remove: '-',
  drift: '!',
  note: 'i',
  problem: '✗',
  applied: '✓',
  failed: '✗',
  skipped: '○',
} as const;

type PlanMark = 'add' | 'change' | 'remove' | 'drift' | 'note' | 'problem';

const MEANING: Record<PlanMark, string> = {
  add: 'add or invite',
  change: 'change role',
  remove: 'remove or cancel invite',
  drift: 'drift (left alone)',
  note: 'note',
  problem: 'problem',
};

/** How each mark is coloured on a terminal. */
export function paint(mark: PlanMark | 'applied' | 'failed' | 'skipped', style: Style): string {
  switch (mark) {
    case 'add':
    case 'applied':
      return style.add(MARKS[mark]);
    case 'change':
    case 'drift':
    case 'skipped':
      return style.change(MARKS[mark]);
    case 'remove':
    case 'problem':
    case 'failed':
      return style.error(MARKS[mark]);
    case 'note':
      return style.dim(MARKS[mark]);
  }
}

/** The marks present, in the legend's fixed order. */
export function marksIn(parts: {
  readonly changes: readonly Change[];
  readonly drift: number;
  readonly notices: number;
  readonly problems: number;
}): PlanMark[] {
  const kinds = new Set<PlanMark>(parts.changes.map(changeKind));
  if (parts.drift > 0) kinds.add('drift');
  if (parts.notices > 0) kinds.add('note');
  if (parts.problems > 0) kinds.add('problem');
  return (Object.keys(MEANING) as PlanMark[]).filter((mark) => kinds.has(mark));
}

/** `+ add or invite, ~ change role, ...`: each mark followed by what it means. */
export function legendEntries(marks: readonly PlanMark[], show: (mark: PlanMark) => string): string {
  return marks.map((mark) => `${show(mark)} ${MEANING[mark]}`).join(', ');
}
