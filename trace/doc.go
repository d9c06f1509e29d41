// Package trace is tracetui's model of distributed traces and its analysis.
//
// It holds spans exactly as recorded (integer nanoseconds, IDs as bytes),
// builds span trees that survive broken data (orphans, cycles, duplicate IDs,
// clock skew) and computes self time, the critical path, the bottleneck and
// the failure point. It uses the standard library only: no I/O, no terminal.
package trace
