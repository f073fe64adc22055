import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { brokenCopy, checkCopy, faultPosition, KEIKO, located, MIGRATION, type Breakage } from "./support/broken-spec.js";

/**
 * Copies of specs/keiko with one deliberate mistake each: `kmig check` must fail with the precise
 * diagnostic — its code, the line and column of the faulty token, a message naming what is wrong.
 */
const BREAKAGES: Breakage[] = [
  { name: "a typo in a column name (did you mean)", find: "default 300 := timeout ?? 300", replace: "default 300 := timeot ?? 300", at: "timeot", code: "K2002", message: /`timeot` does not exist on table `tasks`/, help: /did you mean `timeout`\?/ },
  { name: "a text value into an integer column", find: ":= retries ?? 0", replace: ":= 'none'", at: "'none'", code: "K3001", message: /`tasks\.retry_count` is integer.*text/ },
  { name: "a status map without its fallback", find: "    else            -> pending\n", replace: "", at: "task_status(status)", atFromFileStart: true, code: "K4001", message: /map `task_status` has no `else`/, help: /else ->/ },
  {
    name: "a mapping that reads a column an earlier step dropped",
    find: "    index idx_users_last_login (last_login)\n  }",
    replace: "    index idx_users_last_login (last_login)\n    drop name\n  }\n  table users {\n    add display text? := name ?? email\n  }",
    at: "name ?? email",
    code: "K2003",
    message: /`name` of `users` was dropped/,
    help: /dropped at specs\/keiko\/001_keiko_v2\.kmig:12/,
  },
  { name: "an unknown table", find: "  table tasks {", replace: "  table taks {", at: "taks", code: "K2001", message: /table `taks` does not exist/, help: /did you mean `tasks`\?/ },
  { name: "a column added twice", find: "    add last_login  timestamp?\n", replace: "    add last_login  timestamp?\n    add role text?\n", at: "role text?", code: "K2006", message: /`users` already has a column `role`/ },
  { name: "NULL into a NOT NULL column", find: "    updated_at := updated_at ?? created_at\n", replace: "    updated_at := updated_at ?? created_at\n    name := null\n", at: "null", code: "K3004", message: /`agents\.name` is NOT NULL, but this is null/ },
  { name: "a varchar literal too long", find: "add version varchar(20)? default '2.0.0'", replace: "add version varchar(20)? default '2.0.0-release-candidate-7'", at: "'2.0.0-release", code: "K3005", message: /has 25 characters; the default of `agents\.version` allows 20/ },
  { name: "a map output too long for its column", find: "finished        -> completed", replace: "finished        -> completed_without_any_errors", at: "completed_without", code: "K3005", message: /'completed_without_any_errors' has 28 characters; `status` allows 20/ },
  { name: "one map input with two outputs", find: "    failed          -> failed\n", replace: "    failed          -> failed\n    running         -> failed\n", at: "running", code: "K4002", message: /'running' is mapped twice, to 'running' and to 'failed'/ },
  { name: "keep original in a place the mapping does not write", find: "original_status: status }", replace: "original_state: status }", at: "metadata.original_status", atFromFileStart: true, code: "K4005", message: /keeps the original in `metadata\.original_status`, but .* does not store `status` there/ },
  { name: "a foreign key of another type", find: "    user_id       uuid?         references users (id)", replace: "    user_id       integer?      references users (id)", at: "user_id", code: "K3009", message: /`audit_logs\.user_id` is integer\? but references `users\.id` of type uuid/ },
  { name: "an index on an unknown column", find: "index idx_tasks_priority (priority)", replace: "index idx_tasks_priority (priorty)", at: "priorty", code: "K2002", message: /`priorty` does not exist on table `tasks`/, help: /did you mean `priority`\?/ },
  { name: "an index name that is taken", find: "index idx_tasks_timeout (timeout_seconds)", replace: "index idx_tasks_user (timeout_seconds)", at: "idx_tasks_user", code: "K2007", message: /`idx_tasks_user` is already used/ },
  { name: "a broken version chain", find: "from '1.9.0'", replace: "from '1.8.0'", at: "'1.8.0'", code: "K2011", message: /starts from '1\.8\.0', but the previous one ends at '1\.9\.0'/ },
  { name: "a baseline that is not first", file: "000_baseline.kmig", renames: { "000_baseline.kmig": "002_baseline.kmig" }, find: "baseline keiko_v1", replace: "baseline keiko_v1", at: "keiko_v1", code: "K2012", message: /a baseline must be the first file of the chain/ },
  { name: "an unknown function (did you mean)", find: "sort(distinct([", replace: "sort(distinc([", at: "distinc(", code: "K2004", message: /no function, map or def named `distinc`/, help: /did you mean `distinct`\?/ },
  { name: "a built-in given an argument of the wrong type", find: "task_type                   := type ?? 'generic'", replace: "task_type                   := lower(params) ?? 'generic'", at: "params)", code: "K3006", message: /`lower`/ },
  {
    name: "a JSON value used as a scalar without conversion",
    find: "add priority varchar(20)? default 'normal' :=\n      when params.urgent     then 'high'\n      when params.background then 'low'\n      else 'normal'",
    replace: "add priority varchar(20)? default 'normal' := params.priority",
    at: "params.priority",
    code: "K3003",
    message: /`tasks\.priority` is varchar\(20\)\?, found a JSON value/,
    help: /to_text/,
  },
  { name: "a comparison of incompatible types", find: "expect version == '2.0.0'", replace: "expect version == 2", at: "version == 2", code: "K3002", message: /cannot compare varchar\(20\)\? with integer/ },
  { name: "`old` outside an expect", find: "status     := status ?? 'inactive'", replace: "status     := old.status ?? 'inactive'", at: "old.status", code: "K2017", message: /`old` is only meaningful in an `expect`/ },
];

describe("broken copies of specs/keiko", () => {
  it("the spec itself checks clean", () => {
    expect(checkCopy(brokenCopy({ name: "", find: "migration keiko_v2", replace: "migration keiko_v2", at: "keiko_v2", code: "K2001", message: /./ })).filter((d) => d.severity === "error").map(located)).toEqual([]);
  });

  for (const b of BREAKAGES) {
    it(b.name, () => {
      const files = brokenCopy(b);
      const diagnostics = checkCopy(files);
      const file = join(KEIKO, b.renames?.[b.file ?? MIGRATION] ?? b.file ?? MIGRATION);
      const where = `${file}:${faultPosition(b, files)}`;
      const hit = diagnostics.find((d) => d.code === b.code && located(d).startsWith(`${b.code} ${where} `));
      expect(hit, `expected ${b.code} at ${where}; got:\n${diagnostics.map(located).join("\n")}`).toBeDefined();
      expect(hit?.severity).toBe("error");
      expect(hit?.message).toMatch(b.message);
      if (b.help) expect(hit?.help ?? "").toMatch(b.help);
    });
  }
});

describe("kmig check on broken copies (the real CLI)", () => {
  for (const name of ["a typo in a column name (did you mean)", "a status map without its fallback", "a broken version chain", "a foreign key of another type"]) {
    it(name, () => {
      const b = BREAKAGES.find((x) => x.name === name) as Breakage;
      const files = brokenCopy(b);
      const dir = tempSpecs(files);
      const r = runCli(["check", dir]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error[${b.code}]`);
      expect(r.stderr).toContain(`--> ${join(dir, MIGRATION)}:${faultPosition(b, files)}`);
      expect(r.stdout).toMatch(/checked 2 files: \d+ errors?/);
    });
  }
});
