/**
 * Names in emitted modules: TypeScript identifiers made from SQL table names and config file
 * globs, unique within one module, and object keys quoted only where they must be.
 */

/** An identifier name, Unicode letters included (as prettier unquotes keys, and as JavaScript reads them). */
const IDENTIFIER = /^[$_\p{L}\p{Nl}][$_\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]*$/u;

/** `mcp_servers` → `McpServers`, `agents/*.yml` → `AgentsYml`; never empty, never starting with a digit. */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  if (joined.length === 0) return "X";
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

/** A property name as written in an object literal or interface: bare when it can be, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A key in an object literal: as `propertyKey`, but `__proto__` computed, since a literal one sets the prototype. */
export function objectKey(name: string): string {
  return name === "__proto__" ? `[${JSON.stringify(name)}]` : propertyKey(name);
}

/** A property read as an indexed access type, e.g. `TasksAfter["task_type"]`. */
export function indexedType(typeName: string, property: string): string {
  return `${typeName}[${JSON.stringify(property)}]`;
}

/**
 * Hands out module-level names: the first request for a name gets it, later ones get `name2`,
 * `name3`… Requests come in a fixed order, so the same spec always gets the same names.
 */
export type ClaimName = (wanted: string) => string;

/** A fresh registry in which `reserved` (the prelude's names) are already taken. */
export function nameRegistry(reserved: Iterable<string>): ClaimName {
  const taken = new Set<string>(reserved);
  return (wanted) => {
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
    taken.add(name);
    return name;
  };
}
