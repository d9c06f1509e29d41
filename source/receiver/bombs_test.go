package receiver

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gzipBomb is prefix then n zero bytes, gzipped: a few KB on the wire that
// unpack to n.
func gzipBomb(prefix string, n int) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte(prefix))
	zeros := make([]byte, 1<<20)
	for k := 0; k < n; k += len(zeros) {
		zw.Write(zeros[:min(len(zeros), n-k)])
	}
	zw.Close()
	return b.Bytes()
}

// peakHeap samples the heap in use until stop is closed and returns the
// largest value seen.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return out
}

// Thirty gzip bombs at once (JSON and protobuf, each unpacking to 8 times
// --max-body) get 413 or 503, and the receiver's heap stays within the
// budget the README promises for bodies being received (4 × --max-body)
// plus a small amount per connection: not a multiple of it for buffer
// doubling, pooled buffers and garbage.
func TestConcurrentGzipBombsStayWithinTheBodyBudget(t *testing.T) {
	const maxBody = 8 << 20
	const bombs = 30
	r, _ := start(t, Config{MaxBody: maxBody})
	u := "http://" + r.HTTPAddr() + "/v1/traces"
	jsonBomb := gzipBomb(`{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":"`, 8*maxBody)
	protoBomb := gzipBomb("\x0a\x80\x80\x80\x18", 8*maxBody)
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: bombs, MaxIdleConnsPerHost: bombs}}
	defer client.CloseIdleConnections()

	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := make(chan struct{})
	peak := peakHeap(stop)
	var wg sync.WaitGroup
	var other atomic.Int32
	codes := make([]int, bombs)
	for i := range bombs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, ct := jsonBomb, ctJSON
			if i%2 == 1 {
				body, ct = protoBomb, ctProto
			}
			req, _ := http.NewRequest("POST", u, bytes.NewReader(body))
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Content-Encoding", "gzip")
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
			if resp.StatusCode != http.StatusRequestEntityTooLarge && resp.StatusCode != http.StatusServiceUnavailable {
				other.Add(1)
			}
		}()
	}
	wg.Wait()
	close(stop)
	got := <-peak - base.HeapInuse
	if other.Load() > 0 {
		t.Errorf("answers %v: a bomb must get 413 (over --max-body) or 503 (busy)", codes)
	}
	budget := uint64(4 * maxBody)
	if limit := budget + bombs*256<<10; got > limit {
		t.Errorf("heap in use rose by %d MiB for %d bombs; the budget for bodies is %d MiB (limit %d MiB)", got>>20, bombs, budget>>20, limit>>20)
	} else {
		t.Logf("heap in use rose by %d MiB for %d bombs (budget %d MiB)", got>>20, bombs, budget>>20)
	}
}
