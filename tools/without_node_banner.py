"""Run a node tool and pass its output on, less the boxed banner about the Node.js version.

    python -m tools.without_node_banner node_modules/.bin/redocly lint openapi/gigstack-v2.yaml

On Node 20, Redocly draws a box saying that Node 20 support is ending before every run; it says
nothing about the spec and buries the lint result in the test log. Only a box that says that is
dropped: every other line, warnings and errors included, is passed on, and the tool's exit status
is kept.
"""

from __future__ import annotations

import re
import subprocess
import sys

BANNER = re.compile(r"Node\.js \d+ support is ending")
BOX_TOP, BOX_BOTTOM = "╔", "╚"


def without_banner(text: str) -> str:
    kept: list[str] = []
    box: list[str] = []
    for line in text.splitlines(keepends=True):
        if box or line.lstrip().startswith(BOX_TOP):
            box.append(line)
            if line.lstrip().startswith(BOX_BOTTOM):
                if not BANNER.search("".join(box)):
                    kept.extend(box)
                box = []
        else:
            kept.append(line)
    kept.extend(box)  # a box that never closed is not the banner: keep it
    # The banner's own blank margins go with it.
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).lstrip("\n")


def main(command: list[str]) -> int:
    done = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
    )
    sys.stdout.write(without_banner(done.stdout))
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
