package main

import (
	"strings"
	"time"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/jaeger"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/otlpproto"
	"github.com/tracetui/tracetui/source/zipkin"
	"github.com/tracetui/tracetui/trace"
)

// exportNames are the formats as stderr names them.
var exportNames = map[string]string{"otlp-json": "OTLP JSON", "otlp-jsonl": "OTLP JSON lines",
	"otlp-proto": "OTLP protobuf", "jaeger": "Jaeger JSON", "zipkin": "Zipkin JSON", "markdown": "markdown"}

// encodeExport writes the selections in format to, with what it could not
// carry (one line per kind, with a count). JSON is written with the
// characters a terminal acts on escaped (render.SafeJSON): the same data.
func encodeExport(to string, sel []selection) (out []byte, lost []string, err error) {
	spans := func(s selection) []*trace.Span {
		out := make([]*trace.Span, len(s.spans))
		for k, i := range s.spans {
			out[k] = s.t.Tree.Span(i)
		}
		return out
	}
	var all []*trace.Span
	perTrace := make([][]*trace.Span, len(sel))
	for k, s := range sel {
		perTrace[k] = spans(s)
		all = append(all, perTrace[k]...)
	}
	switch to {
	case "otlp-json":
		return append(render.SafeJSON(otlpjson.AppendRequest(nil, all)), '\n'), nil, nil
	case "otlp-jsonl":
		for _, ps := range perTrace {
			out = append(otlpjson.AppendRequest(out, ps), '\n')
		}
		return render.SafeJSON(out), nil, nil
	case "otlp-proto":
		out, n, err := otlpproto.Encode(all)
		if n > 0 {
			lost = append(lost, "IDs that were not hex (written as the bytes tracetui hashed them to): "+render.Plural(n, "span"))
		}
		return out, lost, err
	case "jaeger":
		out, lost = jaeger.AppendJSON(nil, perTrace)
		return append(render.SafeJSON(out), '\n'), append(cutToMicros(all), lost...), nil
	case "zipkin":
		out, lost = zipkin.AppendJSON(nil, all)
		return append(render.SafeJSON(out), '\n'), append(cutToMicros(all), lost...), nil
	case "markdown":
		var b strings.Builder
		opt := render.Options{Width: 100, Loc: time.UTC}
		for k, s := range sel {
			if k > 0 {
				b.WriteString("\n")
			}
			b.WriteString(render.SpansMarkdown(s.t.Tree, s.t.Analysis, s.spans, opt))
		}
		return []byte(b.String()), nil, nil
	}
	return nil, nil, usagef("unknown format %q", to)
}

// cutToMicros says how many spans had times finer than the microsecond
// Jaeger and Zipkin carry.
func cutToMicros(spans []*trace.Span) []string {
	n := 0
	for _, s := range spans {
		if s.Start%1000 != 0 || s.End%1000 != 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return []string{"times finer than a microsecond (each start and end cut to the µs): " + render.Plural(n, "span")}
}

// otlpJSONText is the explorer's copy as OTLP JSON (tui cannot import
// source/): one request, control characters escaped.
func otlpJSONText(spans []*trace.Span) []byte {
	return append(render.SafeJSON(otlpjson.AppendRequest(nil, spans)), '\n')
}
