package receiver

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawPOST opens a raw connection and sends a POST's headers, declaring
// length body bytes, then the first part of the body.
func rawPOST(t *testing.T, addr string, length int, first []byte) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST /v1/traces HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", addr, ctProto, length)
	go c.Write(first) // a big first part blocks until the receiver reads it
	return c
}

// answer reads the receiver's reply on a raw connection, waiting until
// deadline: a receiver that never answers a stalled client fails here.
func answer(c net.Conn, deadline time.Time) (int, string, error) {
	c.SetReadDeadline(deadline)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

// Clients that send their body a byte at a time hold no in-flight slot:
// while more of them trickle than there are slots, every well-behaved
// export gets its 200, and the tricklers get a 408 after --read-timeout.
func TestSlowClientsDoNotHoldTheReceiver(t *testing.T) {
	r, st := start(t, Config{MaxInFlight: 4, ReadTimeout: 2 * time.Second})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var slow []net.Conn
	for i := 0; i < 16; i++ {
		c := rawPOST(t, r.HTTPAddr(), 1000, []byte{0x0a})
		slow = append(slow, c)
		wg.Add(1)
		go func() { // one more byte every 100 ms, until the receiver hangs up
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
				if _, err := c.Write([]byte{0}); err != nil {
					return
				}
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()

	for k := byte(1); k <= 20; k++ {
		if code, _, body := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", ctProto, tree(k)); code != 200 {
			t.Fatalf("well-behaved export %d got %d %s while 16 clients trickle", k, code, body)
		}
	}
	if got := st.Stats().Received; got != 60 {
		t.Errorf("stored %d spans, want the 60 of the well-behaved exports", got)
	}
	deadline := time.Now().Add(20 * time.Second)
	for i, c := range slow {
		code, body, err := answer(c, deadline)
		if err != nil {
			t.Fatalf("trickling client %d: no answer: %v", i, err)
		}
		if code != http.StatusRequestTimeout || !strings.Contains(body, "--read-timeout") {
			t.Errorf("trickling client %d: %d %s, want 408 naming --read-timeout", i, code, body)
		}
	}
}

// A client that declares a body of --max-body bytes and sends one costs the
// receiver what it sent, not what it declared.
func TestDeclaredHugeBodiesAreNotAllocated(t *testing.T) {
	r, _ := start(t, Config{MaxBody: 32 << 20, ReadTimeout: time.Second})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var conns []net.Conn
	for i := 0; i < 16; i++ {
		conns = append(conns, rawPOST(t, r.HTTPAddr(), 32<<20, []byte{0x0a}))
	}
	// Every connection's answer comes from the handler reading its body:
	// whatever it allocated for them is counted by then.
	deadline := time.Now().Add(20 * time.Second)
	for i, c := range conns {
		if code, body, err := answer(c, deadline); err != nil || code != http.StatusRequestTimeout {
			t.Errorf("client %d declaring 32 MiB: %d %s %v, want 408", i, code, body, err)
		}
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("16 clients declaring 32 MiB and sending 1 byte made the receiver allocate %d MiB", got>>20)
	} else {
		t.Logf("allocated %d KiB for 16 clients declaring 32 MiB", got>>10)
	}
}

// Bodies being received share one memory budget (4 × --max-body here):
// clients sending big bodies that stall are refused with 503 past it
// instead of each holding up to --max-body, and the budget comes back.
func TestBodiesInProgressShareABudget(t *testing.T) {
	// The stalled clients must all have sent their bytes before the first
	// is cut off: small bodies and a generous timeout.
	const maxBody = 256 << 10
	r, _ := start(t, Config{MaxBody: maxBody, MaxBuffered: 4 * maxBody, ReadTimeout: 5 * time.Second})
	var conns []net.Conn
	for i := 0; i < 8; i++ { // each sends all but the last byte of --max-body, then stalls
		conns = append(conns, rawPOST(t, r.HTTPAddr(), maxBody, bytes.Repeat([]byte{0}, maxBody-1)))
	}
	codes := map[int]int{}
	deadline := time.Now().Add(20 * time.Second)
	for i, c := range conns {
		code, body, err := answer(c, deadline)
		if err != nil {
			t.Fatalf("client %d: no answer: %v", i, err)
		}
		codes[code]++
		if code == 503 && !strings.Contains(body, "busy") {
			t.Errorf("client %d: 503 %s, want it to say the receiver is busy", i, body)
		}
	}
	if codes[503] < 4 || codes[503]+codes[408] != 8 {
		t.Errorf("answers %v: want at least 4 of 8 stalled bodies of --max-body refused (503) at a budget of 4 × --max-body, the rest 408", codes)
	}
	t.Logf("answers: %v", codes)
	if code, _, body := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", ctProto, tree(1)); code != 200 {
		t.Errorf("after the stalled clients: %d %s, want the budget back", code, body)
	}
}
