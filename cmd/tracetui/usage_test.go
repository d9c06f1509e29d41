package main

import (
	"strings"
	"testing"
)

// Every way of invoking a command wrongly exits 2 with "Run 'tracetui
// --help'", as the README promises, before anything is read or sent: a CI
// script can tell its own mistake (2) from a bad input (3) or a "no" (1).
func TestUsageErrorsExit2Everywhere(t *testing.T) {
	demo := repoFile("..", "source", "demo", "demo.jsonl")
	store := "http://127.0.0.1:1" // nothing listens: a request would exit 3
	mistakes := [][]string{
		{"print", "--width", "5", demo},
		{"print", "--jaeger", "ftp://jaeger", "4bf92f"},
		{"print", "--jaeger", store, "--header", "no-colon", "4bf92f"},
		{"print", "--jaeger", store, "not-a-trace-id"},
		{"print", "--tempo", store, "zz"},
		{"print", "--zipkin", store, "zz"},
		{"print", "--jaeger", store},
		{"print", "--where", "{ bad", demo},
		{"list", "--sort", "size", demo},
		{"list", "--jaeger", store, "--tempo", store, "4bf92f"},
		{"open", "--color", "sometimes", demo},
		{"demo", "extra"},
		{"stats", "--by", "host", demo},
		{"stats", "--max-value", "lots", demo},
		{"services", "--format", "markdown", demo},
		{"search"},
		{"search", "--jaeger", store},
		{"search", "--jaeger", store, "--list", "everything"},
		{"search", "--zipkin", store, "--list", "services"},
		{"search", "--zipkin", store, "{ }"},
		{"search", "--tempo", store, "{ bad"},
		{"search", "--jaeger", store, "--service", "x", "--tag", "novalue"},
		{"diff", demo},
		{"diff", "--fail-on", "nonsense", demo, demo},
		{"version", "extra"},
		{"completion"},
		{"completion", "tcsh"},
		{"nosuch"},
	}
	for _, args := range mistakes {
		r := runCLI(t, nil, false, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "Run 'tracetui --help' for usage.") {
			t.Errorf("tracetui %s: exit %d, want 2 (usage)\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
