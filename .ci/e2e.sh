#!/usr/bin/env bash
# End-to-end: run the real binary in tmux, send keys, check the screen.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux not installed: skipping end-to-end runs"; exit 0
fi
bin=$(mktemp -d)/tracetui
go build -o "$bin" ./cmd/tracetui
sock=tracetui-e2e-$$
t() { tmux -L "$sock" "$@"; }
# fresh starts a session on a server of its own: after kill-session the old
# server may still be exiting, and a new-session sent to it then fails with
# "server exited unexpectedly".
fresh() {
  t kill-server 2>/dev/null || true
  sock=tracetui-e2e-$$-$RANDOM
  t new-session "$@"
}
trap 't kill-server 2>/dev/null || true' EXIT
fail=0
expect() { # expect WHAT TEXT...
  local what=$1; shift
  local screen
  for _ in $(seq 1 40); do
    screen=$(t capture-pane -p -t e2e)
    if grep -qF -- "$*" <<<"$screen"; then echo "ok: $what"; return 0; fi
    sleep 0.1
  done
  echo "FAIL: $what: screen lacks '$*'"; echo "$screen" | sed 's/^/    | /'; fail=1
}

fresh -d -s e2e -x 100 -y 30 "TERM=xterm-256color $bin demo; sleep 5"
expect "trace list" "2 traces · sorted by start"
t send-keys -t e2e j Enter
expect "failed trace opens" "failure: payment POST /v1/charges: 502 Bad Gateway"
t send-keys -t e2e b
expect "b selects the bottleneck" "payment POST /v1/charges › payment POST /authorize"
t send-keys -t e2e '/' c a r t Enter
expect "search counts matches" "for \"cart\" (n/N)"
t send-keys -t e2e '/' C-u
t send-keys -t e2e -l '{ status = error }'
t send-keys -t e2e Enter
expect "search takes TraceQL" "/4 for { status = error } (n/N)"
t send-keys -t e2e '/' C-u
t send-keys -t e2e -l '{ name = }'
t send-keys -t e2e Enter
expect "a bad query says where" "column 10: expected a value"
t send-keys -t e2e Escape
sleep 0.3 # an escape followed at once by ? reads as alt+?
t send-keys -t e2e '?'
expect "help screen" "tracetui keys"
t send-keys -t e2e Escape q
sleep 0.5
if t capture-pane -p -t e2e | grep -q "panic\|goroutine"; then echo "FAIL: stack trace on screen"; fail=1; else echo "ok: clean exit"; fi
t kill-session -t e2e 2>/dev/null || true

# A small terminal: fold all at the bottom keeps every row drawn, before
# and after a resize (issue 15 defect A); help scrolls at 40x10 (item 6).
fresh -d -s e2e -x 80 -y 12 "TERM=xterm-256color $bin demo; sleep 8"
expect "small terminal list" "2 traces"
t send-keys -t e2e Enter G -
expect "fold all at the bottom shows ValidateCart" "▸ checkout ValidateCart [+6]" # only after -
expect "fold all at the bottom shows the root" "▾ checkout POST /checkout"
t resize-window -t e2e -x 200 -y 50
expect "after a resize the root is still drawn" "▾ checkout POST /checkout"
t resize-window -t e2e -x 40 -y 10
t send-keys -t e2e '?'
expect "help fits 40x10 and says it scrolls" "1-8 of"
t send-keys -t e2e j j
expect "j scrolls help" "3-10 of"
t send-keys -t e2e Escape q
t kill-session -t e2e 2>/dev/null || true

# open on a file, and the print fallback when stdout is not a terminal.
demo=$(mktemp -d)/demo.jsonl
"$bin" demo --write "$demo" 2>/dev/null
fresh -d -s e2e -x 80 -y 24 "TERM=xterm-256color $bin open $demo; sleep 5"
expect "open shows the list" "2 traces"
t send-keys -t e2e Enter
expect "open shows the waterfall" "bottleneck: shipping GET /v2/rates"
t send-keys -t e2e q
if "$bin" open "$demo" | grep -qF "bottleneck: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%)"; then
  echo "ok: open prints when piped"
else
  echo "FAIL: open did not print when piped"; fail=1
fi

# listen: a trace appears live as its spans arrive.
if command -v curl >/dev/null 2>&1; then
  t kill-session -t e2e 2>/dev/null || true
  port=$((20000 + RANDOM % 20000))
  fresh -d -s e2e -x 100 -y 24 "TERM=xterm-256color $bin listen 127.0.0.1:$port --grpc off; sleep 5"
  expect "listen waits live" "live · 0 spans received"
  while read -r line; do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "$line" "http://127.0.0.1:$port/v1/traces"
  done < "$demo"
  expect "traces appear live" "2 traces"
  t send-keys -t e2e Enter
  expect "a live trace opens" "bottleneck: shipping GET /v2/rates"
  t send-keys -t e2e q
else
  echo "curl not installed: skipping the live listen run"
fi
exit $fail
