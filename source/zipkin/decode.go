package zipkin

import (
	"errors"
	"io"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jsonread"
	"github.com/tracetui/tracetui/trace"
)

// ErrNotZipkin reports JSON that is not Zipkin v2 (its top level is not a
// list of spans).
var ErrNotZipkin = errors.New("not Zipkin v2 JSON: expected a list of spans")

type endpointKey struct{ service, ipv4, ipv6, port string }

type decoder struct {
	r         *jsonread.Reader
	c         *trace.Collector
	ws        *source.Warnings
	resources map[endpointKey]*trace.Resource
	span      trace.Span
	spans     int
	warned    map[string]bool
}

// Decode reads every JSON value in r: lists of spans or lists of lists,
// any order, any number of traces. Spans stream into c one at a time.
func Decode(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	d := &decoder{r: jsonread.New(r), c: c, ws: ws, resources: map[endpointKey]*trace.Resource{}, warned: map[string]bool{}}
	values := 0
	for d.r.Kind() != 0 {
		if d.r.Kind() != '[' {
			if values == 0 {
				return &source.ParseError{Offset: d.r.Offset(), Err: ErrNotZipkin}
			}
			return d.r.Positioned(errors.New("expected another list of spans"))
		}
		if err := d.r.Array(d.element); err != nil {
			return d.r.Positioned(err)
		}
		values++
	}
	if _, err := d.r.Dec.ReadToken(); err != io.EOF {
		return d.r.Positioned(err)
	}
	if values == 0 {
		return &source.ParseError{Offset: 0, Err: errors.New("empty input")}
	}
	return nil
}

// element is a span, or a trace (a nested list of spans).
func (d *decoder) element() error {
	switch d.r.Kind() {
	case '{':
		return d.readSpan()
	case '[':
		return d.r.Array(d.element)
	}
	d.warnOnce("list elements that are not spans were skipped")
	return d.r.Skip()
}

func (d *decoder) warnOnce(msg string) {
	if !d.warned[msg] {
		d.warned[msg] = true
		d.ws.Addf(0, d.r.Offset(), "%s", msg)
	}
}

func (d *decoder) readSpan() error {
	d.span = trace.Span{Kind: trace.KindInternal}
	s := &d.span
	var local, remote endpointKey
	var ts, dur int64
	var tags []trace.Attr
	var traceText, idText, parentText string
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "traceId":
			traceText, err = d.r.String()
		case "id":
			idText, err = d.r.String()
		case "parentId":
			parentText, err = d.r.String()
		case "name":
			s.Name, err = d.r.String()
		case "kind":
			var k string
			k, err = d.r.String()
			s.Kind = kinds[k]
			if s.Kind == 0 {
				s.Kind = trace.KindInternal
			}
		case "timestamp":
			ts, err = d.r.Micros()
		case "duration":
			dur, err = d.r.Micros()
		case "localEndpoint":
			local, err = d.endpoint()
		case "remoteEndpoint":
			remote, err = d.endpoint()
		case "annotations":
			err = d.r.Array(func() error { return d.annotation(s) })
		case "tags":
			err = d.r.Object(func(key string) error {
				v, err := d.r.String()
				tags = append(tags, trace.Attr{Key: key, Value: trace.StringValue(v)})
				return err
			})
		case "shared", "debug":
			var b bool
			b, err = d.r.Bool()
			if b {
				tags = append(tags, trace.Attr{Key: "zipkin." + name, Value: trace.BoolValue(true)})
			}
		default:
			err = d.r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	d.ids(s, traceText, idText, parentText)
	if ts != 0 { // -1: a time no int64 holds (Micros)
		start, end, ok := source.SpanTimes(ts, dur)
		if !ok {
			d.ws.Addf(0, d.r.Offset(), "span %s: timestamp or duration out of range (before 1970 or after 2262); its time is left unknown", idText)
		}
		s.Start = start
		if dur > 0 && end > start {
			s.End = end
		}
	}
	for _, a := range tags {
		if a.Key == "error" {
			// Zipkin's error tag holds the message, or "" / "true" when none.
			s.Status = trace.StatusError
			if m := a.Value.Str(); m != "" && m != "true" {
				s.StatusMessage = m
			}
		}
	}
	if remote != (endpointKey{}) {
		tags = append(tags, endpointAttrs("peer.service", "net.peer.ip", "net.peer.port", remote)...)
	}
	s.Attrs = tags
	s.Resource = d.resource(local)
	d.c.Add(s)
	d.spans++
	return nil
}

var kinds = map[string]trace.SpanKind{"CLIENT": trace.KindClient, "SERVER": trace.KindServer, "PRODUCER": trace.KindProducer, "CONSUMER": trace.KindConsumer}

func (d *decoder) ids(s *trace.Span, traceText, idText, parentText string) {
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
		d.warnOnce("IDs that are not hex are kept as given")
	}
	if traceText == "" || idText == "" {
		d.warnOnce("spans without a traceId or id (kept, but they cannot be linked)")
	}
}

func (d *decoder) annotation(s *trace.Span) error {
	var e trace.Event
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "timestamp":
			e.Time, err = d.r.Micros()
			e.Time, _ = source.MicrosToNanos(e.Time) // out of range: an event at an unknown time
		case "value":
			e.Name, err = d.r.String()
		default:
			err = d.r.Skip()
		}
		return err
	})
	s.Events = append(s.Events, e)
	return err
}

func (d *decoder) endpoint() (endpointKey, error) {
	var k endpointKey
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "serviceName":
			k.service, err = d.r.String()
		case "ipv4":
			k.ipv4, err = d.r.String()
		case "ipv6":
			k.ipv6, err = d.r.String()
		case "port":
			k.port, err = d.r.String()
		default:
			err = d.r.Skip()
		}
		return err
	})
	return k, err
}

// resource is shared by every span from the same local endpoint.
func (d *decoder) resource(k endpointKey) *trace.Resource {
	if r, ok := d.resources[k]; ok {
		return r
	}
	r := &trace.Resource{Service: k.service, Attrs: endpointAttrs("service.name", "host.ip", "host.port", k)}
	d.resources[k] = r
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
