/**
 * This kmig's version, as `kmig --version` prints it and as the ledger records it beside every
 * applied plan (a test keeps it equal to package.json's).
 */
export const KMIG_VERSION = "0.1.0";
