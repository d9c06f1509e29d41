package receiver

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	grpcgzip "google.golang.org/grpc/encoding/gzip"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

func start(t *testing.T, cfg Config) (*Receiver, *Store) {
	t.Helper()
	if cfg.HTTPAddr == "" {
		cfg.HTTPAddr = "127.0.0.1:0"
	}
	st := NewStore(0)
	r, err := Start(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Shutdown(context.Background()) })
	return r, st
}

// tree is a root with two children, as protobuf.
func tree(traceByte byte) []byte { return treeFrom(traceByte, 0) }

// treeFrom is tree with span IDs from first+1: more spans of the trace,
// not a repeat of them.
func treeFrom(traceByte, first byte) []byte {
	tid := make([]byte, 16)
	tid[15] = traceByte
	span := func(id, parent byte, name string) *tracepb.Span {
		s := &tracepb.Span{TraceId: tid, SpanId: []byte{0, 0, 0, 0, 0, 0, 0, first + id}, Name: name, StartTimeUnixNano: 1, EndTimeUnixNano: 9}
		if parent != 0 {
			s.ParentSpanId = []byte{0, 0, 0, 0, 0, 0, 0, first + parent}
		}
		return s
	}
	b, _ := proto.Marshal(&coltracepb.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{{
		ScopeSpans: []*tracepb.ScopeSpans{{Spans: []*tracepb.Span{span(1, 0, "root"), span(2, 1, "a"), span(3, 1, "b")}}}}}})
	return b
}

func post(t *testing.T, url, method, ct string, body []byte, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestHTTPStatusCodesAsTheSpecSays(t *testing.T) {
	r, st := start(t, Config{MaxBody: 4096})
	u := "http://" + r.HTTPAddr()
	jsonBody := `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"02","spanId":"01","name":"j"}]}]}]}`
	big := bytes.Repeat([]byte(" "), 10000)
	cases := []struct {
		name, path, method, ct string
		body                   []byte
		hdr                    []string
		code                   int
		respCT                 string
	}{
		{"protobuf", "/v1/traces", "POST", "application/x-protobuf", tree(1), nil, 200, "application/x-protobuf"},
		{"json", "/v1/traces", "POST", "application/json; charset=utf-8", []byte(jsonBody), nil, 200, "application/json"},
		{"gzip", "/v1/traces", "POST", "application/x-protobuf", gz(tree(3)), []string{"Content-Encoding", "gzip"}, 200, ""},
		{"empty json", "/v1/traces", "POST", "application/json", []byte("{}"), nil, 200, ""},
		{"empty proto", "/v1/traces", "POST", "application/x-protobuf", nil, nil, 200, ""},
		{"bad json", "/v1/traces", "POST", "application/json", []byte(`{"resourceSpans":[`), nil, 400, "application/json"},
		{"bad proto", "/v1/traces", "POST", "application/x-protobuf", []byte{0x0a, 0xff}, nil, 400, "application/x-protobuf"},
		{"text", "/v1/traces", "POST", "text/plain", []byte("hi"), nil, 415, ""},
		{"get", "/v1/traces", "GET", "", nil, nil, 405, ""},
		{"other path", "/v2/traces", "POST", "application/json", []byte("{}"), nil, 404, ""},
		{"too large", "/v1/traces", "POST", "application/json", big, nil, 413, ""},
		{"zip bomb", "/v1/traces", "POST", "application/json", gz(big), []string{"Content-Encoding", "gzip"}, 413, ""},
		{"logs", "/v1/logs", "POST", "application/json", []byte(`{"resourceLogs":[{"resource":{},"scopeLogs":[{"logRecords":[{"body":{"stringValue":"hi"}}]}]}]}`), nil, 200, ""},
		{"bad logs", "/v1/logs", "POST", "application/json", []byte(`{"resourceLogs":[{`), nil, 400, "application/json"},
		{"metrics", "/v1/metrics", "POST", "application/x-protobuf", nil, nil, 200, ""},
	}
	for _, c := range cases {
		code, h, body := post(t, u+c.path, c.method, c.ct, c.body, c.hdr...)
		if code != c.code || c.respCT != "" && h.Get("Content-Type") != c.respCT {
			t.Errorf("%s: %d %q %q, want %d %q", c.name, code, h.Get("Content-Type"), body, c.code, c.respCT)
		}
		if code >= 400 && c.ct == "application/json" && !strings.Contains(string(body), `"message"`) {
			t.Errorf("%s: error body is not a Status: %q", c.name, body)
		}
	}
	if s := st.Stats(); s.Received != 7 || s.Traces != 3 || s.Logs != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestOverCapacityAnswers503WithRetryAfter(t *testing.T) {
	r, _ := start(t, Config{MaxInFlight: 1})
	r.slots <- struct{}{} // one request in flight
	code, h, _ := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", "application/x-protobuf", tree(1))
	<-r.slots
	if code != 503 || h.Get("Retry-After") == "" {
		t.Errorf("got %d, Retry-After %q", code, h.Get("Retry-After"))
	}
}

func TestCORSPreflight(t *testing.T) {
	r, _ := start(t, Config{CORSOrigins: []string{"https://app.example"}})
	for origin, allowed := range map[string]bool{"http://localhost:5173": true, "https://app.example": true, "https://evil.example": false} {
		_, h, _ := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "OPTIONS", "", nil, "Origin", origin, "Access-Control-Request-Method", "POST")
		if got := h.Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("%s: allowed=%v, want %v", origin, got, allowed)
		}
	}
}

