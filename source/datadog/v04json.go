package datadog

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jsonread"
	"github.com/tracetui/tracetui/trace"
)

// DecodeJSON reads a v0.4 payload sent as JSON, which the Datadog agent
// decodes when the Content-Type is application/json or text/json
// (DataDog/datadog-agent:pkg/trace/api/api.go, decodeRequest): the same
// shape as msgpack v0.4, [[{trace_id, span_id, parent_id, name, resource,
// service, type, start, duration, error, meta, metrics}, …], …], numbers
// as JSON numbers (IDs read as exact uint64, never through float64), and
// mapped alike. An error names the byte offset; nothing of a payload that
// fails is added.
func DecodeJSON(b []byte, meta Meta, c *trace.Collector, ws *source.Warnings, in *source.Interner) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	r := jsonread.New(bytes.NewReader(b))
	if r.Kind() != '[' {
		return &source.ParseError{Offset: 0, Err: errors.New("Datadog v0.4 JSON: expected a list of traces")}
	}
	var chunks [][]spanIn
	err := r.Array(func() error {
		if r.Kind() != '[' {
			return errors.New("expected a trace (a list of spans)")
		}
		var ch []spanIn
		err := r.Array(func() error {
			if r.Kind() != '{' {
				return errors.New("expected a span (an object)")
			}
			var s spanIn
			err := span04JSON(r, &s, in)
			ch = append(ch, s)
			return err
		})
		chunks = append(chunks, ch)
		return err
	})
	if err == nil {
		if _, e := r.Dec.ReadToken(); e == nil {
			err = errors.New("bytes after the payload")
		}
	}
	if err != nil {
		pe := r.Positioned(err)
		pe.Err = fmt.Errorf("Datadog v0.4 JSON: %v", pe.Err)
		return pe
	}
	m := newMapper(c, ws, meta)
	for _, ch := range chunks {
		m.chunk(ch)
	}
	return nil
}

func span04JSON(r *jsonread.Reader, s *spanIn, in *source.Interner) error {
	str := func() (string, error) {
		v, err := r.String()
		return in.Names.Get([]byte(v)), err
	}
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "service":
			s.Service, err = str()
		case "name":
			s.Name, err = str()
		case "resource":
			s.Resource, err = str()
		case "type":
			s.Type, err = str()
		case "trace_id":
			s.TraceID, err = jsonUint(r)
		case "span_id":
			s.SpanID, err = jsonUint(r)
		case "parent_id":
			s.ParentID, err = jsonUint(r)
		case "start":
			s.Start, err = r.Int()
		case "duration":
			s.Duration, err = r.Int()
		case "error":
			var e int64
			e, err = r.Int()
			s.Error = int32(e)
		case "meta":
			err = r.Object(func(k string) error {
				v, err := r.String()
				s.Meta = append(s.Meta, kv[string]{in.Names.Get([]byte(k)), in.Value(k).Get([]byte(v))})
				return err
			})
		case "metrics":
			err = r.Object(func(k string) error {
				v, err := jsonFloat(r)
				s.Metrics = append(s.Metrics, kv[float64]{in.Names.Get([]byte(k)), v})
				return err
			})
		default:
			err = r.Skip()
		}
		if err != nil {
			return fmt.Errorf("span field %q: %w", key, err)
		}
		return nil
	})
}

// jsonUint reads a 64-bit ID exactly: JSON numbers above 2^53 lose digits
// through float64. A negative ID (a tracer writing it signed) keeps its
// bits, as the msgpack reader does; null is 0.
func jsonUint(r *jsonread.Reader) (uint64, error) {
	if k := r.Kind(); k != '0' && k != 'n' {
		return 0, errors.New("expected an integer ID")
	}
	t, err := r.String()
	if err != nil || t == "" {
		return 0, err
	}
	if v, err := strconv.ParseUint(t, 10, 64); err == nil {
		return v, nil
	}
	if v, err := strconv.ParseInt(t, 10, 64); err == nil {
		return uint64(v), nil
	}
	return 0, fmt.Errorf("%s is not a 64-bit integer ID", t)
}

func jsonFloat(r *jsonread.Reader) (float64, error) {
	if k := r.Kind(); k != '0' && k != 'n' {
		return 0, errors.New("expected a number")
	}
	t, err := r.String()
	if err != nil || t == "" {
		return 0, err
	}
	return strconv.ParseFloat(t, 64)
}
