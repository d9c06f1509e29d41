// Command ingestload measures a trace receiver's CPU per span, which an
// in-process benchmark cannot: the client's marshalling and HTTP stack
// would count too. It starts each target as a child process on free ports
// (or uses one already running), sends it pre-encoded OTLP requests of
// 1,000 spans over a few keep-alive connections, waits until every request
// is answered and the process's CPU settles, and prints the receiver's
// user+sys CPU (from /proc/PID/stat) per span. Not run by CI:
//
//	go build -o /tmp/tt-new ./cmd/tracetui
//	go run ./internal/cmd/ingestload -n 400 /tmp/tt-old /tmp/tt-new
//	go run ./internal/cmd/ingestload jaeger=$(go env GOPATH)/bin/jaeger /tmp/tt-new
//
// A target is a tracetui binary (run as `listen --headless`, reports held
// back by a long --trace-timeout so only the intake is measured), or
// jaeger=BINARY (Jaeger v2 with its default all-in-one configuration, OTLP
// on 127.0.0.1:4317 and :4318), or pid=PID,http=HOST:PORT,grpc=HOST:PORT
// for any receiver already running.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 400, "requests of 1,000 spans per transport and run")
	warm := flag.Int("warm", 40, "requests sent first and not measured")
	conns := flag.Int("conns", 4, "keep-alive connections (one sender each)")
	runs := flag.Int("runs", 2, "runs; the targets alternate within each run")
	transports := flag.String("transports", "http-proto,http-json,grpc", "comma-separated: http-proto, http-json, grpc")
	saveDir := flag.String("save", "", "run tracetui targets with --save DIR/TARGET-TRANSPORT.jsonl (use -conns 1 to compare files)")
	execCmd := flag.String("exec", "", "instead of the tool's own requests, run this shell command as the load ($GRPC and $HTTP hold the target's addresses), e.g. telemetrygen")
	execSpans := flag.Int("exec-spans", 0, "spans the -exec command sends")
	flag.Parse()
	if *execCmd != "" {
		*transports = "exec"
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: ingestload [-n N] [-conns C] [-runs R] TARGET...")
		os.Exit(2)
	}
	out, _ := exec.Command("uptime").Output()
	fmt.Printf("load: %s", out)
	loads := map[string]*load{}
	for _, tr := range strings.Split(*transports, ",") {
		if tr == "exec" {
			loads[tr] = &load{transport: tr, exec: *execCmd, execSpans: *execSpans}
			continue
		}
		l, err := newLoad(tr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ingestload:", err)
			os.Exit(2)
		}
		loads[tr] = l
	}
	results := map[string][]float64{}
	var keys []string
	for run := 1; run <= *runs; run++ {
		for _, tr := range strings.Split(*transports, ",") {
			for _, t := range flag.Args() {
				res, err := measure(t, loads[tr], *warm, *n, *conns, *saveDir, run)
				if err != nil {
					fmt.Fprintf(os.Stderr, "ingestload: %s %s: %v\n", t, tr, err)
					os.Exit(1)
				}
				fmt.Printf("run %d  %-10s %-40s %s\n", run, tr, t, res)
				key := tr + "  " + t
				if results[key] == nil {
					keys = append(keys, key)
				}
				results[key] = append(results[key], res.perCPUSecond())
			}
		}
	}
	out, _ = exec.Command("uptime").Output()
	fmt.Printf("load: %s\nspans per CPU-second of the receiver (each run):\n", out)
	sort.Strings(keys)
	for _, k := range keys {
		var s []string
		for _, v := range results[k] {
			s = append(s, fmt.Sprintf("%.0fk", v/1e3))
		}
		fmt.Printf("  %-52s %s\n", k, strings.Join(s, " "))
	}
}

// result is one measured run against one target.
type result struct {
	spans           int
	wall            time.Duration
	answered, total time.Duration // receiver CPU when the last answer came, and once settled
}

func (r result) perCPUSecond() float64 { return float64(r.spans) / r.total.Seconds() }

func (r result) String() string {
	return fmt.Sprintf("%7d spans  wall %6.2fs  cpu %6.2fs (%.2fs when answered)  %5.2f µs/span  %4.0fk spans/CPU-s",
		r.spans, r.wall.Seconds(), r.total.Seconds(), r.answered.Seconds(),
		r.total.Seconds()*1e6/float64(r.spans), r.perCPUSecond()/1e3)
}
