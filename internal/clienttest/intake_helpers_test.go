package clienttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// startReceiver runs tracetui's receiver as `listen --save` does, with
// cfg's intakes on free ports, and stops it when the test ends.
func startReceiver(t *testing.T, cfg receiver.Config) (*receiver.Receiver, *receiver.Store, string) {
	t.Helper()
	save := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := receiver.OpenSaver(save)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Save = sv
	st := receiver.NewStore(0)
	r, err := receiver.Start(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r.Shutdown(ctx)
	})
	return r, st, save
}

// waitSpans waits until the store holds n spans and returns them by name.
func waitSpans(t *testing.T, st *receiver.Store, n int) map[string]trace.Span {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		byName := map[string]trace.Span{}
		count := 0
		for _, v := range st.Versions() {
			for _, s := range v.Trace.Spans {
				byName[s.Name] = s
				count++
			}
		}
		if count >= n {
			if count > n {
				t.Fatalf("%d spans arrived, want %d", count, n)
			}
			return byName
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d spans arrived, want %d", count, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// savedSpans reads the --save file back as `tracetui print` would.
func savedSpans(t *testing.T, path string) map[string]trace.Span {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatalf("the --save file does not read back: %v", err)
	}
	byName := map[string]trace.Span{}
	for _, tr := range c.Traces() {
		for _, s := range tr.Spans {
			byName[s.Name] = s
		}
	}
	return byName
}

func attr(s trace.Span, key string) (trace.Value, bool) {
	for _, a := range s.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return trace.Value{}, false
}

// micros is t on the microsecond grid Zipkin and Datadog's ns both hold.
func micros(t time.Time) int64 { return t.Truncate(time.Microsecond).UnixNano() }
