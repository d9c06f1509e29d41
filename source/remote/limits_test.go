package remote

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// endless answers 200 and then streams chunk until the client hangs up, or
// until stop bytes: the stop only keeps a regression from eating the
// machine, it is far above any limit a test sets.
func endless(t *testing.T, prefix, chunk string, stop int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, prefix)
		block := []byte(strings.Repeat(chunk, 64<<10/len(chunk)))
		for sent := int64(0); sent < stop; sent += int64(len(block)) {
			if _, err := w.Write(block); err != nil {
				return // the client stopped reading: what a fixed client does
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAnAnswerBeyondMaxResponseStopsWithTheStoreNamed(t *testing.T) {
	srv := endless(t, `{"data":"`, "a", 256<<20)
	c, _ := New("Jaeger", srv.URL, Options{MaxResponse: 1 << 20})
	resp, err := c.Get(context.Background(), "/api/traces/1", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	var tl *TooLargeError
	if !errors.As(err, &tl) || n > 1<<20 {
		t.Fatalf("read %d bytes, err %v; want at most 1 MiB and a TooLargeError", n, err)
	}
	want := "Jaeger at " + srv.URL + " sent more than 1MB for GET /api/traces/1"
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--max-response") {
		t.Errorf("error %q should say %q and name the flag", err, want)
	}
	// Whatever a decoder made of the cut-off bytes, the limit is the cause.
	if got := resp.DecodeError(c, errors.New("unexpected EOF")); !errors.As(got, &tl) {
		t.Errorf("DecodeError hides the limit: %v", got)
	}
}

// The timeout covers the whole answer: a store that sends headers and
// then trickles its body stops at --timeout, not never.
func TestTimeoutCoversTheWholeBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("["))
		for {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
				w.Write([]byte(" "))
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	c, _ := New("Zipkin", srv.URL, Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	resp, err := c.Get(context.Background(), "/api/v2/traces", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("reading took %s with a 300ms timeout", took)
	}
	want := "Zipkin at " + srv.URL + " did not finish its answer to GET /api/v2/traces within 300ms (raise --timeout)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// --header values, the token, --org-id and basic auth are for the store
// the user named: a redirect to another host must not carry them on.
func TestRedirectToAnotherHostDropsUserHeaders(t *testing.T) {
	var seen http.Header
	var sawBasic bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Clone()
		_, _, sawBasic = r.BasicAuth()
		w.Write([]byte("{}"))
	}))
	defer other.Close()
	var sameHost http.Header
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/api/traces/1", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "/here", http.StatusMovedPermanently)
		default:
			sameHost = r.Header.Clone()
			w.Write([]byte("{}"))
		}
	}))
	defer store.Close()
	opt := Options{Headers: []string{"X-Api-Key: k3y-s3cret", "X-Scope-OrgID: team-a"}, Token: "tok-s3cret"}
	c, _ := New("Tempo", strings.Replace(store.URL, "http://", "http://alice:pw-s3cret@", 1), opt)

	resp, err := c.Get(context.Background(), "/moved", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if sameHost.Get("X-Api-Key") != "k3y-s3cret" || sameHost.Get("X-Scope-OrgID") != "team-a" || sameHost.Get("Authorization") == "" {
		t.Errorf("a redirect on the same host should keep the headers, got %v", sameHost)
	}

	resp, err = c.Get(context.Background(), "/away", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if seen == nil {
		t.Fatal("the redirect was not followed")
	}
	for _, h := range []string{"X-Api-Key", "X-Scope-OrgID", "Authorization", "Cookie"} {
		if v := seen.Get(h); v != "" {
			t.Errorf("%s: %q reached another host after a redirect", h, v)
		}
	}
	if sawBasic {
		t.Error("basic auth reached another host after a redirect")
	}
}
