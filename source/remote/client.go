package remote

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/tracetui/tracetui/source"
)

// Options are the HTTP settings of every backend.
type Options struct {
	Headers []string      // "Name: value", from --header
	Token   string        // bearer token, from TRACETUI_TOKEN
	Timeout time.Duration // per request, body included; 0 means 10 s
	CAFile  string        // extra PEM roots, beside the system's
	// MaxResponse caps the bytes of one answer's body; 0 means
	// DefaultMaxResponse. A store (or something posing as one) that never
	// stops sending must not be able to take the machine's memory.
	MaxResponse int64
	// MaxValue caps one JSON value (a string, a number, the space between
	// two strings) in an answer, as --max-value does for files; 0 means
	// source.MaxValueBytes. Without it an endless string or padding is
	// read, and buffered whole by the decoder, up to MaxResponse.
	MaxValue int64
}

// DefaultMaxResponse is --max-response's default: well above a real
// trace or search answer (a 100,000-span trace is 76 MB of Jaeger's OTLP
// JSON, BENCHMARKS.md), well below what would hurt a laptop.
const DefaultMaxResponse = 256 << 20

// Client talks to one store at one base URL.
type Client struct {
	Kind    string // "Jaeger", "Tempo", "Zipkin": names the store in errors
	base    *url.URL
	http    *http.Client
	headers http.Header
	timeout time.Duration
	max     int64
	value   int64
}

// New checks the URL and options; nothing is sent yet.
func New(kind, rawURL string, opt Options) (*Client, error) {
	if !strings.Contains(rawURL, "://") {
		rawURL = "http://" + rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, Invalid(fmt.Errorf("%s URL %q is not an http(s) URL like http://localhost:16686", kind, redact(rawURL)))
	}
	c := &Client{Kind: kind, base: u, headers: http.Header{}, timeout: opt.Timeout, max: opt.MaxResponse, value: opt.MaxValue}
	if c.timeout <= 0 {
		c.timeout = 10 * time.Second
	}
	if c.max <= 0 {
		c.max = DefaultMaxResponse
	}
	if c.value <= 0 {
		c.value = source.MaxValueBytes
	}
	for _, h := range opt.Headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, Invalid(fmt.Errorf("--header %q: want 'Name: value'", headerName(h)))
		}
		c.headers.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	if opt.Token != "" && c.headers.Get("Authorization") == "" {
		c.headers.Set("Authorization", "Bearer "+opt.Token)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone() // proxies from the environment
	if opt.CAFile != "" {
		pem, err := os.ReadFile(opt.CAFile)
		if err != nil {
			return nil, fmt.Errorf("--ca-file: %v", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca-file %s: no PEM certificate in it", opt.CAFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c, nil
}

// headerName keeps only the name of a malformed --header: its value may be a secret.
func headerName(h string) string {
	if name, _, ok := strings.Cut(h, ":"); ok {
		return name + ": …"
	}
	if len(h) > 12 {
		return h[:4] + "…"
	}
	return h
}

// String is the base URL as errors show it: no user or password.
func (c *Client) String() string {
	u := *c.base
	u.User = nil
	return strings.TrimSuffix(u.String(), "/")
}

func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		u.User = nil
		return u.String()
	}
	return "…"
}

// Response is a 2xx answer whose body the caller decodes; Head keeps the
// first bytes read so a decode error can show what the server sent.
type Response struct {
	*http.Response
	Path string
	head *headBuffer
	body *limitedBody
	stop context.CancelFunc
}

// Close releases the body and the request's timer.
func (r *Response) Close() error {
	err := r.Body.Close()
	r.stop()
	return err
}

// Get sends GET base+path?query. A non-2xx answer is an *HTTPError
// (errors.Is(err, ErrNotFound) for 404); a transport failure is an error
// that names the store and says why.
func (c *Client) Get(ctx context.Context, path string, query url.Values, accept string) (*Response, error) {
	u := *c.base
	u.Path = strings.TrimSuffix(u.Path, "/") + path
	u.RawQuery = query.Encode()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, err
	}
	req.Header = c.headers.Clone()
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	req.Header.Set("User-Agent", "tracetui")
	resp, err := c.http.Do(req)
	if err != nil {
		cancel()
		return nil, c.transportError(err)
	}
	if resp.StatusCode/100 != 2 {
		defer cancel()
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return nil, &HTTPError{Store: c.Kind, URL: c.String(), Path: path, Status: resp.StatusCode, Body: body}
	}
	head := &headBuffer{}
	// Every answer tracetui decodes is JSON: the per-value bound of files
	// applies as it is read.
	body := &limitedBody{r: source.LimitValues(resp.Body, c.value), left: c.max, c: c, path: path, ctx: ctx}
	resp.Body = readCloser{io.TeeReader(body, head), resp.Body}
	return &Response{Response: resp, Path: path, head: head, body: body, stop: cancel}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// headBuffer keeps the first bytes that pass through it.
type headBuffer struct{ b []byte }

const headSize = 200

func (h *headBuffer) Write(p []byte) (int, error) {
	if n := headSize - len(h.b); n > 0 {
		h.b = append(h.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}
