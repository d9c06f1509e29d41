package receiver

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
	colmetricspb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/otlpproto"
	"github.com/tracetui/tracetui/trace"
)

const (
	ctJSON  = "application/json"
	ctProto = "application/x-protobuf"
)

// handler serves OTLP/HTTP as the spec says: POST /v1/traces (and /v1/logs,
// /v1/metrics, accepted and counted) in protobuf or JSON, gzip or not.
func (r *Receiver) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/traces", r.signal(r.traces))
	mux.HandleFunc("/v1/logs", r.signal(r.logs))
	mux.HandleFunc("/v1/metrics", r.signal(r.metrics))
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		writeStatus(w, ctJSON, http.StatusNotFound, "404 not found: tracetui receives OTLP at /v1/traces, /v1/logs and /v1/metrics")
	})
	return r.cors(mux)
}

type bodyFunc func(b *body, ct string) (rejected int64, msg string, status int, err error)

// signal checks method, content type, size and encoding, then hands the
// decompressed body to fn and writes the spec's response.
func (r *Receiver) signal(fn bodyFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeStatus(w, ctJSON, http.StatusMethodNotAllowed, "405 method not allowed, supported: [POST]")
			return
		}
		ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
		if ct != ctJSON && ct != ctProto {
			writeStatus(w, ctJSON, http.StatusUnsupportedMediaType, "415 unsupported media type, supported: [application/json, application/x-protobuf]")
			return
		}
		body, err := r.readBody(req)
		if err != nil {
			code, msg := r.bodyError(err)
			if code == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", "1")
			}
			writeStatus(w, ct, code, msg)
			return
		}
		defer body.release()
		select {
		case r.slots <- struct{}{}:
			defer func() { <-r.slots }()
		default:
			// Over capacity: tell the exporter to back off rather than queue.
			w.Header().Set("Retry-After", "1")
			writeStatus(w, ct, http.StatusServiceUnavailable, "receiver busy, retry later")
			return
		}
		rejected, msg, status, err := fn(body, ct)
		if err != nil {
			if status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", "1")
			}
			writeStatus(w, ct, status, err.Error())
			return
		}
		writeSuccess(w, ct, rejected, msg)
	}
}

// traces decodes a trace export, saves it (before answering: a 200 means it
// is on disk) and stores it.
func (r *Receiver) traces(b *body, ct string) (int64, string, int, error) {
	c := trace.NewCollector()
	var ws source.Warnings
	var err error
	in := r.interner()
	defer r.releaseInterner(in)
	if ct == ctProto {
		// The protobuf decoder walks one slice; JSON streams from the chunks.
		var flat []byte
		if flat, err = b.Bytes(); err != nil {
			return 0, "", http.StatusServiceUnavailable, err
		}
		err = otlpproto.DecodeInterned(flat, c, &ws, in)
	} else {
		// JSON spans cannot be counted without decoding them: the last
		// request's bytes per span size the collector's first block, which
		// a batch like the last one then fills (kept in place, not copied).
		if per := r.jsonSpanBytes.Load(); per > 0 {
			n := b.Len() / int(per)
			c.Reserve(n + n/32)
		}
		err = otlpjson.DecodeInterned(b.Reader(), c, &ws, in)
		if n := c.SpanCount(); n > 0 {
			r.jsonSpanBytes.Store(int64(max(b.Len()/n, 1)))
		}
		if isEmpty(err) || errors.Is(err, otlpjson.ErrNotOTLP) && b.Len() < 64 && isEmptyObject(b) {
			err = nil // an empty export is a success
		}
	}
	if err != nil {
		return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode %s body: %v", ct, err)
	}
	return r.keep(c, &ws)
}

// keep saves decoded traces (before the client is answered: a success
// means they are on disk) and stores them; every intake ends here. It
// returns what an OTLP response says: spans rejected and a warning.
func (r *Receiver) keep(c *trace.Collector, ws *source.Warnings) (int64, string, int, error) {
	traces := c.Traces()
	if r.cfg.Save != nil && len(traces) > 0 {
		if err := r.cfg.Save.Write(traces); err != nil {
			return 0, "", http.StatusServiceUnavailable, fmt.Errorf("cannot save: %v", err)
		}
	}
	dropped := r.store.Add(traces, r.cfg.Now())
	var msgs []string
	if ws.Len() > 0 {
		msgs = append(msgs, ws.List()[0].Message)
	}
	rejected := int64(0)
	if dropped > 0 {
		// Spans that are in the --save file were accepted, even if memory
		// has no room for them: the spec's rejected count is 0 then, and the
		// message a warning.
		note := fmt.Sprintf("%d spans not kept in memory: their trace holds --max-spans (%d) already", dropped, r.store.maxSpans)
		if r.cfg.Save != nil {
			note += "; they are in the --save file"
		} else {
			rejected = int64(dropped)
		}
		msgs = append(msgs, note)
	}
	return rejected, strings.Join(msgs, "; "), http.StatusOK, nil
}

