package zipkin

import (
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// spanIn is one Zipkin v2 span as any encoding carries it (v2 JSON,
// proto3, or a v1 span converted), before mapping: every decoder fills one
// and hands it to mapper.emit, so the three encodings map alike.
type spanIn struct {
	traceID, id, parentID string // hex text (proto's bytes are hex-encoded)
	name, kind            string // kind: CLIENT|SERVER|PRODUCER|CONSUMER, "" local
	ts, dur               int64  // epoch µs and µs; 0 absent, -1 out of int64
	local, remote         endpointKey
	events                []trace.Event // annotations, times already in ns
	tags                  []trace.Attr  // tags, then zipkin.shared/zipkin.debug
}

type endpointKey struct{ service, ipv4, ipv6, port string }

// mapper turns spanIns into model spans, sharing one Resource per local
// endpoint and warning once per kind of oddity.
type mapper struct {
	c         *trace.Collector
	ws        *source.Warnings
	resources map[endpointKey]*trace.Resource
	warned    map[string]bool
	offset    func() int64 // where the decoder is, for warnings
}

func newMapper(c *trace.Collector, ws *source.Warnings, offset func() int64) *mapper {
	return &mapper{c: c, ws: ws, resources: map[endpointKey]*trace.Resource{}, warned: map[string]bool{}, offset: offset}
}

func (m *mapper) warnOnce(msg string) {
	if !m.warned[msg] {
		m.warned[msg] = true
		m.ws.Addf(0, m.offset(), "%s", msg)
	}
}

var kinds = map[string]trace.SpanKind{"CLIENT": trace.KindClient, "SERVER": trace.KindServer, "PRODUCER": trace.KindProducer, "CONSUMER": trace.KindConsumer}

// emit maps in to a span and adds it to the collector. Zipkin → model:
// kind as is (absent: a local span, INTERNAL); localEndpoint is the
// resource (serviceName → service.name); tags are string attributes, the
// `error` tag sets status ERROR with its value as the message (unless
// "" or "true"); remoteEndpoint → peer.service, net.peer.ip/port;
// annotations are events.
func (m *mapper) emit(in *spanIn) {
	s := &trace.Span{Kind: kinds[in.kind], Name: in.name, Events: in.events}
	if s.Kind == 0 {
		s.Kind = trace.KindInternal
	}
	m.ids(s, in.traceID, in.id, in.parentID)
	if in.ts != 0 { // -1: a time no int64 holds (jsonread.Micros)
		start, end, ok := source.SpanTimes(in.ts, in.dur)
		if !ok {
			m.ws.Addf(0, m.offset(), "span %s: timestamp or duration out of range (before 1970 or after 2262); its time is left unknown", in.id)
		}
		s.Start = start
		if in.dur > 0 && end > start {
			s.End = end
		}
	}
	tags := in.tags
	for i, a := range tags {
		if a.Key == "error" {
			// Zipkin's error tag holds the message, or "" / "true" when none:
			// it is the status, not an attribute besides it (which export
			// would write back as a second error tag).
			s.Status = trace.StatusError
			if msg := a.Value.Str(); msg != "" && msg != "true" {
				s.StatusMessage = msg
			}
			tags = append(tags[:i:i], tags[i+1:]...)
			break
		}
	}
	if in.remote != (endpointKey{}) {
		tags = append(tags, endpointAttrs("peer.service", "net.peer.ip", "net.peer.port", in.remote)...)
	}
	s.Attrs = tags
	s.Resource = m.resource(in.local)
	m.c.Add(s)
}

func (m *mapper) ids(s *trace.Span, traceText, idText, parentText string) {
	var tf, sf, pf source.IDForm
	s.TraceID, tf = source.ParseTraceID(traceText)
	s.SpanID, sf = source.ParseSpanID(idText)
	s.ParentID, pf = source.ParseSpanID(parentText)
	if tf == source.IDOpaque || sf == source.IDOpaque || pf == source.IDOpaque {
		s.Raw = &trace.RawIDs{}
		if tf == source.IDOpaque {
			s.Raw.TraceID = traceText
		}
		if sf == source.IDOpaque {
			s.Raw.SpanID = idText
		}
		if pf == source.IDOpaque {
			s.Raw.ParentID = parentText
		}
		m.warnOnce("IDs that are not hex are kept as given")
	}
	if traceText == "" || idText == "" {
		m.warnOnce("spans without a traceId or id (kept, but they cannot be linked)")
	}
}

// resource is shared by every span from the same local endpoint.
func (m *mapper) resource(k endpointKey) *trace.Resource {
	if r, ok := m.resources[k]; ok {
		return r
	}
	r := &trace.Resource{Service: k.service, Attrs: endpointAttrs("service.name", "host.ip", "host.port", k)}
	m.resources[k] = r
	return r
}

func endpointAttrs(serviceKey, ipKey, portKey string, k endpointKey) []trace.Attr {
	var out []trace.Attr
	if k.service != "" {
		out = append(out, trace.Attr{Key: serviceKey, Value: trace.StringValue(k.service)})
	}
	for _, ip := range []string{k.ipv4, k.ipv6} {
		if ip != "" {
			out = append(out, trace.Attr{Key: ipKey, Value: trace.StringValue(ip)})
		}
	}
	if k.port != "" {
		out = append(out, trace.Attr{Key: portKey, Value: trace.StringValue(k.port)})
	}
	return out
}
