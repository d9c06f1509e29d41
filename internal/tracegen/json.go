package tracegen

import (
	"bufio"
	"io"
	"strconv"
)

// WriteJSONLines writes one ExportTraceServiceRequest per batch per line, as
// the Collector's file exporter does: compact, lowerCamelCase, hex IDs,
// decimal-string int64s, integer enums.
func WriteJSONLines(w io.Writer, cfg Config) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var b []byte
	for _, req := range batches(cfg, spans(cfg)) {
		b = appendRequestJSON(b[:0], req)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendRequestJSON(b []byte, req [][]span) []byte {
	b = append(b, `{"resourceSpans":[`...)
	for gi, group := range req {
		if gi > 0 {
			b = append(b, ',')
		}
		svc := group[0].service
		b = append(b, `{"resource":{"attributes":[`...)
		b = kvString(b, "service.name", serviceName(svc), false)
		b = kvString(b, "service.version", "1."+itoa(int64(svc))+".0", true)
		b = kvString(b, "host.name", "host-"+itoa(int64(svc)), true)
		b = kvString(b, "deployment.environment", "bench", true)
		b = append(b, `]},"scopeSpans":[{"scope":{"name":"tracegen","version":"1.0.0"},"spans":[`...)
		for si, s := range group {
			if si > 0 {
				b = append(b, ',')
			}
			b = appendSpanJSON(b, &s)
		}
		b = append(b, `]}]}`...)
	}
	return append(b, `]}`...)
}

func appendSpanJSON(b []byte, s *span) []byte {
	b = append(b, `{"traceId":"`...)
	b = append(b, hexString(s.trace[:])...)
	b = append(b, `","spanId":"`...)
	b = append(b, hexString(s.id[:])...)
	b = append(b, `","parentSpanId":"`...)
	if s.parent != ([8]byte{}) {
		b = append(b, hexString(s.parent[:])...)
	}
	b = append(b, `","name":"`...)
	b = append(b, spanName(s.name)...)
	b = append(b, `","kind":`...)
	b = strconv.AppendInt(b, int64(s.kind), 10)
	b = append(b, `,"startTimeUnixNano":"`...)
	b = strconv.AppendInt(b, s.start, 10)
	b = append(b, `","endTimeUnixNano":"`...)
	b = strconv.AppendInt(b, s.end, 10)
	b = append(b, `","attributes":[`...)
	b = kvString(b, "http.request.method", "GET", false)
	b = kvString(b, "url.path", s.path, true)
	b = kvString(b, "app.request.id", s.reqID, true)
	b = kvString(b, "net.peer.name", serviceName((s.service+1)%services), true)
	b = kvString(b, "user_agent.original", "tracegen/1.0", true)
	b = kvInt(b, "http.response.status_code", s.httpCode)
	b = kvInt(b, "http.response.body.size", s.size)
	b = append(b, `,{"key":"retry","value":{"boolValue":`...)
	b = strconv.AppendBool(b, s.retry)
	b = append(b, `}}]`...)
	if s.exception {
		b = append(b, `,"events":[{"timeUnixNano":"`...)
		b = strconv.AppendInt(b, s.start+(s.end-s.start)/2, 10)
		b = append(b, `","name":"exception","attributes":[`...)
		b = kvString(b, "exception.type", "TimeoutError", false)
		b = kvString(b, "exception.message", "upstream timed out", true)
		b = append(b, `]}]`...)
	}
	b = append(b, `,"status":{`...)
	if s.status != 0 {
		b = append(b, `"code":2,"message":"internal error"`...)
	}
	return append(b, `}}`...)
}

func kvString(b []byte, k, v string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, `{"key":"`...)
	b = append(b, k...)
	b = append(b, `","value":{"stringValue":"`...)
	b = append(b, v...)
	return append(b, `"}}`...)
}

func kvInt(b []byte, k string, v int64) []byte {
	b = append(b, `,{"key":"`...)
	b = append(b, k...)
	b = append(b, `","value":{"intValue":"`...)
	b = strconv.AppendInt(b, v, 10)
	return append(b, `"}}`...)
}
