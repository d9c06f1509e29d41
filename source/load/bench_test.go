package load

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// BenchmarkLoadJSON loads 20,000 spans of OTLP JSON lines: decoding with
// the --max-value check on every read.
func BenchmarkLoadJSON(b *testing.B) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1})
	b.SetBytes(int64(buf.Len()))
	for range b.N {
		res, err := All([]Input{{Name: "bench.jsonl", Reader: bytes.NewReader(buf.Bytes())}}, Options{})
		if err != nil || len(res.Traces) != 20 {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFile loads a 100,000-span JSON lines file (77 MB) of one
// trace and of 10,000 traces of 10 shuffled spans: in one pass (as from a
// pipe) and cut in blocks decoded on every core (a file). ns/op is wall
// time; compare user+sys CPU with -cpuprofile on a busy machine.
func BenchmarkLoadFile(b *testing.B) {
	for _, traces := range []int{1, 10_000} {
		path := filepath.Join(b.TempDir(), "in.jsonl")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if err := tracegen.WriteJSONLines(w, tracegen.Config{Spans: 100_000, Traces: traces, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		w.Flush()
		f.Close()
		st, _ := os.Stat(path)
		for _, mode := range []string{"one_pass", "parallel"} {
			b.Run(fmt.Sprintf("traces=%d/%s", traces, mode), func(b *testing.B) {
				b.SetBytes(st.Size())
				for range b.N {
					in := Input{Name: path}
					if mode == "one_pass" {
						f, _ := os.Open(path)
						in.Reader = f
						defer f.Close()
					}
					res, err := All([]Input{in}, Options{})
					if err != nil || len(res.Traces) != traces {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLoadLiveHeap loads 100,000 spans of one trace from memory and
// reports what stays on the heap after the load (live-B/span, the loaded
// model a command then holds) beside the load's allocations (B/op).
func BenchmarkLoadLiveHeap(b *testing.B) {
	var buf bytes.Buffer
	const spans = 100_000
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: spans, Traces: 1, Seed: 1})
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	var live uint64
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res, err := All([]Input{{Name: "bench.jsonl", Reader: bytes.NewReader(buf.Bytes())}}, Options{})
		if err != nil || len(res.Traces) != 1 {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(res)
	}
	b.ReportMetric(float64(live)/spans, "live-B/span")
	b.ReportMetric(float64(live)/float64(buf.Len()), "live/file")
}
