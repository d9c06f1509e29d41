package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
)

// limitedBody is a 2xx answer's body as the decoders see it: at most the
// client's MaxResponse bytes, and a read error that names the store and
// says what to change (--max-response, --timeout) rather than the
// transport's words. The first failure sticks, so a decoder that retries
// or skips ahead gets the same error and cannot read past the limit.
type limitedBody struct {
	r    io.Reader
	left int64 // bytes still allowed
	c    *Client
	path string
	ctx  context.Context // the request's, whose deadline covers the body
	err  error
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	// Ask for one byte more than allowed: an answer of exactly the limit
	// is fine, one byte beyond is not.
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	if errors.Is(err, source.ErrValueTooBig) {
		b.err = &ValueTooLargeError{Store: b.c.Kind, URL: b.c.String(), Path: b.path, Limit: b.c.value}
		return 0, b.err
	}
	if int64(n) > b.left {
		n = int(b.left)
		b.err = &TooLargeError{Store: b.c.Kind, URL: b.c.String(), Path: b.path, Limit: b.c.max}
		b.left = 0
		return n, b.err
	}
	b.left -= int64(n)
	if err != nil && err != io.EOF {
		b.err = b.c.bodyError(b.ctx, b.path, err)
		return n, b.err
	}
	return n, err
}

// Err is why the body stopped before its end: a *TooLargeError, the
// timeout, a broken connection; nil while it reads fine. Decoders may make
// something of a cut-off body (JSON lines skip a bad line), so adapters
// check it even when decoding succeeded; Decode does both.
func (r *Response) Err() error { return r.body.err }

// Decode runs decode over the body and returns Err, else decode's error
// as a DecodeError.
func (r *Response) Decode(c *Client, decode func(io.Reader) error) error {
	err := decode(r.Body)
	if r.body.err != nil {
		return r.body.err
	}
	if err != nil {
		return r.DecodeError(c, err)
	}
	return nil
}

// DecodeJSON unmarshals the body into v, streaming: encoding/json's
// Decoder first buffers the whole answer, doubling as it grows (a search
// answer cut at --max-response 256MB took 805 MB), where this holds one
// token at a time and skips unknown fields without keeping them. Names
// match in any case, as encoding/json's do; a repeated name or invalid
// UTF-8 is tolerated as there. (json/v1's options would buffer the whole
// value again.)
func (r *Response) DecodeJSON(c *Client, v any) error {
	return r.Decode(c, func(rd io.Reader) error { return json.UnmarshalRead(rd, v, jsonCompat) })
}

var jsonCompat = json.JoinOptions(json.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// TooLargeError is an answer cut off at --max-response.
type TooLargeError struct {
	Store, URL, Path string
	Limit            int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s at %s sent more than %s for GET %s; stopped reading (--max-response %s; raise it if a trace is really that big)",
		e.Store, e.URL, FormatBytes(e.Limit), e.Path, FormatBytes(e.Limit))
}

// ValueTooLargeError is an answer holding one JSON value (or padding)
// over --max-value: reading stopped there, at a fraction of --max-response.
type ValueTooLargeError struct {
	Store, URL, Path string
	Limit            int64
}

func (e *ValueTooLargeError) Error() string {
	return fmt.Sprintf("%s at %s sent more than %s of JSON with no string boundary (one huge value, or padding) for GET %s; stopped reading (--max-value %s; raise it if a value is really that big)",
		e.Store, e.URL, FormatBytes(e.Limit), e.Path, FormatBytes(e.Limit))
}

func (e *ValueTooLargeError) Unwrap() error { return source.ErrValueTooBig }

// bodyError says why an answer stopped half-way. The request's deadline
// covers the body too, so a store that trickles forever ends here.
func (c *Client) bodyError(ctx context.Context, path string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) || isTimeout(err) {
		return fmt.Errorf("%s at %s did not finish its answer to GET %s within %s (raise --timeout)", c.Kind, c.String(), path, c.timeout)
	}
	return fmt.Errorf("%s at %s broke off its answer to GET %s: %v", c.Kind, c.String(), path, err)
}

// FormatBytes writes a size the way --max-response takes it: "256MB",
// "1536KB", "100" (units of 1024, whole numbers only, so the text can be
// pasted back as the flag's value).
func FormatBytes(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d", n)
}

// checkRedirect follows redirects like Go's default (at most 10), but
// what the user gave for their store — --header values, the token,
// --org-id, user:password@ — goes only to that store's scheme and host. Go
// itself drops only Authorization and cookies, and keeps even those for a
// subdomain.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if sameOrigin(req.URL, via[0].URL) {
		return nil
	}
	for name := range c.headers {
		req.Header.Del(name)
	}
	req.Header.Del("Authorization") // basic auth from user:password@
	req.Header.Del("Cookie")
	req.URL.User = nil
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && a.Host == b.Host
}
