package load

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/demo"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func spans(r *Result) int {
	n := 0
	for _, t := range r.Traces {
		n += len(t.Spans)
	}
	return n
}

func TestDetectsEveryFormatByContent(t *testing.T) {
	cfg := tracegen.Config{Spans: 300, Traces: 3, Seed: 7, BatchSize: 100}
	var js, bare, framed bytes.Buffer
	if err := tracegen.WriteJSONLines(&js, cfg); err != nil {
		t.Fatal(err)
	}
	if err := tracegen.WriteProto(&bare, cfg, false); err != nil {
		t.Fatal(err)
	}
	if err := tracegen.WriteProto(&framed, cfg, true); err != nil {
		t.Fatal(err)
	}
	// Extensions deliberately lie: detection must look at content only.
	cases := map[string][]byte{
		"jsonl.bin":     js.Bytes(),
		"bare.json":     bare.Bytes(),
		"framed.txt":    framed.Bytes(),
		"jsonl.gz.json": gz(t, js.Bytes()),
		"bare.pb":       gz(t, bare.Bytes()),
		"framed.gz":     gz(t, framed.Bytes()),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := All([]Input{{Name: writeFile(t, name, data)}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Traces) != 3 || spans(res) != 300 {
				t.Errorf("got %d traces, %d spans; want 3, 300", len(res.Traces), spans(res))
			}
		})
	}
}

func TestMergesOneTraceAcrossInputs(t *testing.T) {
	lines := strings.SplitAfter(strings.TrimSpace(string(demo.JSONLines())), "\n")
	half := len(lines) / 2
	a := writeFile(t, "a.jsonl", []byte(strings.Join(lines[:half], "")))
	res, err := All([]Input{
		{Name: a},
		{Name: "-", Reader: strings.NewReader(strings.Join(lines[half:], ""))},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := All([]Input{{Name: "demo", Reader: bytes.NewReader(demo.JSONLines())}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Traces) != len(whole.Traces) || spans(res) != spans(whole) {
		t.Errorf("split load: %d traces/%d spans, whole: %d/%d", len(res.Traces), spans(res), len(whole.Traces), spans(whole))
	}
}

func TestBadInputNamesFileAndPosition(t *testing.T) {
	dir := t.TempDir()
	wrongType := "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"01\",\"spanId\":\"02\",\n \"attributes\":[\n  {\"key\":\"x\",\"value\":{\"boolValue\":\"yes\"}}]}]}]}]}\n"
	cases := []struct {
		name string
		path string
		want string
	}{
		{"missing", filepath.Join(dir, "nope.json"), "nope.json: no such file"},
		{"directory", dir, "is a directory"},
		{"empty", writeFile(t, "empty.json", nil), "empty.json: byte 0: empty file"},
		{"binary", writeFile(t, "x.bin", []byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x02}), "x.bin: byte 0: not a trace file"},
		{"no spans", writeFile(t, "none.json", []byte(`{"resourceSpans":[]}`)), "none.json: no spans found"},
		{"truncated", writeFile(t, "cut.json", demo.JSONLines()[:200]), "cut.json:1:"},
		{"wrong JSON type", writeFile(t, "attr.json", []byte(wrongType)),
			fmt.Sprintf(`attr.json:3: attribute "x" (byte %d): boolValue holds a string ("yes"), not true/false`, strings.Index(wrongType, `"yes"`))},
		{"zstd", writeFile(t, "t.zst", []byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0}), "zstd"},
		{"search results", "../../testdata/jaeger-apiv3/jaeger_apiv3_FindTraceSummaries.json", "search results or service list, not traces"},
		{"service list", "../../testdata/jaeger-apiv3/jaeger_apiv3_GetServices.json", "open --jaeger URL TRACE_ID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := All([]Input{{Name: c.path}}, Options{})
			if err == nil {
				t.Fatal("want an error")
			}
			var pe *source.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a ParseError: %v", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestBadLineIsAWarningWithFileAndLine(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(demo.JSONLines())), "\n")
	lines[1] = `{"resourceSpans": [ {"scopeSpans": [ oops`
	p := writeFile(t, "bad.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	res, err := All([]Input{{Name: p}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) == 0 || !strings.HasPrefix(res.Warnings[0].String(), p+":2:") {
		t.Fatalf("want a warning at %s:2, got %v", p, res.Warnings)
	}
	if len(res.Traces) != 2 {
		t.Errorf("other lines must still load: got %d traces", len(res.Traces))
	}
}

func TestProgressReportsBytes(t *testing.T) {
	var js bytes.Buffer
	tracegen.WriteJSONLines(&js, tracegen.Config{Spans: 20000, Traces: 2, Seed: 1})
	var last int64
	calls := 0
	_, err := All([]Input{{Name: "gen", Reader: bytes.NewReader(js.Bytes())}}, Options{
		Progress: func(b int64, _ int) { last, calls = b, calls+1 },
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last <= 0 || last > int64(js.Len()) {
		t.Errorf("progress: %d calls, last %d of %d bytes", calls, last, js.Len())
	}
}
