// Command tracegen writes a generated OTLP file for manual measurements
// (peak RSS, first frame) that benchmarks cannot take in-process:
//
//	go run ./internal/cmd/tracegen -spans 1000000 -traces 1 > /tmp/t1m.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/tracetui/tracetui/internal/tracegen"
)

func main() {
	spans := flag.Int("spans", 100_000, "spans to generate")
	traces := flag.Int("traces", 1, "traces to spread them over")
	proto := flag.Bool("proto", false, "write length-prefixed OTLP protobuf instead of JSON lines")
	seed := flag.Uint64("seed", 1, "random seed: another seed, another run of the same shape (for diff)")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	cfg := tracegen.Config{Spans: *spans, Traces: *traces, Seed: *seed}
	var err error
	if *proto {
		err = tracegen.WriteProto(w, cfg, true)
	} else {
		err = tracegen.WriteJSONLines(w, cfg)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tracegen:", err)
		os.Exit(1)
	}
}
