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

type decoder struct {
	r *jsonread.Reader
	m *mapper
}

// Decode reads every JSON value in r: lists of spans or lists of lists,
// any order, any number of traces. Spans stream into c one at a time.
func Decode(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	d := &decoder{r: jsonread.New(r)}
	d.m = newMapper(c, ws, d.r.Offset)
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
	d.m.warnOnce("list elements that are not spans were skipped")
	return d.r.Skip()
}

func (d *decoder) readSpan() error {
	var in spanIn
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "traceId":
			in.traceID, err = d.r.String()
		case "id":
			in.id, err = d.r.String()
		case "parentId":
			in.parentID, err = d.r.String()
		case "name":
			in.name, err = d.r.String()
		case "kind":
			in.kind, err = d.r.String()
		case "timestamp":
			in.ts, err = d.r.Micros()
		case "duration":
			in.dur, err = d.r.Micros()
		case "localEndpoint":
			in.local, err = d.endpoint()
		case "remoteEndpoint":
			in.remote, err = d.endpoint()
		case "annotations":
			err = d.r.Array(func() error {
				e, err := d.annotation(nil)
				in.events = append(in.events, e)
				return err
			})
		case "tags":
			err = d.r.Object(func(key string) error {
				v, err := d.r.String()
				in.tags = append(in.tags, trace.Attr{Key: key, Value: trace.StringValue(v)})
				return err
			})
		case "shared", "debug":
			var b bool
			b, err = d.r.Bool()
			if b {
				in.tags = append(in.tags, trace.Attr{Key: "zipkin." + name, Value: trace.BoolValue(true)})
			}
		default:
			err = d.r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	d.m.emit(&in)
	return nil
}

// annotation reads {timestamp, value} (v1 adds endpoint, read into ep
// when ep is not nil).
func (d *decoder) annotation(ep *endpointKey) (trace.Event, error) {
	var e trace.Event
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "timestamp":
			e.Time, err = d.r.Micros()
			e.Time, _ = source.MicrosToNanos(e.Time) // out of range: an event at an unknown time
		case "value":
			e.Name, err = d.r.String()
		case "endpoint":
			if ep == nil {
				return d.r.Skip()
			}
			*ep, err = d.endpoint()
		default:
			err = d.r.Skip()
		}
		return err
	})
	return e, err
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
