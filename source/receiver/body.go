package receiver

import (
	"bufio"
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

// body is a request's bytes after gunzip: chunks from the receiver's arena
// while it is read, one contiguous slice once a decoder needs one (a
// protobuf message) or when it came whole (gRPC).
type body struct {
	a      *arena
	chunks [][]byte // all full but the last
	n      int      // bytes in chunks
	flat   []byte   // the contiguous bytes, once made
	pooled bool     // flat came from the arena and goes back to it
	live   *atomic.Int64
}

// bytesBody is a body that is already one slice (a gRPC message).
func bytesBody(b []byte) *body { return &body{flat: b, n: len(b)} }

// readBody reads the body, gunzipping it, before the request takes an
// in-flight slot: a client that trickles its body holds no slot, only the
// chunks its bytes fill, until the server's ReadTimeout cuts it off. Memory
// grows a chunk at a time as bytes arrive, never by the Content-Length a
// client declares, and every chunk counts against one budget (MaxBuffered),
// so many clients sending big bodies at once are refused rather than
// buffered without bound. --max-body is enforced on the decompressed
// stream while reading (a zip bomb stops at the limit). The caller must
// release the body; decoders copy what they keep.
func (r *Receiver) readBody(req *http.Request) (*body, error) {
	r.receiving.Add(1)
	b := &body{a: r.arena, live: &r.receiving}
	var rd io.Reader = req.Body
	switch enc := strings.ToLower(req.Header.Get("Content-Encoding")); enc {
	case "", "identity":
	case "gzip":
		gz, err := newGunzip(req.Body)
		if err != nil {
			b.release()
			return nil, &inflateError{"gzip", err}
		}
		defer gz.done()
		rd = &inflating{"gzip", gz.zr}
	default:
		b.release()
		return nil, &encodingError{enc, "gzip"}
	}
	if err := b.readFrom(rd, r.cfg.MaxBody); err != nil {
		b.release()
		return nil, err
	}
	return b, nil
}

// readFrom fills chunks from rd until EOF; errTooLarge past limit bytes.
func (b *body) readFrom(rd io.Reader, limit int64) error {
	for {
		if int64(b.n) == limit {
			// Full to the limit: one byte more is too large, EOF is not.
			var probe [1]byte
			if n, err := io.ReadFull(rd, probe[:]); n > 0 {
				return errTooLarge
			} else if err != io.EOF {
				return err
			}
			return nil
		}
		last := len(b.chunks) - 1
		fill := b.n - last*b.a.size
		if last < 0 || fill == b.a.size {
			c, ok := b.a.chunk()
			if !ok {
				return errBuffersFull
			}
			b.chunks = append(b.chunks, c)
			last, fill = last+1, 0
		}
		room := min(int64(b.a.size-fill), limit-int64(b.n))
		n, err := rd.Read(b.chunks[last][fill : fill+int(room)])
		b.n += n
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Len is the body's size in bytes.
func (b *body) Len() int { return b.n }

// Reader reads the body without copying it whole.
func (b *body) Reader() io.Reader {
	if b.flat != nil {
		return bytes.NewReader(b.flat)
	}
	rs := make([]io.Reader, len(b.chunks))
	for k, c := range b.chunks {
		rs[k] = bytes.NewReader(c[:min(len(c), b.n-k*b.a.size)])
	}
	return io.MultiReader(rs...)
}

// Bytes is the body as one slice. A body of one chunk is that chunk; a
// longer one is copied into a buffer from the arena, counted against the
// budget as its chunks were (errBuffersFull when there is no room for
// it), and the chunks go back at once.
func (b *body) Bytes() ([]byte, error) {
	switch {
	case b.flat != nil:
		return b.flat, nil
	case len(b.chunks) == 0:
		return nil, nil
	case len(b.chunks) == 1:
		return b.chunks[0][:b.n], nil
	}
	flat, ok := b.a.flat(b.n)
	if !ok {
		return nil, errBuffersFull
	}
	for k, c := range b.chunks {
		copy(flat[k*b.a.size:], c)
	}
	b.a.put(b.chunks)
	b.chunks, b.flat, b.pooled = nil, flat, true
	return flat, nil
}

// release gives the body's memory back to the budget.
func (b *body) release() {
	if b.live != nil {
		b.live.Add(-1)
		b.live = nil
	}
	if b.a == nil {
		return
	}
	b.a.put(b.chunks)
	if b.pooled {
		b.a.putFlat(b.flat)
	}
	b.chunks, b.flat, b.pooled = nil, nil, false
}

// gunzip is a pooled gzip reader: its 32 KB window, Huffman tables and
// read buffer are the per-connection cost of a gzip body, which need not
// be garbage after every request.
type gunzip struct {
	src srcReader
	br  *bufio.Reader
	zr  *gzip.Reader
}

// srcReader lets a pooled gunzip forget the request it read, so the pool
// does not keep a finished connection's buffers alive.
type srcReader struct{ r io.Reader }

func (s *srcReader) Read(p []byte) (int, error) { return s.r.Read(p) }

var gunzips sync.Pool

func newGunzip(r io.Reader) (*gunzip, error) {
	gz, _ := gunzips.Get().(*gunzip)
	if gz == nil {
		gz = &gunzip{}
		gz.br = bufio.NewReader(&gz.src)
	}
	gz.src.r = r
	gz.br.Reset(&gz.src)
	var err error
	if gz.zr == nil {
		gz.zr, err = gzip.NewReader(gz.br)
	} else {
		err = gz.zr.Reset(gz.br)
	}
	if err != nil {
		gz.done()
		return nil, err
	}
	return gz, nil
}

func (gz *gunzip) done() {
	gz.src.r = nil
	gz.br.Reset(&gz.src)
	gunzips.Put(gz)
}

// encodingError is a Content-Encoding the intake does not take (415).
type encodingError struct{ enc, supported string }

func (e *encodingError) Error() string {
	return fmt.Sprintf("unsupported Content-Encoding %q, supported: %s", e.enc, e.supported)
}

// inflateError is a compressed body that does not decompress: the
// client's bytes are wrong, not the connection (400, said as such rather
// than a bare "unexpected EOF").
type inflateError struct {
	enc string
	err error
}

func (e *inflateError) Error() string { return fmt.Sprintf("invalid %s body: %v", e.enc, e.err) }
func (e *inflateError) Unwrap() error { return e.err }

// inflating tags a decompressor's errors as inflateErrors (a deadline
// from the connection underneath still reads as one, through Unwrap).
type inflating struct {
	enc string
	r   io.Reader
}

func (z *inflating) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		err = &inflateError{z.enc, err}
	}
	return n, err
}

// bodyError is the status and message for a body that could not be read.
func (r *Receiver) bodyError(err error) (int, string) {
	var encErr *encodingError
	var infErr *inflateError
	switch {
	case errors.As(err, &encErr):
		return http.StatusUnsupportedMediaType, "415 " + err.Error()
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes (--max-body)", r.cfg.MaxBody)
	case errors.Is(err, errBuffersFull):
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return http.StatusRequestTimeout, fmt.Sprintf("request not received within %s (--read-timeout)", r.cfg.ReadTimeout)
	case errors.As(err, &infErr):
		return http.StatusBadRequest, err.Error()
	}
	return http.StatusBadRequest, "cannot read body: " + err.Error()
}
