package otlpproto

import (
	"encoding/binary"

	"google.golang.org/protobuf/encoding/protowire"
)

// Kind is what Sniff found.
type Kind uint8

const (
	NotProto Kind = iota
	Bare
	LengthPrefixed
)

// Sniff tells from the first bytes of an input (after decompression)
// whether it is a bare request, a length-prefixed stream or not protobuf.
// size is the whole input's size, or -1 when unknown.
//
// A bare request starts with field 1, length-delimited (byte 0x0a); a
// framed stream has that byte after its 4-byte length, whatever length it
// claims (an impossible claim is the decoder's error to report). Either way
// the bytes must also walk as protobuf fields, which text and random binary
// almost never do.
func Sniff(head []byte, size int64) Kind {
	if len(head) >= 2 && head[0] == 0x0a && walks(head) {
		return Bare
	}
	// A frame's length may claim more than the file holds or more than the
	// limit: that is for the decoder to report ("over the limit",
	// "truncated"), not a reason to call the file something else.
	if len(head) >= 5 && head[0] != 0x0a {
		n := int64(binary.BigEndian.Uint32(head))
		if n > 0 && head[4] == 0x0a && walks(head[4:min(int64(len(head)), 4+n)]) {
			return LengthPrefixed
		}
	}
	return NotProto
}

// walks reports whether b parses as top-level ResourceSpans fields (field
// 1, length-delimited) up to its end; a field cut off by the end of the
// sniffed head still counts.
func walks(b []byte) bool {
	fields := 0
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		if num != 1 || typ != protowire.BytesType {
			return false
		}
		b = b[n:]
		l, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return fields > 0 || len(b) < 10
		}
		b = b[n:]
		fields++
		if l > uint64(len(b)) {
			return inner(b)
		}
		if !inner(b[:l]) {
			return false
		}
		b = b[l:]
	}
	return fields > 0
}

// inner checks that a ResourceSpans body starts with plausible fields.
func inner(b []byte) bool {
	for k := 0; k < 4 && len(b) > 0; k++ {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 || num < 1 || num > 1000 || typ > protowire.Fixed32Type {
			return false
		}
		b = b[n:]
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return true // cut off by the end of the sniffed head
		}
		b = b[m:]
	}
	return true
}
