//go:build unix

package parser_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Peak memory of one generation, for BenchmarkGeneration: the test binary
// runs itself again with only TestBenchPeakChild, which performs one
// operation (benchOps) on one spec and prints its own peak resident set size.
// Every operation pays the same floor (the Go runtime, the test binary, the
// spec's bytes), and each runs with the GC settings it has in use:
// kin-openapi at GOGC's default, gen.GenerateData at the 400 it sets.
//
// The child measures itself because the parent cannot: on Linux a child's
// ru_maxrss also counts the parent's resident set at the fork (Go starts
// children with CLONE_VM, and exec keeps the old memory's high-water mark),
// so it grows with the benchmarking process. The child reads VmHWM, the
// high-water mark of its own memory, where /proc has it, else its
// getrusage(RUSAGE_SELF).

const (
	peakOpEnv   = "GEN_BENCH_PEAK_OP"
	peakSpecEnv = "GEN_BENCH_PEAK_SPEC"
	peakPrefix  = "gen-bench-peak-rss-kib "
)

func init() { peakRSS = childPeakRSS }

func childPeakRSS(op, path string) (float64, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBenchPeakChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), peakOpEnv+"="+op, peakSpecEnv+"="+abs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v\n%s", err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if _, v, ok := strings.Cut(sc.Text(), peakPrefix); ok {
			kib, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return kib / 1024, err
		}
	}
	return 0, fmt.Errorf("the child reported no peak:\n%s", out)
}

// TestBenchPeakChild is the child process of the peak memory measurement;
// run otherwise, it skips.
func TestBenchPeakChild(t *testing.T) {
	op, path := os.Getenv(peakOpEnv), os.Getenv(peakSpecEnv)
	if op == "" {
		t.Skip("the child of BenchmarkGeneration's peak memory measurement only")
	}
	run, ok := benchOps[op]
	if !ok {
		t.Fatalf("unknown operation %q", op)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(filepath.Base(path), data); err != nil {
		t.Fatal(err)
	}
	kib, err := ownPeakKiB()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s%d\n", peakPrefix, kib)
}

// ownPeakKiB is this process's peak resident set size in KiB.
func ownPeakKiB() (int64, error) {
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(status)) {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, err
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024, nil // bytes there
	}
	return int64(ru.Maxrss), nil // KiB on Linux and the BSDs
}
