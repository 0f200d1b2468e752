/** The Turso adapter behind the provider boundary: observation and apply live in their own files. */
import type { HttpClient } from '../../http/http-client.js';
import type { Provider } from '../provider.js';
import { applyTursoChange } from './turso-apply.js';
import { observeTurso } from './turso-observe.js';

export function createTursoProvider(http: HttpClient): Provider<'turso'> {
  return {
    name: 'turso',
    observe: (desired) => observeTurso(http, desired),
    apply: (change) => applyTursoChange(http, change),
  };
}
