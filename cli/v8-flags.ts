import { setFlagsFromString } from "node:v8";

/**
 * A kmig command mostly runs for well under a second, and V8 spent a fifth of a `kmig check`'s
 * CPU time optimising functions (TurboFan) that were soon done with. A larger interrupt budget
 * (15× V8's default) makes a function run longer before it is optimised, so that only the hot
 * ones are; long runs lose nothing measurable (bench/README.md). V8 reads the flag as it sets up
 * each function's budget, so setting it before the commands' code loads is enough.
 *
 * V8 takes a code cache only from a process with the same flags: the build's code cache writer
 * (write-code-cache.ts) sets them too, first thing, as the CLI does.
 */
export function setKmigV8Flags(): void {
  setFlagsFromString("--interrupt-budget=1048576");
}
