/** kmig's version: printed by `kmig --version`, written into compiled plan folders. */
export const KMIG_VERSION = "0.1.0";
