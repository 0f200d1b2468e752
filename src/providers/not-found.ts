import { ApiError } from '../errors.js';

/** Runs a read and turns a 404 into `undefined`: the scope does not exist (or the token cannot see it). */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Runs a read and keeps a 404 as a value, for when its meaning depends on what the other reads of
 * the same organization found (PlanetScale answers 404 for a missing token access, docs/api-notes.md §2.1).
 */
export async function orNotFound<T>(
  read: () => Promise<T>,
): Promise<{ readonly found: T } | { readonly notFound: ApiError }> {
  try {
    return { found: await read() };
  } catch (error) {
    if (isNotFound(error)) return { notFound: error };
    throw error;
  }
}

export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}
