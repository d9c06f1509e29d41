package main

import "time"

// rateWindow is how far back the live rate looks. An app under test
// exports in bursts (a batch every few seconds by default), so a rate over
// the last second alone reads 0 most of the time while spans are arriving;
// five seconds spans the SDKs' default batch delay.
const rateWindow = 5 * time.Second

type rateSample struct {
	at    time.Time
	total int64
}

// rateMeter turns a running total into a rate over a sliding window, from
// the samples it is given (at every redraw and tick).
type rateMeter struct {
	window  time.Duration
	samples []rateSample // oldest first; the first is at or before the window's start
}

func newRateMeter(window time.Duration, start time.Time, total int64) *rateMeter {
	return &rateMeter{window: window, samples: []rateSample{{start, total}}}
}

// observe records total at time at and returns the rate per second over
// the window that ends then. The first second divides by one second, so
// a burst right after the start does not read as thousands per second.
func (m *rateMeter) observe(at time.Time, total int64) float64 {
	m.samples = append(m.samples, rateSample{at, total})
	from := at.Add(-m.window)
	// Keep one sample at or before the window's start: the total then.
	drop := 0
	for drop+1 < len(m.samples) && !m.samples[drop+1].at.After(from) {
		drop++
	}
	m.samples = m.samples[drop:]
	// The base may be a little older than the window's start (samples
	// come at least once a second): the spans counted since arrived after
	// it, so they are spread over the time since it.
	base := m.samples[0]
	elapsed := max(at.Sub(base.at), time.Second)
	return float64(total-base.total) / elapsed.Seconds()
}
