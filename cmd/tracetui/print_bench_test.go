package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// BenchmarkPrint times `tracetui print` of one generated trace (400,000
// spans by default; TRACETUI_BENCH_SPANS sets another count) written to
// io.Discard, and reports its peak memory against the file's size:
// peak-heap/file is the most the heap's objects reached (sampled every
// millisecond), peak-live/file the most that survived a collection. Issue
// 19's goal is a peak RSS of at most 1.2× the file.
func BenchmarkPrint(b *testing.B) {
	spans := 400_000
	if s, err := strconv.Atoi(os.Getenv("TRACETUI_BENCH_SPANS")); err == nil && s > 0 {
		spans = s
	}
	path := filepath.Join(b.TempDir(), "t.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tracegen.WriteJSONLines(f, tracegen.Config{Spans: spans, Traces: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	var peakHeap, peakLive uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := samplePeaks(&peakHeap, &peakLive)
		if code := run([]string{"print", path}, ios); code != 0 {
			b.Fatalf("exit %d", code)
		}
		stop()
	}
	file := float64(st.Size())
	b.ReportMetric(float64(peakHeap)/file, "peak-heap/file")
	b.ReportMetric(float64(peakLive)/file, "peak-live/file")
	b.ReportMetric(file/1e6, "file-MB")
}

// samplePeaks raises *heap and *live to the largest heap-object bytes and
// post-collection live bytes seen until the returned stop is called.
func samplePeaks(heap, live *uint64) (stop func()) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*heap = max(*heap, s[0].Value.Uint64())
			*live = max(*live, s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}
