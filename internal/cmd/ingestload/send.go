package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/internal/tracegen"
)

// load is 20 generated requests of 1,000 spans in one encoding, and where
// their trace IDs lie so each sent copy can be made new traces.
type load struct {
	transport string
	batches   [][]byte
	offs      [][]int

	exec      string // a shell command that is the load instead (see -exec)
	execSpans int
}

func newLoad(transport string) (*load, error) {
	l := &load{transport: transport}
	var buf bytes.Buffer
	cfg := tracegen.Config{Spans: 20_000, Traces: 20, Seed: 1}
	switch transport {
	case "http-json":
		tracegen.WriteJSONLines(&buf, cfg)
		l.batches = bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	case "http-proto", "grpc":
		tracegen.WriteProto(&buf, cfg, true)
		for rest := buf.Bytes(); len(rest) > 4; {
			n := binary.BigEndian.Uint32(rest)
			l.batches = append(l.batches, rest[4:4+n])
			rest = rest[4+n:]
		}
	default:
		return nil, fmt.Errorf("unknown transport %q", transport)
	}
	for _, b := range l.batches {
		l.offs = append(l.offs, traceIDOffsets(b, transport == "http-json"))
	}
	return l, nil
}

// request writes request i into buf: batch i%20 with i/20+1 in the first
// bytes of every trace ID (so a run of 400 requests is 400,000 new spans,
// never an exporter's retry).
func (l *load) request(buf []byte, i, round int) []byte {
	k := i % len(l.batches)
	buf = append(buf[:0], l.batches[k]...)
	n := binary.BigEndian.AppendUint32(nil, uint32(round<<24|i/len(l.batches)+1))
	for _, off := range l.offs[k] {
		if l.transport == "http-json" {
			hex.Encode(buf[off:off+8], n)
		} else {
			copy(buf[off:], n)
		}
	}
	return buf
}

func traceIDOffsets(batch []byte, json bool) []int {
	var offs []int
	if json {
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

// measure starts target spec, sends warm requests, then n measured ones
// over conns connections, and returns the receiver's CPU for the n.
func measure(spec string, l *load, warm, n, conns int, saveDir string, run int) (result, error) {
	var save string
	if saveDir != "" && !strings.HasPrefix(spec, "jaeger=") && !strings.HasPrefix(spec, "pid=") {
		save = filepath.Join(saveDir, filepath.Base(spec)+"-"+l.transport+".jsonl")
	}
	t, err := start(spec, save)
	if err != nil {
		return result{}, err
	}
	defer t.stop()
	if l.exec != "" {
		return runExec(t, l)
	}
	send, closeAll, err := sender(t, l.transport, conns)
	if err != nil {
		return result{}, err
	}
	defer closeAll()
	// Rounds differ per run so a long-lived target never sees a repeat.
	if err := blast(send, l, 0, warm, conns, run*2); err != nil {
		return result{}, err
	}
	c0, err := t.settle()
	if err != nil {
		return result{}, err
	}
	begin := time.Now()
	if err := blast(send, l, 0, n, conns, run*2+1); err != nil {
		return result{}, err
	}
	wall := time.Since(begin)
	c1, _ := t.cpu()
	c2, err := t.settle()
	if err != nil {
		return result{}, err
	}
	return result{spans: n * 1000, wall: wall, answered: c1 - c0, total: c2 - c0}, nil
}

// blast sends requests [from, to) from conns goroutines.
func blast(send func(conn int, body []byte) error, l *load, from, to, conns, round int) error {
	var next atomic.Int64
	next.Store(int64(from))
	var wg sync.WaitGroup
	errs := make(chan error, conns)
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= to {
					return
				}
				buf = l.request(buf, i, round)
				if err := send(c, buf); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// sender returns a function sending one body on connection c.
func sender(t *target, transport string, conns int) (func(int, []byte) error, func(), error) {
	if transport == "grpc" {
		var cc []*grpc.ClientConn
		for c := 0; c < conns; c++ {
			// One ClientConn is one HTTP/2 connection.
			conn, err := grpc.NewClient(t.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				return nil, nil, err
			}
			cc = append(cc, conn)
		}
		send := func(c int, body []byte) error {
			var resp []byte
			return cc[c].Invoke(context.Background(), "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
				&body, &resp, grpc.ForceCodecV2(rawCodec{}))
		}
		return send, func() {
			for _, c := range cc {
				c.Close()
			}
		}, nil
	}
	ct := "application/x-protobuf"
	if transport == "http-json" {
		ct = "application/json"
	}
	var clients []*http.Client
	for c := 0; c < conns; c++ {
		clients = append(clients, &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, DisableCompression: true}})
	}
	url := "http://" + t.http + "/v1/traces"
	send := func(c int, body []byte) error {
		resp, err := clients[c].Post(url, ct, bytes.NewReader(body))
		if err != nil {
			return err
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || partial(msg, ct) {
			return fmt.Errorf("status %d: %q", resp.StatusCode, msg)
		}
		return nil
	}
	return send, func() {
		for _, c := range clients {
			c.CloseIdleConnections()
		}
	}, nil
}

// rawCodec sends a request that is already wire bytes and ignores the
// answer's body (an empty ExportTraceServiceResponse, or partial success).
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(*v.(*[]byte))}, nil
}
func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*v.(*[]byte) = data.Materialize()
	return nil
}

// runExec measures the receiver while a load generator command runs.
func runExec(t *target, l *load) (result, error) {
	c0, err := t.settle()
	if err != nil {
		return result{}, err
	}
	cmd := exec.Command("sh", "-c", l.exec)
	cmd.Env = append(os.Environ(), "GRPC="+t.grpc, "HTTP="+t.http)
	begin := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return result{}, fmt.Errorf("%s: %v\n%s", l.exec, err, out)
	}
	wall := time.Since(begin)
	c1, _ := t.cpu()
	c2, err := t.settle()
	if err != nil {
		return result{}, err
	}
	return result{spans: l.execSpans, wall: wall, answered: c1 - c0, total: c2 - c0}, nil
}

// partial reports an ExportTraceServiceResponse that rejects spans or
// warns; an empty partialSuccess (Jaeger sends one) is a full success.
func partial(msg []byte, ct string) bool {
	if ct == "application/json" {
		return bytes.Contains(msg, []byte(`"rejectedSpans"`)) || bytes.Contains(msg, []byte(`"errorMessage"`))
	}
	ps := false
	walkFields(msg, func(num protowire.Number, v []byte) {
		if num == 1 {
			walkFields(v, func(n protowire.Number, _ []byte) { ps = ps || n == 1 || n == 2 })
		}
	})
	return ps
}

// walkFields calls fn with each field of a message (nil v for scalars).
func walkFields(b []byte, fn func(protowire.Number, []byte)) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return
		}
		b = b[n:]
		var v []byte
		if typ == protowire.BytesType {
			v, n = protowire.ConsumeBytes(b)
		} else {
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return
		}
		fn(num, v)
		b = b[n:]
	}
}
