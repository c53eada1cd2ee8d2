// Command benchratio reads the output of one or more runs of
// `go test -bench Generation` on its standard input, echoes it, and then
// prints per spec the medians over all the runs (and -count) of each
// operation and their ratios to kin-openapi's baseline: time (ns/op) and,
// where reported, peak memory (peak-RSS-MiB). It exits non-zero when a run
// failed or nothing was measured. `make bench` pipes into it.
//
// It reads the lines internal/parser's BenchmarkGeneration writes:
//
//	BenchmarkGeneration/<spec>/<op>[-procs]  N  <v> ns/op  <v> peak-RSS-MiB
//	baseline <spec>: <op> (<why>)
//	floor <spec>: <v> peak-RSS-MiB (...)
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

const (
	timeUnit = "ns/op"
	memUnit  = "peak-RSS-MiB"
)

type spec struct {
	name     string
	baseline string // the op named by the baseline line, else the kin-* op
	why      string
	floors   []float64                       // peak-RSS-MiB of a process doing nothing, per run
	floor    float64                         // their median, 0 unknown
	ops      []string                        // in order of appearance
	samples  map[string]map[string][]float64 // op -> unit -> values
}

var (
	procs        = regexp.MustCompile(`-\d+$`)
	baselineLine = regexp.MustCompile(`^baseline (\S+): (\S+) \((.*)\)$`)
	floorLine    = regexp.MustCompile(`^floor (\S+): (\S+) ` + memUnit)
)

func main() {
	specs, ok, err := read(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
	if len(specs) == 0 {
		fmt.Fprintln(os.Stderr, "benchratio: no benchmark results read")
		os.Exit(1)
	}
	report(os.Stdout, specs)
	if !ok {
		fmt.Fprintln(os.Stderr, "benchratio: the benchmark run failed")
		os.Exit(1)
	}
}

// read echoes r to echo line by line while collecting results; ok says a
// run ended in an "ok" line and none reported a failure.
func read(r io.Reader, echo io.Writer) (specs []*spec, ok bool, err error) {
	byName := map[string]*spec{}
	get := func(name string) *spec {
		s := byName[name]
		if s == nil {
			s = &spec{name: name, samples: map[string]map[string][]float64{}}
			byName[name] = s
			specs = append(specs, s)
		}
		return s
	}
	failed := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(echo, line)
		switch {
		case strings.HasPrefix(line, "ok ") || strings.HasPrefix(line, "ok\t"):
			ok = true
		case strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "panic:"):
			failed = true
		case baselineLine.MatchString(line):
			m := baselineLine.FindStringSubmatch(line)
			s := get(m[1])
			s.baseline, s.why = m[2], m[3]
		case floorLine.MatchString(line):
			m := floorLine.FindStringSubmatch(line)
			if v, err := strconv.ParseFloat(m[2], 64); err == nil {
				s := get(m[1])
				s.floors = append(s.floors, v)
			}
		case strings.HasPrefix(line, "Benchmark"):
			f := strings.Fields(line)
			parts := strings.Split(procs.ReplaceAllString(f[0], ""), "/")
			if len(f) < 4 || len(parts) < 3 {
				continue // a name alone (-v, or output printed mid-line)
			}
			s := get(strings.Join(parts[1:len(parts)-1], "/"))
			op := parts[len(parts)-1]
			if s.samples[op] == nil {
				s.samples[op] = map[string][]float64{}
				s.ops = append(s.ops, op)
			}
			for i := 2; i+1 < len(f); i += 2 {
				if v, err := strconv.ParseFloat(f[i], 64); err == nil {
					s.samples[op][f[i+1]] = append(s.samples[op][f[i+1]], v)
				}
			}
		}
	}
	specs = slices.DeleteFunc(specs, func(s *spec) bool { return len(s.ops) == 0 })
	for _, s := range specs {
		s.floor, _ = median(s.floors)
		if s.samples[s.baseline] == nil {
			s.baseline = ""
			for _, op := range s.ops {
				if strings.HasPrefix(op, "kin-") {
					s.baseline = op
					break
				}
			}
		}
	}
	return specs, ok && !failed, sc.Err()
}

