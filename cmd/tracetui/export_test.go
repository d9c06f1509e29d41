package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

var richFile = filepath.Join("testdata", "export", "rich.json")

// Each target on the demo traces, as a user would paste or upload it.
// The protobuf golden is a hex dump: the bytes, readable in a diff.
func TestExportGoldens(t *testing.T) {
	for _, to := range exportFormats {
		t.Run(to, func(t *testing.T) {
			in := exportInputs(t)[0] // the demo, as demo --write saves it
			r := runCLI(t, nil, false, "export", in, "--to", to)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			out := r.stdout
			if to == "otlp-proto" {
				out = hex.Dump([]byte(out))
			}
			golden.AssertNamed(t, "export/demo_"+to, out)
		})
	}
}

// The Jaeger and Zipkin files have the shapes their UIs' upload reads.
func TestExportShapes(t *testing.T) {
	r := runCLI(t, nil, false, "export", richFile, "--to", "jaeger")
	var j struct {
		Data []struct {
			TraceID string `json:"traceID"`
			Spans   []struct {
				TraceID, SpanID, OperationName, ProcessID string
				References                                []struct{ RefType, TraceID, SpanID string }
				StartTime, Duration                       int64
				Tags                                      []struct {
					Key, Type string
					Value     any
				}
				Logs []struct {
					Timestamp int64
					Fields    []struct{ Key, Type string }
				}
			} `json:"spans"`
			Processes map[string]struct {
				ServiceName string `json:"serviceName"`
			} `json:"processes"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil || len(j.Data) != 1 {
		t.Fatalf("Jaeger JSON: %v\n%s", err, r.stdout)
	}
	tr := j.Data[0]
	if tr.TraceID != "5b8efff798038103d269b633813fc60c" || len(tr.Spans) != 4 || len(tr.Processes) != 2 {
		t.Errorf("trace %s: %d spans, %d processes", tr.TraceID, len(tr.Spans), len(tr.Processes))
	}
	for _, s := range tr.Spans {
		if _, ok := tr.Processes[s.ProcessID]; !ok || s.StartTime < 1_700_000_000_000_000 || s.StartTime > 1_800_000_000_000_000 {
			t.Errorf("span %s: process %q, startTime %d (want µs)", s.SpanID, s.ProcessID, s.StartTime)
		}
	}
	r = runCLI(t, nil, false, "export", richFile, "--to", "zipkin")
	var z []struct {
		TraceID             string `json:"traceId"`
		ID, Name, Kind      string
		Timestamp, Duration int64
		LocalEndpoint       struct{ ServiceName string }
		Tags                map[string]string
	}
	if err := json.Unmarshal([]byte(r.stdout), &z); err != nil || len(z) != 4 {
		t.Fatalf("Zipkin JSON: %v\n%s", err, r.stdout)
	}
	if z[0].LocalEndpoint.ServiceName != "frontend" || z[0].Timestamp != 1700000000123456 || z[0].Duration != 864198 {
		t.Errorf("first span: %+v", z[0])
	}
}

// What a format cannot carry is said on stderr, by name and count; OTLP
// carries everything, so says nothing.
func TestExportListsWhatIsLost(t *testing.T) {
	for to, want := range map[string][]string{
		"zipkin": {"span links: 1", "event attributes", "resource attributes besides service.name",
			"times finer than a microsecond", "instrumentation scopes: 3", "OK statuses", "trace states: 1"},
		"jaeger":     {"link attributes", "array and map attributes", "times finer than a microsecond", "instrumentation scope attributes"},
		"otlp-json":  nil,
		"otlp-proto": nil,
	} {
		r := runCLI(t, nil, false, "export", richFile, "--to", to, "-o", filepath.Join(t.TempDir(), "out"))
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", to, r.code, r.stderr)
		}
		for _, w := range want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%s: stderr does not mention %q:\n%s", to, w, r.stderr)
			}
		}
		if want == nil && r.stderr != "" {
			t.Errorf("%s loses nothing, but stderr says:\n%s", to, r.stderr)
		}
	}
}

func TestExportSubtree(t *testing.T) {
	r := runCLI(t, nil, false, "export", richFile, "--span", "A1A1", "--to", "zipkin")
	var z []struct {
		ID       string `json:"id"`
		ParentID string `json:"parentId"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &z); err != nil {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	// The span and its child; the subtree's root keeps its real parent.
	if len(z) != 2 || z[0].ID != "a1a1a1a1a1a1a1a1" || z[0].ParentID != "eee19b7ec3c1b174" || z[1].ID != "c3c3c3c3c3c3c3c3" {
		t.Errorf("subtree: %+v", z)
	}
	r = runCLI(t, nil, false, "export", richFile, "--span", "a1a1a1a1a1a1a1a1", "--to", "markdown")
	if !strings.Contains(r.stdout, "SELECT orders") || !strings.Contains(r.stdout, "handle") || strings.Contains(r.stdout, "GET /orders |") {
		t.Errorf("markdown subtree:\n%s", r.stdout)
	}
}

func TestExportExitCodes(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		tty  bool
		code int
		msg  string
	}{
		{[]string{"export", richFile}, false, exitUsage, "--to"},
		{[]string{"export", richFile, "--to", "csv"}, false, exitUsage, `got "csv"`},
		{[]string{"export", richFile, "--to", "otlp-proto"}, true, exitUsage, "terminal"},
		{[]string{"export", filepath.Join(dir, "nope.json"), "--to", "jaeger"}, false, exitInput, "no such file"},
		{[]string{"export", richFile, "--to", "jaeger", "--trace", "ffff"}, false, exitInput, "no trace matches"},
		{[]string{"export", richFile, "--to", "jaeger", "--span", "ffff"}, false, exitInput, `no span matches "ffff" in the 1 trace selected`},
		{[]string{"export", richFile, "--to", "jaeger", "-o", filepath.Join(dir, "no", "dir", "x.json")}, false, exitInput, "cannot write"},
	} {
		r := runCLI(t, nil, c.tty, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
	}
	// With -o, binary goes to the file even from a terminal.
	out := filepath.Join(dir, "t.pb")
	if r := runCLI(t, nil, true, "export", richFile, "--to", "otlp-proto", "-o", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || len(b) < 100 {
		t.Errorf("protobuf file: %d bytes, %v", len(b), err)
	}
}

// Escape sequences inside trace strings reach the JSON escaped, never raw:
// printing or pasting the export cannot drive a terminal.
func TestExportEscapesControls(t *testing.T) {
	for _, to := range []string{"otlp-json", "otlp-jsonl", "jaeger", "zipkin", "markdown"} {
		r := runCLI(t, nil, false, "export", richFile, "--to", to)
		if strings.ContainsAny(r.stdout, "\x1b\u009b") {
			t.Errorf("%s: raw escape in output", to)
		}
		if to != "markdown" && !strings.Contains(r.stdout, `\u001b[31mred`) {
			t.Errorf("%s: the attribute's text was not kept (escaped)", to)
		}
	}
}

// OTLP → Jaeger → Zipkin keeps a failed span's message: the error=true tag
// Jaeger carries is read back as the status, not as an attribute that
// Zipkin's error tag would then hold ("true") in place of the message.
func TestExportJaegerToZipkinKeepsStatusMessage(t *testing.T) {
	dir := t.TempDir()
	j := filepath.Join(dir, "demo.jaeger.json")
	if r := runCLI(t, nil, false, "export", exportInputs(t)[0], "--to", "jaeger", "-o", j); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r := runCLI(t, nil, false, "export", j, "--span", "6f708192a3b4c5d5", "--to", "zipkin")
	var z []struct {
		Tags map[string]string `json:"tags"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &z); err != nil || len(z) == 0 {
		t.Fatalf("%v: %s", err, r.stderr)
	}
	if got := z[0].Tags["error"]; got != "502 Bad Gateway" {
		t.Errorf("Zipkin error tag %q, want the status message %q", got, "502 Bad Gateway")
	}
}

// --trace names one trace in every command: an ID that starts several
// is a usage error naming them (export wrote them all before), and a
// whole ID that also starts longer ones is that trace.
func TestTraceFlagAmbiguous(t *testing.T) {
	in := filepath.Join("testdata", "export", "prefix.json")
	for _, args := range [][]string{
		{"export", in, "--to", "otlp-json", "--trace", "ABC"},
		{"print", in, "--trace", "abc"},
		{"list", in, "--trace", "abc"},
		{"stats", in, "--trace", "abc"},
	} {
		r := runCLI(t, nil, false, args...)
		want := `--trace "` + args[len(args)-1] + `" matches 3 traces (abc0000000000000000000000000000a, abc0000000000000, abc0000000000000000000000000000c): give more of the ID`
		if r.code != exitUsage || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want exit %d and\n%s", args, r.code, len(r.stdout), r.stderr, exitUsage, want)
		}
	}
	r := runCLI(t, nil, false, "export", in, "--to", "zipkin", "--trace", "abc0000000000000")
	if r.code != 0 || strings.Count(r.stdout, `"id"`) != 1 || !strings.Contains(r.stdout, "sixty-four") {
		t.Errorf("a whole 64-bit ID that starts two 128-bit ones: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
}

// A whole span ID that a Zipkin client and server span share exports the
// client's subtree, which holds the server span, and says so; it never
// asks for more of an ID that is complete.
func TestExportSharedSpanID(t *testing.T) {
	r := runCLI(t, nil, false, "export", repoFile("zipkin-v2", "zipkin-lens_skew.json"), "--span", "74280ae0c10d8062", "--to", "zipkin")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var z []struct{ ID, Kind string }
	if err := json.Unmarshal([]byte(r.stdout), &z); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range z {
		got = append(got, s.ID+" "+s.Kind)
	}
	want := []string{"74280ae0c10d8062 CLIENT", "74280ae0c10d8062 SERVER", "43210ae0c10d1234 "}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("spans %q, want %q", got, want)
	}
	note := "note: 2 spans share the ID 74280ae0c10d8062 (a client and a server span: Zipkin shares one RPC's ID): exported the outermost, servicea post (client), and everything under it"
	if !strings.Contains(r.stderr, note) || strings.Contains(r.stderr, "more of the") {
		t.Errorf("stderr %q, want %q", r.stderr, note)
	}
}
