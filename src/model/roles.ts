/** Roles the Turso API can set; `owner` exists in responses but cannot be granted (docs/api-notes.md §1.4). */
export const TURSO_ROLES = ['admin', 'member', 'viewer'] as const;
export type TursoRole = (typeof TURSO_ROLES)[number];
