package zipkin

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// DecodeProto reads a Zipkin proto3 ListOfSpans, what POST /api/v2/spans
// carries as application/x-protobuf (openzipkin/zipkin-api:zipkin.proto):
// Span{trace_id=1 bytes (8 or 16), parent_id=2, id=3, kind=4 enum
// (0 local, CLIENT, SERVER, PRODUCER, CONSUMER), name=5,
// timestamp=6 fixed64 µs, duration=7 uint64 µs, local_endpoint=8,
// remote_endpoint=9, annotations=10, tags=11 map, debug=12, shared=13},
// Endpoint{service_name=1, ipv4=2 bytes, ipv6=3 bytes, port=4},
// Annotation{timestamp=1 fixed64 µs, value=2}. Spans map as Decode's do.
// An error names the byte offset of the span that is malformed.
//
// As a Zipkin server does (zipkin2.internal.Proto3ZipkinFields), a span
// must have a trace_id of 8 or 16 bytes and an id of 8 (parent_id 8 when
// present): an ID of another length is refused, never padded.
func DecodeProto(b []byte, c *trace.Collector, ws *source.Warnings) error {
	p := &protoDecoder{all: len(b), end: cap(b), top: true}
	p.m = newMapper(c, ws, func() int64 { return int64(p.at) })
	n := 0
	return p.fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		p.top = false
		defer func() { p.top = true }()
		if num != 1 || typ != protowire.BytesType {
			return nil // unknown fields are skipped, as proto3 says
		}
		var in spanIn
		if err := p.span(v, &in); err != nil {
			return err
		}
		if err := checkProtoIDs(&in); err != nil {
			return p.err(fmt.Errorf("span %d: %v", n, err))
		}
		n++
		p.m.emit(&in)
		return nil
	})
}

// checkProtoIDs refuses IDs of a length Zipkin refuses (in hex digits
// here: two per byte).
func checkProtoIDs(in *spanIn) error {
	for _, id := range []struct {
		name, hex string
		sizes     []int
	}{{"trace_id", in.traceID, []int{16, 32}}, {"id", in.id, []int{16}}, {"parent_id", in.parentID, []int{0, 16}}} {
		if !slices.Contains(id.sizes, len(id.hex)) {
			if len(id.hex) == 0 {
				return fmt.Errorf("no %s", id.name)
			}
			want := "8 bytes"
			if id.name == "trace_id" {
				want = "8 or 16 bytes"
			}
			return fmt.Errorf("%s is %d bytes, want %s", id.name, len(id.hex)/2, want)
		}
	}
	return nil
}

type protoDecoder struct {
	m   *mapper
	all int  // length of the whole message, to turn slices into offsets
	end int  // capacity of the whole message: a sub-slice's offset is end - cap
	at  int  // offset of the span being read
	top bool // reading the ListOfSpans itself, where at moves
}

var protoKinds = [...]string{"", "CLIENT", "SERVER", "PRODUCER", "CONSUMER"}

// fields calls fn for each field of the message in b; v is a varint's or
// fixed's raw bytes, or a length-delimited field's contents.
func (p *protoDecoder) fields(b []byte, fn func(num protowire.Number, typ protowire.Type, v []byte) error) error {
	for len(b) > 0 {
		if p.top {
			p.at = p.all - len(b)
		}
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return p.malformed(b)
		}
		field := b
		b = b[n:]
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return p.malformed(field)
		}
		v := b[:m]
		if typ == protowire.BytesType {
			v, _ = protowire.ConsumeBytes(v)
		}
		if err := fn(num, typ, v); err != nil {
			return err
		}
		b = b[m:]
	}
	return nil
}

func (p *protoDecoder) err(err error) error {
	return &source.ParseError{Offset: int64(p.at), Err: fmt.Errorf("Zipkin protobuf: %v", err)}
}

