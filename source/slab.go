package source

import "github.com/tracetui/tracetui/trace"

// AttrSlab hands out attribute slices carved from shared 4096-entry blocks,
// so decoding a span's attributes costs no allocation of its own.
type AttrSlab struct {
	block []trace.Attr
}

const slabSize = 4096

// Copy stores attrs in the slab and returns the stored slice (capacity
// clipped, so appending to it can never overwrite a neighbour).
func (s *AttrSlab) Copy(attrs []trace.Attr) []trace.Attr {
	n := len(attrs)
	if n == 0 {
		return nil
	}
	if n > slabSize/4 {
		return append([]trace.Attr(nil), attrs...)
	}
	if len(s.block)+n > cap(s.block) {
		s.block = make([]trace.Attr, 0, slabSize)
	}
	at := len(s.block)
	s.block = append(s.block, attrs...)
	return s.block[at : at+n : at+n]
}
