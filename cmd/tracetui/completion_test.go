package main

import (
	"strings"
	"testing"
)

// complete is what the shell gets for `tracetui ARGS <TAB>`: the values
// offered and cobra's directive (":4" means no file names, ":0" files).
func complete(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	r := runCLI(t, nil, false, append(append([]string{"__complete"}, args...), "")...)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

// A flag that takes one of a few values completes to them, never to the
// file names in the directory; a flag that takes free text completes to
// nothing; a flag that takes a file completes to files.
func TestCompletionOffersFlagValues(t *testing.T) {
	values := map[string]string{
		"stats --by":     "operation service",
		"stats --sort":   "total self count avg p50 p95 p99 max errors name",
		"search --list":  "services operations",
		"list --sort":    "start duration errors spans",
		"diff --by":      "operation service",
		"print --format": "text markdown json",
		"list --format":  "text markdown json",
		"stats --format": "text markdown json",
		"print --color":  "auto always never",
		"search --color": "auto always never",
	}
	for args, want := range values {
		got, dir := complete(t, strings.Fields(args)...)
		if strings.Join(got, " ") != want || dir != ":4" {
			t.Errorf("tracetui %s <TAB>: %q %s, want %q and no file names (:4)", args, got, dir, want)
		}
	}
	for _, args := range []string{"print --width", "print --trace", "print --where", "search --service", "print --jaeger", "diff --fail-on", "demo"} {
		if got, dir := complete(t, strings.Fields(args)...); len(got) != 0 || dir != ":4" {
			t.Errorf("tracetui %s <TAB>: %q %s, want nothing, no file names", args, got, dir)
		}
	}
	for _, args := range []string{"demo --write", "print --ca-file", "print"} {
		if _, dir := complete(t, strings.Fields(args)...); dir != ":0" {
			t.Errorf("tracetui %s <TAB>: directive %s, want file names (:0)", args, dir)
		}
	}
}
