package otlpjson

import (
	"bytes"
	"io"
)

// countingReader counts the bytes and newlines handed to the JSON decoder,
// so an offset can be turned into a line number without a second pass.
type countingReader struct {
	r   io.Reader
	n   int64
	nl  int
	eof bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.nl += bytes.Count(p[:n], newline)
	if err == io.EOF {
		c.eof = true
	}
	return n, err
}

var newline = []byte{'\n'}

// skipLine discards input up to and including the next newline.
func (c *countingReader) skipLine() bool {
	var b [4096]byte
	for {
		n, err := c.r.Read(b[:])
		if i := bytes.IndexByte(b[:n], '\n'); i >= 0 {
			c.n += int64(i + 1)
			c.nl++
			// The rest of this chunk belongs to the next line: replay it.
			c.r = io.MultiReader(bytes.NewReader(append([]byte(nil), b[i+1:n]...)), c.r)
			return true
		}
		c.n += int64(n)
		if err != nil {
			return false
		}
	}
}

// line is the 1-based line of absolute offset off: every newline delivered
// so far, minus those still waiting at or after off in the decoder's buffer
// or in replayed bytes.
func (d *decoder) line(off int64) int {
	nl := d.cr.nl
	unread := d.dec.UnreadBuffer()
	start := d.base + d.dec.InputOffset()
	rel := off - start
	switch {
	case rel < 0:
		nl -= bytes.Count(unread, newline)
	case rel <= int64(len(unread)):
		nl -= bytes.Count(unread[rel:], newline)
	}
	if d.replay != nil && d.replay.Len() > 0 {
		rest := make([]byte, d.replay.Len())
		d.replay.ReadAt(rest, d.replay.Size()-int64(len(rest)))
		nl -= bytes.Count(rest, newline)
	}
	if nl < 0 {
		nl = 0
	}
	return nl + 1
}

// resync restarts decoding at the line after absolute offset off, feeding
// the decoder's already-buffered bytes back in front of the rest of the input.
func (d *decoder) resync(off int64) bool {
	unread := d.dec.UnreadBuffer()
	start := d.base + d.dec.InputOffset()
	rel := max(0, min(off-start, int64(len(unread))))
	if i := bytes.IndexByte(unread[rel:], '\n'); i >= 0 {
		from := rel + int64(i) + 1
		rest := append([]byte(nil), unread[from:]...)
		if d.replay != nil && d.replay.Len() > 0 {
			more := make([]byte, d.replay.Len())
			d.replay.Read(more)
			rest = append(rest, more...)
		}
		d.replay = bytes.NewReader(rest)
		d.base = start + from
		d.dec.Reset(io.MultiReader(d.replay, d.cr), decoderOptions...)
		return true
	}
	// The error's line continues past what the decoder has buffered.
	if d.replay != nil && d.replay.Len() > 0 {
		rest := make([]byte, d.replay.Len())
		d.replay.Read(rest)
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			d.base = d.cr.n - int64(len(rest)) + int64(i) + 1
			d.replay = bytes.NewReader(rest[i+1:])
			d.dec.Reset(io.MultiReader(d.replay, d.cr), decoderOptions...)
			return true
		}
	}
	if !d.cr.skipLine() {
		return false
	}
	d.base = d.cr.n
	d.replay = nil
	d.dec.Reset(d.cr, decoderOptions...)
	return true
}
