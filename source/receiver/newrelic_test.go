package receiver

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/newrelic"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// nrCall posts a gzipped body to one collector method, as agents do.
func nrCall(t *testing.T, addr, method, runID, body string, hdr ...string) (int, string) {
	t.Helper()
	url := "http://" + addr + "/agent_listener/invoke_raw_method?marshal_format=json&protocol_version=17&license_key=0123&method=" + method
	if runID != "" {
		url += "&run_id=" + runID
	}
	h := append([]string{"Content-Encoding", "gzip"}, hdr...)
	b := gz([]byte(body))
	if len(hdr) > 1 && hdr[1] != "gzip" {
		b = []byte(body)
	}
	code, _, resp := post(t, url, "POST", "application/octet-stream", b, h...)
	return code, string(resp)
}

func nrSpans(runID string) string {
	return `["` + runID + `",{"reservoir_size":10000,"events_seen":2},[` +
		`[{"type":"Span","traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"7162f77cb2e4f373","timestamp":1796003627287,"duration":0.00331281,"name":"checkout","category":"generic","nr.entryPoint":true},{"user.id":42},{}],` +
		`[{"type":"Span","traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"75578381d064cf23","parentId":"7162f77cb2e4f373","timestamp":1796003627290,"duration":4.025e-05,"name":"query","category":"generic"},{},{"error.class":"*errors.errorString","error.message":"boom"}]]]`
}

// connectRun walks an agent's start: preconnect, then connect, which
// answers with the run ID and settings.
func connectRun(t *testing.T, addr string) string {
	t.Helper()
	code, resp := nrCall(t, addr, "preconnect", "", `[{"high_security":false}]`)
	if code != 200 || resp != `{"return_value":{"redirect_host":"`+addr+`"}}` {
		t.Fatalf("preconnect: %d %s", code, resp)
	}
	code, resp = nrCall(t, addr, "connect", "", `[{"pid":7,"language":"go","agent_version":"3.45.0","host":"vm","app_name":["shop"],"settings":{}}]`)
	var reply struct {
		V struct {
			RunID  string `json:"agent_run_id"`
			Target int    `json:"sampling_target"`
		} `json:"return_value"`
	}
	if code != 200 || json.Unmarshal([]byte(resp), &reply) != nil || reply.V.RunID == "" || reply.V.Target < 1000 {
		t.Fatalf("connect: %d %s", code, resp)
	}
	return reply.V.RunID
}

func TestNewRelicAgentDeliversSpans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := OpenSaver(path)
	if err != nil {
		t.Fatal(err)
	}
	r, st := start(t, Config{NewRelicAddr: "127.0.0.1:0", Save: sv})
	run := connectRun(t, r.NewRelicAddr())
	if code, resp := nrCall(t, r.NewRelicAddr(), "span_event_data", run, nrSpans(run)); code != 200 || resp != `{"return_value":null}` {
		t.Fatalf("span_event_data: %d %s", code, resp)
	}
	for _, m := range []string{"metric_data", "analytic_event_data", "error_data"} {
		if code, _ := nrCall(t, r.NewRelicAddr(), m, run, `["`+run+`",{},[]]`); code != 200 {
			t.Errorf("%s: %d", m, code)
		}
	}
	s := st.Stats()
	if s.Received != 2 || s.Traces != 1 || s.AgentOther != 3 {
		t.Errorf("stats: %d spans in %d traces, %d other payloads; want 2 in 1, 3", s.Received, s.Traces, s.AgentOther)
	}
	id, _ := source.ParseTraceID("4c2a85e1c611fb3d0e26e2020818b7d9")
	tr := findTrace(t, r, id)
	for _, sp := range tr.Spans {
		if sp.Service() != "shop" {
			t.Errorf("span %s: service %q, want the connect's app name", sp.Name, sp.Service())
		}
		if sp.Name == "query" && (!sp.IsError() || sp.StatusMessage != "boom") {
			t.Errorf("query: status %v %q", sp.Status, sp.StatusMessage)
		}
	}
	// --save holds them, as OTLP JSON, before the agent's 200.
	f, _ := os.Open(path)
	defer f.Close()
	c := trace.NewCollector()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	if c.SpanCount() != 2 {
		t.Errorf("saved %d spans, want 2", c.SpanCount())
	}
}

func TestNewRelicRefusals(t *testing.T) {
	r, st := start(t, Config{NewRelicAddr: "127.0.0.1:0", MaxBody: 4096})
	addr := r.NewRelicAddr()
	run := newrelic.Agent{App: "shop"}.RunID()
	for _, c := range []struct {
		name, method, body string
		hdr                []string
		code               int
		msg                string
	}{
		{"not a payload", "span_event_data", `{"spans":[]}`, nil, 400, "not a New Relic span_event_data payload"},
		{"cut short", "span_event_data", `["` + run + `",{},[[{"guid":"1"`, nil, 400, "cannot decode span_event_data"},
		{"bad connect", "connect", `{}`, nil, 400, "not a New Relic connect payload"},
		{"no method", "", `[]`, nil, 400, "no method= in the query"},
		{"brotli", "span_event_data", `[]`, []string{"Content-Encoding", "br"}, 415, `unsupported Content-Encoding \"br\", supported: gzip, deflate`},
		{"bad deflate", "span_event_data", "x\x9c\x01\x05", []string{"Content-Encoding", "deflate"}, 400, "invalid deflate body: unexpected EOF"},
		{"over --max-body", "span_event_data", `["` + strings.Repeat("x", 5000) + `"]`, nil, 413, "over 4096 bytes (--max-body)"},
		{"a zip bomb", "span_event_data", strings.Repeat(" ", 1<<20), nil, 413, "--max-body"},
	} {
		code, resp := nrCall(t, addr, c.method, run, c.body, c.hdr...)
		if code != c.code || !strings.Contains(resp, c.msg) || !strings.HasPrefix(resp, `{"exception":{"message":`) {
			t.Errorf("%s: %d %s, want %d with %q", c.name, code, resp, c.code, c.msg)
		}
	}
	if code, _, _ := post(t, "http://"+addr+"/agent_listener/invoke_raw_method?method=connect", "GET", "", nil); code != 405 {
		t.Errorf("GET: %d, want 405", code)
	}
	if s := st.Stats(); s.Received != 0 || s.AgentOther != 0 {
		t.Errorf("refused calls were counted: %+v", s)
	}
}

func TestNewRelicDeflateBodies(t *testing.T) {
	r, st := start(t, Config{NewRelicAddr: "127.0.0.1:0"})
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(nrSpans(newrelic.Agent{App: "shop"}.RunID())))
	zw.Close()
	url := "http://" + r.NewRelicAddr() + "/agent_listener/invoke_raw_method?method=span_event_data"
	if code, _, resp := post(t, url, "POST", "application/octet-stream", buf.Bytes(), "Content-Encoding", "deflate"); code != 200 {
		t.Fatalf("deflate body: %d %s", code, resp)
	}
	if st.Stats().Received != 2 {
		t.Errorf("received %d spans, want 2", st.Stats().Received)
	}
}

func TestNewRelicPortInUse(t *testing.T) {
	r, _ := start(t, Config{NewRelicAddr: "127.0.0.1:0"})
	_, err := Start(Config{HTTPAddr: "127.0.0.1:0", NewRelicAddr: r.NewRelicAddr()}, NewStore(0))
	var inUse *AddrInUseError
	if !errors.As(err, &inUse) || inUse.Transport != "New Relic" {
		t.Errorf("second New Relic listener: %v", err)
	}
}
