package parser

import (
	"os"
	"testing"

	"github.com/oasgo/gen/internal/model"
)

// BenchmarkStableNames lowers the largest spec afresh and given its own
// decisions (the steady state of regenerating into a folder), in the same
// run: what honouring the previous names costs.
func BenchmarkStableNames(b *testing.B) {
	const path = "../../../shared/specs/openai.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%s: %v (the upstream specs live in ../shared/specs)", path, err)
	}
	first, err := Load("openai.yaml", data, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		prev *model.Names
	}{{"fresh", nil}, {"honoured", first.Names}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load("openai.yaml", data, Options{Names: c.prev}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
