package receiver

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tinylib/msgp/msgp"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

const zipkinV2 = `[{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"72485a3953bb6124","name":"get /api","kind":"SERVER",
  "timestamp":1600000000123456,"duration":7,"localEndpoint":{"serviceName":"api"},"tags":{"error":"timeout"}}]`

const zipkinV1 = `[{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"0000000000000002","parentId":"72485a3953bb6124","name":"query",
  "annotations":[{"timestamp":1600000000123457,"value":"cs","endpoint":{"serviceName":"api"}},
                 {"timestamp":1600000000123460,"value":"cr","endpoint":{"serviceName":"api"}}]}]`

// ddTrace is a v0.4 payload of one trace of one span.
func ddTrace(traceID uint64) []byte {
	b := msgp.AppendArrayHeader(msgp.AppendArrayHeader(nil, 1), 1)
	b = msgp.AppendMapHeader(b, 6)
	b = msgp.AppendString(msgp.AppendString(b, "service"), "web")
	b = msgp.AppendString(msgp.AppendString(b, "name"), "http.request")
	b = msgp.AppendUint64(msgp.AppendString(b, "trace_id"), traceID)
	b = msgp.AppendUint64(msgp.AppendString(b, "span_id"), 7)
	b = msgp.AppendInt64(msgp.AppendString(b, "start"), 1_600_000_000_000_000_001)
	return msgp.AppendInt64(msgp.AppendString(b, "duration"), 5)
}

// Zipkin's intake answers as a Zipkin server: 202 for spans taken (JSON
// v2, gzip, v1), 400 with the reason for a body it cannot read, 413 over
// --max-body, 415 and 405 for what it does not take.
func TestZipkinIntakeStatusCodes(t *testing.T) {
	r, st := start(t, Config{Zipkin: Intake{Addr: "127.0.0.1:0"}, MaxBody: 1024})
	base := "http://" + r.ZipkinAddr()
	for _, c := range []struct {
		name, path, method, ct string
		body                   []byte
		hdr                    []string
		code                   int
		says                   string
	}{
		{"v2 JSON", "/api/v2/spans", "POST", "application/json", []byte(zipkinV2), nil, 202, ""},
		{"v2 gzip", "/api/v2/spans", "POST", "application/json", gz([]byte(zipkinV2)), []string{"Content-Encoding", "gzip"}, 202, ""},
		{"v1 JSON", "/api/v1/spans", "POST", "application/json", []byte(zipkinV1), nil, 202, ""},
		{"empty list", "/api/v2/spans", "POST", "", []byte(`[]`), nil, 202, ""},
		{"OTLP sent to Zipkin", "/api/v2/spans", "POST", "application/json", []byte(`{"resourceSpans":[]}`), nil, 400, "not Zipkin v2 JSON"},
		{"cut JSON", "/api/v2/spans", "POST", "application/json", []byte(zipkinV2[:40]), nil, 400, "cannot decode Zipkin v2 JSON"},
		{"bad proto3", "/api/v2/spans", "POST", "application/x-protobuf", []byte{0x0a, 0x09, 0x01}, nil, 400, "cannot decode Zipkin proto3"},
		{"v1 object", "/api/v1/spans", "POST", "application/json", []byte(`{"traceId":"a"}`), nil, 400, "not Zipkin v1 JSON"},
		{"bad gzip", "/api/v2/spans", "POST", "application/json", []byte("not gzip"), []string{"Content-Encoding", "gzip"}, 400, "invalid gzip body: "},
		{"cut gzip", "/api/v2/spans", "POST", "application/json", gz([]byte(zipkinV2))[:30], []string{"Content-Encoding", "gzip"}, 400, "invalid gzip body: unexpected EOF"},
		{"brotli", "/api/v2/spans", "POST", "application/json", []byte(zipkinV2), []string{"Content-Encoding", "br"}, 415, `unsupported Content-Encoding "br", supported: gzip`},
		{"v1 proto3", "/api/v1/spans", "POST", "application/x-protobuf", []byte{1}, nil, 415, "v1 accepts JSON only; send proto3 to /api/v2/spans"},
		{"garbage proto3", "/api/v2/spans", "POST", "application/x-protobuf", []byte{0x0a, 0x09, 0x01}, nil, 400, "cannot decode Zipkin proto3: byte 0: malformed field"},
		{"5-byte trace ID", "/api/v2/spans", "POST", "application/x-protobuf", []byte{0x0a, 0x11, 0x0a, 0x05, 1, 2, 3, 4, 5, 0x1a, 0x08, 1, 2, 3, 4, 5, 6, 7, 8}, nil, 400, "trace_id is 5 bytes, want 8 or 16 bytes"},
		{"null span", "/api/v2/spans", "POST", "application/json", []byte(`[null,{"traceId":null,"id":null}]`), nil, 400, "$[0]: expected a span (a JSON object), got null"},
		{"no IDs", "/api/v2/spans", "POST", "application/json", []byte(`[{"traceId":null,"id":null}]`), nil, 400, "$[0]: span has no traceId"},
		{"number ID", "/api/v2/spans", "POST", "application/json", []byte(`[{"traceId":123,"id":"1"}]`), nil, 400, "$[0].traceId: a number"},
		{"tags a list", "/api/v2/spans", "POST", "application/json", []byte(`[{"traceId":"1","id":"1","tags":[1,2]}]`), nil, 400, "$[0].tags: a list"},
		{"over --max-body", "/api/v2/spans", "POST", "application/json", gz([]byte("[" + strings.Repeat(" ", 4096) + "]")), []string{"Content-Encoding", "gzip"}, 413, "--max-body"},
		{"v1 Thrift", "/api/v1/spans", "POST", "application/x-thrift", []byte{1}, nil, 415, "not Thrift"},
		{"GET", "/api/v2/spans", "GET", "", nil, nil, 405, "POST"},
		{"elsewhere", "/v1/traces", "POST", "application/json", []byte(`{}`), nil, 404, "/api/v2/spans"},
	} {
		code, _, body := post(t, base+c.path, c.method, c.ct, c.body, c.hdr...)
		if code != c.code || !strings.Contains(string(body), c.says) {
			t.Errorf("%s: %d %q, want %d saying %q", c.name, code, body, c.code, c.says)
		}
	}
	// v2 twice (plain and gzip: a repeat) and v1: the trace has 2 spans.
	if s := st.Stats(); s.Received != 2 || s.Repeats != 1 || s.Traces != 1 {
		t.Errorf("stats %+v, want 2 spans received (1 repeat) in 1 trace", s)
	}
}

