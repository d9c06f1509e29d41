package main

import (
	"fmt"
	"net"
	"strings"

	"github.com/tracetui/tracetui/source/receiver"
)

// listenAddr is one of the addresses listen binds, with the flag that
// sets it and whether the user named it (a default may step aside).
type listenAddr struct {
	name, flag string
	addr       *string
	named      bool
}

// offAddrs reads "off" in any case (--zipkin OFF) for every address flag.
func offAddrs(o *ListenOptions) {
	for _, p := range []*string{&o.GRPC, &o.Zipkin, &o.Datadog, &o.NewRelic} {
		if strings.EqualFold(strings.TrimSpace(*p), "off") {
			*p = "off"
		}
	}
}

// checkAddrClash finds two of listen's own addresses on one port before
// anything is bound, where the second would otherwise fail as if another
// program held it. Two addresses the user named are a usage error naming
// both flags; a default that meets a named address is left off, with a
// warning line (returned) saying which flag moves it.
func checkAddrClash(o *ListenOptions) (warnings []string, err error) {
	all := []listenAddr{
		{"OTLP/HTTP", "ADDR", &o.Addr, true},
		{"OTLP/gRPC", "--grpc", &o.GRPC, o.grpcNamed},
		{"Zipkin", "--zipkin", &o.Zipkin, o.zipkinNamed},
		{"Datadog", "--datadog", &o.Datadog, o.datadogNamed},
		{"New Relic", "--newrelic", &o.NewRelic, true},
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			if !samePort(*a.addr, *b.addr) {
				continue
			}
			switch {
			case a.named && b.named:
				return nil, usagef("%s %s and %s %s are the same address: give each its own port", a.flag, *a.addr, b.flag, *b.addr)
			case !b.named:
				warnings = append(warnings, fmt.Sprintf("%s not started: its default address %s is the one %s names (%s ADDR listens elsewhere)", b.name, *b.addr, a.flag, b.flag))
				*b.addr = "off"
			default:
				warnings = append(warnings, fmt.Sprintf("%s not started: its default address %s is the one %s names (%s ADDR listens elsewhere)", a.name, *a.addr, b.flag, a.flag))
				*a.addr = "off"
			}
		}
	}
	return warnings, nil
}

// samePort says two listen addresses would bind one port: the same
// port (not 0, which picks a free one) on the same host, or on every
// interface for either.
func samePort(x, y string) bool {
	if x == "off" || y == "off" || x == "" || y == "" {
		return false
	}
	hx, px, err1 := net.SplitHostPort(receiver.LocalAddr(x))
	hy, py, err2 := net.SplitHostPort(receiver.LocalAddr(y))
	if err1 != nil || err2 != nil || px != py || px == "0" {
		return false
	}
	norm := func(h string) string {
		if strings.EqualFold(h, "localhost") {
			return "127.0.0.1"
		}
		if ip := net.ParseIP(h); ip != nil {
			if ip.IsUnspecified() {
				return "*"
			}
			return ip.String()
		}
		return strings.ToLower(h)
	}
	hx, hy = norm(hx), norm(hy)
	return hx == hy || hx == "*" || hy == "*"
}
