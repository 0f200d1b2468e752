/**
 * `membership who` and `membership report`: the access review (planner/access-review.ts) as text,
 * Markdown, CSV and JSON. Names and emails come from the file and the APIs: in text and CSV they
 * are made printable, in Markdown they only appear in code spans (pipes escaped for tables).
 */
import type { ProviderName } from '../model/desired-state.js';
import { groupOf, type IsoDate } from '../model/people.js';
import type { Target } from '../model/providers.js';
import { formatScope } from '../model/scope.js';
import {
  ACCESS_STATUSES,
  ANY_ROLE,
  countStatuses,
  type AccessGrant,
  type AccessIdentity,
  type AccessReason,
  type AccessReview,
  type AccessRow,
  type AccessStatus,
  type Known,
  type ObservedAccess,
} from '../planner/access-review.js';
import { plural } from './plural.js';
import { showInvisible } from './printable.js';
import { escapeText, inlineCode } from './render-plan-markdown.js';

/** Bumped on a breaking change to `who --format json` or `report --format json`. */
const ACCESS_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Words every format shares

/** `data-eng, file`: groups by name, then `file`, `departed`, `expired`, `owner`; `none` when empty. */
export function reasonText(reasons: readonly AccessReason[]): string {
  return reasons.length === 0 ? 'none' : reasons.map(reasonName).join(', ');
}

function reasonName(reason: AccessReason): string {
  return groupOf(reason) ?? reason;
}

/** The observed column: the role, `invited (ROLE)`, or `none`. */
export function observedText(row: AccessRow): string {
  if (row.observed === 'none') return 'none';
  const role = row.observedRole ?? 'member';
  return row.observed === 'invited' ? `invited (${role})` : role;
}

/** The declared column: the role, or `none`. */
export function declaredText(row: AccessRow): string {
  return row.declaredRole ?? 'none';
}

/** `2 undeclared, 1 mismatch, 30 ok`: the statuses present, attention first. */
function statusCounts(rows: readonly AccessRow[]): string {
  const counts = countStatuses(rows);
  const parts = ACCESS_STATUSES.filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
  return parts.length === 0 ? 'nothing to review' : parts.join(', ');
}

function notFoundText(scopes: readonly Target[]): string | undefined {
  if (scopes.length === 0) return undefined;
  return `Not found (or the tokens cannot see them), so nothing is observed there: ${scopes.map(scopeName).join(', ')}.`;
}

function scopeName(scope: Target): string {
  return showInvisible(formatScope(scope));
}

// ---------------------------------------------------------------------------------------------
// JSON (schemas/who.schema.json, schemas/report.schema.json)

interface AccessJson {
  readonly scope: string;
  readonly provider: ProviderName;
  readonly organization: string;
  readonly team?: string;
  readonly observed: ObservedAccess;
  readonly observed_role: string | null;
  readonly declared_role: string | null;
  readonly reason: readonly AccessReason[];
  readonly expiry: IsoDate | null;
  readonly status: AccessStatus;
}

function accessJson(row: AccessRow): AccessJson {
  return {
    scope: formatScope(row.scope),
    provider: row.scope.provider,
    organization: row.scope.organization,
    ...(row.scope.team === undefined ? {} : { team: row.scope.team }),
    observed: row.observed,
    observed_role: row.observedRole ?? null,
    declared_role: row.declaredRole ?? null,
    reason: row.reasons,
    expiry: row.expiry ?? null,
    status: row.status,
  };
}

function summaryJson(review: AccessReview, rows: readonly AccessRow[]) {
  return {
    people: new Set(rows.map((row) => row.identity)).size,
    scopes: review.scopes.length,
    ...countStatuses(rows),
  };
}

