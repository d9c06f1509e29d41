package receiver

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/datadog"
	"github.com/tracetui/tracetui/trace"
)

// datadogInfo is the agent's /info answer: tracers read the endpoints to
// pick a protocol and features. client_drop_p0s is false so that a
// tracer sends every trace, not only those it decided to keep: a local
// session wants them all. No /v1.0/traces, /v0.7/config or evp_proxy:
// tracers then stay on v0.4 and do not poll for remote configuration.
const datadogInfo = `{"version":"tracetui","endpoints":["/v0.4/traces","/v0.5/traces","/v0.6/stats","/telemetry/proxy/"],` +
	`"client_drop_p0s":false,"span_meta_structs":false,"span_events":false,"feature_flags":[],"config":{}}`

// datadogRates is the traces endpoints' answer: the sampling rate per
// service tracers apply next, here "keep everything" for every service.
const datadogRates = `{"rate_by_service":{"service:,env:":1}}`

// datadogHandler serves the trace intake of a local Datadog agent
// (DataDog/datadog-agent:pkg/trace/api/endpoints.go): PUT or POST
// /v0.4/traces and /v0.5/traces (msgpack; v0.4 JSON too), GET /info; /v0.6/stats is
// accepted and counted, telemetry accepted and dropped.
func (r *Receiver) datadogHandler() http.Handler {
	mux := http.NewServeMux()
	for _, v := range []string{"v0.4", "v0.5"} {
		mux.HandleFunc("/"+v+"/traces", r.datadogTraces(v))
	}
	mux.HandleFunc("/info", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", ctJSON)
		w.Write([]byte(datadogInfo))
	})
	mux.HandleFunc("/v0.6/stats", func(w http.ResponseWriter, req *http.Request) {
		if r.drain(w, req, true) {
			w.WriteHeader(http.StatusOK)
		}
	})
	mux.HandleFunc("/telemetry/proxy/", func(w http.ResponseWriter, req *http.Request) {
		if r.drain(w, req, false) {
			w.WriteHeader(http.StatusAccepted)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "404 not found: tracetui receives Datadog traces at /v0.4/traces and /v0.5/traces", http.StatusNotFound)
	})
	return mux
}

// datadogTraces decodes by Content-Type as the agent does
// (pkg/trace/api/api.go, decodeRequest): application/msgpack, or on v0.4
// application/json and text/json. Tracers always say msgpack; a body
// with no Content-Type is read as JSON when it starts with '[' (which no
// msgpack payload can: 0x5b is a bare integer) and as msgpack otherwise.
// Any other type is refused (415) rather than misread.
func (r *Receiver) datadogTraces(version string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
		switch ct {
		case "", ctMsgpack:
		case ctJSON, "text/json":
			if version == "v0.4" {
				break
			}
			fallthrough
		default:
			supported := ctMsgpack + ", " + ctJSON
			if version != "v0.4" {
				supported = ctMsgpack + " (JSON is accepted on /v0.4/traces)"
			}
			if req.Method == http.MethodPost || req.Method == http.MethodPut {
				http.Error(w, fmt.Sprintf("415 unsupported media type %q, supported: %s", ct, supported), http.StatusUnsupportedMediaType)
				return
			}
		}
		ok := r.accept(w, req, func(b *body, req *http.Request, c *trace.Collector, ws *source.Warnings) (int, error) {
			flat, err := b.Bytes()
			if err != nil {
				return http.StatusServiceUnavailable, err
			}
			meta := datadog.Meta{Lang: req.Header.Get("Datadog-Meta-Lang"), LangVersion: req.Header.Get("Datadog-Meta-Lang-Version"),
				TracerVersion: req.Header.Get("Datadog-Meta-Tracer-Version")}
			in := getInterner(&r.ddInterns)
			defer putInterner(&r.ddInterns, in)
			if ct == ctJSON || ct == "text/json" || ct == "" && version == "v0.4" && startsJSONList(flat) {
				if err := datadog.DecodeJSON(flat, meta, c, ws, in); err != nil {
					return http.StatusBadRequest, fmt.Errorf("cannot decode Datadog %s traces: %v", version, strings.Replace(bodyPos(err), "Datadog "+version+" JSON: ", "", 1))
				}
				return 0, nil
			}
			if err := datadog.DecodeInterned(flat, version, meta, c, ws, in); err != nil {
				return http.StatusBadRequest, fmt.Errorf("cannot decode Datadog %s traces: %v", version, strings.Replace(bodyPos(err), "Datadog "+version+" msgpack: ", "", 1))
			}
			return 0, nil
		})
		if ok {
			w.Header().Set("Content-Type", ctJSON)
			w.Write([]byte(datadogRates))
		}
	}
}

const ctMsgpack = "application/msgpack"

// startsJSONList says b (after blanks) opens a JSON list.
func startsJSONList(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '['
}
