// Command perfrun takes issue 19's whole-command figures, which benchmarks
// cannot take in-process: wall, user and system time and peak RSS of
// `tracetui list` and `print` on generated files of 1M spans, and the
// explorer's first frame (through tmux). Not run by CI; run it on a quiet
// machine, one binary against another built from an older commit:
//
//	go build -o /tmp/tt-new ./cmd/tracetui
//	git stash; go build -o /tmp/tt-old ./cmd/tracetui; git stash pop
//	go run ./internal/cmd/perfrun -dir /tmp/perf19 /tmp/tt-old /tmp/tt-new
//
// Inputs are generated once into -dir and kept for the next run.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/internal/tracegen"
)

type input struct {
	name          string
	spans, traces int
}

var inputs = []input{
	{"t1m-1trace.jsonl", 1_000_000, 1},
	{"t1m-100ktraces.jsonl", 1_000_000, 100_000},
	{"t100k-1trace.jsonl", 100_000, 1},
}

func main() {
	dir := flag.String("dir", filepath.Join(os.TempDir(), "tracetui-perf"), "where the generated inputs are kept")
	runs := flag.Int("runs", 3, "runs of each command (the median is printed)")
	tmux := flag.Bool("tmux", true, "time the explorer's first frame in tmux")
	openOnly := flag.Bool("open-only", false, "time only the explorer's first frames")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: perfrun [-dir DIR] [-runs N] TRACETUI_BINARY...")
		os.Exit(2)
	}
	if err := generate(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "perfrun:", err)
		os.Exit(1)
	}
	out, _ := exec.Command("uptime").Output()
	fmt.Printf("load: %s", out)
	for _, bin := range flag.Args() {
		fmt.Printf("\n## %s\n", bin)
		if !*openOnly {
			for _, in := range inputs[:2] {
				report(bin, *runs, "list", filepath.Join(*dir, in.name))
			}
			report(bin, *runs, "print", filepath.Join(*dir, inputs[0].name))
		}
		if *tmux || *openOnly {
			for _, in := range inputs {
				frame(bin, *runs, filepath.Join(*dir, in.name))
			}
		}
	}
}

func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, in := range inputs {
		path := filepath.Join(dir, in.name)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		f, err := os.Create(path + ".tmp")
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		err = tracegen.WriteJSONLines(w, tracegen.Config{Spans: in.spans, Traces: in.traces, Seed: 1})
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			return err
		}
	}
	return nil
}

// report runs `bin cmd file` runs times, output discarded, and prints the
// median of each figure with peak RSS as a multiple of the file's size.
func report(bin string, runs int, cmd, file string) {
	st, err := os.Stat(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	var ms []usage
	for range runs {
		u, err := measure(exec.Command(bin, cmd, file))
		if err != nil {
			fmt.Printf("%s %s: %v\n", cmd, filepath.Base(file), err)
			return
		}
		ms = append(ms, u)
	}
	m := medians(ms)
	fmt.Printf("%-5s %-22s wall %6.2fs  user %6.2fs  sys %5.2fs  maxRSS %5d MB (%.2f× file)\n",
		cmd, filepath.Base(file), m.wall.Seconds(), m.user.Seconds(), m.sys.Seconds(), m.rss>>20, float64(m.rss)/float64(st.Size()))
}

var sessions int

// frame starts the explorer in a tmux pane and times how long until a
// span name ("operation N", tracegen's) is on screen, which happens only
// once the trace is loaded, analyzed and drawn.
func frame(bin string, runs int, file string) {
	if _, err := exec.LookPath("tmux"); err != nil {
		fmt.Println("open: tmux not installed")
		return
	}
	var ds, cpu []time.Duration
	for range runs {
		// A server of its own each time: one still exiting after
		// kill-server refuses a new session.
		sessions++
		sock := fmt.Sprintf("perfrun-%d-%d", os.Getpid(), sessions)
		t0 := time.Now()
		err := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "p", "-x", "200", "-y", "50",
			"TERM=xterm-256color "+bin+" open "+file+"; sleep 60").Run()
		if err != nil {
			fmt.Println("open: tmux:", err)
			return
		}
		var d time.Duration
		for time.Since(t0) < 120*time.Second {
			screen, _ := exec.Command("tmux", "-L", sock, "capture-pane", "-p", "-t", "p").Output()
			if strings.Contains(string(screen), "operation ") {
				d = time.Since(t0)
				cpu = append(cpu, paneCPU(sock))
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		exec.Command("tmux", "-L", sock, "kill-server").Run()
		if d == 0 {
			fmt.Println("open: no frame within 120 s")
			return
		}
		ds = append(ds, d)
	}
	fmt.Printf("open  %-22s first frame %6.2fs  user+sys %6.2fs\n", filepath.Base(file), median(ds).Seconds(), median(cpu).Seconds())
}

// paneCPU is the user+sys time so far of the processes the pane's shell
// started (the explorer), from /proc; 0 where there is none.
func paneCPU(sock string) time.Duration {
	out, err := exec.Command("tmux", "-L", sock, "list-panes", "-t", "p", "-F", "#{pane_pid}").Output()
	if err != nil {
		return 0
	}
	shell := strings.TrimSpace(string(out))
	kids, _ := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	var total time.Duration
	for _, pid := range strings.Fields(string(kids)) {
		stat, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command's closing parenthesis: utime and stime
		// are the 12th and 13th, in clock ticks (100 a second on Linux).
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 13 {
			continue
		}
		for _, x := range f[11:13] {
			n, _ := strconv.Atoi(x)
			total += time.Duration(n) * 10 * time.Millisecond
		}
	}
	return total
}
