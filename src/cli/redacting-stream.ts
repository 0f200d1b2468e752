/** An output stream whose every write passes the redactor: how main.ts hands stdout and stderr to commands. */
import type { Redactor } from '../redact/create-redactor.js';
import type { OutputStream } from './io.js';

export function redactingStream(stream: NodeJS.WriteStream, redact: Redactor): OutputStream {
  return {
    write: (text: string) => stream.write(redact(text)),
    get isTTY() {
      return stream.isTTY;
    },
  };
}