// malformed reports a field that cannot be read, at its own byte offset
// (b is the rest of the message from that field). protowire's own error
// text is not used: it varies its spaces on purpose, some non-breaking,
// and says nothing of where.
func (p *protoDecoder) malformed(b []byte) error {
	off := p.end - cap(b)
	return &source.ParseError{Offset: int64(off),
		Err: errors.New("Zipkin protobuf: malformed field (a bad tag or length, or the message is cut short)")}
}

var errWireType = errors.New("field has the wrong wire type")

func (p *protoDecoder) span(b []byte, in *spanIn) error {
	return p.fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		if num > 13 || num < 1 {
			return nil
		}
		want := protowire.BytesType
		switch num {
		case 4, 7, 12, 13:
			want = protowire.VarintType
		case 6:
			want = protowire.Fixed64Type
		}
		if typ != want {
			return p.err(fmt.Errorf("span field %d: %w", num, errWireType))
		}
		switch num {
		case 1:
			in.traceID = hex.EncodeToString(v)
		case 2:
			in.parentID = hex.EncodeToString(v)
		case 3:
			in.id = hex.EncodeToString(v)
		case 4:
			k, _ := protowire.ConsumeVarint(v)
			if k < uint64(len(protoKinds)) {
				in.kind = protoKinds[k]
			}
		case 5:
			in.name = string(v)
		case 6:
			ts, _ := protowire.ConsumeFixed64(v)
			in.ts = micros(ts)
		case 7:
			d, _ := protowire.ConsumeVarint(v)
			in.dur = micros(d)
		case 8, 9:
			ep, err := p.endpoint(v)
			if num == 8 {
				in.local = ep
			} else {
				in.remote = ep
			}
			return err
		case 10:
			return p.annotation(v, in)
		case 11:
			return p.tag(v, in)
		case 12, 13:
			if f, _ := protowire.ConsumeVarint(v); f != 0 {
				in.tags = append(in.tags, trace.Attr{Key: "zipkin." + map[protowire.Number]string{12: "debug", 13: "shared"}[num], Value: trace.BoolValue(true)})
			}
		}
		return nil
	})
}

// micros is a µs count as int64, -1 when it does not fit (as jsonread.Micros).
func micros(u uint64) int64 {
	if u > 1<<63-1 {
		return -1
	}
	return int64(u)
}

func (p *protoDecoder) endpoint(b []byte) (endpointKey, error) {
	var k endpointKey
	err := p.fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		switch {
		case num == 1 && typ == protowire.BytesType:
			k.service = string(v)
		case (num == 2 || num == 3) && typ == protowire.BytesType && len(v) > 0:
			ip := net.IP(v).String() // a wrong length prints as "?" + hex, kept as given
			if num == 2 {
				k.ipv4 = ip
			} else {
				k.ipv6 = ip
			}
		case num == 4 && typ == protowire.VarintType:
			if port, _ := protowire.ConsumeVarint(v); port != 0 {
				k.port = strconv.FormatUint(uint64(uint32(port)), 10)
			}
		}
		return nil
	})
	return k, err
}

func (p *protoDecoder) annotation(b []byte, in *spanIn) error {
	var e trace.Event
	err := p.fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		switch {
		case num == 1 && typ == protowire.Fixed64Type:
			ts, _ := protowire.ConsumeFixed64(v)
			e.Time, _ = source.MicrosToNanos(micros(ts)) // out of range: an event at an unknown time
		case num == 2 && typ == protowire.BytesType:
			e.Name = string(v)
		}
		return nil
	})
	in.events = append(in.events, e)
	return err
}

func (p *protoDecoder) tag(b []byte, in *spanIn) error {
	var key, val string
	err := p.fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		if typ == protowire.BytesType && num == 1 {
			key = string(v)
		} else if typ == protowire.BytesType && num == 2 {
			val = string(v)
		}
		return nil
	})
	in.tags = append(in.tags, trace.Attr{Key: key, Value: trace.StringValue(val)})
	return err
}
