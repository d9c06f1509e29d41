package source

import (
	"bytes"
	"fmt"
	"io"
)

// ValueLimit fails a read once maxRun bytes pass with no unescaped double
// quote: every JSON string lies between two quotes and every other token
// between two strings, so no token a JSON decoder buffers whole can exceed
// maxRun. A gzip bomb of one endless string, or of padding, then costs
// maxRun bytes, not gigabytes. It hops from quote to quote with IndexByte,
// so it costs little next to decoding. Files (source/load) and store
// answers (source/remote) both read JSON through it.
type ValueLimit struct {
	r       io.Reader
	maxRun  int64
	run     int64 // bytes since the last unescaped quote
	slashes int   // backslashes ending the previous read, for a quote at the start of the next
	off     int64 // bytes read so far
	err     error // sticky: once over the limit, every read fails
}

// LimitValues reads r, failing with an error wrapping ErrValueTooBig once
// one JSON value (or the space between two) passes maxRun bytes.
func LimitValues(r io.Reader, maxRun int64) *ValueLimit {
	return &ValueLimit{r: r, maxRun: maxRun}
}

func (t *ValueLimit) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.r.Read(p)
	b := p[:n]
	if int64(n) > t.maxRun {
		t.scan(b)
	} else if f := t.unescaped(b, 0, t.slashes); f < 0 {
		t.run += int64(n)
		t.slashes = trailingSlashes(b, t.slashes, n)
	} else {
		// Runs between two quotes of this read are shorter than the read,
		// so only the run into the first quote and the one after the last
		// can pass the limit: two index lookups, not one per quote.
		t.run += int64(f)
		if t.run <= t.maxRun {
			t.run = int64(n - 1 - t.lastUnescaped(b, f))
			t.slashes = trailingSlashes(b, 0, n)
		}
	}
	if t.run > t.maxRun {
		at := t.off + int64(n) - t.run
		t.err = fmt.Errorf("%w: more than %d MB of JSON with no string boundary (one huge value, or padding) from byte %d",
			ErrValueTooBig, t.maxRun>>20, at)
		return 0, t.err
	}
	t.off += int64(n)
	return n, err
}

// unescaped is the index of the first unescaped quote in b at or after
// from, -1 if none; carried backslashes count for a quote at b's start.
func (t *ValueLimit) unescaped(b []byte, from, carried int) int {
	for from < len(b) {
		q := bytes.IndexByte(b[from:], '"')
		if q < 0 {
			return -1
		}
		q += from
		c := 0
		if from == 0 {
			c = carried
		}
		if trailingSlashes(b, c, q)%2 == 0 {
			return q
		}
		from = q + 1
	}
	return -1
}

// lastUnescaped is the index of the last unescaped quote in b, given that
// b[first] is one.
func (t *ValueLimit) lastUnescaped(b []byte, first int) int {
	for end := len(b); end > first; {
		q := bytes.LastIndexByte(b[first+1:end], '"')
		if q < 0 {
			break
		}
		q += first + 1
		if trailingSlashes(b[first+1:], 0, q-first-1)%2 == 0 {
			return q
		}
		end = q
	}
	return first
}

// scan is the quote-by-quote walk, for a read longer than the limit.
func (t *ValueLimit) scan(b []byte) {
	for len(b) > 0 && t.run <= t.maxRun {
		q := t.unescaped(b, 0, t.slashes)
		if q < 0 {
			t.run += int64(len(b))
			t.slashes = trailingSlashes(b, t.slashes, len(b))
			return
		}
		t.run += int64(q)
		if t.run > t.maxRun {
			return
		}
		t.run, t.slashes = 0, 0
		b = b[q+1:]
	}
}

// trailingSlashes counts the backslashes just before b[end], carrying
// those that ended the previous read when the run reaches b's start.
func trailingSlashes(b []byte, carried, end int) int {
	k := end
	for k > 0 && b[k-1] == '\\' {
		k--
	}
	if k == 0 {
		return carried + end
	}
	return end - k
}