func isEmpty(err error) bool { return err != nil && strings.Contains(err.Error(), "empty input") }

func isEmptyObject(b *body) bool {
	flat, err := b.Bytes()
	return err == nil && string(bytes.TrimSpace(flat)) == "{}"
}

// metrics accepts metrics so an app exporting all three signals sees no
// errors: it counts top-level resource entries and saves the export.
func (r *Receiver) metrics(b *body, ct string) (int64, string, int, error) {
	body, err := b.Bytes()
	if err != nil {
		return 0, "", http.StatusServiceUnavailable, err
	}
	n := int64(0)
	line := func() ([]byte, error) { return jsonLine(body) }
	if ct == ctProto {
		for b := body; len(b) > 0; {
			num, typ, l := protowire.ConsumeTag(b)
			if l < 0 {
				return 0, "", http.StatusBadRequest, errors.New("cannot decode protobuf body")
			}
			b = b[l:]
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				return 0, "", http.StatusBadRequest, errors.New("cannot decode protobuf body")
			}
			b = b[m:]
			n++
		}
		// Decoded only to be saved: without --save metrics are counted, no more.
		if r.cfg.Save != nil {
			var req colmetricspb.ExportMetricsServiceRequest
			if err := proto.Unmarshal(body, &req); err != nil {
				return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode protobuf metrics body: %v", err)
			}
			line = func() ([]byte, error) { return protoExportLine(&req, len(req.ResourceMetrics)) }
		}
	} else {
		var err error
		if n, err = countEntries(body); err != nil {
			return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode JSON body: %v", err)
		}
	}
	if err := r.saveLine(line); err != nil {
		return 0, "", http.StatusServiceUnavailable, err
	}
	r.store.count(0, n)
	return 0, "", http.StatusOK, nil
}

// writeSuccess writes an ExportServiceResponse in the request's encoding;
// partialSuccess only when something was rejected or there is a warning.
func writeSuccess(w http.ResponseWriter, ct string, rejected int64, msg string) {
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(http.StatusOK)
	if rejected == 0 && msg == "" {
		if ct == ctJSON {
			w.Write([]byte("{}"))
		}
		return
	}
	if ct == ctJSON {
		fmt.Fprintf(w, `{"partialSuccess":{"rejectedSpans":"%d","errorMessage":%s}}`, rejected, strconv.Quote(msg))
		return
	}
	var ps []byte
	if rejected > 0 {
		ps = protowire.AppendTag(ps, 1, protowire.VarintType)
		ps = protowire.AppendVarint(ps, uint64(rejected))
	}
	ps = protowire.AppendTag(ps, 2, protowire.BytesType)
	ps = protowire.AppendString(ps, msg)
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendBytes(b, ps)
	w.Write(b)
}

// writeStatus writes a google.rpc.Status body in the request's encoding.
func writeStatus(w http.ResponseWriter, ct string, code int, msg string) {
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(code)
	grpcCode := map[int]int{400: 3, 408: 4, 404: 12, 405: 12, 413: 8, 415: 3, 429: 8, 503: 14}[code]
	if ct == ctProto {
		var b []byte
		b = protowire.AppendTag(b, 1, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(grpcCode))
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendString(b, msg)
		w.Write(b)
		return
	}
	fmt.Fprintf(w, `{"code":%d,"message":%s}`, grpcCode, strconv.Quote(msg))
}

// countEntries counts the resourceLogs/resourceMetrics entries of a JSON
// logs or metrics export without decoding them.
func countEntries(body []byte) (int64, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return 0, nil
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return 0, errors.New("not a JSON object")
	}
	n := int64(0)
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return 0, err
		}
		switch name.String() {
		case "resourceLogs", "resource_logs", "resourceMetrics", "resource_metrics":
			if dec.PeekKind() != '[' {
				break
			}
			dec.ReadToken()
			for dec.PeekKind() != ']' && dec.PeekKind() != 0 {
				if err := dec.SkipValue(); err != nil {
					return 0, err
				}
				n++
			}
			if _, err := dec.ReadToken(); err != nil {
				return 0, err
			}
			continue
		}
		if err := dec.SkipValue(); err != nil {
			return 0, err
		}
	}
	return n, nil
}
