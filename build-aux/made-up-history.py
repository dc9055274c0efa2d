#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Records a made-up study history of the bundled deck's questions over the
# last five months, busier lately, through `rehearse-cli review --at`, for
# the progress page's screenshots. Usage: made-up-history.py REHEARSE_CLI DB
import random, subprocess, sys
from datetime import datetime, timedelta, timezone
cli, db = sys.argv[1], sys.argv[2]
random.seed(7)
now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
events = []
numbers = list(range(301, 401))
studied = numbers[:70]
for day in range(150, -1, -1):
    # busier lately, some days off
    if random.random() < (0.35 if day > 40 else 0.8):
        n = random.randint(2, 6) if day > 40 else random.randint(4, 14)
        for q in random.sample(studied[: max(8, 70 - day // 3)], min(n, max(8, 70 - day // 3))):
            at = now - timedelta(days=day, hours=random.randint(0, 5), minutes=random.randint(0, 59))
            events.append((at, q, random.choice([1, 3, 3, 3, 4, 2])))
events.sort()
last = {}
count = 0
for at, q, grade in events:
    if last.get(q) and at <= last[q]:
        continue
    last[q] = at
    r = subprocess.run([cli, "--db", db, "review", f"docker-interview-questions/{q}", str(grade),
                        "--at", at.strftime("%Y-%m-%dT%H:%M:%SZ")], capture_output=True, text=True)
    if r.returncode == 0:
        count += 1
    else:
        print(r.stderr, file=sys.stderr)
print(count, "reviews")
