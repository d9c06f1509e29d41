package zipkin

import (
	"errors"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

const v1RPC = `[{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","parentId":"a2fb4a1d1a96d312","name":"get /api",
  "timestamp":1600000000000100,"duration":900,
  "annotations":[
    {"timestamp":1600000000000100,"value":"cs","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}},
    {"timestamp":1600000000000250,"value":"sr","endpoint":{"serviceName":"api","ipv4":"10.0.0.2","port":8080}},
    {"timestamp":1600000000000300,"value":"cache miss","endpoint":{"serviceName":"api","ipv4":"10.0.0.2","port":8080}},
    {"timestamp":1600000000000750,"value":"ss","endpoint":{"serviceName":"api","ipv4":"10.0.0.2","port":8080}},
    {"timestamp":1600000000001000,"value":"cr","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}}],
  "binaryAnnotations":[
    {"key":"http.status_code","value":"500","endpoint":{"serviceName":"api","ipv4":"10.0.0.2","port":8080}},
    {"key":"error","value":"upstream failed","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}},
    {"key":"sa","value":true,"endpoint":{"serviceName":"api-lb","ipv4":"10.0.0.9"}}]},
 {"traceId":"463ac35c9f6413ad","id":"0000000000000003","parentId":"72485a3953bb6124","name":"render","timestamp":1600000000000400,"duration":50,
  "binaryAnnotations":[{"key":"lc","value":"template","endpoint":{"serviceName":"api"}},{"key":"size","value":12,"endpoint":{"serviceName":"api"}}]}]`

// A v1 record holding both halves of an RPC becomes the client span and
// the server's shared span, each timed by its own annotations, each with
// the notes its host made; a local span keeps its lc tag.
func TestV1ConvertsAsZipkinDoes(t *testing.T) {
	c := trace.NewCollector()
	if err := DecodeV1(strings.NewReader(v1RPC), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	spans := c.Traces()[0].Spans
	if len(spans) != 3 {
		t.Fatalf("%d spans, want client + server + local", len(spans))
	}
	client, server, local := spans[0], spans[1], spans[2]
	if client.Kind != trace.KindClient || client.Service() != "web" || client.Start != 1600000000000100000 || client.End != 1600000000001000000 {
		t.Errorf("client: %v %s %d..%d", client.Kind, client.Service(), client.Start, client.End)
	}
	if server.Kind != trace.KindServer || server.Service() != "api" || server.Start != 1600000000000250000 || server.End != 1600000000000750000 {
		t.Errorf("server: %v %s %d..%d", server.Kind, server.Service(), server.Start, server.End)
	}
	if client.SpanID != server.SpanID || client.ParentID != server.ParentID || client.ParentID.String() != "a2fb4a1d1a96d312" {
		t.Errorf("halves' IDs: %s/%s and %s/%s", client.SpanID, client.ParentID, server.SpanID, server.ParentID)
	}
	if !client.IsError() || client.StatusMessage != "upstream failed" || server.IsError() {
		t.Errorf("error tag: client %v %q, server %v", client.Status, client.StatusMessage, server.Status)
	}
	if v, _ := trace.Lookup(client.Attrs, "peer.service"); v.AsString() != "api-lb" {
		t.Errorf("client's remote endpoint is sa: %q", v.AsString())
	}
	if v, _ := trace.Lookup(server.Attrs, "peer.service"); v.AsString() != "web" {
		t.Errorf("server's remote endpoint is the client: %q", v.AsString())
	}
	if v, _ := trace.Lookup(server.Attrs, "zipkin.shared"); !v.Bool() {
		t.Errorf("server half not marked shared: %+v", server.Attrs)
	}
	if v, ok := trace.Lookup(server.Attrs, "http.status_code"); !ok || v.AsString() != "500" {
		t.Errorf("server's tag: %+v", server.Attrs)
	}
	if len(server.Events) != 1 || server.Events[0].Name != "cache miss" || server.Events[0].Time != 1600000000000300000 || len(client.Events) != 0 {
		t.Errorf("events: client %+v server %+v", client.Events, server.Events)
	}
	if local.Kind != trace.KindInternal || local.Service() != "api" || local.End-local.Start != 50000 {
		t.Errorf("local: %v %s %d", local.Kind, local.Service(), local.End-local.Start)
	}
	for key, want := range map[string]string{"lc": "template", "size": "12"} {
		if v, _ := trace.Lookup(local.Attrs, key); v.AsString() != want {
			t.Errorf("local %s = %q, want %q", key, v.AsString(), want)
		}
	}
}

// A binary annotation whose endpoint names only the service (no address,
// as many v1 tracers write it) belongs to the half of that service, as
// Zipkin's V1SpanConverter matches by service name, case-insensitively.
func TestV1NotesGoToTheHalfOfTheirService(t *testing.T) {
	in := `[{"traceId":"0000000000000f01","id":"0000000000000f02","parentId":"0000000000000f01","name":"get /api",
  "annotations":[{"timestamp":1700000000002000,"value":"cs","endpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"}},
    {"timestamp":1700000000003000,"value":"sr","endpoint":{"serviceName":"backend","ipv4":"10.0.0.2"}},
    {"timestamp":1700000000005000,"value":"cache miss","endpoint":{"serviceName":"Backend"}},
    {"timestamp":1700000000011000,"value":"ss","endpoint":{"serviceName":"backend","ipv4":"10.0.0.2"}},
    {"timestamp":1700000000012000,"value":"cr","endpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"}}],
  "binaryAnnotations":[{"key":"error","value":"backend exploded","endpoint":{"serviceName":"backend"}},
    {"key":"http.status_code","value":"500","endpoint":{"serviceName":"BACKEND"}},
    {"key":"http.path","value":"/api","endpoint":{"serviceName":"frontend"}}]}]`
	c := trace.NewCollector()
	if err := DecodeV1(strings.NewReader(in), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	spans := c.Traces()[0].Spans
	if len(spans) != 2 {
		t.Fatalf("%d spans, want client + server", len(spans))
	}
	client, server := spans[0], spans[1]
	if client.Service() != "frontend" || server.Service() != "backend" {
		t.Fatalf("halves: %s, %s", client.Service(), server.Service())
	}
	if client.IsError() || !server.IsError() || server.StatusMessage != "backend exploded" {
		t.Errorf("error belongs to the backend: client %v, server %v %q", client.Status, server.Status, server.StatusMessage)
	}
	if _, ok := trace.Lookup(server.Attrs, "http.status_code"); !ok {
		t.Errorf("status code not on the server half: %+v", server.Attrs)
	}
	if _, ok := trace.Lookup(client.Attrs, "http.path"); !ok {
		t.Errorf("frontend's tag not on the client half: %+v", client.Attrs)
	}
	if len(server.Events) != 1 || len(client.Events) != 0 {
		t.Errorf("events: client %+v, server %+v", client.Events, server.Events)
	}
}

func TestV1BadInput(t *testing.T) {
	for in, want := range map[string]error{
		`{"traceId":"a"}`:      ErrNotZipkinV1,
		`[{"traceId":"a","id"`: nil,
		`[] []`:                nil,
	} {
		err := DecodeV1(strings.NewReader(in), trace.NewCollector(), &source.Warnings{})
		var pe *source.ParseError
		if !errors.As(err, &pe) || want != nil && !errors.Is(err, want) {
			t.Errorf("%s: %v", in, err)
		}
	}
}

func FuzzDecodeV1(f *testing.F) {
	f.Add([]byte(v1RPC))
	f.Add([]byte(`[{"annotations":[{"value":"cs"},{"value":"sr"}],"binaryAnnotations":[{"key":"ca","value":{}}]}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		err := DecodeV1(strings.NewReader(string(in)), c, &source.Warnings{})
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}
