package zipkin

import (
	"strconv"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// AppendJSON appends spans as one Zipkin v2 JSON list, what
// POST /api/v2/spans takes and the Zipkin UI's "upload JSON" opens:
// [{"traceId","id","parentId","name","kind","timestamp","duration",
// "localEndpoint","remoteEndpoint","annotations","tags"}]. Times are
// microseconds (start and end each cut to the µs; a span shorter than
// 1 µs, or of zero length, lasts 1 µs: Zipkin reads a zero or absent
// duration as a span not finished), IDs lowercase hex: an ID that was
// not hex (Zipkin refuses it) is written as the hex of the bytes
// tracetui hashed it to, and listed.
//
// The mapping mirrors Decode: the resource's service.name, host.ip and
// host.port are the local endpoint; the span's peer.service, net.peer.ip
// and net.peer.port the remote one; zipkin.shared and zipkin.debug the
// flags; an error status the "error" tag (its message, or "true"); events
// are annotations. lost lists what Zipkin has no place for, one line per
// kind with a count: links, event attributes, other resource attributes,
// the scope, trace state, the OK status and attribute types (every tag is
// a string), with the number of spans each touched (source.Lost).
func AppendJSON(b []byte, spans []*trace.Span) (out []byte, lost []string) {
	e := &encoder{b: b}
	e.b = append(e.b, '[')
	for k, s := range spans {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.span(s)
	}
	e.b = append(e.b, ']')
	return e.b, e.lost.Lines()
}

type encoder struct {
	b    []byte
	lost source.Lost
}

var kindNames = map[trace.SpanKind]string{trace.KindClient: "CLIENT", trace.KindServer: "SERVER",
	trace.KindProducer: "PRODUCER", trace.KindConsumer: "CONSUMER"}

func (e *encoder) span(s *trace.Span) {
	e.b = append(e.b, `{"traceId":`...)
	e.b = source.AppendQuotedID(e.b, s.TraceID[:], true)
	e.b = append(e.b, `,"id":`...)
	e.b = source.AppendQuotedID(e.b, s.SpanID[:], false)
	if !s.ParentID.IsZero() || s.RawID('p') != "" {
		e.b = append(e.b, `,"parentId":`...)
		e.b = source.AppendQuotedID(e.b, s.ParentID[:], false)
	}
	if n := btoi(s.RawID('t') != "") + btoi(s.RawID('s') != "") + btoi(s.RawID('p') != ""); n > 0 {
		// Zipkin accepts only hex IDs: the hash tracetui read the text as
		// is hex, the same for a span's ID and its children's parent ID.
		e.lost.Add(s, "IDs that were not hex (written as the hex of the bytes tracetui hashed them to)", "ID", n)
	}
	e.b = append(e.b, `,"name":`...)
	e.b = source.AppendQuote(e.b, s.Name)
	if k, ok := kindNames[s.Kind]; ok {
		e.b = append(e.b, `,"kind":"`...)
		e.b = append(e.b, k...)
		e.b = append(e.b, '"')
	} else if s.Kind == trace.KindUnspecified {
		e.lost.Add(s, "span kind unspecified (Zipkin reads a span with no kind as internal)", "", 0)
	}
	if s.Start > 0 {
		e.b = append(e.b, `,"timestamp":`...)
		e.b = strconv.AppendInt(e.b, s.Start/1000, 10)
		switch dur := s.End/1000 - s.Start/1000; {
		case s.HasEnd() && s.End >= s.Start:
			if dur < 1 {
				e.lost.Add(s, "spans shorter than 1 µs or of zero length (written as 1 µs: Zipkin reads no duration as not finished)", "", 0)
			}
			e.b = append(e.b, `,"duration":`...)
			e.b = strconv.AppendInt(e.b, max(dur, 1), 10)
		case s.HasEnd():
			e.lost.Add(s, "spans ending before they start (written with no duration: Zipkin shows them as not finished)", "", 0)
		}
	}
	var res trace.Resource
	if s.Resource != nil {
		res = *s.Resource
	}
	local, rest := endpoint(res.Attrs, "service.name", "host.ip", "host.port")
	if local.service == "" && res.Service != "" {
		local.service = res.Service
	}
	if len(rest) > 0 || res.DroppedAttrs > 0 || res.SchemaURL != "" {
		e.lost.Add(s, "resource attributes besides service.name, host.ip and host.port", "", 0)
	}
	e.b = append(e.b, `,"localEndpoint":`...)
	e.endpoint(local)
	remote, attrs := endpoint(s.Attrs, "peer.service", "net.peer.ip", "net.peer.port")
	if remote != (endpointKey{}) {
		e.b = append(e.b, `,"remoteEndpoint":`...)
		e.endpoint(remote)
	}
	e.annotations(s)
	e.tags(s, attrs)
	e.b = append(e.b, '}')
	e.tally(s)
}

func (e *encoder) annotations(s *trace.Span) {
	if len(s.Events) == 0 {
		return
	}
	e.b = append(e.b, `,"annotations":[`...)
	for k, ev := range s.Events {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.b = append(e.b, `{"timestamp":`...)
		e.b = strconv.AppendInt(e.b, ev.Time/1000, 10)
		e.b = append(e.b, `,"value":`...)
		e.b = source.AppendQuote(e.b, ev.Name)
		e.b = append(e.b, '}')
		if len(ev.Attrs) > 0 {
			e.lost.Add(s, "event attributes (an annotation is a time and a text)", "attribute", len(ev.Attrs))
		}
	}
	e.b = append(e.b, ']')
}

// tags writes the attributes as Zipkin's string map, with shared and debug
// as the span's own flags and an error status as the "error" tag.
func (e *encoder) tags(s *trace.Span, attrs []trace.Attr) {
	var shared, debug bool
	e.b = append(e.b, `,"tags":{`...)
	n := 0
	seen := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		switch {
		case a.Key == "zipkin.shared" && a.Value.Kind() == trace.ValueBool:
			shared = a.Value.Bool()
			continue
		case a.Key == "zipkin.debug" && a.Value.Kind() == trace.ValueBool:
			debug = a.Value.Bool()
			continue
		case seen[a.Key]:
			e.lost.Add(s, "attributes repeating a key (tags are a map)", "attribute", 1)
			continue
		}
		seen[a.Key] = true
		if a.Value.Kind() != trace.ValueString {
			e.lost.Add(s, "attribute types other than string (tags are strings)", "attribute", 1)
		}
		e.tag(&n, a.Key, a.Value.AsString())
	}
	if s.Status == trace.StatusError && !seen["error"] {
		msg := s.StatusMessage
		if msg == "" {
			msg = "true"
		}
		e.tag(&n, "error", msg)
	}
	e.b = append(e.b, '}')
	if shared {
		e.b = append(e.b, `,"shared":true`...)
	}
	if debug {
		e.b = append(e.b, `,"debug":true`...)
	}
}