// The Datadog intake answers as an agent: /info lists the endpoints, the
// traces endpoints the sampling rates, stats are taken and counted.
func TestDatadogIntakeStatusCodes(t *testing.T) {
	r, st := start(t, Config{Datadog: Intake{Addr: "127.0.0.1:0"}, MaxBody: 1024})
	base := "http://" + r.DatadogAddr()
	code, _, body := post(t, base+"/info", "GET", "", nil)
	if code != 200 || !strings.Contains(string(body), `"/v0.4/traces","/v0.5/traces","/v0.6/stats"`) || !strings.Contains(string(body), `"client_drop_p0s":false`) {
		t.Errorf("/info: %d %s", code, body)
	}
	for _, c := range []struct {
		name, path, method string
		body               []byte
		code               int
		says               string
	}{
		{"v0.4 PUT", "/v0.4/traces", "PUT", ddTrace(1), 200, `{"rate_by_service":{"service:,env:":1}}`},
		{"v0.4 POST", "/v0.4/traces", "POST", ddTrace(2), 200, `"rate_by_service"`},
		{"v0.5 empty", "/v0.5/traces", "PUT", msgp.AppendArrayHeader(msgp.AppendArrayHeader(msgp.AppendArrayHeader(nil, 2), 0), 0), 200, `"rate_by_service"`},
		{"JSON", "/v0.4/traces", "PUT", []byte(`[[{"trace_id":1}]]`), 400, "cannot decode Datadog v0.4 traces"},
		{"cut", "/v0.4/traces", "PUT", ddTrace(3)[:20], 400, "byte "},
		{"v0.4 as v0.5", "/v0.5/traces", "PUT", ddTrace(4), 400, "want 2 (strings, traces)"},
		{"over --max-body", "/v0.4/traces", "PUT", make([]byte, 2048), 413, "--max-body"},
		{"GET", "/v0.4/traces", "GET", nil, 405, "PUT"},
		{"stats", "/v0.6/stats", "PUT", []byte{0x80}, 200, ""},
		{"telemetry", "/telemetry/proxy/api/v2/apmtelemetry", "POST", []byte(`{}`), 202, ""},
		{"v0.3", "/v0.3/traces", "PUT", ddTrace(5), 404, "/v0.4/traces"},
	} {
		code, _, body := post(t, base+c.path, c.method, "application/msgpack", c.body)
		if code != c.code || !strings.Contains(string(body), c.says) {
			t.Errorf("%s: %d %q, want %d saying %q", c.name, code, body, c.code, c.says)
		}
	}
	if s := st.Stats(); s.Received != 2 || s.Traces != 2 || s.Metrics != 1 {
		t.Errorf("stats %+v, want 2 spans in 2 traces and 1 stats payload counted", s)
	}
}

