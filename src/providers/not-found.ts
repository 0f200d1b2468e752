import { ApiError } from '../errors.js';

/** Runs a read and turns a 404 into `undefined`: the scope does not exist (or the token cannot see it). */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
