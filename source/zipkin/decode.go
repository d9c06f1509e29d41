package zipkin

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

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
	// strict refuses what a Zipkin server refuses (DecodeStrict); a file
	// keeps its other spans and is warned about the odd one instead.
	strict bool
	path   []int // the index at each list level, for "$[3]" in errors
}

// Decode reads every JSON value in r: lists of spans or lists of lists,
// any order, any number of traces. Spans stream into c one at a time.
// It is lenient as a file reader should be: what is not a span is
// skipped, IDs given as JSON numbers are read as their digits, tags that
// are not an object of strings are dropped, each with a warning.
func Decode(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	return decode(r, c, ws, false)
}

// DecodeStrict reads what POST /api/v2/spans carries and refuses, as a
// Zipkin server does (zipkin2.internal.V2SpanReader), a list element that
// is not a span, a span without traceId or id, an ID that is not a JSON
// string of hex (trace ID up to 32 digits, span IDs up to 16; shorter
// ones are left-padded as Zipkin pads them) and tags that are not an
// object of strings. The error names the span by its JSONPath ($[2],
// $[2].tags) and the byte offset.
func DecodeStrict(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	return decode(r, c, ws, true)
}

func decode(r io.Reader, c *trace.Collector, ws *source.Warnings, strict bool) error {
	d := &decoder{r: jsonread.New(r), strict: strict}
	d.m = newMapper(c, ws, d.r.Offset)
	values := 0
	for d.r.Kind() != 0 {
		if d.r.Kind() != '[' {
			if values == 0 {
				return &source.ParseError{Offset: d.r.Offset(), Err: ErrNotZipkin}
			}
			return d.r.Positioned(errors.New("expected another list of spans"))
		}
		if err := d.list(); err != nil {
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

// list reads a list of elements, keeping each one's index for errors.
func (d *decoder) list() error {
	d.path = append(d.path, 0)
	defer func() { d.path = d.path[:len(d.path)-1] }()
	return d.r.Array(func() error {
		err := d.element()
		d.path[len(d.path)-1]++
		return err
	})
}

// where is the JSONPath of the element being read, with an optional
// member name: $[3], $[3].tags.
func (d *decoder) where(member ...string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, i := range d.path {
		fmt.Fprintf(&b, "[%d]", i)
	}
	for _, m := range member {
		b.WriteString("." + m)
	}
	return b.String()
}

// element is a span, or a trace (a nested list of spans).
func (d *decoder) element() error {
	switch d.r.Kind() {
	case '{':
		return d.readSpan()
	case '[':
		return d.list()
	}
	if d.strict {
		return fmt.Errorf("%s: expected a span (a JSON object), got %s", d.where(), kindName(d.r.Kind()))
	}
	d.m.warnOnce("list elements that are not spans were skipped")
	return d.r.Skip()
}

// kindName words a JSON value's kind for an error.
func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '0':
		return "a number"
	case '"':
		return "a string"
	case '[':
		return "a list"
	case '{':
		return "an object"
	}
	return "the end of input"
}

// id reads traceId, id or parentId: a JSON string of hex at most max
// digits. null reads as absent, as Zipkin skips null members.
func (d *decoder) id(name string, max int) (string, error) {
	switch k := d.r.Kind(); {
	case k == '"' || k == 'n':
		v, err := d.r.String()
		if err == nil && d.strict && v != "" && (len(v) > max || !source.IsHex(v)) {
			return "", fmt.Errorf("%s: %q is not an ID: Zipkin IDs are hex, %d digits at most", d.where(name), v, max)
		}
		return v, err
	case d.strict:
		return "", fmt.Errorf("%s: %s; Zipkin IDs are JSON strings of hex", d.where(name), kindName(k))
	case k == '0':
		d.m.warnOnce("IDs given as JSON numbers were read as hex digits (Zipkin IDs are hex strings)")
	}
	return d.r.String()
}

// tags reads the tags object: string values (numbers and booleans as
// their text, as Zipkin's reader takes them).
func (d *decoder) tags(in *spanIn) error {
	switch k := d.r.Kind(); {
	case k == 'n':
		return d.r.Skip()
	case k != '{' && d.strict:
		return fmt.Errorf("%s: %s; tags are an object of strings", d.where("tags"), kindName(k))
	case k != '{':
		d.m.warnOnce("tags that are not an object of strings were dropped")
		return d.r.Skip()
	}
	return d.r.Object(func(key string) error {
		switch k := d.r.Kind(); k {
		case '"', '0', 't', 'f':
		default:
			if d.strict {
				return fmt.Errorf("%s: %s; tag values are strings", d.where("tags", key), kindName(k))
			}
			d.m.warnOnce("tags that are not an object of strings were dropped")
			return d.r.Skip()
		}
		v, err := d.r.String()
		in.tags = append(in.tags, trace.Attr{Key: key, Value: trace.StringValue(v)})
		return err
	})
}

func (d *decoder) readSpan() error {
	var in spanIn
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "traceId":
			in.traceID, err = d.id(name, 32)
		case "id":
			in.id, err = d.id(name, 16)
		case "parentId":
			in.parentID, err = d.id(name, 16)
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
			err = d.tags(&in)
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
	if d.strict && (in.traceID == "" || in.id == "") {
		missing := "traceId"
		if in.traceID != "" {
			missing = "id"
		}
		return fmt.Errorf("%s: span has no %s", d.where(), missing)
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
