package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

func TestDiffDemoGoldens(t *testing.T) {
	path := demoFile(t)
	for _, c := range []struct{ name, format string }{{"demo_w100", "text"}, {"demo_md", "markdown"}} {
		t.Run(c.name, func(t *testing.T) {
			res := runCLI(t, nil, false, "diff", "--width", "100", "--format", c.format,
				"--trace", "4bf92f", path, "--trace", "0af765", path)
			if res.code != 0 || res.stderr != "" {
				t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
			}
			golden.AssertNamed(t, "diff/"+c.name, res.stdout)
		})
	}
}

// --where picks the traces on both sides before the mode is chosen: of
// the demo's two traces only the failed one has an error, so each side
// holds one trace and the two are compared as traces.
func TestDiffWhereSelectsBeforeTheMode(t *testing.T) {
	path := demoFile(t)
	res := runCLI(t, nil, false, "diff", "--where", "{ status = error }", path, path)
	if res.code != 0 || !strings.Contains(res.stdout, "B trace 0af7651916cd43dd8448eb211c80319c") ||
		!strings.Contains(res.stdout, "B takes as long as A (1.34 s): nothing changed") {
		t.Errorf("exit %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
}

func TestDiffSameTraceIsEmpty(t *testing.T) {
	path := demoFile(t)
	res := runCLI(t, nil, false, "diff", "--changed", "--trace", "4bf92f", path, path)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "B takes as long as A (5.60 s): nothing changed") {
		t.Errorf("verdict missing:\n%s", res.stdout)
	}
	// No span row is left: shipping GET /v2/rates appears only in the
	// bottleneck line, never as a row of its own.
	if strings.Count(res.stdout, "shipping GET /v2/rates") != 1 || strings.Contains(res.stdout, "checkout ValidateCart") {
		t.Errorf("--changed showed rows for identical traces:\n%s", res.stdout)
	}
}

// otlpRun writes n traces (api GET / over db SELECT) as OTLP JSON lines;
// the query takes around meanMS, spread exponentially, and fails with
// errMsg on every fourth trace when errMsg is set.
func otlpRun(t *testing.T, name string, seed uint64, n int, meanMS float64, errMsg string) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	base := int64(1_790_000_000_000_000_000) + int64(seed)*3600e9 // runs hours apart
	for k := range n {
		start := base + int64(k)*int64(10e9)
		db := int64((5 + r.ExpFloat64()*meanMS) * 1e6)
		status := `{}`
		if errMsg != "" && k%4 == 0 {
			status = fmt.Sprintf(`{"code":2,"message":%q}`, errMsg)
		}
		tid := fmt.Sprintf("%016x%016x", seed, k+1)
		fmt.Fprintf(&b, `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[`+
			`{"traceId":"%s","spanId":"00000000000000a1","name":"GET /","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]},`+
			`{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"db"}}]},"scopeSpans":[{"spans":[`+
			`{"traceId":"%s","spanId":"00000000000000b2","parentSpanId":"00000000000000a1","name":"SELECT","startTimeUnixNano":"%d","endTimeUnixNano":"%d","status":%s}]}]}]}`+"\n",
			tid, start, start+db+10e6, tid, start+5e6, start+5e6+db, status)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDiffRunsGoldens(t *testing.T) {
	a := otlpRun(t, "a.jsonl", 1, 60, 20, "")
	b := otlpRun(t, "b.jsonl", 2, 60, 60, "deadlock detected")
	for _, c := range []struct{ name, format string }{{"runs_w120", "text"}, {"runs_md", "markdown"}} {
		t.Run(c.name, func(t *testing.T) {
			res := runCLI(t, nil, false, "diff", "--width", "120", "--format", c.format, a, b)
			if res.code != 0 {
				t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
			}
			golden.AssertNamed(t, "diff/"+c.name, res.stdout)
		})
	}
}

func TestDiffRunsNoiseIsNotFlagged(t *testing.T) {
	a := otlpRun(t, "a.jsonl", 1, 60, 20, "")
	b := otlpRun(t, "b.jsonl", 2, 60, 20, "")
	res := runCLI(t, nil, false, "diff", "--fail-on", "p95 > +10%", "--fail-on", "p50 > +10%", a, b)
	if res.code != 0 {
		t.Fatalf("exit %d on the same distribution:\n%s%s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "no operation changed beyond noise") || strings.Contains(res.stdout, "beyond noise (median") {
		t.Errorf("noise reported as a change:\n%s", res.stdout)
	}
}

func TestDiffGateExitsOneWithTheRows(t *testing.T) {
	a := otlpRun(t, "a.jsonl", 1, 60, 20, "")
	b := otlpRun(t, "b.jsonl", 2, 60, 60, "deadlock detected")
	res := runCLI(t, nil, false, "diff", "--fail-on", "p95 > +20%", "--fail-on", "errors > 0", "--fail-on", "count > +50%", a, b)
	if res.code != exitNo {
		t.Fatalf("exit %d, want 1:\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{"fail-on: 3 violations", "p95 > +20%: db SELECT p95 +", "errors > 0: db SELECT errors 15 new errors",
		"p95 > +20%: api GET / p95 +"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, res.stdout)
		}
	}
	if !strings.Contains(res.stderr, "2 --fail-on rules broke (3 violations)") {
		t.Errorf("stderr %q", res.stderr)
	}
	js := runCLI(t, nil, false, "diff", "--format", "json", "--fail-on", "errors > 0", a, b)
	var doc struct {
		Mode       string
		Violations []struct{ Rule, Service, Operation string }
		Operations []struct {
			Service, Operation, Noise string
			Flagged                   bool
			Q                         *float64
		}
	}
	if err := json.Unmarshal([]byte(js.stdout), &doc); err != nil {
		t.Fatalf("JSON: %v\n%s", err, js.stdout)
	}
	if js.code != exitNo || doc.Mode != "runs" || len(doc.Violations) != 1 || doc.Violations[0].Operation != "SELECT" {
		t.Errorf("json exit %d mode %q violations %+v", js.code, doc.Mode, doc.Violations)
	}
	if len(doc.Operations) == 0 || !doc.Operations[0].Flagged || doc.Operations[0].Noise != "beyond" || doc.Operations[0].Q == nil {
		t.Errorf("first operation %+v; want the flagged query first, with its q", doc.Operations)
	}
}

func TestDiffUsageAndInputErrors(t *testing.T) {
	path := demoFile(t)
	cases := map[string]struct {
		args []string
		code int
		msg  string
	}{
		"one side":         {[]string{"diff", path}, exitUsage, "give two files"},
		"bad rule":         {[]string{"diff", "--fail-on", "p95 > fast", path, path}, exitUsage, "neither a percentage"},
		"bad min-change":   {[]string{"diff", "--min-change", "5 parsecs", path, path}, exitUsage, "--min-change"},
		"three --trace":    {[]string{"diff", "--trace", "a", "--trace", "b", "--trace", "c", path, path}, exitUsage, "at most two"},
		"missing file":     {[]string{"diff", path, path + ".nope"}, exitInput, ".nope"},
		"trace not there":  {[]string{"diff", "--trace", "4bf92f", path, "--trace", "ffff", path}, exitInput, "side B"},
		"bad --where":      {[]string{"diff", "--where", "{ status = }", path, path}, exitUsage, "--where"},
		"--where no match": {[]string{"diff", "--where", "{ name = \"nothing\" }", path, path}, exitNo, "side A"},
		"stdin both sides": {[]string{"diff", "-", "-"}, exitUsage, "only one side"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res := runCLI(t, nil, false, c.args...)
			if res.code != c.code || !strings.Contains(res.stderr, c.msg) {
				t.Errorf("exit %d stderr %q; want %d mentioning %q", res.code, res.stderr, c.code, c.msg)
			}
		})
	}
}
