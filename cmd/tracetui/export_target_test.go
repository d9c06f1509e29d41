package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/demo"
)

// Binary is refused on a terminal whichever way -o names it; -o - is
// stdout; /dev/null, a character device but no terminal, takes it.
func TestExportProtoTerminalTargets(t *testing.T) {
	tty := openPTY(t).Name()
	r := runCLI(t, nil, false, "export", richFile, "--to", "otlp-proto", "-o", tty)
	if r.code != exitUsage || !strings.Contains(r.stderr, "refusing to write binary OTLP protobuf to a terminal") {
		t.Errorf("-o %s (a terminal): exit %d, stderr %q", tty, r.code, r.stderr)
	}
	r = runCLI(t, nil, true, "export", richFile, "--to", "otlp-proto", "-o", "-")
	if r.code != exitUsage || r.stdout != "" {
		t.Errorf("-o - with stdout a terminal: exit %d, %d bytes written", r.code, len(r.stdout))
	}
	r = runCLI(t, nil, false, "export", richFile, "--to", "otlp-proto", "-o", "-")
	if r.code != 0 || len(r.stdout) < 100 {
		t.Errorf("-o - to a pipe: exit %d, %d bytes on stdout (want the protobuf); %s", r.code, len(r.stdout), r.stderr)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("-o - made a file named -")
	}
	if r = runCLI(t, nil, false, "export", richFile, "--to", "otlp-proto", "-o", os.DevNull); r.code != 0 {
		t.Errorf("-o %s: exit %d: %s", os.DevNull, r.code, r.stderr)
	}
}

// A write that fails says so, without the list of what the format would
// not have carried: nothing was written.
func TestExportWriteErrorWithoutNotes(t *testing.T) {
	r := runCLI(t, nil, false, "export", richFile, "--to", "zipkin", "-o", filepath.Join(t.TempDir(), "no", "x.json"))
	if r.code != exitInput || !strings.HasPrefix(r.stderr, "tracetui: cannot write") && !strings.Contains(r.stderr, "cannot write") || strings.Contains(r.stderr, "note:") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// Spans that arrived twice are left out of the export, as of every view,
// and said so.
func TestExportSaysRepeatsDropped(t *testing.T) {
	in := filepath.Join(t.TempDir(), "twice.jsonl")
	if err := os.WriteFile(in, bytes.Repeat(demo.JSONLines(), 2), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, false, "export", in, "--to", "otlp-json", "--trace", "4bf92f")
	want := "note: trace 4bf92f3577b34da6a3ce929d0e0e4736: dropped 14 repeated spans"
	if r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
}
