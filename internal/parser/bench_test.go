package parser_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/parser"
)

// benchSpecs are the inputs of the generation benchmarks; an upstream one is
// skipped, saying so, when ../shared/specs does not hold it.
var benchSpecs = []struct{ name, path string }{
	{"spec-vault", "../../spec/vault.yml"},
	{"vault", "../../../shared/specs/vault.yml"},
	{"accounting", "../../../shared/specs/accounting.yml"},
	{"openai", "../../../shared/specs/openai.yaml"},
}

// benchOps are what the benchmarks time (and, once per run, measure the peak
// memory of, in a child process: peakmem_test.go), by the name each reports:
//
//   - kin-load-validate: kin-openapi v0.153.0 loading with NewLoader's
//     defaults, then doc.Validate with no options. Validate itself adds
//     IsOpenAPI31OrLater() (and IsOpenAPI32OrLater()) for a 3.1 (3.2)
//     document, so a 3.1 spec is checked as kin checks it by default.
//   - kin-load: kin-openapi's load alone, the baseline of a spec that
//     Validate refuses (see kinBaseline).
//   - gen-parse: parser.Load (load, validate, lower).
//   - gen-full: gen.GenerateData, exactly what the CLI does before writing:
//     load, validate, lower, render and gofmt every file and page.
//   - none: nothing (not timed): the floor of the peak memory measurement.
var benchOps = map[string]func(name string, data []byte) error{
	"kin-load":          func(_ string, data []byte) error { _, err := kinLoad(data); return err },
	"kin-load-validate": kinLoadValidate,
	"gen-parse": func(name string, data []byte) error {
		_, err := parser.Load(name, data, parser.Options{})
		return err
	},
	"gen-full": func(name string, data []byte) error {
		_, err := gen.GenerateData(data, gen.Config{Spec: name, Module: "openapi", Package: "sdk"})
		return err
	},
	"none": func(string, []byte) error { return nil },
}

func kinLoad(data []byte) (*openapi3.T, error) {
	return openapi3.NewLoader().LoadFromData(data)
}

func kinLoadValidate(_ string, data []byte) error {
	doc, err := kinLoad(data)
	if err != nil {
		return err
	}
	return doc.Validate(context.Background())
}

// kinBaseline decides the baseline of a spec: kin-load-validate when kin's
// default Validate accepts the spec; else kin-load, with the reason.
//
// kin-openapi's Validate refuses openai.yaml, and no ValidationOption makes it
// pass: besides $recursiveRef beside other keywords (which
// AllowExtraSiblingFields lets through, as it does the misspelled
// max_items/min_items/optional), it refuses unconditionally a boolean
// exclusiveMinimum in a 3.1 document and a property listed twice in required,
// shapes gen repairs with a warning (lenient.go). A refusing Validate stops
// at its first error, so timing it would time an early exit; the fair
// baseline is then kin's load alone, which is also the measure issue 8 names
// ("within 2x of kin-openapi's own load"). It does less than gen, which
// validates too: the ratio errs against gen. The reason printed shows what
// still fails with every relaxing option (kinLenientErrors).
func kinBaseline(data []byte) (op, reason string) {
	doc, err := kinLoad(data)
	if err == nil {
		err = doc.Validate(context.Background())
	}
	if err == nil {
		return "kin-load-validate", "kin-openapi loads and validates the spec with default options"
	}
	if doc == nil {
		return "kin-load", "kin-openapi cannot load the spec: " + clip(err.Error())
	}
	left := kinLenientErrors(doc)
	if len(left) == 0 {
		// Not met by any spec here; time it with those options if it is.
		return "kin-load", "kin-openapi's default Validate refuses the spec (it passes only with relaxing options): " + clip(err.Error())
	}
	kinds := slices.Compact(slices.Sorted(slices.Values(left)))
	return "kin-load", fmt.Sprintf("kin-openapi's Validate refuses the spec, with every relaxing option too: %d errors, of %d kinds: %s",
		len(left), len(kinds), clip(strings.Join(kinds[:min(3, len(kinds))], "; ")))
}

// kinLenientErrors validates doc with every option that relaxes kin's
// checks (examples, defaults, patterns and formats unchecked, each extra
// sibling field it reports allowed) and returns what it still refuses, the
// innermost message of each error.
func kinLenientErrors(doc *openapi3.T) []string {
	opts := []openapi3.ValidationOption{
		openapi3.EnableMultiError(),
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.DisableSchemaFormatValidation(),
	}
	siblings := map[string]bool{}
	for {
		var left []string
		added := false
		var me openapi3.MultiError
		if err := doc.Validate(context.Background(), opts...); !errors.As(err, &me) {
			if err != nil {
				me = openapi3.MultiError{err}
			}
		}
		for _, e := range me {
			var sib *openapi3.ExtraSiblingFieldsError
			if errors.As(e, &sib) {
				for _, f := range sib.Fields {
					if !siblings[f] {
						siblings[f], added = true, true
						opts = append(opts, openapi3.AllowExtraSiblingFields(f))
					}
				}
				continue
			}
			msg := e.Error()
			if i := strings.LastIndex(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
			left = append(left, msg)
		}
		if !added {
			return left
		}
	}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// BenchmarkGeneration runs, per spec and in the same run, kin-openapi's
// baseline (kinBaseline) beside gen's parse and full generation in memory
// (benchOps). Each result also carries peak-RSS-MiB: the peak resident memory
// of one run of the same operation in a fresh process (peakmem_test.go), so
// gen's figure has kin's beside it. `make bench` runs it in rounds and
// prints the medians and the ratios to the baseline (internal/benchratio).
func BenchmarkGeneration(b *testing.B) {
	for _, s := range benchSpecs {
		b.Run(s.name, func(b *testing.B) {
			data, err := os.ReadFile(s.path)
			if err != nil {
				b.Skipf("%s: %v (the upstream specs live in ../shared/specs)", s.path, err)
			}
			name := filepath.Base(s.path)
			baseline, reason := kinBaseline(data)
			// Once per spec (sub-benchmarks repeat -count times, their parent
			// does not); internal/benchratio reads this line.
			fmt.Printf("baseline %s: %s (%s)\n", s.name, baseline, reason)
			if peakRSS != nil {
				floor, err := peakRSS("none", s.path)
				if err != nil {
					b.Fatalf("peak memory floor: %v", err)
				}
				fmt.Printf("floor %s: %.2f peak-RSS-MiB (the same process reading the spec, no operation)\n", s.name, floor)
			}
			for _, op := range []string{baseline, "gen-parse", "gen-full"} {
				run := benchOps[op]
				b.Run(op, func(b *testing.B) {
					var peakMiB float64
					if peakRSS != nil {
						var err error
						if peakMiB, err = peakRSS(op, s.path); err != nil {
							b.Fatalf("peak memory of %s: %v", op, err)
						}
					}
					for b.Loop() {
						if err := run(name, data); err != nil {
							b.Fatal(err)
						}
					}
					// After the loop: its first call clears reported metrics.
					if peakRSS != nil {
						b.ReportMetric(peakMiB, "peak-RSS-MiB")
					}
				})
			}
		})
	}
}

// peakRSS, where the platform reports it (peakmem_test.go), runs op once on
// the spec at path in a fresh process and returns that process's peak
// resident set size in MiB.
var peakRSS func(op, path string) (float64, error)
