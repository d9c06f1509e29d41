// Command tracetui explores distributed traces in the terminal: an
// interactive waterfall (open), CI-friendly reports (print, list) and a
// local OTLP receiver.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], systemIO())) }
