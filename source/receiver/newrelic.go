package receiver

import (
	"compress/zlib"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/newrelic"
	"github.com/tracetui/tracetui/trace"
)

// nrConnectReply is what tracetui tells an agent at connect, besides its
// run ID: sample every transaction (a sampling target no dev run reaches),
// send span events every second, up to 10,000 a second (the defaults are a
// minute and 2,000, made for a production app, not a live view), and
// report to account 1, as every agent sending here is told: an agent with
// no account neither sends nor accepts distributed-tracing headers, so
// two apps reporting here would not join their traces.
const nrConnectReply = `"sampling_target":1000000,"sampling_target_period_in_seconds":60,` +
	`"event_harvest_config":{"report_period_ms":1000,"harvest_limits":{}},` +
	`"span_event_harvest_config":{"report_period_ms":1000,"harvest_limit":10000},` +
	`"account_id":"1","trusted_account_key":"1","primary_application_id":"1",` +
	`"collect_span_events":true,` +
	`"messages":[{"message":"Reporting to tracetui: span events are shown, other data is accepted and not kept","level":"INFO"}]`

// startNewRelic serves the New Relic collector endpoint on ln.
func (r *Receiver) startNewRelic(ln net.Listener) {
	r.nrAddr = ln.Addr().String()
	if r.cfg.NewRelicTLS != nil {
		ln = tls.NewListener(ln, r.cfg.NewRelicTLS)
	}
	r.nrSrv = &http.Server{Handler: r.newRelicHandler(), ReadTimeout: r.cfg.ReadTimeout, IdleTimeout: 2 * time.Minute,
		ErrorLog: r.serverLog("New Relic")}
	go r.nrSrv.Serve(ln)
}

// NewRelicAddr is the New Relic collector endpoint's bound address ("" when
// disabled).
func (r *Receiver) NewRelicAddr() string { return r.nrAddr }

// newRelicHandler serves the agent collector protocol as far as a New
// Relic agent needs to deliver span events: preconnect sends the agent
// back here, connect hands out a run ID, span_event_data becomes spans,
// and every other method (metric_data, error_data, analytic_event_data…)
// is accepted and counted.
func (r *Receiver) newRelicHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/agent_listener/invoke_raw_method", r.newRelicMethod)
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		nrError(w, http.StatusNotFound, "tracetui receives New Relic agents at /agent_listener/invoke_raw_method")
	})
	return mux
}

func (r *Receiver) newRelicMethod(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		nrError(w, http.StatusMethodNotAllowed, "method not allowed, supported: [POST]")
		return
	}
	method := req.URL.Query().Get("method")
	if method == "" {
		nrError(w, http.StatusBadRequest, "no method= in the query")
		return
	}
	switch enc := strings.ToLower(req.Header.Get("Content-Encoding")); enc {
	case "", "identity", "gzip":
	case "deflate":
		// Agents other than Go's compress with deflate (zlib, as HTTP
		// means it); readBody then limits what it inflates to.
		zr, err := zlib.NewReader(req.Body)
		if err != nil {
			nrError(w, http.StatusBadRequest, (&inflateError{"deflate", err}).Error())
			return
		}
		defer zr.Close()
		req.Body = io.NopCloser(&inflating{"deflate", zr})
		req.Header.Del("Content-Encoding")
	default:
		nrError(w, http.StatusUnsupportedMediaType, (&encodingError{enc, "gzip, deflate"}).Error())
		return
	}
	b, err := r.readBody(req)
	if err != nil {
		code, msg := r.bodyError(err)
		if code == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		nrError(w, code, msg)
		return
	}
	defer b.release()
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	default:
		// 503: the agent keeps the payload for its next harvest.
		w.Header().Set("Retry-After", "1")
		nrError(w, http.StatusServiceUnavailable, "receiver busy, retry later")
		return
	}
	switch method {
	case "preconnect":
		// The agent connects to the host the preconnect answer names:
		// the address it reached this one at.
		nrReply(w, `{"redirect_host":`+strconv.Quote(req.Host)+`}`)
	case "connect":
		flat, err := b.Bytes()
		if err != nil {
			w.Header().Set("Retry-After", "1")
			nrError(w, http.StatusServiceUnavailable, err.Error())
			return
		}
		agent, err := newrelic.DecodeConnect(flat)
		if err != nil {
			nrError(w, http.StatusBadRequest, err.Error())
			return
		}
		nrReply(w, `{"agent_run_id":`+strconv.Quote(agent.RunID())+`,`+nrConnectReply+`}`)
	case "span_event_data":
		status, err := r.newRelicSpans(b)
		if err != nil {
			if status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", "1")
			}
			nrError(w, status, err.Error())
			return
		}
		nrReply(w, "null")
	default:
		r.store.countAgentOther(1)
		nrReply(w, "null")
	}
}

// newRelicSpans decodes a span_event_data payload, saves it (before
// answering, as for OTLP) and stores it.
func (r *Receiver) newRelicSpans(b *body) (int, error) {
	c := trace.NewCollector()
	var ws source.Warnings
	if _, err := newrelic.DecodeSpanEvents(b.Reader(), c, &ws); err != nil {
		return http.StatusBadRequest, fmt.Errorf("cannot decode span_event_data: %v", err)
	}
	traces := c.Traces()
	if r.cfg.Save != nil && len(traces) > 0 {
		if err := r.cfg.Save.Write(traces); err != nil {
			return http.StatusServiceUnavailable, fmt.Errorf("cannot save: %v", err)
		}
	}
	r.store.Add(traces, r.cfg.Now())
	return http.StatusOK, nil
}

// nrReply answers as the collector does: {"return_value": value}.
func nrReply(w http.ResponseWriter, value string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `{"return_value":%s}`, value)
}

// nrError answers as the collector does when it refuses a call; agents
// log the message.
func nrError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprintf(w, `{"exception":{"message":%s}}`, strconv.Quote(msg))
}