func (e *encoder) tag(n *int, key, value string) {
	if *n > 0 {
		e.b = append(e.b, ',')
	}
	*n++
	e.b = source.AppendQuote(e.b, key)
	e.b = append(e.b, ':')
	e.b = source.AppendQuote(e.b, value)
}

// tally counts what the span carries that Zipkin has no place for.
func (e *encoder) tally(s *trace.Span) {
	if len(s.Links) > 0 {
		e.lost.Add(s, "span links", "link", len(s.Links))
	}
	for _, c := range []struct {
		n    int
		what string
	}{
		{btoi(s.Scope != nil && (s.Scope.Name != "" || s.Scope.Version != "" || len(s.Scope.Attrs) > 0)), "instrumentation scopes"},
		{btoi(s.TraceState != ""), "trace states"},
		{btoi(s.Status == trace.StatusOK), "OK statuses (Zipkin knows only errors)"},
		{btoi(s.Status == trace.StatusError && s.StatusMessage != "" && hasTag(s.Attrs, "error") && tagText(s.Attrs, "error") != s.StatusMessage), "status messages of failed spans with another error attribute (the attribute is the message)"},
		{btoi(s.Status != trace.StatusError && hasTag(s.Attrs, "error")), "error attributes of spans that did not fail (Zipkin reads them as failed)"},
		{btoi(s.Flags != 0), "trace flags"},
		{btoi(s.DroppedAttrs+s.DroppedEvents+s.DroppedLinks > 0), "dropped attribute, event and link counts"},
	} {
		if c.n > 0 {
			e.lost.Add(s, c.what, "", 0)
		}
	}
}

// tagText is the first attribute named key as text, "" when none.
func tagText(attrs []trace.Attr, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Value.AsString()
		}
	}
	return ""
}

func hasTag(attrs []trace.Attr, key string) bool {
	_, ok := trace.Lookup(attrs, key)
	return ok
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
