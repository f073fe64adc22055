/** The compiler's SQL quoting is the kernel's (core/sql-quote.ts), shared with the runtime. */
export * from "../../core/sql-quote.js";
