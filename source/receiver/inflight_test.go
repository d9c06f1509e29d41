package receiver

import (
	"testing"
	"time"
)

// A body still arriving is in flight (run's drain waits for it); once it
// is answered, nothing is, although its memory stays in the arena for the
// next request.
func TestInFlightWhileABodyArrives(t *testing.T) {
	r, _ := start(t, Config{ReadTimeout: time.Second})
	if r.InFlight() {
		t.Fatal("in flight before any request")
	}
	c := rawPOST(t, r.HTTPAddr(), 1000, []byte{0x0a})
	for deadline := time.Now().Add(5 * time.Second); !r.InFlight(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a body being received is not in flight")
		}
	}
	if _, _, err := answer(c, time.Now().Add(10*time.Second)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); r.InFlight(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("still in flight after the request was answered")
		}
	}
}
