import { CATALOG } from "../../core/diagnostics/catalog.js";

/** The safety lints' codes, K5001–K5025: what `allow` and kmig.yaml may name. */
export const LINT_CODES: readonly string[] = Object.keys(CATALOG).filter((c) => /^K50(0[1-9]|1\d|2[0-5])$/.test(c));
