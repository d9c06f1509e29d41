package zipkin

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/trace"
)

// AppendJSON appends spans as one Zipkin v2 JSON list, what
// POST /api/v2/spans takes and the Zipkin UI's "upload JSON" opens:
// [{"traceId","id","parentId","name","kind","timestamp","duration",
// "localEndpoint","remoteEndpoint","annotations","tags"}]. Times are
// microseconds (start and end each cut to the µs; a span shorter than
// 1 µs lasts 1 µs, as Zipkin has no zero duration), IDs lowercase hex.
//
// The mapping mirrors Decode: the resource's service.name, host.ip and
// host.port are the local endpoint; the span's peer.service, net.peer.ip
// and net.peer.port the remote one; zipkin.shared and zipkin.debug the
// flags; an error status the "error" tag (its message, or "true"); events
// are annotations. lost lists what Zipkin has no place for, one line per
// kind with a count: links, event attributes, other resource attributes,
// the scope, trace state, the OK status and attribute types (every tag is
// a string).
func AppendJSON(b []byte, spans []*trace.Span) (out []byte, lost []string) {
	e := &encoder{b: b, lost: map[string]int{}}
	e.b = append(e.b, '[')
	for k, s := range spans {
		if k > 0 {
			e.b = append(e.b, ',')
		}
		e.span(s)
	}
	e.b = append(e.b, ']')
	return e.b, lostLines(e.lost)
}

type encoder struct {
	b    []byte
	lost map[string]int
}

var kindNames = map[trace.SpanKind]string{trace.KindClient: "CLIENT", trace.KindServer: "SERVER",
	trace.KindProducer: "PRODUCER", trace.KindConsumer: "CONSUMER"}

func (e *encoder) span(s *trace.Span) {
	e.b = append(e.b, `{"traceId":`...)
	e.b = appendID(e.b, s.TraceID[:], raw(s, 't'), true)
	e.b = append(e.b, `,"id":`...)
	e.b = appendID(e.b, s.SpanID[:], raw(s, 's'), false)
	if !s.ParentID.IsZero() || raw(s, 'p') != "" {
		e.b = append(e.b, `,"parentId":`...)
		e.b = appendID(e.b, s.ParentID[:], raw(s, 'p'), false)
	}
	e.b = append(e.b, `,"name":`...)
	e.b = quote(e.b, s.Name)
	if k, ok := kindNames[s.Kind]; ok {
		e.b = append(e.b, `,"kind":"`...)
		e.b = append(e.b, k...)
		e.b = append(e.b, '"')
	} else if s.Kind == trace.KindUnspecified {
		e.lost["span kind unspecified (Zipkin reads a span with no kind as internal)"]++
	}
	if s.Start > 0 {
		e.b = append(e.b, `,"timestamp":`...)
		e.b = strconv.AppendInt(e.b, s.Start/1000, 10)
		if s.End > s.Start {
			e.b = append(e.b, `,"duration":`...)
			e.b = strconv.AppendInt(e.b, max(s.End/1000-s.Start/1000, 1), 10)
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
		e.lost["resource attributes besides service.name, host.ip and host.port"]++
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
		e.b = quote(e.b, ev.Name)
		e.b = append(e.b, '}')
		if len(ev.Attrs) > 0 {
			e.lost["event attributes (an annotation is a time and a text)"]++
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
			e.lost["attributes repeating a key (tags are a map)"]++
			continue
		}
		seen[a.Key] = true
		if a.Value.Kind() != trace.ValueString {
			e.lost["attribute types other than string (tags are strings)"]++
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
	e.b = quote(e.b, key)
	e.b = append(e.b, ':')
	e.b = quote(e.b, value)
}

// tally counts what the span carries that Zipkin has no place for.
func (e *encoder) tally(s *trace.Span) {
	for _, c := range []struct {
		n    int
		what string
	}{
		{len(s.Links), "span links"},
		{btoi(s.Scope != nil && (s.Scope.Name != "" || s.Scope.Version != "" || len(s.Scope.Attrs) > 0)), "instrumentation scopes"},
		{btoi(s.TraceState != ""), "trace states"},
		{btoi(s.Status == trace.StatusOK), "OK statuses (Zipkin knows only errors)"},
		{btoi(s.Status == trace.StatusError && s.StatusMessage != "" && hasTag(s.Attrs, "error") && tagText(s.Attrs, "error") != s.StatusMessage), "status messages of failed spans with another error attribute (the attribute is the message)"},
		{btoi(s.Status != trace.StatusError && hasTag(s.Attrs, "error")), "error attributes of spans that did not fail (Zipkin reads them as failed)"},
		{btoi(s.Flags != 0), "trace flags"},
		{btoi(s.DroppedAttrs+s.DroppedEvents+s.DroppedLinks > 0), "dropped attribute, event and link counts"},
	} {
		if c.n > 0 {
			e.lost[c.what] += c.n
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

// appendID writes an ID as Zipkin does: a trace ID whose high half is
// zero as its low 16 digits.
func appendID(b, id []byte, rawID string, isTrace bool) []byte {
	if rawID != "" {
		return quote(b, rawID)
	}
	if isTrace && [8]byte(id[:8]) == [8]byte{} {
		id = id[8:]
	}
	b = append(b, '"')
	b = hex.AppendEncode(b, id)
	return append(b, '"')
}

func raw(s *trace.Span, which byte) string {
	if s.Raw == nil {
		return ""
	}
	switch which {
	case 't':
		return s.Raw.TraceID
	case 's':
		return s.Raw.SpanID
	}
	return s.Raw.ParentID
}

func quote(b []byte, s string) []byte {
	out, _ := jsontext.AppendQuote(b, s) // invalid UTF-8 becomes U+FFFD; the text is still written
	return out
}

// lostLines words the tally as "what: N", in a fixed (sorted) order.
func lostLines(lost map[string]int) []string {
	out := make([]string, 0, len(lost))
	for what, n := range lost {
		out = append(out, fmt.Sprintf("%s: %d", what, n))
	}
	sort.Strings(out)
	return out
}