func median(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	v = slices.Sorted(slices.Values(v))
	n := len(v)
	if n%2 == 1 {
		return v[n/2], true
	}
	return (v[n/2-1] + v[n/2]) / 2, true
}

func (s *spec) median(op, unit string) (float64, bool) { return median(s.samples[op][unit]) }

// gens are the ops compared with the baseline, in the order of s.ops.
func (s *spec) gens() []string {
	var out []string
	for _, op := range s.ops {
		if op != s.baseline {
			out = append(out, op)
		}
	}
	return out
}

func report(w io.Writer, specs []*spec) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Time: median ms/op over the runs; ratio = op / baseline (medians; make bench: kin-openapi)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "spec\tbaseline\truns\tbaseline ms\top\tms\tratio\t")
	for _, s := range specs {
		base, hasBase := s.median(s.baseline, timeUnit)
		for i, op := range s.gens() {
			v, ok := s.median(op, timeUnit)
			if !ok {
				continue
			}
			name, bl, runs, bms := "", "", "", ""
			if i == 0 {
				name, bl, runs = s.name, orDash(s.baseline), strconv.Itoa(len(s.samples[op][timeUnit]))
				if hasBase {
					bms = ms(base)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, bl, runs, bms, op, ms(v), ratio(v, base, hasBase))
		}
	}
	tw.Flush()

	hasMem := false
	for _, s := range specs {
		for _, op := range s.ops {
			hasMem = hasMem || len(s.samples[op][memUnit]) > 0
		}
	}
	if hasMem {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Peak memory: median peak RSS (MiB) of one run in a fresh process; floor = that process doing nothing;")
		fmt.Fprintln(w, "ratio = gen / baseline, and the same above the floor")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "spec\tfloor MiB\tbaseline MiB\top\tMiB\tratio\tabove floor\t")
		for _, s := range specs {
			base, hasBase := s.median(s.baseline, memUnit)
			for i, op := range s.gens() {
				v, ok := s.median(op, memUnit)
				if !ok {
					continue
				}
				name, floor, bmb := "", "", ""
				if i == 0 {
					name = s.name
					if s.floor > 0 {
						floor = fmt.Sprintf("%.1f", s.floor)
					}
					if hasBase {
						bmb = fmt.Sprintf("%.1f", base)
					}
				}
				above := "-"
				if s.floor > 0 && hasBase && base > s.floor {
					above = ratio(v-s.floor, base-s.floor, true)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.1f\t%s\t%s\t\n", name, floor, bmb, op, v, ratio(v, base, hasBase), above)
			}
		}
		tw.Flush()
	}

	for _, unit := range []string{"allocs/op", "B/op"} {
		has := false
		for _, s := range specs {
			for _, op := range s.ops {
				has = has || len(s.samples[op][unit]) > 0
			}
		}
		if !has {
			continue
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%s: median over the runs; ratio = op / baseline\n", unit)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "spec\tbaseline\tbaseline %s\top\t%s\tratio\t\n", unit, unit)
		for _, s := range specs {
			base, hasBase := s.median(s.baseline, unit)
			for i, op := range s.gens() {
				v, ok := s.median(op, unit)
				if !ok {
					continue
				}
				name, bl, bv := "", "", ""
				if i == 0 {
					name, bl = s.name, orDash(s.baseline)
					if hasBase {
						bv = fmt.Sprintf("%.0f", base)
					}
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.0f\t%s\t\n", name, bl, bv, op, v, ratio(v, base, hasBase))
			}
		}
		tw.Flush()
	}

	fmt.Fprintln(w)
	for _, s := range specs {
		if s.why != "" {
			fmt.Fprintf(w, "baseline of %s: %s: %s\n", s.name, s.baseline, s.why)
		}
	}
}

func ms(ns float64) string {
	if ns < 1e6 {
		return fmt.Sprintf("%.4f", ns/1e6) // a round trip: tens of µs
	}
	return fmt.Sprintf("%.2f", ns/1e6)
}

func ratio(v, base float64, ok bool) string {
	if !ok || base == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", v/base)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
