package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenBaselineFromStdinIsAUsageError(t *testing.T) {
	r := runCLI(t, nil, false, "open", "--baseline", "-", demoFile(t))
	if r.code != 2 || !strings.Contains(r.stderr, "--baseline needs a file") {
		t.Errorf("exit %d, stderr %q; want 2 and why", r.code, r.stderr)
	}
}

// Not on a terminal, open prints as print does; the baseline is the
// explorer's, and stderr says where a comparison is printed.
func TestOpenBaselinePipedPrintsAndPointsToDiff(t *testing.T) {
	f := demoFile(t)
	r := runCLI(t, nil, false, "open", "--baseline", f, f)
	if r.code != 0 || !strings.Contains(r.stdout, "checkout POST /checkout") {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "run tracetui diff "+f+" FILE") {
		t.Errorf("stderr %q does not point to tracetui diff", r.stderr)
	}
}

func TestBaselineLoaderKeepsTheListLines(t *testing.T) {
	got, err := baselineLoader(demoFile(t), &storeFlags{})()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].RootService != "checkout" || got[0].RootName != "POST /checkout" || got[0].Duration <= 0 {
		t.Errorf("summaries %+v, want the demo's two checkouts", got)
	}
	if _, err := baselineLoader(filepath.Join(t.TempDir(), "gone.jsonl"), &storeFlags{})(); err == nil ||
		!strings.Contains(err.Error(), "gone.jsonl") {
		t.Errorf("a missing baseline file: error %v, want one naming it", err)
	}
}
