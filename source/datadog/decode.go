package datadog

import (
	"errors"
	"fmt"

	"github.com/tinylib/msgp/msgp"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// spanIn is one Datadog span as the agent's intake carries it
// (DataDog/datadog-agent:pkg/proto/datadog/trace/span.proto): IDs are
// 64-bit, times ns since the epoch, Error non-zero for an error.
type spanIn struct {
	Service, Name, Resource, Type string
	TraceID, SpanID, ParentID     uint64
	Start, Duration               int64 // ns
	Error                         int32
	Meta                          []kv[string]
	Metrics                       []kv[float64]
	Links                         []trace.Link
}

type kv[V any] struct {
	Key string
	Val V
}

// Meta is what the request headers say about the tracer that sent it
// (Datadog-Meta-Lang, Datadog-Meta-Lang-Version, Datadog-Meta-Tracer-Version).
type Meta struct{ Lang, LangVersion, TracerVersion string }

// Decode reads one payload of the given version, "v0.4" (an array of
// traces, each an array of span maps) or "v0.5" (a string table and
// traces of 12-element span arrays indexing it), and adds its spans to c
// (mapping.go says how they map). An error names the byte offset where
// the payload stopped making sense; nothing of a payload that fails is
// added.
func Decode(b []byte, version string, meta Meta, c *trace.Collector, ws *source.Warnings) error {
	return DecodeInterned(b, version, meta, c, ws, source.NewInterner())
}

// DecodeInterned is Decode sharing in's strings: services, names, keys and
// values repeat across every payload a tracer sends.
func DecodeInterned(b []byte, version string, meta Meta, c *trace.Collector, ws *source.Warnings, in *source.Interner) error {
	if len(b) == 0 {
		return nil // nothing sent is nothing to add
	}
	d := &reader{all: len(b), rest: b, in: in}
	var chunks [][]spanIn
	var err error
	switch version {
	case "v0.4":
		chunks, err = d.v04()
	case "v0.5":
		chunks, err = d.v05()
	default:
		return fmt.Errorf("unknown Datadog payload version %q", version)
	}
	if err == nil && len(d.rest) > 0 {
		err = errors.New("bytes after the payload")
	}
	if err != nil {
		return &source.ParseError{Offset: int64(d.all - len(d.rest)), Err: fmt.Errorf("Datadog %s msgpack: %v", version, err)}
	}
	m := newMapper(c, ws, meta)
	for _, ch := range chunks {
		m.chunk(ch)
	}
	return nil
}

// reader walks a msgpack payload; rest is what is left to read.
type reader struct {
	all  int
	rest []byte
	in   *source.Interner
}

// arrayHeader reads an array header whose length the rest could hold (one
// byte an element at least), so a lying header allocates nothing.
func (d *reader) arrayHeader() (int, error) {
	if msgp.IsNil(d.rest) {
		d.rest = d.rest[1:]
		return 0, nil
	}
	n, o, err := msgp.ReadArrayHeaderBytes(d.rest)
	if err != nil {
		return 0, err
	}
	if uint64(n) > uint64(len(o)) {
		return 0, errors.New("array longer than the payload")
	}
	d.rest = o
	return int(n), nil
}

func (d *reader) mapHeader() (int, error) {
	if msgp.IsNil(d.rest) {
		d.rest = d.rest[1:]
		return 0, nil
	}
	n, o, err := msgp.ReadMapHeaderBytes(d.rest)
	if err != nil {
		return 0, err
	}
	if uint64(n) > uint64(len(o)/2) {
		return 0, errors.New("map longer than the payload")
	}
	d.rest = o
	return int(n), nil
}

// str reads a name or key, interned.
func (d *reader) str() (string, error) {
	v, err := d.raw()
	return d.in.Names.Get(v), err
}

// value reads the value of attribute key, interned by key.
func (d *reader) value(key string) (string, error) {
	v, err := d.raw()
	return d.in.Value(key).Get(v), err
}

// raw reads a string in place, accepting bin and nil as tracers write
// either.
func (d *reader) raw() ([]byte, error) {
	var v, o []byte
	var err error
	switch msgp.NextType(d.rest) {
	case msgp.NilType:
		d.rest = d.rest[1:]
		return nil, nil
	case msgp.BinType:
		v, o, err = msgp.ReadBytesZC(d.rest)
	default:
		v, o, err = msgp.ReadStringZC(d.rest)
	}
	return v, d.next(o, err)
}

// next moves past a value read, or stays at it (for the error's offset).
func (d *reader) next(o []byte, err error) error {
	if err == nil {
		d.rest = o
	}
	return err
}

// uint reads any integer as uint64 (tracers write IDs signed or not).
func (d *reader) uint() (uint64, error) {
	switch msgp.NextType(d.rest) {
	case msgp.IntType:
		v, o, err := msgp.ReadInt64Bytes(d.rest)
		return uint64(v), d.next(o, err)
	case msgp.NilType:
		d.rest = d.rest[1:]
		return 0, nil
	}
	v, o, err := msgp.ReadUint64Bytes(d.rest)
	return v, d.next(o, err)
}

func (d *reader) int() (int64, error) {
	v, err := d.uint()
	return int64(v), err
}

// float reads a metric: a float or an integer.
func (d *reader) float() (float64, error) {
	switch msgp.NextType(d.rest) {
	case msgp.UintType:
		v, err := d.uint()
		return float64(v), err
	case msgp.IntType, msgp.NilType:
		v, err := d.int()
		return float64(v), err
	}
	v, o, err := msgp.ReadFloat64Bytes(d.rest)
	return v, d.next(o, err)
}

func (d *reader) skip() error {
	o, err := msgp.Skip(d.rest)
	return d.next(o, err)
}
