package otlpproto

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

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

	attrScratch []trace.Attr
	// hints are the value tables of the previous span's attributes by
	// position: spans of one kind send the same keys in the same order, so
	// a key is recognised by comparing bytes, with no map lookup.
	hints       [16]*source.InternTable
	spans       int
	warnedIDLen bool
	depth       int // arrays and maps open around the value being read
	// wrongWire is an AnyValue field read with another wire type than
	// its own, for keyValue to warn about with the attribute's key.
	wrongWire   string
	wrongWireAt int64
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
	c.Reserve(countSpans(b))
	return d.request(b)
}

// countSpans counts the spans of a request without decoding them (three
// levels of length-prefixed fields; anything malformed ends the count, the
// decoder reports it).
func countSpans(b []byte) int {
	n := 0
	walk(b, 1, func(rs []byte) {
		walk(rs, 2, func(ss []byte) {
			walk(ss, 2, func([]byte) { n++ })
		})
	})
	return n
}

// walk calls fn with every length-delimited field num of message b.
func walk(b []byte, num protowire.Number, fn func([]byte)) {
	for len(b) > 0 {
		n, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return
		}
		b = b[l:]
		if typ == protowire.BytesType {
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return
			}
			if n == num {
				fn(v)
			}
			b = b[m:]
			continue
		}
		m := protowire.ConsumeFieldValue(n, typ, b)
		if m < 0 {
			return
		}
		b = b[m:]
	}
}

// DecodeStream reads the file exporter's `format: proto` framing: every
// message is preceded by its length as a 4-byte big-endian integer. A frame
// longer than maxFrame bytes is an error (a corrupt or hostile length), and
// a frame's buffer grows only with the bytes that actually arrive.
func DecodeStream(r io.Reader, c *trace.Collector, ws *source.Warnings, maxFrame int64) error {
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
		n := int64(binary.BigEndian.Uint32(hdr[:]))
		if n > maxFrame {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("message length %d is over the %d MB limit: corrupt, or %w", n, maxFrame>>20, source.ErrValueTooBig)}
		}
		buf.Reset()
		msg, err := readN(r, &buf, n)
		if err != nil {
			return &source.ParseError{Offset: off + 4, Err: fmt.Errorf("message of %d bytes is truncated after %d", n, len(msg))}
		}
		d.base = off + 4
		if err := d.request(msg); err != nil {
			return err
		}
		off += 4 + n
	}
}

// DecodeBare reads one bare ExportTraceServiceRequest or TracesData from r
// without holding it whole: it is a list of top-level ResourceSpans fields,
// decoded one at a time, so memory follows the largest ResourceSpans (at
// most maxField bytes, else an error) rather than the file.
func DecodeBare(r io.Reader, c *trace.Collector, ws *source.Warnings, maxField int64) error {
	d := &decoder{c: c, ws: ws, in: source.NewInterner()}
	br, ok := r.(io.ByteReader)
	if !ok {
		br = bufio.NewReader(r)
		r = br.(io.Reader)
	}
	var off int64
	var buf bytes.Buffer
	for {
		var head []byte
		tag, err := readVarint(br, &head)
		if err == io.EOF && len(head) == 0 {
			return nil
		}
		if err != nil {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("bad field tag: %v", err)}
		}
		num, typ := protowire.DecodeTag(tag)
		if typ != protowire.BytesType || num <= 0 {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("field %d of wire type %d where a request holds only ResourceSpans", num, typ)}
		}
		n, err := readVarint(br, &head)
		if err != nil {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("field %d: bad length: %v", num, err)}
		}
		if int64(n) > maxField {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("field %d of %d bytes is over the %d MB limit: corrupt, or %w", num, n, maxField>>20, source.ErrValueTooBig)}
		}
		buf.Reset()
		buf.Write(head)
		body, err := readN(r, &buf, int64(n))
		if err != nil {
			return &source.ParseError{Offset: off, Err: fmt.Errorf("field %d of %d bytes is truncated after %d", num, n, len(body)-len(head))}
		}
		d.base = off
		if err := d.request(body); err != nil {
			return err
		}
		off += int64(len(body))
	}
}

// readVarint reads a varint byte by byte, appending its bytes to head.
func readVarint(br io.ByteReader, head *[]byte) (uint64, error) {
	start := len(*head)
	for range binary.MaxVarintLen64 {
		c, err := br.ReadByte()
		if err != nil {
			if err == io.EOF && len(*head) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		*head = append(*head, c)
		if c < 0x80 {
			v, n := protowire.ConsumeVarint((*head)[start:])
			if n < 0 {
				return 0, protowire.ParseError(n)
			}
			return v, nil
		}
	}
	return 0, errors.New("varint too long")
}

// readN appends n bytes of r to buf and returns buf's bytes; the buffer
// grows with what arrives, never by the claimed n up front.
func readN(r io.Reader, buf *bytes.Buffer, n int64) ([]byte, error) {
	buf.Grow(int(min(n, 1<<20)))
	_, err := io.CopyN(buf, r, n)
	return buf.Bytes(), err
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
	// Fast path: a one-byte tag and a short length or varint, which is
	// nearly every field of a span.
	if len(b) >= 2 && b[0] < 0x80 && b[0] >= 8 {
		num, typ := protowire.Number(b[0]>>3), protowire.Type(b[0]&7)
		switch c := b[1]; {
		case typ == protowire.BytesType && c < 0x80 && int(c) <= len(b)-2:
			// Two-index slicing: errAt reads positions from capacities.
			return field{num: num, typ: typ, b: b[2 : 2+c]}, b[2+c:], nil
		case typ == protowire.VarintType && c < 0x80:
			return field{num: num, typ: typ, v: uint64(c)}, b[2:], nil
		case typ == protowire.Fixed64Type && len(b) >= 9:
			return field{num: num, typ: typ, v: binary.LittleEndian.Uint64(b[1:])}, b[9:], nil
		}
	}
	return d.nextSlow(b)
}

func (d *decoder) nextSlow(b []byte) (field, []byte, error) {
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

// text is a protobuf string field as Go text. Invalid UTF-8 becomes U+FFFD
// byte by byte, as the JSON decoder (jsontext) reads it, so a span saved
// with --save as OTLP JSON reads back the same; valid text, nearly all of
// it, costs one scan.
func (d *decoder) text(t *source.InternTable, b []byte) string {
	if s, ok := t.Lookup(b); ok {
		return s // the table holds only checked text
	}
	if !utf8.Valid(b) {
		var fixed []byte
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			fixed = utf8.AppendRune(fixed, r) // RuneError for each bad byte
			b = b[n:]
		}
		b = fixed
	}
	return t.Get(b)
}
