package receiver

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/zipkin"
	"github.com/tracetui/tracetui/trace"
)

// zipkinHandler serves Zipkin's span intake (openzipkin/zipkin-api:
// zipkin2-api.yaml, zipkin-api.yaml): POST /api/v2/spans in JSON or
// proto3, POST /api/v1/spans in JSON, gzip or not, answered 202 as a
// Zipkin server does.
func (r *Receiver) zipkinHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v2/spans", r.zipkinSpans(2))
	mux.HandleFunc("/api/v1/spans", r.zipkinSpans(1))
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "404 not found: tracetui receives Zipkin spans at POST /api/v2/spans and /api/v1/spans", http.StatusNotFound)
	})
	return r.cors(mux)
}

func (r *Receiver) zipkinSpans(version int) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
		var decode decodeFunc
		switch {
		case ct == "" || ct == ctJSON:
			decode = func(b *body, _ *http.Request, c *trace.Collector, ws *source.Warnings) (int, error) {
				var err error
				if version == 1 {
					err = zipkin.DecodeV1(b.Reader(), c, ws)
				} else if err = zipkin.DecodeStrict(b.Reader(), c, ws); isEmpty(err) {
					err = nil // an empty body is no spans
				}
				if err != nil {
					return http.StatusBadRequest, fmt.Errorf("cannot decode Zipkin v%d JSON: %s", version, bodyPos(err))
				}
				return 0, nil
			}
		case ct == ctProto && version == 2:
			decode = func(b *body, _ *http.Request, c *trace.Collector, ws *source.Warnings) (int, error) {
				flat, err := b.Bytes()
				if err != nil {
					return http.StatusServiceUnavailable, err
				}
				if err := zipkin.DecodeProto(flat, c, ws); err != nil {
					return http.StatusBadRequest, fmt.Errorf("cannot decode Zipkin proto3: %s", strings.Replace(bodyPos(err), "Zipkin protobuf: ", "", 1))
				}
				return 0, nil
			}
		default:
			msg := fmt.Sprintf("415 unsupported media type %q, supported: application/json, application/x-protobuf", ct)
			switch {
			case version == 1 && ct == ctProto:
				msg = fmt.Sprintf("415 unsupported media type %q: v1 accepts JSON only; send proto3 to /api/v2/spans", ct)
			case version == 1:
				msg = fmt.Sprintf("415 unsupported media type %q: v1 accepts JSON only (not Thrift)", ct)
			}
			http.Error(w, msg, http.StatusUnsupportedMediaType)
			return
		}
		if r.accept(w, req, decode) {
			w.WriteHeader(http.StatusAccepted)
		}
	}
}

// bodyPos is a decoder's error for a client: "byte 12: …", without the
// "<input>: " a file's error starts with.
func bodyPos(err error) string {
	return strings.TrimPrefix(err.Error(), "<input>: ")
}
