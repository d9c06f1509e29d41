package load

import (
	"bytes"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// smallBlocks makes the parallel loader cut a test-sized file into many
// blocks on two workers.
func smallBlocks(t *testing.T) {
	t.Helper()
	oldMin, oldBlock, oldMax := parallelMin, blockSize, maxBlock
	parallelMin, blockSize, maxBlock = 1, 64<<10, 256<<10
	prev := runtime.GOMAXPROCS(2)
	t.Cleanup(func() {
		parallelMin, blockSize, maxBlock = oldMin, oldBlock, oldMax
		runtime.GOMAXPROCS(prev)
	})
}

// onePass loads path through a reader, which always decodes in one pass.
func onePass(t *testing.T, path string) (*Result, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return All([]Input{{Name: path, Reader: f}}, Options{})
}

func sameTraces(t *testing.T, got, want []*trace.Trace) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d traces, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID || len(got[i].Spans) != len(want[i].Spans) {
			t.Fatalf("trace %d: %v with %d spans, want %v with %d", i, got[i].ID, len(got[i].Spans), want[i].ID, len(want[i].Spans))
		}
		for k := range want[i].Spans {
			if !got[i].Spans[k].Equal(&want[i].Spans[k]) {
				t.Fatalf("trace %d span %d: %+v, want %+v", i, k, got[i].Spans[k], want[i].Spans[k])
			}
		}
	}
}

// A JSON lines file decoded in blocks on two cores gives the traces, the
// span order and the logs of one pass, whatever the interleaving.
func TestParallelLoadEqualsOnePass(t *testing.T) {
	smallBlocks(t)
	var buf bytes.Buffer
	if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 6000, Traces: 40, Seed: 3, BatchSize: 50}); err != nil {
		t.Fatal(err)
	}
	// A logs and a metrics line in the middle, as `listen --save` writes.
	lines := strings.SplitAfter(buf.String(), "\n")
	mid := len(lines) / 2
	traceID := lines[0][strings.Index(lines[0], `"traceId":"`)+11:][:32]
	logLine := `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"` + traceID + `","spanId":"0102030405060708","body":{"stringValue":"hi"}}]}]}]}` + "\n"
	data := strings.Join(lines[:mid], "") + logLine + `{"resourceMetrics":[]}` + "\n" + strings.Join(lines[mid:], "")
	path := writeFile(t, "in.jsonl", []byte(data))

	f, _ := os.Open(path)
	var side signals
	c := trace.NewCollector()
	if !decodeParallel(f, int64(len(data)), c, 1<<20, &side, nil) {
		t.Fatal("the file was not decoded in parallel")
	}
	f.Close()
	if side.logExports != 1 || side.metricExports != 1 || len(side.logs) != 1 {
		t.Errorf("side signals: %d logs exports, %d metrics, %d records", side.logExports, side.metricExports, len(side.logs))
	}

	got, err := All([]Input{{Name: path}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := onePass(t, path)
	if err != nil {
		t.Fatal(err)
	}
	sameTraces(t, got.Traces, want.Traces)
	if !reflect.DeepEqual(got.Warnings, want.Warnings) || got.Bytes != want.Bytes {
		t.Errorf("warnings %v, %d bytes; one pass: %v, %d bytes", got.Warnings, got.Bytes, want.Warnings, want.Bytes)
	}
}

// A bad line anywhere makes the loader decode the file again in one pass,
// so its warning names the same line and offset as always.
func TestParallelLoadBadLineWarnsAsOnePass(t *testing.T) {
	smallBlocks(t)
	var buf bytes.Buffer
	if err := tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 4000, Traces: 10, Seed: 4, BatchSize: 50}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	lines[len(lines)*2/3] = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":` + "\n"
	data := strings.Join(lines, "")
	path := writeFile(t, "in.jsonl", []byte(data))

	f, _ := os.Open(path)
	if decodeParallel(f, int64(len(data)), trace.NewCollector(), 1<<20, &signals{}, nil) {
		t.Error("a file with a bad line decoded in parallel")
	}
	f.Close()
	got, err := All([]Input{{Name: path}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := onePass(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Warnings) == 0 || !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("warnings %v, one pass %v", got.Warnings, want.Warnings)
	}
	sameTraces(t, got.Traces, want.Traces)
}

// A pretty-printed document has no place to cut: it decodes in one pass.
func TestParallelLoadLeavesADocumentWhole(t *testing.T) {
	smallBlocks(t)
	doc := "{\n  \"resourceSpans\": [\n" + strings.Repeat("    {},\n", 40_000) + "    {}\n  ]\n}\n"
	if p := boundary([]byte(doc)); p != 0 {
		t.Errorf("cut a pretty-printed document at %d", p)
	}
	lines := "{\"a\":\"b\"}\n{\"c\":\"d\"}\n"
	if p := boundary([]byte(lines)); p != 10 {
		t.Errorf("JSON lines cut at %d, want 10", p)
	}
}