/** `report --format json`: `as_of`, a summary, and one row per person per scope. */
export function renderReportJson(review: AccessReview): string {
  const document = {
    format_version: ACCESS_FORMAT_VERSION,
    as_of: review.asOf,
    expiry_warning_days: review.expiryWarningDays,
    summary: summaryJson(review, review.rows),
    not_found: review.notFound.map(formatScope),
    rows: review.rows.map((row) => ({
      person: row.identity.label,
      email: row.identity.email ?? null,
      known: row.identity.known,
      ...accessJson(row),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** `who --format json`: the person, and their access to every scope with every grant. */
export function renderWhoJson(review: AccessReview, identity: AccessIdentity, rows: readonly AccessRow[]): string {
  const document = {
    format_version: ACCESS_FORMAT_VERSION,
    as_of: review.asOf,
    expiry_warning_days: review.expiryWarningDays,
    person: {
      name: identity.label,
      id: identity.id ?? null,
      email: identity.email ?? null,
      turso: identity.turso,
      known: identity.known,
      departed: identity.departed,
      expires: identity.expires ?? null,
    },
    summary: summaryJson(review, rows),
    not_found: review.notFound.map(formatScope),
    access: rows.map((row) => ({
      ...accessJson(row),
      grants: row.grants.map((grant) => ({
        role: grant.role ?? null,
        reason: grant.reason,
        ends: grant.ends ?? null,
      })),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// who: text and Markdown

const KNOWN: Record<Known, string> = {
  person: 'declared under people:',
  file: "named in the file's provider sections, not under people:",
  unknown: 'not declared: the file does not name them, an organization it declares knows the account',
};

/** `alice: alice@acme.dev, Turso alice-gh; departed; declared under people:`. */
function identityLine(identity: AccessIdentity): string {
  const accounts = [
    ...(identity.email === undefined || identity.email === identity.label ? [] : [identity.email]),
    ...(identity.turso.length === 0 ? [] : [`Turso ${identity.turso.join(', ')}`]),
  ];
  const notes = [
    ...(identity.departed ? ['departed'] : []),
    ...(identity.expires === undefined ? [] : [`all access ends on ${identity.expires}`]),
    KNOWN[identity.known],
  ];
  return showInvisible(
    `${identity.label}${accounts.length > 0 ? `: ${accounts.join(', ')}` : ''}; ${notes.join('; ')}`,
  );
}

/** `admin (db-admins, file), until 2026-12-10; also member (data-eng, until 2026-12-31)`. */
function declaredWords(row: AccessRow): string {
  if (row.declaredRole === undefined) {
    return row.reasons.length === 0 ? 'none' : `none (${reasonText(row.reasons)})`;
  }
  const role =
    row.declaredRole === ANY_ROLE
      ? `any role, for its teams (${reasonText(row.reasons)})`
      : `${row.declaredRole} (${reasonText(row.reasons)})`;
  const until = row.expiry === undefined ? '' : `, until ${row.expiry}`;
  const winning = new Set(row.reasons);
  const others = row.grants.filter((grant) => !winning.has(grant.reason)).map(grantWords);
  return `${role}${until}${others.length > 0 ? `; also ${others.join(', ')}` : ''}`;
}

function grantWords(grant: AccessGrant): string {
  const until = grant.ends === undefined ? '' : `, until ${grant.ends}`;
  return `${grant.role ?? 'member'} (${reasonName(grant.reason)}${until})`;
}

function observedWords(row: AccessRow): string {
  if (row.observed === 'none') return 'not present';
  if (row.scope.team !== undefined) return 'member of the team';
  return `${row.observed === 'invited' ? 'pending invite' : 'member'} with role ${row.observedRole ?? 'member'}`;
}

function statusWords(row: AccessRow): string {
  switch (row.status) {
    case 'expiring':
      return `expiring on ${row.expiry ?? ''}`;
    case 'departed':
      return 'departed, still has access';
    case 'ok':
    case 'mismatch':
    case 'undeclared':
    case 'missing':
      return row.status;
  }
}

export function renderWhoText(review: AccessReview, identity: AccessIdentity, rows: readonly AccessRow[]): string {
  const lines = [identityLine(identity), `As of ${review.asOf}.`, ''];
  for (const row of rows) {
    lines.push(`${scopeName(row.scope)}: ${statusWords(row)}`);
    lines.push(`  declared: ${showInvisible(declaredWords(row))}`);
    lines.push(`  observed: ${showInvisible(observedWords(row))}`);
  }
  if (rows.length === 0) lines.push('The file declares no organization or team.');
  const notFound = notFoundText(review.notFound);
  lines.push(
    '',
    ...(notFound === undefined ? [] : [notFound]),
    `${plural(rows.length, 'scope')}: ${statusCounts(rows)}.`,
  );
  return lines.join('\n') + '\n';
}

export function renderWhoMarkdown(review: AccessReview, identity: AccessIdentity, rows: readonly AccessRow[]): string {
  const lines = [
    `### Access of ${inlineCode(identity.label)}`,
    '',
    inlineCode(identityLine(identity)),
    '',
    `As of ${review.asOf}: ${plural(rows.length, 'scope')}, ${statusCounts(rows)}.`,
    '',
    tableRow(['scope', 'status', 'declared', 'reason', 'expiry', 'observed', 'other grants']),
    tableRow(Array<string>(7).fill('---')),
    ...rows.map((row) =>
      tableRow([
        code(formatScope(row.scope)),
        statusCell(row),
        escapeText(declaredText(row)),
        reasonCell(row.reasons),
        row.expiry ?? '',
        observedCell(row),
        row.grants
          .filter((grant) => !new Set(row.reasons).has(grant.reason))
          .map((grant) => code(grantWords(grant)))
          .join(' '),
      ]),
    ),
  ];
  const notFound = notFoundText(review.notFound);
  if (notFound !== undefined) lines.push('', escapeText(notFound));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// report: Markdown and CSV

const REPORT_COLUMNS = [
  'person',
  'email',
  'scope',
  'observed_role',
  'declared_role',
  'reason',
  'expiry',
  'status',
] as const;

export interface ReportMarkdownOptions {
  /** The desired-state file, as given: named in the heading. */
  readonly file: string;
}

export function renderReportMarkdown(review: AccessReview, options: ReportMarkdownOptions): string {
  const people = new Set(review.rows.map((row) => row.identity)).size;
  const attention = review.rows.filter((row) => row.status !== 'ok').length;
  const lines = [
    `### Access review of ${inlineCode(options.file)}`,
    '',
    `As of ${review.asOf}: ${plural(people, 'person', 'people')}, ${plural(review.scopes.length, 'scope')}. ` +
      (attention === 0
        ? `Everything matches the file (${statusCounts(review.rows)}).`
        : `**${attention} ${attention === 1 ? 'row needs' : 'rows need'} attention**: ${statusCounts(review.rows)}.`),
  ];
  const notFound = notFoundText(review.notFound);
  if (notFound !== undefined) lines.push('', escapeText(notFound));
  if (review.rows.length > 0) {
    lines.push(
      '',
      tableRow(['person', 'email', 'scope', 'observed', 'declared', 'reason', 'expiry', 'status']),
      tableRow(Array<string>(8).fill('---')),
      ...review.rows.map((row) =>
        tableRow([
          code(row.identity.label),
          row.identity.email === undefined ? '' : code(row.identity.email),
          code(formatScope(row.scope)),
          observedCell(row),
          escapeText(declaredText(row)),
          reasonCell(row.reasons),
          row.expiry ?? '',
          statusCell(row),
        ]),
      ),
    );
  }
  lines.push(
    '',
    'Status: `ok` as declared; `expiring` ok, and the declared grant ends within ' +
      `${plural(review.expiryWarningDays, 'day')}; \`mismatch\` another role than declared; \`undeclared\` access ` +
      'the file does not declare; `missing` declared access not held; `departed` a departed person still has access.',
  );
  return lines.join('\n') + '\n';
}

/**
 * RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted (quotes
 * doubled). A field a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return) gets a leading `'`, so that opening the file runs nothing.
 */
export function renderReportCsv(review: AccessReview): string {
  const rows = review.rows.map((row) => [
    row.identity.label,
    row.identity.email ?? '',
    formatScope(row.scope),
    observedText(row),
    declaredText(row),
    reasonText(row.reasons),
    row.expiry ?? '',
    row.status,
  ]);
  return [[...REPORT_COLUMNS], ...rows].map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// ---------------------------------------------------------------------------------------------
// Markdown cells

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A code span that is safe in a table cell: GitHub splits cells at `|` even inside code. */
function code(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

function reasonCell(reasons: readonly AccessReason[]): string {
  return reasons.length === 0 ? 'none' : reasons.map((reason) => code(reasonName(reason))).join(', ');
}

/** The observed column, the role escaped (it comes from an API). */
function observedCell(row: AccessRow): string {
  if (row.observed === 'invited') return `invited (${escapeText(row.observedRole ?? 'member')})`;
  return escapeText(observedText(row));
}

function statusCell(row: AccessRow): string {
  return row.status === 'ok' ? 'ok' : `**${row.status}**`;
}
