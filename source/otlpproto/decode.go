package otlpproto

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

type decoder struct {
	c    *trace.Collector
	ws   *source.Warnings
	base int64  // offset of the current message in the input
	msg  []byte // the current message; sub-slices share its array
	in   *source.Interner

	slab        source.AttrSlab
	attrScratch []trace.Attr
	spans       int
	warnedIDLen bool
	depth       int // arrays and maps open around the value being read
}

// Decode reads one bare ExportTraceServiceRequest or TracesData message.
func Decode(b []byte, c *trace.Collector, ws *source.Warnings) error {
	return DecodeInterned(b, c, ws, source.NewInterner())
}

// DecodeInterned is Decode with a caller's interner, so a receiver decoding
// many small requests shares its strings across them instead of building
// the same tables again for every request.
func DecodeInterned(b []byte, c *trace.Collector, ws *source.Warnings, in *source.Interner) error {
	d := &decoder{c: c, ws: ws, in: in}
	return d.request(b)
}

// maxMessage bounds one framed message, so a garbage length cannot make
// the reader allocate gigabytes.
const maxMessage = 1 << 30

// DecodeStream reads the file exporter's `format: proto` framing: every
// message is preceded by its length as a 4-byte big-endian integer.
func DecodeStream(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	d := &decoder{c: c, ws: ws, in: source.NewInterner()}
	var hdr [4]byte
	var off int64
	var buf bytes.Buffer
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			if err == io.EOF {
				return nil
			}
			return &source.ParseError{Offset: off, Err: errors.New("truncated length prefix")}
		}
		n := binary.BigEndian.Uint32(hdr[:])
		if n > maxMessage {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("message length %d is implausible", n)}
		}
		// Grow with the data actually read: a corrupt length must not
		// allocate its claimed size up front.
		buf.Reset()
		buf.Grow(int(min(n, 1<<20)))
		if got, err := io.CopyN(&buf, r, int64(n)); err != nil {
			return &source.ParseError{Offset: off + 4, Err: fmt.Errorf("message of %d bytes is truncated after %d", n, got)}
		}
		msg := buf.Bytes()
		d.base = off + 4
		if err := d.request(msg); err != nil {
			return err
		}
		off += 4 + int64(n)
	}
}

// errAt positions an error at the start of b, a sub-slice of d.msg: plain
// re-slicing keeps the capacity's distance to the array's end.
func (d *decoder) errAt(b []byte, err error) error {
	return &source.ParseError{Offset: d.base + int64(cap(d.msg)-cap(b)), Err: err}
}

// field is one decoded protobuf field.
type field struct {
	num protowire.Number
	typ protowire.Type
	v   uint64 // varint and fixed values
	b   []byte // bytes of a length-delimited field
}

// next reads the field at the start of b and returns the rest.
func (d *decoder) next(b []byte) (field, []byte, error) {
	num, typ, n := protowire.ConsumeTag(b)
	if n < 0 || num <= 0 {
		return field{}, nil, d.errAt(b, fmt.Errorf("bad field tag: %v", protowire.ParseError(n)))
	}
	f := field{num: num, typ: typ}
	rest := b[n:]
	switch typ {
	case protowire.VarintType:
		f.v, n = protowire.ConsumeVarint(rest)
	case protowire.Fixed64Type:
		f.v, n = protowire.ConsumeFixed64(rest)
	case protowire.Fixed32Type:
		var v uint32
		v, n = protowire.ConsumeFixed32(rest)
		f.v = uint64(v)
	case protowire.BytesType:
		f.b, n = protowire.ConsumeBytes(rest)
	default:
		n = protowire.ConsumeFieldValue(num, typ, rest)
	}
	if n < 0 {
		return field{}, nil, d.errAt(b, fmt.Errorf("field %d: %v", num, protowire.ParseError(n)))
	}
	return f, rest[n:], nil
}
