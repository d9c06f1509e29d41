package main

import (
	"errors"
	"fmt"

	"github.com/tracetui/tracetui/source/receiver"
)

// intakeAddrs lists the Zipkin and Datadog intakes serving, for the
// "listening:" line and the live view's header.
func intakeAddrs(r *receiver.Receiver) string {
	s := ""
	if a := r.ZipkinAddr(); a != "" {
		s += ", Zipkin on http://" + a
	}
	if a := r.DatadogAddr(); a != "" {
		s += ", Datadog on http://" + a
	}
	return s
}

// warnSkipped says which default intake ports were taken (a real Zipkin
// or Datadog agent running) and the flag that moves them.
func warnSkipped(ios *IOStreams, r *receiver.Receiver) {
	for _, err := range r.Skipped() {
		var inUse *receiver.AddrInUseError
		if errors.As(err, &inUse) {
			flag := intakeFlag(inUse.Transport)
			fmt.Fprintf(ios.ErrOut, "tracetui: warning: %s intake not started: %v (%s ADDR listens elsewhere, %s off stops this warning)\n",
				inUse.Transport, err, flag, flag)
		}
	}
}

// intakeFlag is the flag that moves the named intake, "" for OTLP's.
func intakeFlag(transport string) string {
	return map[string]string{"Zipkin": "--zipkin", "Datadog": "--datadog"}[transport]
}
