package zipkin

import (
	"errors"
	"io"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jsonread"
	"github.com/tracetui/tracetui/trace"
)

// ErrNotZipkinV1 reports JSON that is not a list of Zipkin v1 spans.
var ErrNotZipkinV1 = errors.New("not Zipkin v1 JSON: expected a list of spans")

// v1Span is a Zipkin v1 span as read: one record may hold both halves of
// an RPC (client and server annotations), which v2 splits in two.
type v1Span struct {
	traceID, id, parentID, name string
	ts, dur                     int64 // µs
	debug                       bool
	anns                        []v1Note
	bins                        []v1Note
}

// v1Note is an annotation (value at ts) or a binary annotation (key = value).
type v1Note struct {
	ts         int64
	key, value string
	ep         endpointKey
}

// DecodeV1 reads Zipkin v1 JSON, what POST /api/v1/spans carries: a list
// of spans with annotations [{timestamp, value, endpoint}] and
// binaryAnnotations [{key, value, endpoint}]. Each span is converted to
// v2 as Zipkin's V1SpanConverter does, then mapped as Decode maps v2: the
// core annotations cs/cr make a CLIENT span, sr/ss a SERVER span (both in
// one record: two spans, the server's shared), ms PRODUCER, mr CONSUMER;
// the times come from them when the span has none; the address
// annotations ca/sa/ma become the remote endpoint; other annotations are
// events and other binary annotations tags.
func DecodeV1(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	d := &decoder{r: jsonread.New(r)}
	d.m = newMapper(c, ws, d.r.Offset)
	if d.r.Kind() != '[' {
		return &source.ParseError{Offset: d.r.Offset(), Err: ErrNotZipkinV1}
	}
	err := d.r.Array(func() error {
		if d.r.Kind() != '{' {
			d.m.warnOnce("list elements that are not spans were skipped")
			return d.r.Skip()
		}
		var s v1Span
		if err := d.readV1(&s); err != nil {
			return err
		}
		d.m.convertV1(&s)
		return nil
	})
	if err != nil {
		return d.r.Positioned(err)
	}
	if _, err := d.r.Dec.ReadToken(); err != io.EOF {
		return d.r.Positioned(errors.New("expected one list of spans"))
	}
	return nil
}

func (d *decoder) readV1(s *v1Span) error {
	return d.r.Object(func(name string) error {
		var err error
		switch name {
		case "traceId":
			s.traceID, err = d.r.String()
		case "id":
			s.id, err = d.r.String()
		case "parentId":
			s.parentID, err = d.r.String()
		case "name":
			s.name, err = d.r.String()
		case "timestamp":
			s.ts, err = d.r.Micros()
		case "duration":
			s.dur, err = d.r.Micros()
		case "debug":
			s.debug, err = d.r.Bool()
		case "annotations":
			err = d.r.Array(func() error {
				var n v1Note
				e, err := d.annotation(&n.ep)
				n.ts, n.value = e.Time, e.Name // ns: annotation converts
				s.anns = append(s.anns, n)
				return err
			})
		case "binaryAnnotations":
			err = d.r.Array(func() error { return d.binary(s) })
		default:
			err = d.r.Skip()
		}
		return err
	})
}

func (d *decoder) binary(s *v1Span) error {
	var n v1Note
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "key":
			n.key, err = d.r.String()
		case "value":
			if k := d.r.Kind(); k == '{' || k == '[' {
				return d.r.Skip()
			}
			n.value, err = d.r.String() // numbers and bools as their text: v2 tags are strings
		case "endpoint":
			n.ep, err = d.endpoint()
		default:
			err = d.r.Skip()
		}
		return err
	})
	s.bins = append(s.bins, n)
	return err
}

// convertV1 emits the v2 spans of one v1 span.
func (m *mapper) convertV1(s *v1Span) {
	core := map[string]*v1Note{}
	var events []v1Note
	for i := range s.anns {
		a := &s.anns[i]
		switch a.value {
		case "cs", "cr", "sr", "ss", "ms", "mr":
			if core[a.value] == nil {
				core[a.value] = a
				continue
			}
		}
		events = append(events, *a)
	}
	addr := map[string]endpointKey{}
	var tags []v1Note
	var lc *v1Note
	for i := range s.bins {
		b := &s.bins[i]
		switch b.key {
		case "ca", "sa", "ma":
			addr[b.key] = b.ep
			continue
		case "lc":
			lc = b
		}
		tags = append(tags, *b)
	}
	half := func(kind, start, end string) *spanIn {
		a, z := core[start], core[end]
		if a == nil && z == nil {
			return nil
		}
		in := &spanIn{traceID: s.traceID, id: s.id, parentID: s.parentID, name: s.name, kind: kind}
		if a != nil {
			in.local, in.ts = a.ep, a.ts/1000
		} else {
			in.local = z.ep
		}
		if a != nil && z != nil && z.ts > a.ts {
			in.dur = (z.ts - a.ts) / 1000
		}
		return in
	}
	client, server := half("CLIENT", "cs", "cr"), half("SERVER", "sr", "ss")
	var spans []*spanIn
	switch {
	case client != nil && server != nil:
		client.remote, server.remote = server.local, client.local
		server.tags = append(server.tags, trace.Attr{Key: "zipkin.shared", Value: trace.BoolValue(true)})
		spans = []*spanIn{client, server}
	case client != nil:
		spans = []*spanIn{client}
	case server != nil:
		spans = []*spanIn{server}
	default:
		in := half("PRODUCER", "ms", "ms")
		if in == nil {
			in = half("CONSUMER", "mr", "mr")
		}
		if in == nil {
			in = &spanIn{traceID: s.traceID, id: s.id, parentID: s.parentID, name: s.name}
			switch {
			case lc != nil:
				in.local = lc.ep
			case len(s.anns) > 0:
				in.local = s.anns[0].ep
			case len(s.bins) > 0:
				in.local = s.bins[0].ep
			}
		}
		in.remote = addr["ma"]
		spans = []*spanIn{in}
	}
	if ep, ok := addr["sa"]; ok && client != nil {
		client.remote = ep
	}
	if ep, ok := addr["ca"]; ok && server != nil {
		server.remote = ep
	}
	// The span's own timestamp and duration are its creator's: the client
	// half's when there is one.
	if s.ts != 0 {
		spans[0].ts = s.ts
	}
	if s.dur != 0 {
		spans[0].dur = s.dur
	}
	// An annotation or tag belongs to the half whose host recorded it: the
	// one with that very endpoint, else (as Zipkin's V1SpanConverter
	// forEndpoint/hasSameServiceName does) the one of the same service,
	// case-insensitively since Zipkin lowercases service names: many v1
	// tracers give binary annotations an endpoint of a service name alone.
	owner := func(ep endpointKey) *spanIn {
		if len(spans) < 2 || ep == spans[0].local {
			return spans[0]
		}
		if ep == spans[1].local {
			return spans[1]
		}
		for _, in := range spans {
			if ep.service != "" && strings.EqualFold(ep.service, in.local.service) {
				return in
			}
		}
		return spans[0]
	}
	for _, e := range events {
		in := owner(e.ep)
		in.events = append(in.events, trace.Event{Time: e.ts, Name: e.value})
	}
	for _, t := range tags {
		in := owner(t.ep)
		in.tags = append(in.tags, trace.Attr{Key: t.key, Value: trace.StringValue(t.value)})
	}
	if s.debug {
		spans[0].tags = append(spans[0].tags, trace.Attr{Key: "zipkin.debug", Value: trace.BoolValue(true)})
	}
	for _, in := range spans {
		m.emit(in)
	}
}
