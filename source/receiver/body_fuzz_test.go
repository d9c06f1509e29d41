package receiver

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"

	"github.com/tracetui/tracetui/internal/hostile"
)

// bytesCodec sends a []byte as the gRPC message itself, so the fuzzer
// reaches the server's decoder with any wire bytes.
type bytesCodec struct{}

func (bytesCodec) Name() string { return "proto" }
func (bytesCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}
func (bytesCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

var _ encoding.CodecV2 = bytesCodec{}

// FuzzExportBody: any body on /v1/traces and /v1/logs (protobuf, JSON,
// gzipped or not) and any gRPC Export message gets an answer — 200, 400 or
// INVALID_ARGUMENT — and the receiver keeps serving; never a crash.
func FuzzExportBody(f *testing.F) {
	f.Add(byte(0), tree(1))
	f.Add(byte(1), []byte(`{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"x"}]}]}]}`))
	f.Add(byte(4), hostile.NestedProto(100))
	f.Add(byte(5), []byte(hostile.NestedJSON(100)))
	r, err := Start(Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0"}, NewStore(0))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { r.Shutdown(context.Background()) })
	conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodecV2(bytesCodec{})))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { conn.Close() })
	client := &http.Client{Timeout: 5 * time.Second}
	f.Fuzz(func(t *testing.T, how byte, body []byte) {
		ct := []string{ctProto, ctJSON}[how&1]
		path := []string{"/v1/traces", "/v1/logs"}[how>>1&1]
		payload, enc := body, ""
		if how&4 != 0 {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(body)
			zw.Close()
			payload, enc = b.Bytes(), "gzip"
		}
		req, _ := http.NewRequest("POST", "http://"+r.HTTPAddr()+path, bytes.NewReader(payload))
		req.Header.Set("Content-Type", ct)
		if enc != "" {
			req.Header.Set("Content-Encoding", enc)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("receiver stopped answering: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 && resp.StatusCode != 400 && resp.StatusCode != 413 {
			t.Fatalf("%s %s: status %d", path, ct, resp.StatusCode)
		}
		var out []byte
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = conn.Invoke(ctx, "/opentelemetry.proto.collector.trace.v1.TraceService/Export", &body, &out)
		if ctx.Err() != nil {
			t.Fatalf("gRPC export did not answer: %v", err)
		}
	})
}
