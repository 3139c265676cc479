#!/usr/bin/env python3
"""Writes the golden tests' fixed dataset (access.ndjson, audit.ndjson) next to this script.

Deterministic (its own LCG, not Python's random, so any Python 3 writes the same bytes). The files
are checked in; this script only documents how they were made. Run it again only together with a
review of every golden file that depends on the data.
"""
import json
import os

state = 20261001


def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % n


HOSTS = ["web-01", "web-02", "web-03", "db-01"]
REGIONS = ["eu-west", "us-east", "EU-West"]
PATHS = ["/api/users", "/api/orders", "/login", "/static/app.js", "/api/search"]
METHODS = ["GET", "GET", "GET", "POST"]
OK = ["request served", "cache hit for key user-42", "request served from cache",
      "user login ok", "Timer fired after 5 ticks"]
BAD = ["connection refused by upstream", "upstream timeout after 30s", "Error: disk full on /var",
       "refused connection from 10.0.0.7", "timed out waiting for lock", "ERROR internal failure"]

here = os.path.dirname(os.path.abspath(__file__))
base = 1790834400  # 2026-10-01T06:00:00Z
with open(os.path.join(here, "access.ndjson"), "w") as f:
    for i in range(200):
        t = base + i * 36 + rnd(30)
        host = HOSTS[rnd(len(HOSTS))]
        r = rnd(20)
        status = 200 if r < 12 else 404 if r < 15 else 500 if r < 18 else 502 if r < 19 else 301
        method = METHODS[rnd(len(METHODS))]
        path = PATHS[rnd(len(PATHS))]
        latency = round(1 + rnd(2000) / 10.0, 1) if status < 500 else round(100 + rnd(4000) / 10.0, 1)
        msg = (BAD[rnd(len(BAD))] if status >= 500 else OK[rnd(len(OK))])
        row = {"time": "%s.%03dZ" % (__import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(t)), rnd(1000)),
               "host": host, "method": method, "path": path, "status": status, "latency_ms": latency,
               "bytes": rnd(5000) if status != 301 else 0, "message": "%s %s %s" % (method, path, msg)}
        if rnd(10) < 8:
            row["region"] = REGIONS[rnd(len(REGIONS))]
        f.write(json.dumps(row, separators=(",", ":")) + "\n")

ACTORS = ["alice", "bob", "carol"]
ACTIONS = ["deploy", "restart", "login", "config change"]
with open(os.path.join(here, "audit.ndjson"), "w") as f:
    for i in range(40):
        t = base + 120 + i * 170 + rnd(60)
        host = HOSTS[rnd(len(HOSTS))]
        actor = ACTORS[rnd(len(ACTORS))]
        action = ACTIONS[rnd(len(ACTIONS))]
        row = {"time": __import__("time").strftime("%Y-%m-%dT%H:%M:%SZ", __import__("time").gmtime(t)),
               "host": host, "actor": actor, "action": action, "message": "%s did %s on %s" % (actor, action, host)}
        f.write(json.dumps(row, separators=(",", ":")) + "\n")
