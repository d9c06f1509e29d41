package receiver

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"io"
	"net/http"
	"syscall"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// benchBatches is 20 generated requests of 1,000 spans each.
func benchBatches(ct string) [][]byte {
	var buf bytes.Buffer
	if ct == ctJSON {
		tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1})
		return bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	}
	var batches [][]byte
	tracegen.WriteProto(&buf, tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1}, true)
	for rest := buf.Bytes(); len(rest) > 4; {
		n := binary.BigEndian.Uint32(rest)
		batches = append(batches, rest[4:4+n])
		rest = rest[4+n:]
	}
	return batches
}

// traceIDOffsets finds where each span's trace ID lies in a batch, so
// that a benchmark can make every request a new trace (see stamp).
func traceIDOffsets(batch []byte, ct string) []int {
	var offs []int
	if ct == ctJSON {
		key := []byte(`"traceId":"`)
		for at := 0; ; {
			k := bytes.Index(batch[at:], key)
			if k < 0 {
				return offs
			}
			at += k + len(key)
			offs = append(offs, at)
		}
	}
	// request.resourceSpans(1).scopeSpans(2).spans(2).traceId(1)
	var walk func(b []byte, base int, path []protowire.Number)
	walk = func(b []byte, base int, path []protowire.Number) {
		for off := 0; off < len(b); {
			num, typ, n := protowire.ConsumeTag(b[off:])
			m := protowire.ConsumeFieldValue(num, typ, b[off+n:])
			if num == path[0] && typ == protowire.BytesType {
				v, vn := protowire.ConsumeBytes(b[off+n:])
				start := base + off + n + vn - len(v)
				if len(path) == 1 {
					offs = append(offs, start)
				} else {
					walk(v, start, path[1:])
				}
			}
			off += n + m
		}
	}
	walk(batch, 0, []protowire.Number{1, 2, 2, 1})
	return offs
}

// stamp writes n into the first bytes of every trace ID of a batch: sent
// again with another n, the batch is new traces rather than an exporter's
// retry, which the receiver would count as repeats.
func stamp(batch []byte, offs []int, ct string, n uint32) {
	for _, off := range offs {
		if ct == ctJSON {
			hex.Encode(batch[off:off+8], binary.BigEndian.AppendUint32(nil, n))
		} else {
			binary.BigEndian.PutUint32(batch[off:], n)
		}
	}
}

// measure runs send b.N times and reports spans/s and CPU µs per span (the
// whole process: client and server, so an upper bound for the receiver).
func measure(b *testing.B, send func(i int)) {
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		send(i)
	}
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := float64(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()) / 1e3
	spans := float64(b.N) * 1000
	b.ReportMetric(spans/b.Elapsed().Seconds(), "spans/s")
	b.ReportMetric(cpu/spans, "cpu-µs/span")
}

// BenchmarkIngest sends OTLP batches of 1,000 spans through the real HTTP
// and gRPC servers on loopback, one request at a time, each of new traces.
func BenchmarkIngest(b *testing.B) {
	for _, ct := range []string{ctProto, ctJSON} {
		b.Run("http/"+ct, func(b *testing.B) {
			batches := benchBatches(ct)
			offs := make([][]int, len(batches))
			for k, batch := range batches {
				offs[k] = traceIDOffsets(batch, ct)
			}
			r, err := Start(Config{HTTPAddr: "127.0.0.1:0"}, NewStore(200_000))
			if err != nil {
				b.Fatal(err)
			}
			defer r.Shutdown(context.Background())
			url := "http://" + r.HTTPAddr() + "/v1/traces"
			client := &http.Client{}
			measure(b, func(i int) {
				k := i % len(batches)
				stamp(batches[k], offs[k], ct, uint32(i/len(batches)+1))
				resp, err := client.Post(url, ct, bytes.NewReader(batches[k]))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			})
		})
	}
	b.Run("grpc", func(b *testing.B) {
		batches := benchBatches(ctProto)
		offs := make([][]int, len(batches))
		for k, batch := range batches {
			offs[k] = traceIDOffsets(batch, ctProto)
		}
		r, err := Start(Config{GRPCAddr: "127.0.0.1:0"}, NewStore(200_000))
		if err != nil {
			b.Fatal(err)
		}
		defer r.Shutdown(context.Background())
		conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		// The client sends pre-encoded requests, as the HTTP runs do, so the
		// figure is the receiver's and not the client's marshalling.
		codec := grpc.ForceCodecV2(rawClientCodec{rawCodec{encoding.GetCodecV2("proto")}})
		measure(b, func(i int) {
			k := i % len(batches)
			stamp(batches[k], offs[k], ctProto, uint32(i/len(batches)+1))
			req := rawRequest(batches[k])
			var resp coltracepb.ExportTraceServiceResponse
			if err := conn.Invoke(context.Background(), "/opentelemetry.proto.collector.trace.v1.TraceService/Export", &req, &resp, codec); err != nil {
				b.Fatal(err)
			}
		})
	})
}

type rawClientCodec struct{ rawCodec }

func (c rawClientCodec) Marshal(v any) (mem.BufferSlice, error) {
	if raw, ok := v.(*rawRequest); ok {
		return mem.BufferSlice{mem.SliceBuffer(*raw)}, nil
	}
	return c.rawCodec.Marshal(v)
}

// BenchmarkIngestRetries sends one export again and again, as an exporter
// retrying it would: the cost of recognising a repeat.
func BenchmarkIngestRetries(b *testing.B) {
	batch := benchBatches(ctProto)[0]
	r, err := Start(Config{HTTPAddr: "127.0.0.1:0"}, NewStore(200_000))
	if err != nil {
		b.Fatal(err)
	}
	defer r.Shutdown(context.Background())
	url := "http://" + r.HTTPAddr() + "/v1/traces"
	client := &http.Client{}
	measure(b, func(int) {
		resp, err := client.Post(url, ctProto, bytes.NewReader(batch))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
}
