#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Compares `rehearse-cli fsrs-replay` output with what ts-fsrs computed for
# the same histories (generate.mjs): due times and states exactly,
# stability and difficulty within 1e-4. Usage: compare.py EXPECTED OUTPUT
import json
import sys

TOLERANCE = 1e-4


def main(expected_path, output_path):
    with open(expected_path) as expected_file, open(output_path) as output_file:
        expected_lines = [json.loads(line) for line in expected_file if line.strip()]
        output_lines = [json.loads(line) for line in output_file if line.strip()]

    if len(expected_lines) != len(output_lines):
        sys.exit(f"{len(output_lines)} lines printed for {len(expected_lines)} histories")

    reviews = 0
    for number, (history, output) in enumerate(zip(expected_lines, output_lines), 1):
        expected, replayed = history["expected"], output["reviews"]
        if len(expected) != len(replayed):
            sys.exit(f"history {number}: {len(replayed)} reviews printed, "
                     f"{len(expected)} expected")
        for index, (want, got) in enumerate(zip(expected, replayed), 1):
            exact = all(got[key] == want[key] for key in ("due", "scheduled_days", "state"))
            close = all(abs(got[key] - want[key]) <= TOLERANCE
                        for key in ("stability", "difficulty"))
            if not (exact and close):
                sys.exit(f"history {number}, review {index}: got {got}, ts-fsrs {want}")
            reviews += 1

    print(f"{len(expected_lines)} histories, {reviews} reviews agree with ts-fsrs")


if __name__ == "__main__":
    main(*sys.argv[1:])
