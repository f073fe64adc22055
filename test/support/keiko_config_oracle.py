#!/usr/bin/env python3
"""The Keiko v1.9 -> v2.0 config contract (specs/keiko/reference/contract.md), written independently of kmig.

The guide's ConfigMigrator (specs/keiko/reference/migration-guide.md), read with PyYAML as the guide did, with
the contract's rulings where it differs: a key that is missing *or null* reads as its default, an
empty file is an empty mapping, capabilities follow the database rule (truthy `supports_*` keys and
the agent's type, distinct, sorted) and an agent file without `name` stops the whole run.

  keiko_config_oracle.py expect SRC           print the expected documents as typed JSON
  keiko_config_oracle.py compare SRC OUT...   compare kmig's output folder OUT with them (exit 1 on a difference);
                                              several SRC OUT pairs in one run (Python starts once)

Values are compared with their YAML types (1 is not 1.0, not True, not '1'; a date is not a string).
"""
import datetime
import json
import math
import pathlib
import sys

import yaml


def load(path):
    with open(path, "r", encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return {} if doc is None else doc


def get(d, key, default=None):
    """The guide's d.get(key, default), with the contract's rule that null also reads as the default."""
    v = d.get(key)
    return default if v is None else v


def capabilities(flags, kind):
    flags = flags if isinstance(flags, dict) else {}
    caps = []
    if flags.get("supports_text_processing"):
        caps.append("text_processing")
    if flags.get("supports_image_generation"):
        caps.append("image_generation")
    if flags.get("supports_data_analysis"):
        caps.append("data_analysis")
    if kind == "text_processor":
        caps += ["text_processing", "summarization"]
    elif kind == "image_generator":
        caps += ["image_generation", "image_editing"]
    return sorted(set(caps))


def main_config(v1):
    return {
        "version": "2.0.0",
        "environment": get(v1, "env", "development"),
        "server": {"host": get(v1, "host", "0.0.0.0"), "port": get(v1, "port", 8000), "workers": get(v1, "workers", 4), "reload": get(v1, "debug", False)},
        "logging": {"level": get(v1, "log_level", "INFO"), "format": "json", "structured": True, "file_path": get(v1, "log_file", "/var/log/keiko/app.log")},
        "monitoring": {"enabled": True, "metrics_port": 9090, "health_check_interval": 30},
    }


def database_config(v1):
    return {
        "default": {"url": get(v1, "database_url"), "pool_size": get(v1, "pool_size", 20), "max_overflow": get(v1, "max_overflow", 30), "pool_timeout": 30, "pool_recycle": 3600, "echo": False},
        "read_replicas": get(v1, "read_replicas", []),
        "migrations": {"auto_upgrade": False, "backup_before_migration": True},
    }


def agent_config(v1, file):
    if v1.get("name") is None:
        raise BadInput(file, "name")
    return {
        "name": v1["name"],
        "type": get(v1, "type", "generic"),
        "version": "2.0.0",
        "capabilities": capabilities(v1, get(v1, "type", "generic")),
        "configuration": {
            "timeout_seconds": get(v1, "timeout", 300),
            "max_concurrent_tasks": get(v1, "max_tasks", 1),
            "retry_policy": {"max_retries": get(v1, "max_retries", 3), "retry_delay": get(v1, "retry_delay", 1.0)},
        },
        "external_config": get(v1, "external", {}),
    }


class BadInput(Exception):
    def __init__(self, file, key):
        super().__init__(f"{file}: key {key}")
        self.file, self.key = file, key


def expected(src):
    src = pathlib.Path(src)
    out = {"config.yml": main_config(load(src / "config.yml")), "database.yml": database_config(load(src / "database.yml"))}
    for f in sorted((src / "agents").glob("*.yml")) if (src / "agents").is_dir() else []:
        if f.name.startswith("."):
            continue
        out[f"agents/{f.name}"] = agent_config(load(f), f"agents/{f.name}")
    return out


def typed(v):
    """A value with its YAML type made explicit, so that 1, 1.0, True and '1' all differ."""
    if v is None:
        return None
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": "nan" if math.isnan(v) else repr(v)}
    if isinstance(v, str):
        return v
    if isinstance(v, datetime.datetime):
        return {"timestamp": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, bytes):
        return {"binary": v.hex()}
    if isinstance(v, list):
        return [typed(x) for x in v]
    if isinstance(v, dict):
        return {"map": sorted(([typed(k), typed(x)] for k, x in v.items()), key=lambda kv: json.dumps(kv, sort_keys=True))}
    return {type(v).__name__: repr(v)}


def compare(src, out):
    try:
        want = expected(src)
    except BadInput as e:
        return [{"file": e.file, "problem": f"bad input: key {e.key}; kmig must fail"}]
    diffs = []
    outp = pathlib.Path(out)
    for name, doc in want.items():
        path = outp / name
        if not path.exists():
            diffs.append({"file": name, "problem": "missing in kmig's output"})
            continue
        got = load(path)
        if typed(got) != typed(doc):
            diffs.append({"file": name, "problem": "differs", "expected": typed(doc), "got": typed(got)})
    return diffs


if __name__ == "__main__":
    if sys.argv[1] == "expect":
        try:
            print(json.dumps({k: typed(v) for k, v in expected(sys.argv[2]).items()}, ensure_ascii=False, indent=1))
        except BadInput as e:
            print(json.dumps({"bad_input": {"file": e.file, "key": e.key}}))
    else:
        pairs = sys.argv[2:]
        d = [dict(x, source=src) if len(pairs) > 2 else x for src, out in zip(pairs[::2], pairs[1::2]) for x in compare(src, out)]
        print(json.dumps(d, ensure_ascii=False, indent=1))
        sys.exit(1 if d else 0)