func TestAddressesAndPortInUse(t *testing.T) {
	if got := LocalAddr(":4318"); got != "127.0.0.1:4318" {
		t.Errorf("LocalAddr(:4318) = %s", got)
	}
	if got := LocalAddr("0.0.0.0:4318"); got != "0.0.0.0:4318" {
		t.Errorf("an explicit address is kept: %s", got)
	}
	r, _ := start(t, Config{})
	_, err := Start(Config{HTTPAddr: r.HTTPAddr()}, NewStore(0))
	if !errors.Is(err, ErrAddrInUse) || !strings.Contains(err.Error(), r.HTTPAddr()+" is in use (another collector running?)") {
		t.Errorf("second listener: %v", err)
	}
}

func TestSaveWritesEveryAcceptedSpanBeforeAnswering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := OpenSaver(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := start(t, Config{Save: sv})
	const n = 20
	done := make(chan int, n)
	for k := 0; k < n; k++ {
		go func(k int) {
			code, _, _ := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", "application/x-protobuf", tree(byte(k+1)))
			done <- code
		}(k)
	}
	for k := 0; k < n; k++ {
		if code := <-done; code != 200 {
			t.Fatalf("export got %d", code)
		}
	}
	// The file has them before shutdown: a 200 means written.
	f, _ := os.Open(path)
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if c.SpanCount() != 3*n || len(c.Traces()) != n {
		t.Errorf("saved %d spans in %d traces, want %d in %d", c.SpanCount(), len(c.Traces()), 3*n, n)
	}
	for _, tr := range c.Traces() {
		if tree := trace.Build(tr); len(tree.Roots) != 1 || len(tree.Warnings) != 0 {
			t.Errorf("saved trace lost its parent links: %v", tree.Warnings)
		}
	}
}

func TestGRPCExportWithAndWithoutGzip(t *testing.T) {
	r, st := start(t, Config{GRPCAddr: "127.0.0.1:0"})
	conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := coltracepb.NewTraceServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for k, opts := range [][]grpc.CallOption{nil, {grpc.UseCompressor(grpcgzip.Name)}} {
		var req coltracepb.ExportTraceServiceRequest
		proto.Unmarshal(tree(byte(10+k)), &req)
		if _, err := client.Export(ctx, &req, opts...); err != nil {
			t.Fatalf("export %d: %v", k, err)
		}
	}
	if s := st.Stats(); s.Received != 6 || s.Traces != 2 {
		t.Errorf("stats = %+v", s)
	}
}

func TestStoreEvictsOldestWholeTraces(t *testing.T) {
	st := NewStore(5)
	mk := func(id byte, n int) *trace.Trace {
		t := &trace.Trace{Spans: make([]trace.Span, n)}
		t.ID[15] = id
		return t
	}
	now := time.Now()
	st.Add([]*trace.Trace{mk(1, 3)}, now)
	st.Add([]*trace.Trace{mk(2, 2)}, now)
	st.Add([]*trace.Trace{mk(3, 2)}, now)
	s := st.Stats()
	if s.Traces != 2 || s.Spans != 4 || s.EvictedTraces != 1 || s.Evicted != 3 {
		t.Errorf("stats = %+v", s)
	}
	if idle := st.Idle(now.Add(3*time.Second), 2*time.Second, false); len(idle) != 2 {
		t.Errorf("idle traces = %d", len(idle))
	}
	if again := st.Idle(now.Add(4*time.Second), 2*time.Second, false); len(again) != 0 {
		t.Error("a trace is reported once")
	}
}

func TestSnapshotsDoNotChangeWhenSpansArrive(t *testing.T) {
	st := NewStore(0)
	mk := func(names ...string) []*trace.Trace {
		tr := &trace.Trace{ID: trace.TraceID{7}}
		for _, n := range names {
			tr.Spans = append(tr.Spans, trace.Span{Name: n})
		}
		return []*trace.Trace{tr}
	}
	now := time.Now()
	st.Add(mk("a", "b"), now)
	v1 := st.Versions()
	for i := 0; i < 100; i++ { // appends that fill the slice's spare room and regrow it
		st.Add(mk("late"), now)
	}
	v2 := st.Versions()
	if got := v1[0].Trace.Spans; len(got) != 2 || got[0].Name != "a" || got[1].Name != "b" {
		t.Errorf("an earlier snapshot changed: %d spans", len(got))
	}
	if len(v2[0].Trace.Spans) != 102 || v2[0].Version == v1[0].Version {
		t.Errorf("the new snapshot has %d spans, version %d (was %d)", len(v2[0].Trace.Spans), v2[0].Version, v1[0].Version)
	}
	// A caller appending to a snapshot must not write into the store.
	_ = append(v1[0].Trace.Spans, trace.Span{Name: "x"})
	if st.Versions()[0].Trace.Spans[2].Name != "late" {
		t.Error("appending to a snapshot overwrote a stored span")
	}
}

// snapshot is every stored trace, as a redraw would see them.
func snapshot(s *Store) []*trace.Trace {
	var out []*trace.Trace
	for _, v := range s.Versions() {
		out = append(out, v.Trace)
	}
	return out
}
