package main

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

// New-user sweep: print of a `listen --save` file showed no sign of the
// log record naming a span, though the README says open and print both
// put log records under their spans; the warning about a record naming
// no span said <input>, not the file.
func TestPrintShowsLogRecordsUnderTheirSpans(t *testing.T) {
	file := repoFile("listen", "saved_with_logs.jsonl")
	r := runCLI(t, nil, false, "print", "--width", "80", file)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.AssertNamed(t, "print/saved_with_logs_w80", r.stdout)
	lines := strings.Split(r.stdout, "\n")
	for k, l := range lines {
		if strings.Contains(l, "api child") && (k+1 == len(lines) || strings.TrimSpace(lines[k+1]) != "↳ log: WARN cache miss") {
			t.Errorf("no log line under the span:\n%s", r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "saved_with_logs.jsonl: not shown: 1 log record naming no span") {
		t.Errorf("the warning names the file: %q", r.stderr)
	}
	md := runCLI(t, nil, false, "print", "--format", "markdown", file).stdout
	if !strings.Contains(md, "↳ log: WARN cache miss") {
		t.Errorf("markdown has no log line:\n%s", md)
	}
	js := runCLI(t, nil, false, "print", "--format", "json", file).stdout
	if !strings.Contains(js, `"body": "cache miss"`) || !strings.Contains(js, `"span_id": "1111111111111112"`) {
		t.Errorf("JSON has no log record:\n%s", js)
	}
}
