package remote

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// ErrNotFound is a store's "no such trace".
var ErrNotFound = errors.New("trace not found")

// ErrInvalid marks a mistake in what the caller asked for, found before
// anything was sent: a URL that is not http(s), a malformed header, a
// trace ID that is not one, a search the store cannot run as asked. The
// command line is wrong, not the store: the CLI exits with its usage code.
var ErrInvalid = errors.New("invalid request")

type invalidError struct{ err error }

func (e *invalidError) Error() string   { return e.err.Error() }
func (e *invalidError) Unwrap() []error { return []error{e.err, ErrInvalid} }

// Invalid marks err as ErrInvalid, its message unchanged.
func Invalid(err error) error { return &invalidError{err} }

// HTTPError is a non-2xx answer.
type HTTPError struct {
	Store, URL, Path string
	Status           int
	Body             []byte // the first 4 KiB, for adapters that read error bodies
}

func (e *HTTPError) Error() string {
	what := fmt.Sprintf("%s at %s answered %d %s to GET %s", e.Store, e.URL, e.Status, http.StatusText(e.Status), e.Path)
	switch e.Status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return what + ": it wants credentials; pass them with --header 'Authorization: …' (or set TRACETUI_TOKEN for a bearer token, or user:password@ in the URL)"
	}
	if s := Snippet(e.Body); s != "" {
		return what + ": " + s
	}
	return what
}

// Is makes errors.Is(err, ErrNotFound) true for a 404.
func (e *HTTPError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// NotFound is the error for a trace the store does not have.
func (c *Client) NotFound(id string) error {
	return fmt.Errorf("%s at %s has no trace %s: %w", c.Kind, c.String(), Snippet([]byte(id)), ErrNotFound)
}

// WrongBackend says the URL answers, but not like this kind of store.
func (c *Client) WrongBackend(detail, hint string) error {
	return fmt.Errorf("%s does not look like %s (%s); %s", c.String(), c.Kind, detail, hint)
}

// transportError turns a failed request into what the user needs to know.
func (c *Client) transportError(err error) error {
	var why string
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "connection refused (is it running, and is that the right port?)"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		why = fmt.Sprintf("no answer within %s (raise --timeout)", c.timeout)
	case errors.As(err, &dnsErr):
		why = "no such host " + dnsErr.Name
	case errors.As(err, &unknownCA):
		why = "its TLS certificate is signed by an unknown authority (pass the CA with --ca-file)"
	case errors.As(err, &hostErr):
		why = "its TLS certificate is for another host: " + hostErr.Error()
	case errors.Is(err, context.Canceled):
		why = "cancelled"
	default:
		why = err.Error()
		// url.Error repeats the method and URL (with any password): drop them.
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			why = ue.Unwrap().Error()
		}
	}
	return fmt.Errorf("cannot reach %s at %s: %s", c.Kind, c.String(), why)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// DecodeError says the body was not what this store sends, showing the
// start of what came instead; or, when the body was cut off, why (Err).
func (r *Response) DecodeError(c *Client, err error) error {
	if r.body.err != nil {
		return r.body.err // too big or too slow: what the decoder saw is a symptom
	}
	return fmt.Errorf("%s at %s sent something that is not a %s trace for GET %s (%v); it starts: %s",
		c.Kind, c.String(), c.Kind, r.Path, err, quoteSnippet(r.head.b))
}

// Snippet is up to 200 characters of an untrusted body, safe for a
// terminal: control characters and escapes become spaces or '?'.
func Snippet(b []byte) string {
	var sb strings.Builder
	n := 0
	for len(b) > 0 && n < headSize {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			sb.WriteByte('?')
		case r == '\n' || r == '\r' || r == '\t':
			sb.WriteByte(' ')
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf):
			sb.WriteByte('?')
		default:
			sb.WriteRune(r)
		}
		n++
	}
	s := strings.Join(strings.Fields(sb.String()), " ")
	if len(b) > 0 {
		s += "…"
	}
	return s
}

func quoteSnippet(b []byte) string {
	if s := Snippet(b); s != "" {
		return "«" + s + "»"
	}
	return "(an empty body)"
}
