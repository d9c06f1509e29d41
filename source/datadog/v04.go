package datadog

import (
	"fmt"

	"github.com/tracetui/tracetui/trace"
)

// v04 reads [[span, …], …], each span a map with the keys of
// DataDog/dd-trace-go:ddtrace/tracer/span.go (unknown keys skipped).
func (d *reader) v04() ([][]spanIn, error) {
	return d.traces(d.span04)
}

// traces reads the array of traces, each an array of spans.
func (d *reader) traces(span func(*spanIn) error) ([][]spanIn, error) {
	n, err := d.arrayHeader()
	if err != nil {
		return nil, err
	}
	chunks := make([][]spanIn, 0, min(n, 1024))
	for range n {
		m, err := d.arrayHeader()
		if err != nil {
			return nil, err
		}
		ch := make([]spanIn, min(m, 1024))[:0]
		for range m {
			var s spanIn
			if err := span(&s); err != nil {
				return nil, err
			}
			ch = append(ch, s)
		}
		chunks = append(chunks, ch)
	}
	return chunks, nil
}

func (d *reader) span04(s *spanIn) error {
	n, err := d.mapHeader()
	if err != nil {
		return err
	}
	for range n {
		key, err := d.str()
		if err != nil {
			return err
		}
		switch key {
		case "service":
			s.Service, err = d.str()
		case "name":
			s.Name, err = d.str()
		case "resource":
			s.Resource, err = d.str()
		case "type":
			s.Type, err = d.str()
		case "trace_id":
			s.TraceID, err = d.uint()
		case "span_id":
			s.SpanID, err = d.uint()
		case "parent_id":
			s.ParentID, err = d.uint()
		case "start":
			s.Start, err = d.int()
		case "duration":
			s.Duration, err = d.int()
		case "error":
			var e int64
			e, err = d.int()
			s.Error = int32(e)
		case "meta":
			err = d.stringMap(func(k, v string) { s.Meta = append(s.Meta, kv[string]{k, v}) })
		case "metrics":
			err = d.floatMap(func(k string, v float64) { s.Metrics = append(s.Metrics, kv[float64]{k, v}) })
		case "span_links":
			err = d.links(s)
		default:
			err = d.skip()
		}
		if err != nil {
			return fmt.Errorf("span field %q: %w", key, err)
		}
	}
	return nil
}

func (d *reader) stringMap(add func(k, v string)) error {
	n, err := d.mapHeader()
	if err != nil {
		return err
	}
	for range n {
		k, err := d.str()
		if err != nil {
			return err
		}
		v, err := d.value(k)
		if err != nil {
			return err
		}
		add(k, v)
	}
	return nil
}

func (d *reader) floatMap(add func(k string, v float64)) error {
	n, err := d.mapHeader()
	if err != nil {
		return err
	}
	for range n {
		k, err := d.str()
		if err != nil {
			return err
		}
		v, err := d.float()
		if err != nil {
			return err
		}
		add(k, v)
	}
	return nil
}

// links reads span_links: [{trace_id, trace_id_high, span_id, attributes,
// tracestate, flags}] (dd-trace-go:ddtrace/tracer/spanlink.go).
func (d *reader) links(s *spanIn) error {
	n, err := d.arrayHeader()
	if err != nil {
		return err
	}
	for range n {
		var l trace.Link
		var lo, hi, span uint64
		m, err := d.mapHeader()
		if err != nil {
			return err
		}
		for range m {
			key, err := d.str()
			if err != nil {
				return err
			}
			switch key {
			case "trace_id":
				lo, err = d.uint()
			case "trace_id_high":
				hi, err = d.uint()
			case "span_id":
				span, err = d.uint()
			case "tracestate":
				l.TraceState, err = d.str()
			case "flags":
				var f uint64
				f, err = d.uint()
				l.Flags = uint32(f) &^ (1 << 31) // bit 31 only says flags were set
			case "attributes":
				err = d.stringMap(func(k, v string) { l.Attrs = append(l.Attrs, trace.Attr{Key: k, Value: trace.StringValue(v)}) })
			default:
				err = d.skip()
			}
			if err != nil {
				return err
			}
		}
		l.TraceID, l.SpanID = traceID(hi, lo), spanID(span)
		s.Links = append(s.Links, l)
	}
	return nil
}

// v05 reads [strings, traces]: every string of a span is an index into
// strings, a span is [service, name, resource, trace_id, span_id,
// parent_id, start, duration, error, meta, metrics, type]
// (DataDog/datadog-agent:pkg/trace/api/version.go, v0.5).
func (d *reader) v05() ([][]spanIn, error) {
	n, err := d.arrayHeader()
	if err != nil {
		return nil, err
	}
	if n != 2 {
		return nil, fmt.Errorf("payload is an array of %d, want 2 (strings, traces)", n)
	}
	n, err = d.arrayHeader()
	if err != nil {
		return nil, err
	}
	strs := make([]string, 0, min(n, 1<<16))
	for range n {
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		strs = append(strs, s)
	}
	str := func() (string, error) {
		i, err := d.uint()
		if err != nil {
			return "", err
		}
		if i >= uint64(len(strs)) {
			return "", fmt.Errorf("string index %d out of the table's %d", i, len(strs))
		}
		return strs[i], nil
	}
	return d.traces(func(s *spanIn) error {
		n, err := d.arrayHeader()
		if err != nil {
			return err
		}
		if n != 12 {
			return fmt.Errorf("span is an array of %d, want 12", n)
		}
		for _, p := range []*string{&s.Service, &s.Name, &s.Resource} {
			if *p, err = str(); err != nil {
				return err
			}
		}
		for _, p := range []*uint64{&s.TraceID, &s.SpanID, &s.ParentID} {
			if *p, err = d.uint(); err != nil {
				return err
			}
		}
		if s.Start, err = d.int(); err != nil {
			return err
		}
		if s.Duration, err = d.int(); err != nil {
			return err
		}
		e, err := d.int()
		if err != nil {
			return err
		}
		s.Error = int32(e)
		m, err := d.mapHeader()
		for i := 0; err == nil && i < m; i++ {
			var k, v string
			if k, err = str(); err == nil {
				v, err = str()
				s.Meta = append(s.Meta, kv[string]{k, v})
			}
		}
		if err != nil {
			return err
		}
		m, err = d.mapHeader()
		for i := 0; err == nil && i < m; i++ {
			var k string
			var v float64
			if k, err = str(); err == nil {
				v, err = d.float()
				s.Metrics = append(s.Metrics, kv[float64]{k, v})
			}
		}
		if err != nil {
			return err
		}
		s.Type, err = str()
		return err
	})
}
