package parser_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/gen"
	"github.com/oasgo/gen/internal/parser"
)

// benchSpecs are the inputs of the generation benchmarks; the upstream ones
// are skipped when ../shared/specs is absent.
var benchSpecs = []struct{ name, path string }{
	{"spec-vault", "../../spec/vault.yml"},
	{"vault", "../../../shared/specs/vault.yml"},
	{"accounting", "../../../shared/specs/accounting.yml"},
}

func readSpec(b *testing.B, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%s: %v (the upstream specs live in ../shared/specs)", path, err)
	}
	return data
}

// BenchmarkGeneration runs, per spec and in the same run, the baseline
// (kin-openapi v0.153.0 loading and validating with default loader options)
// beside gen's parse (parser.Load) and full generation in memory
// (gen.GenerateData: load, validate, lower, render and gofmt every file and
// page, exactly as the CLI does before writing). Compare with benchstat or by
// the ratio of the two ns/op.
func BenchmarkGeneration(b *testing.B) {
	for _, s := range benchSpecs {
		data := readSpec(b, s.path)
		name := filepath.Base(s.path)
		b.Run(s.name+"/kin-load-validate", func(b *testing.B) {
			for b.Loop() {
				loader := openapi3.NewLoader()
				doc, err := loader.LoadFromData(data)
				if err != nil {
					b.Fatal(err)
				}
				if err := doc.Validate(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.name+"/gen-parse", func(b *testing.B) {
			for b.Loop() {
				if _, err := parser.Load(name, data, parser.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.name+"/gen-full", func(b *testing.B) {
			for b.Loop() {
				if _, err := gen.GenerateData(data, gen.Config{Spec: name, Module: "openapi", Package: "sdk"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
