package load

import (
	"bytes"

	"github.com/go-json-experiment/json/jsontext"
)

const (
	FormatJaegerJSON Format = "Jaeger JSON"
	FormatZipkinJSON Format = "Zipkin v2 JSON"
	// FormatStoreListing is a trace store's search results or its lists of
	// services and operations, saved to a file: not traces, said so.
	FormatStoreListing Format = "trace store listing"
)

// classifyJSON tells OTLP, Jaeger and Zipkin JSON apart by the first keys
// that only one of them uses, reading no further than the sniffed head.
// Undecided input goes to the OTLP decoder, whose error says what it lacks.
func classifyJSON(head []byte) Format {
	dec := jsontext.NewDecoder(bytes.NewReader(head), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if f := classifyValue(dec, 0); f != "" {
		return f
	}
	return FormatOTLPJSON
}

func classifyValue(dec *jsontext.Decoder, depth int) Format {
	switch dec.PeekKind() {
	case '{':
		return classifyObject(dec, depth)
	case '[':
		if depth > 2 {
			return ""
		}
		if _, err := dec.ReadToken(); err != nil {
			return ""
		}
		if dec.PeekKind() == ']' {
			return ""
		}
		return classifyValue(dec, depth+1)
	}
	return ""
}

// keyFormats maps a key to the format it proves. "traceId" with a
// lowercase d is Zipkin's; Jaeger writes "traceID" and OTLP nests its spans.
var keyFormats = map[string]Format{
	"resourceSpans": FormatOTLPJSON, "resource_spans": FormatOTLPJSON, "batches": FormatOTLPJSON,
	"resourceLogs": FormatOTLPJSON, "resource_logs": FormatOTLPJSON, "resourceMetrics": FormatOTLPJSON, "resource_metrics": FormatOTLPJSON,
	"result": FormatOTLPJSON, "trace": FormatOTLPJSON, "scopeSpans": FormatOTLPJSON,
	"traceID": FormatJaegerJSON, "spanID": FormatJaegerJSON, "processes": FormatJaegerJSON,
	"operationName": FormatJaegerJSON, "references": FormatJaegerJSON, "processID": FormatJaegerJSON,
	"traceId": FormatZipkinJSON, "localEndpoint": FormatZipkinJSON, "remoteEndpoint": FormatZipkinJSON,
	"annotations": FormatZipkinJSON, "parentId": FormatZipkinJSON,
	"summaries": FormatStoreListing, "services": FormatStoreListing, "operations": FormatStoreListing,
	"error": FormatStoreError,
}

func classifyObject(dec *jsontext.Decoder, depth int) Format {
	if _, err := dec.ReadToken(); err != nil {
		return ""
	}
	for dec.PeekKind() != '}' && dec.PeekKind() != 0 {
		name, err := dec.ReadToken()
		if err != nil {
			return ""
		}
		key := name.String()
		if f, ok := keyFormats[key]; ok && ((f != FormatStoreListing && f != FormatStoreError) || depth == 0) {
			// "traceId" alone is also OTLP's span key, but OTLP spans are
			// never at the top or in a bare list; a listing or an error
			// answer is a whole document, never inside one.
			return f
		}
		if key == "data" && depth < 3 {
			// The Jaeger envelope, also the UI's download: its content decides
			// only if it is not empty or null.
			if f := classifyValue(dec, depth+1); f != "" {
				return f
			}
			return FormatJaegerJSON
		}
		if err := dec.SkipValue(); err != nil {
			return ""
		}
	}
	return ""
}
