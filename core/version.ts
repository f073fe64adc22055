/** kmig's version: printed by `kmig --version`, written into compiled plan folders, recorded in the ledger beside every applied plan. */
export const KMIG_VERSION = "0.1.0";
