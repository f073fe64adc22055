/**
 * A reader that goes away (`kmig fmt --stdout … | head`, `kmig apply … | head`) closes the pipe
 * kmig writes to. Node then emits EPIPE on the stream and, unhandled, dies with a stack trace; a
 * migration would stop half-way. Writes to a closed pipe are dropped instead and the command goes on
 * (its exit code still says how it went).
 */
export function dropWritesToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount("error") > 0) continue;
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
    });
  }
}
