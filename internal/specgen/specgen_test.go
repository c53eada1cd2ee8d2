package specgen

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestValid: every document loads and validates with kin-openapi, defaults
// and examples included.
func TestValid(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		data := Generate(seed)
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(data)
		if err != nil {
			t.Errorf("seed %d: load: %v", seed, err)
			continue
		}
		if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
			t.Errorf("seed %d: %v\n%s", seed, err, data)
		}
		if doc.OpenAPI != "3.0.3" {
			t.Errorf("seed %d: openapi %q", seed, doc.OpenAPI)
		}
	}
}

// TestDeterministic: a seed always gives the same bytes; different seeds
// give different documents.
func TestDeterministic(t *testing.T) {
	for seed := int64(0); seed < 50; seed++ {
		a, b := Generate(seed), Generate(seed)
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: two runs differ", seed)
		}
		if !json.Valid(a) {
			t.Fatalf("seed %d: not JSON", seed)
		}
	}
	if bytes.Equal(Generate(1), Generate(2)) {
		t.Error("seeds 1 and 2 give the same document")
	}
}

// TestValid31: every translation to OpenAPI 3.1 loads and validates.
func TestValid31(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		data := To31(Generate(seed))
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Errorf("seed %d: load: %v", seed, err)
			continue
		}
		if err := doc.Validate(context.Background(), openapi3.EnableMultiError()); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
		if doc.OpenAPI != "3.1.0" || bytes.Contains(data, []byte(`"nullable"`)) {
			t.Errorf("seed %d: not a 3.1 document", seed)
		}
	}
}