// --save holds what the intakes accepted, as OTLP JSON lines that read
// back to the same spans.
func TestIntakesSaveWhatTheyAccept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := OpenSaver(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := start(t, Config{Zipkin: Intake{Addr: "127.0.0.1:0"}, Datadog: Intake{Addr: "127.0.0.1:0"}, Save: sv})
	post(t, "http://"+r.ZipkinAddr()+"/api/v2/spans", "POST", "application/json", []byte(zipkinV2))
	post(t, "http://"+r.DatadogAddr()+"/v0.4/traces", "PUT", "application/msgpack", ddTrace(9))
	post(t, "http://"+r.DatadogAddr()+"/v0.4/traces", "PUT", "application/msgpack", []byte("junk"))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	names := map[string]trace.Span{}
	for _, tr := range c.Traces() {
		for _, s := range tr.Spans {
			names[s.Name] = s
		}
	}
	zs, dd := names["get /api"], names["http.request"]
	if len(names) != 2 || zs.StatusMessage != "timeout" || zs.Start != 1600000000123456000 || dd.Start != 1_600_000_000_000_000_001 || dd.Service() != "web" {
		t.Errorf("saved spans %+v", names)
	}
}

// A default intake port another process holds is skipped and said; one
// the user named is an error that leaves no port bound.
func TestIntakePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().String()
	r, _ := start(t, Config{Zipkin: Intake{Addr: taken, Optional: true}, Datadog: Intake{Addr: "127.0.0.1:0", Optional: true}})
	var inUse *AddrInUseError
	if len(r.Skipped()) != 1 || !errors.As(r.Skipped()[0], &inUse) || inUse.Transport != "Zipkin" || r.ZipkinAddr() != "" || r.DatadogAddr() == "" {
		t.Errorf("skipped %v, Zipkin %q, Datadog %q", r.Skipped(), r.ZipkinAddr(), r.DatadogAddr())
	}
	httpAddr := freeAddr(t)
	_, err = Start(Config{HTTPAddr: httpAddr, Datadog: Intake{Addr: taken}}, NewStore(0))
	if !errors.As(err, &inUse) || inUse.Transport != "Datadog" {
		t.Fatalf("named Datadog address taken: %v", err)
	}
	l2, err := net.Listen("tcp", httpAddr)
	if err != nil {
		t.Fatalf("the OTLP port is still held after the failed start: %v", err)
	}
	l2.Close()
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// v0.4 in JSON is decoded as the agent decodes it (by Content-Type, or by
// its leading '[' when there is none); a type neither msgpack nor JSON is
// refused by name rather than misread as msgpack.
func TestDatadogContentTypes(t *testing.T) {
	r, st := start(t, Config{Datadog: Intake{Addr: "127.0.0.1:0"}})
	base := "http://" + r.DatadogAddr()
	span := func(id int) []byte {
		return []byte(fmt.Sprintf(`[[{"trace_id":%d,"span_id":1,"name":"web.request","service":"web","start":1700000000000000000,"duration":1000,"error":1,"meta":{"error.message":"boom"}}]]`, id))
	}
	for _, c := range []struct {
		name, path, ct string
		body           []byte
		code           int
		says           string
	}{
		{"json", "/v0.4/traces", "application/json", span(1), 200, "rate_by_service"},
		{"text/json", "/v0.4/traces", "text/json; charset=utf-8", span(2), 200, "rate_by_service"},
		{"none", "/v0.4/traces", "", span(3), 200, "rate_by_service"},
		{"bad json", "/v0.4/traces", "application/json", []byte(`[[{"trace_id":"x"}]]`), 400, `"trace_id"`},
		{"plain", "/v0.4/traces", "text/plain", span(4), 415, "application/msgpack, application/json"},
		{"v0.5 json", "/v0.5/traces", "application/json", span(5), 415, "application/msgpack"},
	} {
		code, _, body := post(t, base+c.path, "PUT", c.ct, c.body)
		if code != c.code || !strings.Contains(string(body), c.says) || strings.Contains(string(body), "msgp:") {
			t.Errorf("%s: %d %q, want %d saying %q", c.name, code, body, c.code, c.says)
		}
	}
	vs := st.Versions()
	if len(vs) != 3 {
		t.Fatalf("%d traces, want the 3 JSON ones", len(vs))
	}
	for _, v := range vs {
		if s := v.Trace.Spans[0]; s.StatusMessage != "boom" || s.Service() != "web" {
			t.Errorf("span %+v: want web's error \"boom\"", s)
		}
	}
}
