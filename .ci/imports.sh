#!/usr/bin/env bash
# Enforces the import direction: cmd → tui → render → trace, cmd → source → trace.
set -euo pipefail
mod=github.com/tracetui/tracetui
fail=0
deny() { # deny PKGS PATTERN WHY
  local bad
  bad=$(go list -deps "$1" 2>/dev/null | grep -E "$2" || true)
  if [ -n "$bad" ]; then
    echo "import direction: $1 must not depend on ($3):"; echo "$bad" | sed 's/^/    /'; fail=1
  fi
}
# trace is standard library only: no dotted import path anywhere in its deps.
bad=$(go list -deps ./trace/... | grep -E '^[^/]*\.' | grep -v "^$mod/trace" || true)
if [ -n "$bad" ]; then echo "trace/ must use the standard library only:"; echo "$bad" | sed 's/^/    /'; fail=1; fi
deny ./render/... "^$mod/(tui|source|cmd)|bubbletea|bubbles" "tui, source, cmd, bubbletea, bubbles"
deny ./source/... "^$mod/(tui|render|cmd)|bubbletea|bubbles|lipgloss" "tui, render, cmd, terminal libraries"
if [ -d tui ] && ls tui/*.go >/dev/null 2>&1; then
  deny ./tui/... "^$mod/(source|cmd)" "source, cmd"
fi
exit $fail
