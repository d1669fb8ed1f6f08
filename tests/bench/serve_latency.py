#!/usr/bin/env python3
"""Measures `puente serve`: the time from saving a page to the reload event that open pages receive.

Usage: tests/bench/serve_latency.py [--edits 15] [--page en/section-3/page-7.md] [--bin PUENTE]
                                   [--theme DIR] CONTENT_DIR
Run from the repository root after `cargo build --release`. Prints each time and the median. The binary
is --bin, else $PUENTE, else target/release/puente.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--page", default=None, help="page to edit, under the content folder")
    parser.add_argument("--bin", default=os.environ.get("PUENTE") or "target/release/puente")
    parser.add_argument("--theme", default=None, help="theme folder (puente's default: themes/default)")
    args = parser.parse_args()
    command = [args.bin, "serve", "--port", "0", "--content", args.content]
    if args.theme:
        command += ["--theme", args.theme]
    server = subprocess.Popen(command,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        for line in server.stdout:
            if line.startswith("Serving http://127.0.0.1:"):
                port = int(line.split(":")[2].split("/")[0])
                break
        if port is None:
            raise SystemExit(f"puente serve stopped before serving (exit status {server.wait()}); "
                             f"run `{' '.join(command)}` to see why")
        events = socket.create_connection(("127.0.0.1", port))
        events.sendall(b"GET /__puente/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = events.makefile("r")

        def next_version():
            for line in stream:
                if line.startswith("data: "):
                    return json.loads(line[6:])

        next_version()
        page = os.path.join(args.content, args.page or "en/section-3/page-7.md")
        original = open(page, encoding="utf-8").read()
        times = []
        try:
            for n in range(args.edits):
                time.sleep(0.3)
                start = time.perf_counter()
                with open(page, "w", encoding="utf-8") as f:
                    f.write(original + f"\nEdit number {n}.\n")
                state = next_version()
                elapsed = (time.perf_counter() - start) * 1000
                assert state["error"] is None, state["error"]
                times.append(elapsed)
                print(f"edit {n + 1}: {elapsed:.1f} ms")
        finally:
            with open(page, "w", encoding="utf-8") as f:
                f.write(original)
        print(f"median save-to-reload: {statistics.median(times):.1f} ms over {len(times)} edits "
              f"(min {min(times):.1f}, max {max(times):.1f})")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
