package receiver

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"syscall"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// BenchmarkIngest posts OTLP protobuf batches of 1,000 spans through real
// HTTP on loopback and reports spans/s and CPU µs per span (the whole
// process: client and server, so an upper bound for the receiver).
func BenchmarkIngest(b *testing.B) {
	for _, ct := range []string{ctProto, ctJSON} {
		b.Run(ct, func(b *testing.B) {
			var buf bytes.Buffer
			var batches [][]byte
			if ct == ctProto {
				tracegen.WriteProto(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1}, true)
				for rest := buf.Bytes(); len(rest) > 4; {
					n := binary.BigEndian.Uint32(rest)
					batches = append(batches, rest[4:4+n])
					rest = rest[4+n:]
				}
			} else {
				tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1})
				batches = bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
			}
			r, err := Start(Config{HTTPAddr: "127.0.0.1:0"}, NewStore(200_000))
			if err != nil {
				b.Fatal(err)
			}
			defer r.Shutdown(context.Background())
			url := "http://" + r.HTTPAddr() + "/v1/traces"
			client := &http.Client{}
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				resp, err := client.Post(url, ct, bytes.NewReader(batches[i%len(batches)]))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
			b.StopTimer()
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			cpu := float64(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()) / 1e3
			spans := float64(b.N) * 1000
			b.ReportMetric(spans/b.Elapsed().Seconds(), "spans/s")
			b.ReportMetric(cpu/spans, "cpu-µs/span")
		})
	}
}
