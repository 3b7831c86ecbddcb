#!/usr/bin/env python3
"""dkimpy's `dkimverify`, with the key records given on the command line instead of DNS.

Usage: dkimverify.py --record NAME=TXT [--record NAME=TXT ...] [--index N] < message
       dkimverify.py --record NAME=TXT [--record NAME=TXT ...] FILE...

The same call as dkimpy's own dkimverify script (dkim.DKIM(message).verify(idx)), with a
dnsfunc that answers from --record. On stdin: prints "signature ok" and exits 0, or prints
"signature verification failed" and exits 1. With files (one interpreter for many
messages): prints "FILE INDEX ok" or "FILE INDEX failed" for each signature of each file.
Exits 2 when dkimpy cannot be imported.
"""

import argparse
import sys

try:
    import dkim
except ImportError as err:  # pragma: no cover - the caller reports it
    print(f"dkimpy missing: {err}", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=int, default=0)
    parser.add_argument("--record", action="append", default=[])
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    records = {}
    for r in args.record:
        name, txt = r.split("=", 1)
        records[name.rstrip(".").lower()] = txt.encode()

    def dnsfunc(name, timeout=5):
        name = name.decode() if isinstance(name, bytes) else name
        return records.get(name.rstrip(".").lower())

    if args.files:
        for path in args.files:
            with open(path, "rb") as f:
                message = f.read()
            headers = dkim.DKIM(message).headers
            count = sum(1 for name, _ in headers if name.lower() == b"dkim-signature")
            for index in range(count):
                result = "ok" if verify(message, index, dnsfunc) else "failed"
                print(f"{path} {index} {result}")
        return
    if not verify(sys.stdin.buffer.read(), args.index, dnsfunc):
        print("signature verification failed")
        sys.exit(1)
    print("signature ok")


def verify(message, index, dnsfunc):
    try:
        return dkim.DKIM(message).verify(idx=index, dnsfunc=dnsfunc)
    except dkim.DKIMException:
        return False


if __name__ == "__main__":
    main()
