package receiver

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

var (
	errTooLarge = errors.New("request body too large")
	// errBuffersFull: the bodies being received together hold MaxBuffered.
	errBuffersFull = errors.New("receiver busy: request bodies being received hold all the memory allowed for them, retry later")
)

// readBody reads the body, gunzipping it, before the request takes an
// in-flight slot: a client that trickles its body holds no slot, only the
// bytes it sent, until the server's ReadTimeout cuts it off. The buffer
// grows as bytes arrive, never by the Content-Length a client declares, and
// every request's bytes count against one budget (MaxBuffered), so many
// clients sending big bodies at once are refused rather than buffered
// without bound. --max-body is enforced on the decompressed stream while
// reading (a zip bomb stops at the limit). The bytes live in a pooled
// buffer until release: decoders copy what they keep.
func (r *Receiver) readBody(req *http.Request) (body []byte, release func(), err error) {
	held := &heldReader{r: req.Body, budget: &r.buffered, max: r.cfg.MaxBuffered}
	buf, _ := bodies.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	release = func() {
		r.buffered.Add(-held.n)
		if buf.Cap() <= maxPooledBody {
			buf.Reset()
			bodies.Put(buf)
		}
	}
	var rd io.Reader = held
	switch enc := strings.ToLower(req.Header.Get("Content-Encoding")); enc {
	case "", "identity":
	case "gzip":
		// Counted after gunzip too: the buffer holds decompressed bytes.
		zr, err := gzip.NewReader(req.Body)
		if err != nil {
			release()
			return nil, nil, err
		}
		defer zr.Close()
		held.r = zr
	default:
		release()
		return nil, nil, fmt.Errorf("unsupported Content-Encoding %q (gzip is)", enc)
	}
	if _, err := buf.ReadFrom(io.LimitReader(rd, r.cfg.MaxBody+1)); err != nil {
		release()
		return nil, nil, err
	}
	if int64(buf.Len()) > r.cfg.MaxBody {
		release()
		return nil, nil, errTooLarge
	}
	return buf.Bytes(), release, nil
}

// heldReader counts the bytes a request has read against the receiver's
// budget for bodies in memory, failing once the budget is spent.
type heldReader struct {
	r      io.Reader
	budget *atomic.Int64
	max    int64
	n      int64 // added to budget; given back on release
}

func (h *heldReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.n += int64(n)
	if h.budget.Add(int64(n)) > h.max {
		return n, errBuffersFull
	}
	return n, err
}

// bodyError is the status and message for a body that could not be read.
func (r *Receiver) bodyError(err error) (int, string) {
	switch {
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes (--max-body)", r.cfg.MaxBody)
	case errors.Is(err, errBuffersFull):
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return http.StatusRequestTimeout, fmt.Sprintf("request not received within %s (--read-timeout)", r.cfg.ReadTimeout)
	}
	return http.StatusBadRequest, "cannot read body: " + err.Error()
}

// bodies recycles request buffers; one over maxPooledBody (a rare huge
// export) is left to the collector rather than kept for ever.
var bodies sync.Pool

const maxPooledBody = 4 << 20
